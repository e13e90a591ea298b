"""Touchpoint metrics (SPEC "Outputs of the engine"; METHODS §3): n, reach, means raw and 0–100 with a
t interval, bottom and top box with Wilson intervals, internal perception and target gaps, small-n flags.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cj import columns as C
from cj.intake import Journey
from cj.scales import parse_scale
from cj.stats import mean_interval

SMALL_N_HIDDEN = 30      # n < 30: insufficient base, hidden from ranking (METHODS §3.4)
SMALL_N_INDICATIVE = 100  # 30 ≤ n < 100: low base, indicative
METRIC_COLUMNS = [C.TOUCHPOINT, C.STAGE, C.ORDER, C.CHANNEL, C.OWNER, C.MOMENT, "n", "reach", "mean", "mean_0_100",
                  "ci_low", "ci_high", "pct_negative", "pct_positive", C.INTERNAL_SCORE, "perception_gap",
                  "target_gap", "small_n"]


def small_n_flag(n: int) -> str:
    """'hidden' below 30 ratings, 'indicative' below 100, '' otherwise."""
    return "hidden" if n < SMALL_N_HIDDEN else "indicative" if n < SMALL_N_INDICATIVE else ""


def box_shares(raw: np.ndarray, scale_label: str) -> tuple[float, float]:
    """Bottom-2-box and top-2-box shares on the touchpoint's own scale (e.g. {1, 2} and {4, 5} on 1–5).

    >>> box_shares(np.array([1, 2, 3, 4, 5, 5.0]), "1–5")
    (0.333..., 0.5)
    """
    scale = parse_scale(scale_label.replace("–", " to "))
    if raw.size == 0 or scale is None:
        return float("nan"), float("nan")
    return float(np.mean(raw <= scale.low + 1)), float(np.mean(raw >= scale.high - 1))


def touchpoint_metrics(journey: Journey) -> pd.DataFrame:
    """One row per touchpoint in journey order with the SPEC's metric fields (means on 0–100 but ``mean``).

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
    return {**{k: tp.get(k) for k in (C.TOUCHPOINT, C.STAGE, C.ORDER, C.CHANNEL, C.OWNER, C.MOMENT)},
            "n": int(len(ratings)), "reach": ratings[C.RESPONDENT].nunique() / respondents,
            "mean": float(raw.mean()) if raw.size else float("nan"), "mean_0_100": interval.estimate,
            "ci_low": interval.low, "ci_high": interval.high,
            "pct_negative": 100 * negative, "pct_positive": 100 * positive,
            C.INTERNAL_SCORE: tp.get(C.INTERNAL_SCORE),
            "perception_gap": _gap(tp.get(C.INTERNAL_SCORE_0_100), interval.estimate),
            "target_gap": _gap(target, interval.estimate), "small_n": small_n_flag(len(ratings))}


def _target_0_100(target: object, label: str) -> float:
    """A target on the touchpoint's scale (4 on 1–5 -> 75), or already on 0–100 when above the scale."""
    scale = parse_scale(label.replace("–", " to ")) if label else None
    if target is None or pd.isna(target) or scale is None:
        return float("nan")
    value = float(target)
    return value if value > scale.high else float(scale.normalise(np.array([value]))[0])


def _gap(reference: object, score: float) -> float:
    return float(reference) - score if reference is not None and not pd.isna(reference) else float("nan")
