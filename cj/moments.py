"""Stages and moments of truth (METHODS §4.2; seeds 002 and 004): which moment each touchpoint belongs to,
and the touchpoint metrics rolled up per stage, moment, channel or owner.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cj import columns as C
from cj.metrics import emotion_curve
from cj.stats import mean_interval
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


def rollup(journey, by: str, metrics: pd.DataFrame | None = None) -> list[dict]:
    """Touchpoint ratings pooled per stage / moment / channel / owner: n, mean 0–100 with t interval,
    bottom and top box, worst touchpoint. ``by`` is a touchpoints column or 'moment' (derived); pass the
    journey's ``touchpoint_metrics`` when they are at hand so they are not computed again."""
    from cj.metrics import touchpoint_metrics

    table = journey.touchpoints.assign(moment=assign_moments(journey.touchpoints))
    groups = table.set_index(C.TOUCHPOINT)[by]
    ratings = journey.ratings.assign(_group=journey.ratings[C.TOUCHPOINT].astype(object).map(groups))
    metrics = (touchpoint_metrics(journey) if metrics is None else metrics).set_index(C.TOUCHPOINT)
    respondents = max(int(journey.respondents[C.RESPONDENT].nunique()), 1)
    out = []
    for name in pd.unique(groups.dropna()):
        part = ratings[ratings["_group"] == name]
        interval = mean_interval(part[C.SCORE].to_numpy(float))
        members = [t for t in groups.index if groups[t] == name]
        scored = metrics.loc[members, "mean_0_100"].dropna()
        out.append({by: name, "n": int(len(part)), "reach": part[C.RESPONDENT].nunique() / respondents,
                    "mean_0_100": interval.estimate, "ci_low": interval.low, "ci_high": interval.high,
                    "pct_negative": _pooled(metrics, members, "pct_negative"),
                    "pct_positive": _pooled(metrics, members, "pct_positive"),
                    "touchpoints": members, "worst_touchpoint": scored.idxmin() if len(scored) else None})
    return out


def _pooled(metrics: pd.DataFrame, members: list[str], column: str) -> float:
    """A per-touchpoint percentage pooled over a group, weighted by each touchpoint's ratings."""
    counts = metrics.loc[members, "n"]
    return float((metrics.loc[members, column].fillna(0) * counts).sum() / max(counts.sum(), 1))


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
