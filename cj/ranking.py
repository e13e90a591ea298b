"""The ranked list of what to fix first: impact from named components, effort, quadrant, priority, rank,
stability and a one-sentence explanation in Spanish and English (SPEC ``priorities``).

Works on per-touchpoint aggregates (metrics + drivers), so a weight or effort change re-scores instantly.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cj import columns as C
from cj.metrics import SMALL_N_HIDDEN
from cj.priority import MOMENT_WEIGHTS, Weights, effort_0_1, quadrants, rank_stability, ranks_of, value, value_array

QUADRANT_ORDER = {"quick_win": 0, "major_project": 1, "fill_in": 2, "thankless": 3}
_NAMES = {
    "quick_win": ("quick win", "quick win"), "major_project": ("major project", "proyecto mayor"),
    "fill_in": ("fill-in", "relleno"), "thankless": ("thankless task", "tarea ingrata"),
}


def components(metrics: pd.DataFrame, drivers: dict, touchpoints: pd.DataFrame,
               moment_weights: dict[str, float] | None = None, theme_negative: dict[str, float] | None = None
               ) -> pd.DataFrame:
    """Per touchpoint: share (signed RW share, 0–1), performance (0–100), reach, severity, key to the business
    (0–1), moment weight, effort on [0, 1] and where it came from. Without drivers, every touchpoint gets the
    same importance (said elsewhere).

    Severity is the bottom-two-box share of ratings; where comment themes are known for the touchpoint
    (``theme_negative``: share of its comments in negative themes, from ``cj.feedback``) it is the mean of the two.
    """
    frame = metrics.set_index(C.TOUCHPOINT)[["mean_0_100", "reach", "pct_negative", "n"]]
    frame = frame.rename(columns={"mean_0_100": "performance"})
    frame["bottom_box"] = frame.pop("pct_negative") / 100
    frame["theme_negative"] = [float((theme_negative or {}).get(str(t), np.nan)) for t in frame.index]
    frame["severity"] = blended_severity(frame["bottom_box"].to_numpy(float), frame["theme_negative"].to_numpy(float))
    shares = {i["touchpoint"]: (i["importance"] if i["direction"] == "positive" else -i["importance"]) / 100
              for i in drivers.get("items", [])}
    frame["share"] = [shares.get(t, 0.0) for t in frame.index] if drivers.get("available") else 1.0
    table = touchpoints.set_index(C.TOUCHPOINT)
    key = table[C.KEY].astype(float).reindex(frame.index)
    frame["key"] = (key / key.max() if key.max() > 1 else key).clip(0, 1).fillna(0.0)
    weights = MOMENT_WEIGHTS | (moment_weights or {})
    moments = metrics.set_index(C.TOUCHPOINT)[C.MOMENT] if C.MOMENT in metrics else pd.Series(index=frame.index)
    frame["moment_weight"] = [float(weights.get(str(m), 1.0)) for m in moments.reindex(frame.index)]
    units = table[C.EFFORT_UNIT].dropna()
    unit = "days" if (units == "days").any() else "scale_1_5"
    effort = effort_0_1(table[C.EFFORT].astype(float), unit).reindex(frame.index)
    frame["effort_source"] = np.where(effort.notna(), "touchpoints sheet", "default")
    frame["effort01"] = effort.fillna(0.5)
    return frame[frame["n"] >= SMALL_N_HIDDEN]  # insufficient base, hidden from ranking (METHODS §3.4)


def blended_severity(bottom_box: np.ndarray, theme_negative: np.ndarray) -> np.ndarray:
    """The mean of the bottom-box share and the negative-theme share where the latter is known.

    >>> blended_severity(np.array([0.2, 0.2]), np.array([0.6, np.nan])).tolist()
    [0.4, 0.2]
    """
    return np.where(np.isnan(theme_negative), bottom_box, (bottom_box + theme_negative) / 2)


def score_priorities(parts: pd.DataFrame, weights: Weights | None = None) -> pd.DataFrame:
    """Impact 0–100, effort 0–100, quadrant, priority and rank (1 = fix first), from the components."""
    out = parts.copy()
    out["impact"] = value(out, weights or Weights())
    out["effort"] = 100 * out["effort01"]
    names = quadrants(out["impact"], out["effort01"])
    defaulted = out["effort_source"] == "default"  # an unknown effort is never counted as low
    names = names.where(~defaulted, np.where(names == "quick_win", "major_project",
                                             np.where(names == "fill_in", "thankless", names)))
    out["quadrant"] = names
    out["priority"] = out["impact"] * (1.5 - out["effort01"]) / 1.5
    out["rank"] = out["priority"].rank(ascending=False, method="first").astype(int)
    return out.sort_values("rank")


def priorities(parts: pd.DataFrame, weights: Weights | None = None, lang: str = "en",
               boot: dict[str, np.ndarray] | None = None) -> list[dict]:
    """The SPEC's ``priorities`` list, with rank stability over the 81 weightings (and over bootstrap
    resamples of respondents when ``boot`` holds them) and explanations."""
    scored = score_priorities(parts, weights)
    top, taus = rank_stability(parts) if len(parts) >= 2 else (pd.Series(1.0, index=parts.index), {"k": 1})
    sampled = bootstrap_top_k(parts, boot, taus["k"], weights) if boot else pd.Series(np.nan, index=parts.index)
    return [{"touchpoint": str(t), "impact": round(float(r["impact"]), 2), "effort": round(float(r["effort"]), 2),
             "effort_source": r["effort_source"], "quadrant": r["quadrant"], "priority": round(float(r["priority"]), 2),
             "rank": int(r["rank"]), "stability": round(float(top[t]), 3),
             "stability_bootstrap": None if np.isnan(sampled[t]) else round(float(sampled[t]), 3), "top_k": taus["k"],
             "flag": "no positive impact" if r["share"] < 0 else "",
             "explanation": explain(str(t), r, taus["k"], float(top[t]), lang),
             "components": {"importance": round(100 * float(r["share"]), 2), "performance": round(float(r["performance"]), 2),
                            "gap": round(100 - float(r["performance"]), 2), "reach": round(float(r["reach"]), 3),
                            "severity": round(float(r["severity"]), 3),
                            "theme_negative": None if pd.isna(r.get("theme_negative", np.nan))
                            else round(float(r["theme_negative"]), 3), "key": round(float(r.get("key", 0.0)), 3),
                            "moment_weight": round(float(r.get("moment_weight", 1.0)), 3)}}
            for t, r in scored.iterrows()]


def bootstrap_top_k(parts: pd.DataFrame, boot: dict[str, np.ndarray], k: int, weights: Weights | None = None) -> pd.Series:
    """P(rank ≤ k) over bootstrap replicates of share, performance, reach and severity (columns in
    ``boot["touchpoints"]`` order); key, moment weight and effort are the company's and stay fixed."""
    idx = [boot["touchpoints"].index(t) for t in parts.index]
    severity = boot["severity"][:, idx]
    if "theme_negative" in parts:  # the comments' part of severity is not resampled
        severity = blended_severity(severity, parts["theme_negative"].to_numpy(float)[None, :])
    values = value_array(boot["share"][:, idx], boot["performance"][:, idx], boot["reach"][:, idx], severity, weights,
                         key=parts["key"].to_numpy(float) if "key" in parts else None,
                         moment=parts["moment_weight"].to_numpy(float) if "moment_weight" in parts else None)
    good = np.isfinite(values).all(axis=1)
    ranks = ranks_of(values[good])
    return pd.Series((ranks <= k).mean(axis=0) if good.any() else np.nan, index=parts.index)


def explain(name: str, row: pd.Series, k: int, stable: float, lang: str = "en") -> str:
    """One sentence naming the components that put the touchpoint where it is."""
    quadrant = _NAMES[row["quadrant"]][1 if lang == "es" else 0]
    share, gap = 100 * row["share"], 100 - row["performance"]
    reach, severity = 100 * row["reach"], 100 * row.get("bottom_box", row["severity"])
    themes = row.get("theme_negative", np.nan)
    themes = "" if pd.isna(themes) else (f", {100 * themes:.0f} % de comentarios en temas negativos" if lang == "es"
                                         else f", {100 * themes:.0f}% of comments in negative themes")
    effort = "esfuerzo por defecto" if row["effort_source"] == "default" and lang == "es" else \
        "default effort" if row["effort_source"] == "default" else \
        f"esfuerzo {row['effort']:.0f}/100" if lang == "es" else f"effort {row['effort']:.0f}/100"
    if row["share"] < 0:  # a negative relation with the outcome is never ranked as a driver
        return (f"{name}: sin impacto positivo en el resultado (revise la codificación); no se prioriza." if lang == "es"
                else f"{name}: no positive impact on the outcome (check the coding); not prioritised.")
    key = row.get("key", 0.0) > 0
    if lang == "es":
        return (f"{name}: {quadrant} — impacto {row['impact']:.0f}/100 ({share:.0f} % del R², {gap:.0f} puntos "
                f"por debajo del máximo, usado por el {reach:.0f} %, {severity:.0f} % de valoraciones negativas{themes}"
                f"{', clave para el negocio' if key else ''}), "
                f"{effort}; entre los {k} primeros en el {100 * stable:.0f} % de las ponderaciones.")
    return (f"{name}: {quadrant} — impact {row['impact']:.0f}/100 ({share:.0f}% of R², {gap:.0f} points below "
            f"the top, used by {reach:.0f}%, {severity:.0f}% negative ratings{themes}"
            f"{', key to the business' if key else ''}), "
            f"{effort}; top {k} in "
            f"{100 * stable:.0f}% of weightings.")


def with_efforts(parts: pd.DataFrame, efforts: dict[str, float] | None) -> pd.DataFrame:
    """The components with the user's efforts (0–100) in place of the sheet's or the default; source 'user'.

    >>> parts = pd.DataFrame({"effort01": [0.5, 0.25], "effort_source": ["default", "touchpoints sheet"]},
    ...                      index=["Web", "Pago"])
    >>> with_efforts(parts, {"Web": 10})[["effort01", "effort_source"]].values.tolist()
    [[0.1, 'user'], [0.25, 'touchpoints sheet']]
    """
    out = parts.copy()
    for name, effort in (efforts or {}).items():
        if name in out.index and effort is not None and effort == effort:
            out.loc[name, "effort01"] = min(max(float(effort), 0.0), 100.0) / 100
            out.loc[name, "effort_source"] = "user"
    return out


def rescore(parts: pd.DataFrame, *, efforts: dict[str, float] | None = None, weights: Weights | None = None,
            lang: str = "en", boot: dict[str, np.ndarray] | None = None) -> list[dict]:
    """The SPEC's ``priorities`` again after the user changed efforts or weights: aggregates only, no responses."""
    return priorities(with_efforts(parts, efforts), weights, lang, boot) if len(parts) else []
