"""Touchpoint metrics (SPEC "Outputs of the engine"; METHODS §3): n, reach, means raw and 0–100 with a
t interval, bottom and top box with Wilson intervals, internal perception and target gaps, small-n flags.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cj import columns as C
from cj.intake import Journey
from cj.scales import scale_of_label
from cj.stats import mean_interval, wilson_interval

SMALL_N_HIDDEN = 30      # n < 30: insufficient base, hidden from ranking (METHODS §3.4)
SMALL_N_INDICATIVE = 100  # 30 ≤ n < 100: low base, indicative
METRIC_COLUMNS = [C.TOUCHPOINT, C.STAGE, C.ORDER, C.CHANNEL, C.OWNER, C.MOMENT, "n", "reach", "mean", "mean_0_100",
                  "ci_low", "ci_high", "pct_negative", "pct_positive", "pct_negative_low", "pct_negative_high",
                  "pct_positive_low", "pct_positive_high", C.INTERNAL_SCORE, "perception_gap",
                  "target_gap", "small_n", "valence"]


def small_n_flag(n: int) -> str:
    """'hidden' below 30 ratings, 'indicative' below 100, '' otherwise."""
    return "hidden" if n < SMALL_N_HIDDEN else "indicative" if n < SMALL_N_INDICATIVE else ""


def box_shares(raw: np.ndarray, scale_label: str) -> tuple[float, float]:
    """Bottom-2-box and top-2-box shares on the touchpoint's own scale (e.g. {1, 2} and {4, 5} on 1–5).

    >>> box_shares(np.array([1, 2, 3, 4, 5, 5.0]), "1–5")
    (0.333..., 0.5)
    """
    scale = scale_of_label(scale_label)
    if raw.size == 0 or scale is None:
        return float("nan"), float("nan")
    return float(np.mean(raw <= scale.low + 1)), float(np.mean(raw >= scale.high - 1))


def touchpoint_metrics(journey: Journey) -> pd.DataFrame:
    """One row per touchpoint in journey order with the SPEC's metric fields (means on 0–100 but ``mean``),
    and Wilson 95 % intervals on the bottom- and top-box percentages.

    ``perception_gap`` = internal score − customers' score and ``target_gap`` = target − customers' score,
    both on 0–100: positive means the company (or its goal) is above what customers say.
    """
    ratings = journey.ratings
    respondents = max(int(journey.respondents[C.RESPONDENT].nunique()), 1)
    rows = [_one(tp, ratings[ratings[C.TOUCHPOINT] == tp[C.TOUCHPOINT]], respondents)
            for tp in journey.touchpoints.to_dict("records")]
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


def _one(tp: dict, ratings: pd.DataFrame, respondents: int) -> dict:
    raw = ratings[C.SCORE_RAW].to_numpy(dtype=float)
    pomp = ratings[C.SCORE].to_numpy(dtype=float)
    label = str(ratings[C.SCALE].iloc[0]) if len(ratings) else ""
    interval = mean_interval(pomp)
    negative, positive = box_shares(raw, label)
    target = _target_0_100(tp.get(C.TARGET), label)
    n = int(len(ratings))
    low_box, top_box = (wilson_interval(int(round(share * n)), n) if n and share == share else None
                        for share in (negative, positive))
    return {**{k: tp.get(k) for k in (C.TOUCHPOINT, C.STAGE, C.ORDER, C.CHANNEL, C.OWNER, C.MOMENT)},
            "n": int(len(ratings)), "reach": ratings[C.RESPONDENT].nunique() / respondents,
            "mean": float(raw.mean()) if raw.size else float("nan"), "mean_0_100": interval.estimate,
            "ci_low": float(np.clip(interval.low, 0, 100)), "ci_high": float(np.clip(interval.high, 0, 100)),
            "pct_negative": 100 * negative, "pct_positive": 100 * positive,
            **{f"pct_{name}_{end}": 100 * getattr(box, end) if box else float("nan")
               for name, box in (("negative", low_box), ("positive", top_box)) for end in ("low", "high")},
            C.INTERNAL_SCORE: tp.get(C.INTERNAL_SCORE),
            "perception_gap": _gap(tp.get(C.INTERNAL_SCORE_0_100), interval.estimate),
            "target_gap": _gap(target, interval.estimate), "small_n": small_n_flag(len(ratings)),
            "valence": positive - negative}


def _target_0_100(target: object, label: str) -> float:
    """A target on the touchpoint's scale (4 on 1–5 -> 75), or already on 0–100 when above the scale."""
    scale = scale_of_label(label)
    if target is None or pd.isna(target) or scale is None:
        return float("nan")
    value = float(target)
    return value if value > scale.high else float(scale.normalise(np.array([value]))[0])


def _gap(reference: object, score: float) -> float:
    return float(reference) - score if reference is not None and not pd.isna(reference) else float("nan")


def emotion_curve(metrics: pd.DataFrame) -> dict:
    """The curve as data (METHODS §4.3): touchpoints with n ≥ 30 in journey order with score (0–100), 95 % CI
    and valence (top-2-box − bottom-2-box), and the peak and trough (highest and lowest valence) and end point
    that are always annotated."""
    shown = metrics[metrics["n"] >= SMALL_N_HIDDEN]
    points = [{C.TOUCHPOINT: str(r[C.TOUCHPOINT]), C.STAGE: r.get(C.STAGE), "score": r["mean_0_100"],
               "ci_low": r["ci_low"], "ci_high": r["ci_high"], "valence": r["valence"],
               "n": int(r["n"]), "small_n": r["small_n"]} for _, r in shown.iterrows()]
    if not points:
        return {"points": [], "peak": None, "trough": None, "end": None}
    valence = [p["valence"] for p in points]
    return {"points": points, "peak": points[int(np.nanargmax(valence))][C.TOUCHPOINT],
            "trough": points[int(np.nanargmin(valence))][C.TOUCHPOINT], "end": points[-1][C.TOUCHPOINT]}


def curves_by(journey: Journey, by: str) -> list[dict]:
    """The metrics and the curve of each segment (or wave): the same fields as for everyone, on the ratings and
    respondents of that group only (reach counts the group's respondents)."""
    from dataclasses import replace

    if by not in journey.ratings or journey.ratings[by].isna().all():
        return []
    rating_group = journey.ratings[by].astype(str).where(journey.ratings[by].notna())
    respondent_group = journey.respondents[by].astype(str).where(journey.respondents[by].notna())
    out = []
    for group in sorted(rating_group.dropna().unique()):
        ratings = journey.ratings[(rating_group == group).to_numpy()]
        respondents = journey.respondents[(respondent_group == group).to_numpy()]
        metrics = touchpoint_metrics(replace(journey, ratings=ratings, respondents=respondents))
        out.append({"group": group, "respondents": int(respondents[C.RESPONDENT].nunique()),
                    "curve": emotion_curve(metrics),
                    "touchpoints": metrics[[C.TOUCHPOINT, "n", "reach", "mean_0_100", "ci_low", "ci_high",
                                            "pct_negative", "pct_positive", "small_n"]].to_dict("records")})
    return out
