"""Stages and moments of truth (METHODS §4.2; seeds 002 and 004): which moment each touchpoint belongs to,
and the touchpoint metrics rolled up per stage, moment, channel or owner.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cj import columns as C
from cj.metrics import emotion_curve
from cj.stats import t_quantile, welch_p
from cj.text import fold

# First matching row wins, in this order (METHODS §4.2). Whole-word, accent-insensitive.
MOMENT_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Stimulus", ("trigger", "awareness", "discover", "discovery", "inspiration", "ad", "ads", "descubrimiento",
                  "conocimiento", "inspiracion", "necesidad", "publicidad", "captacion")),
    ("ZMOT", ("research", "search", "consideration", "evaluation", "compare", "quote", "busqueda", "investigacion",
              "consideracion", "evaluacion", "comparacion", "cotizacion", "interes", "interest")),
    ("FMOT", ("purchase", "buy", "booking", "checkout", "sign-up", "signup", "contract", "payment", "compra",
              "reserva", "pago", "contratacion", "alta", "suscripcion")),
    ("SMOT", ("onboarding", "delivery", "installation", "use", "usage", "service", "support", "billing", "claims",
              "check-in", "in-flight", "arrival", "stay", "entrega", "instalacion", "uso", "servicio", "atencion",
              "soporte", "facturacion", "reclamacion", "postventa", "estancia", "post-stay", "post-purchase",
              "after-sales", "posventa")),
    ("SMOT", ("retention", "renewal", "loyalty", "repurchase", "retencion", "renovacion", "fidelizacion", "recompra")),
    ("UMOT", ("advocacy", "review", "referral", "share", "recommend", "recomendacion", "resena", "opinion", "referido",
              "compartir")),
)
MOMENTS = ("Stimulus", "ZMOT", "FMOT", "SMOT", "UMOT")


def moment_of(name: object) -> str | None:
    """The moment a stage (or touchpoint) name points to by its words, or None.

    >>> moment_of("Compra"), moment_of("Post-stay"), moment_of("Consideración"), moment_of("Otra cosa")
    ('FMOT', 'SMOT', 'ZMOT', None)
    """
    if not isinstance(name, str) or not name.strip():
        return None
    words = set(re.split(r"[^\w-]+", fold(name, keep_enye=False)))
    for moment, keywords in MOMENT_KEYWORDS:
        if words & set(keywords):
            return moment
    return None


def assign_moments(touchpoints: pd.DataFrame) -> pd.Series:
    """The moment of each touchpoint: its own 'moment' column if given, else its stage's words, else its own
    name's words, else by position (before the first purchase stage ZMOT, after it SMOT)."""
    given = touchpoints[C.MOMENT].map(lambda m: _given_moment(m)) if C.MOMENT in touchpoints else None
    by_stage = touchpoints[C.STAGE].map(moment_of) if C.STAGE in touchpoints else pd.Series(None, index=touchpoints.index)
    by_name = touchpoints[C.TOUCHPOINT].map(moment_of)
    moment = by_stage.where(by_stage.notna(), by_name)
    if given is not None:
        moment = given.where(given.notna(), moment)
    purchase = np.flatnonzero((moment == "FMOT").to_numpy())
    first_purchase = purchase[0] if len(purchase) else len(moment)
    position = pd.Series(np.where(np.arange(len(moment)) < first_purchase, "ZMOT", "SMOT"), index=moment.index)
    return moment.where(moment.notna(), position)


def _given_moment(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = fold(value, keep_enye=False).upper().replace(" ", "")
    return next((m for m in MOMENTS if m.upper() == text), moment_of(value))


def rating_sums(journey) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count, sum and sum of squares of the 0–100 ratings per touchpoint, and per touchpoint and wave: every
    roll-up (stage, moment, lens, channel, owner) is exact from these, without going back to the rows."""
    ratings = journey.ratings
    score = ratings[C.SCORE].to_numpy(float)
    frame = pd.DataFrame({"t": pd.Categorical(ratings[C.TOUCHPOINT]), "w": pd.Categorical(ratings[C.WAVE]),
                          "s": score, "ss": score * score, "n": 1})  # grouped on category codes, not on strings
    per_touchpoint = frame.groupby("t", observed=True)[["n", "s", "ss"]].sum()
    per_touchpoint.index = per_touchpoint.index.astype(str)
    per_wave = frame.dropna(subset=["w"]).groupby(["t", "w"], observed=True)[["n", "s", "ss"]].sum()
    per_wave.index = pd.MultiIndex.from_arrays([per_wave.index.get_level_values(0).astype(str),
                                                per_wave.index.get_level_values(1).astype(str)])
    return per_touchpoint, per_wave


def _pooled_interval(n: float, s: float, ss: float) -> tuple[float, float, float]:
    """Mean and Student-t 95 % interval from count, sum and sum of squares (the same as ``mean_interval``)."""
    if n < 1:
        return np.nan, np.nan, np.nan
    mean = s / n
    if n < 2:
        return mean, np.nan, np.nan
    sd = np.sqrt(max(ss - s * s / n, 0.0) / (n - 1))
    half = t_quantile(0.975, n - 1) * sd / np.sqrt(n)
    return mean, mean - half, mean + half


def rollup(journey, by: str, metrics: pd.DataFrame | None = None, *, groups: dict[str, list[str]] | None = None,
           sums: tuple[pd.DataFrame, pd.DataFrame] | None = None, reach_matrix: pd.DataFrame | None = None,
           waves: list[str] | None = None) -> list[dict]:
    """Touchpoint ratings pooled per stage / moment / channel / owner / lens stage: n, reach, mean 0–100 with
    t interval (cut to 0–100), bottom and top box, worst touchpoint, and the change between the last two waves
    (Welch test, Holm-adjusted over the groups; significant with ≥ 30 ratings each side; the change itself NaN
    below 30 ratings in either wave, with ``trend_n`` the smaller wave's ratings, so no page shows it).

    ``by`` is a touchpoints column or 'moment' (derived), or, with ``groups`` (name → touchpoints, which may
    overlap), just the name of the key. Pass the journey's ``touchpoint_metrics``, ``rating_sums``, the
    respondents × touchpoints matrix (``DriverInputs.raw``) and ``wave_order`` when they are at hand so they are
    not built again.
    """
    from cj.drivers import driver_inputs
    from cj.metrics import touchpoint_metrics
    from cj.trends import MIN_N, holm, wave_order

    if groups is None:
        table = journey.touchpoints.assign(moment=assign_moments(journey.touchpoints))
        column = table.set_index(table[C.TOUCHPOINT].astype(str))[by]
        groups = {}
        for name, group in column.dropna().items():
            groups.setdefault(group, []).append(name)
    metrics = touchpoint_metrics(journey) if metrics is None else metrics
    per_touchpoint, per_wave = rating_sums(journey) if sums is None else sums
    rated_frame = (driver_inputs(journey).raw if reach_matrix is None else reach_matrix).notna()
    rated, rated_at = rated_frame.to_numpy(), {str(c): i for i, c in enumerate(rated_frame.columns)}
    respondents = max(len(rated), 1)
    waves = wave_order(journey) if waves is None else waves
    before, after = (waves[-2], waves[-1]) if len(waves) >= 2 else (None, None)
    # every per-touchpoint number as an array in one order, so each group is a few numpy sums (METHODS: exact)
    names = [str(t) for t in metrics[C.TOUCHPOINT]]
    at = {name: i for i, name in enumerate(names)}
    sums_of = per_touchpoint.reindex(names).fillna(0).to_numpy(float)
    wave_sums = {w: per_wave.reindex(pd.MultiIndex.from_arrays([names, [w] * len(names)])).fillna(0).to_numpy(float)
                 for w in (before, after) if w is not None}
    counts, means = metrics["n"].to_numpy(float), metrics["mean_0_100"].to_numpy(float)
    negative, positive = (np.nan_to_num(metrics[c].to_numpy(float)) for c in ("pct_negative", "pct_positive"))
    out = []
    for name, members in groups.items():
        idx = np.array([at[m] for m in members if m in at], dtype=int)
        n, s_, ss = sums_of[idx].sum(axis=0) if len(idx) else (0.0, 0.0, 0.0)
        mean, low, high = _pooled_interval(n, s_, ss)
        low, high = (float(v) for v in np.clip([low, high], 0, 100))  # within 0–100; NaN stays NaN
        cols = [rated_at[m] for m in members if m in rated_at]
        scored = idx[~np.isnan(means[idx])]
        enough = scored[counts[scored] >= MIN_N]
        pool = enough if len(enough) else scored
        weight = max(counts[idx].sum(), 1)
        row = {by: name, "n": int(n), "reach": float(rated[:, cols].any(axis=1).sum() / respondents) if cols else 0.0,
               "mean_0_100": mean, "ci_low": low, "ci_high": high,
               "pct_negative": float((negative[idx] * counts[idx]).sum() / weight),
               "pct_positive": float((positive[idx] * counts[idx]).sum() / weight),
               "touchpoints": list(members), "worst_touchpoint": names[pool[np.argmin(means[pool])]] if len(pool) else None,
               "wave_from": before, "wave_to": after, "trend": np.nan, "trend_n": 0, "p_value": np.nan,
               "enough": False}
        if before is not None:
            a, b = (dict(zip(("n", "s", "ss"), wave_sums[w][idx].sum(axis=0))) for w in (before, after))
            (ma, *_), (mb, *_) = _pooled_interval(a["n"], a["s"], a["ss"]), _pooled_interval(b["n"], b["s"], b["ss"])
            enough = min(a["n"], b["n"]) >= MIN_N  # a change on fewer ratings in a wave is left unsaid (NaN)
            row.update(trend=mb - ma if enough else np.nan, trend_n=int(min(a["n"], b["n"])), p_value=_welch_p(a, b),
                       enough=enough)
        out.append(row)
    adjusted = holm(np.array([r["p_value"] for r in out], dtype=float))
    for row, p in zip(out, adjusted):
        row["p_holm"] = p
        row["significant"] = bool(row.pop("enough") and p < 0.05)
    return out


def _welch_p(a, b) -> float:
    """Welch's two-sided p-value from the two groups' counts, sums and sums of squares."""
    if min(a["n"], b["n"]) < 2:
        return np.nan
    va = max(a["ss"] - a["s"] ** 2 / a["n"], 0.0) / (a["n"] - 1)
    vb = max(b["ss"] - b["s"] ** 2 / b["n"], 0.0) / (b["n"] - 1)
    return welch_p(b["s"] / b["n"], vb, b["n"], a["s"] / a["n"], va, a["n"])


MOT_SHARE = 1.5       # a moment of truth holds at least 1.5 / p of the impact (METHODS §4.4, a design value)
MAGIC_VALENCE = 0.3   # valence at or above this: a magic moment


def data_driven_moments(metrics: pd.DataFrame, drivers: dict) -> pd.DataFrame:
    """Touchpoints whose signed impact share is at least 1.5/p (p = touchpoints in the driver analysis), with
    their valence v = top-2-box − bottom-2-box share and a kind (METHODS §4.4): 'pain_point' (v < 0 or the
    trough of the curve), 'magic_moment' (v ≥ 0.3 or the peak), else 'critical'.

    Four touchpoints: the bar is 1.5/4 = 0.375 of R²; A (v = .70 − .05) and B (v = .40 − .20) clear it.

    >>> m = pd.DataFrame({"touchpoint": list("ABCD"), "n": 100, "mean_0_100": 50.0, "ci_low": 40.0, "ci_high": 60.0,
    ...                   "valence": [0.65, 0.2, -0.3, 0.0], "small_n": "", "moment": ["ZMOT", "FMOT", "SMOT", "UMOT"]})
    >>> d = {"available": True, "items": [{"touchpoint": t, "importance": s, "direction": "positive"}
    ...                                   for t, s in (("A", 45.0), ("B", 40.0), ("C", 10.0), ("D", 5.0))]}
    >>> data_driven_moments(m, d)[["touchpoint", "share", "valence", "kind"]].round(2).values.tolist()
    [['A', 0.45, 0.65, 'magic_moment'], ['B', 0.4, 0.2, 'critical']]
    """
    columns = [C.TOUCHPOINT, "share", "threshold", "valence", "kind", C.MOMENT]
    items = drivers.get("items", []) if drivers.get("available") else []
    if not items:
        return pd.DataFrame(columns=columns)
    threshold = MOT_SHARE / len(items)
    by_name = metrics.set_index(C.TOUCHPOINT)
    valence = by_name["valence"]
    curve = emotion_curve(metrics)
    peak, trough = curve["peak"], curve["trough"]
    moments = by_name[C.MOMENT] if C.MOMENT in by_name else pd.Series(dtype=object)
    rows = []
    for item in items:
        share = item["importance"] / 100 * (1 if item["direction"] == "positive" else -1)
        if share < threshold:
            continue
        name, v = item["touchpoint"], float(valence.get(item["touchpoint"], np.nan))
        kind = ("pain_point" if v < 0 or name == trough else "magic_moment" if v >= MAGIC_VALENCE or name == peak
                else "critical")
        rows.append({C.TOUCHPOINT: name, "share": share, "threshold": threshold, "valence": v, "kind": kind,
                     C.MOMENT: moments.get(name)})
    return pd.DataFrame(rows, columns=columns)


def lens_rollups(journey, metrics: pd.DataFrame, *, lang: str = "en", peak_end: tuple = (), **known) -> dict:
    """Every lens of ``cj.lenses`` rolled up: {lens: {label, stages: [roll-up rows with ``stage`` (id) and
    ``label``]}}; the user's own stages first when the sheet has them. ``known`` passes ``sums`` and
    ``reach_matrix`` on to ``rollup``."""
    from cj.lenses import LENS_ORDER, assign_phases, lens_groups, lens_label, stage_label

    table = journey.touchpoints
    if "phase" in metrics:  # the analysis has them already
        phases = metrics["phase"].set_axis(table.index)
    else:
        phases = assign_phases(table, metrics[C.MOMENT] if C.MOMENT in metrics else assign_moments(table))
    out = {}
    for lens in LENS_ORDER:
        groups = lens_groups(table, phases, lens, peak_end=peak_end)
        if not groups:
            continue
        rows = rollup(journey, "stage", metrics, groups=groups, **known)
        for row in rows:
            row["label"] = stage_label(lens, row["stage"], lang)
        out[lens] = {"label": lens_label(lens, lang), "stages": rows}
    return out
