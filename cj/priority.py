"""Priorities (METHODS §2.2–2.5): value from impact, gap, reach and severity; effort; the four quadrants;
rank stability under weight changes. Works on one row of aggregates per touchpoint, so re-scoring after
a weight or effort change never touches the responses.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
import pandas as pd

QUADRANTS = ("quick_win", "major_project", "fill_in", "thankless")
SWEEP = (0.5, 1.0, 1.5)


@dataclass(frozen=True)
class Weights:
    """Exponents of the value formula v = Ĩ^w_I · G^w_G · R^w_R · (1 + S)^w_S · (1 + K)^w_K · M^w_M (defaults 1).

    K is key-to-the-business from the touchpoints sheet (0–1; unknown = 0) and M the weight of the
    touchpoint's moment of truth (``MOMENT_WEIGHTS``, 1 for every moment unless the user changes it).
    """

    importance: float = 1.0
    gap: float = 1.0
    reach: float = 1.0
    severity: float = 1.0
    key: float = 1.0
    moment: float = 1.0


MOMENT_WEIGHTS = {"Stimulus": 1.0, "ZMOT": 1.0, "FMOT": 1.0, "SMOT": 1.0, "UMOT": 1.0}


def effort_0_1(effort: pd.Series, unit: str) -> pd.Series:
    """Effort on [0, 1]: 1–5 -> (e − 1)/4; days -> log10, then min–max over the touchpoints."""
    if unit == "days":
        logs = np.log10(effort.clip(lower=1e-9))
        span = logs.max() - logs.min()
        return (logs - logs.min()) / span if span > 0 else logs * 0.0
    return (effort - 1) / 4


def value(frame: pd.DataFrame, weights: Weights | None = None, *, target: float = 100.0) -> pd.Series:
    """V_t = 100·v_t / max v, from columns share (signed RW share), performance (0–100), reach and severity (0–1),
    and, where present, key (0–1) and moment_weight.

    >>> f = pd.DataFrame({"share": [.5, .5], "performance": [50, 75], "reach": [1, 1], "severity": [0, 0]})
    >>> value(f).round(2).tolist()
    [100.0, 50.0]
    """
    key = frame["key"].to_numpy(dtype=float) if "key" in frame else None
    moment = frame["moment_weight"].to_numpy(dtype=float) if "moment_weight" in frame else None
    out = value_array(frame["share"].to_numpy(dtype=float), frame["performance"].to_numpy(dtype=float),
                      frame["reach"].to_numpy(dtype=float), frame["severity"].to_numpy(dtype=float),
                      weights, target=target, key=key, moment=moment)
    return pd.Series(out, index=frame.index)


def value_array(share: np.ndarray, performance: np.ndarray, reach: np.ndarray, severity: np.ndarray,
                weights: Weights | None = None, *, target: float = 100.0, key: np.ndarray | None = None,
                moment: np.ndarray | None = None) -> np.ndarray:
    """``value`` on arrays whose last axis is the touchpoints (so a stack of bootstrap replicates at once)."""
    weights = weights or Weights()
    impact = np.clip(share, 0, None)
    top = impact.max(axis=-1, keepdims=True)
    impact = np.divide(impact, top, out=np.zeros_like(impact), where=top > 0)
    gap = np.clip(target - performance, 0, None) / target
    v = (impact ** weights.importance) * (gap ** weights.gap) * (reach ** weights.reach) \
        * ((1 + severity) ** weights.severity)
    if key is not None:
        v = v * (1 + np.nan_to_num(key)) ** weights.key
    if moment is not None:
        v = v * np.nan_to_num(moment, nan=1.0) ** weights.moment
    top = v.max(axis=-1, keepdims=True)
    return np.divide(100 * v, top, out=np.zeros_like(v), where=top > 0)


def quadrants(values: pd.Series, effort01: pd.Series) -> pd.Series:
    """Value high when ≥ the median (≥ 50 with fewer than 4 touchpoints); effort high when above the midpoint."""
    high_value = values >= (values.median() if len(values) >= 4 else 50.0)
    high_effort = effort01 > 0.5
    names = np.select([high_value & ~high_effort, high_value & high_effort, ~high_value & ~high_effort],
                      ["quick_win", "major_project", "fill_in"], "thankless")
    return pd.Series(names, index=values.index).where(effort01.notna(), "unscored")


def rank_stability(frame: pd.DataFrame, *, k: int | None = None, target: float = 100.0) -> tuple[pd.Series, dict]:
    """Over all 3⁴ = 81 weightings from {0.5, 1, 1.5}: each touchpoint's P(rank ≤ k) and Kendall τ of the
    rankings against the default one (min, median, mean). k = 3, or 2 with six touchpoints or fewer.

    The 81 weightings are scored at once (exponents broadcast over a first axis); ranks break ties by order
    (pandas' ``method="first"``), so τ has no ties and is (concordant − discordant) / pairs."""
    k = k or (2 if len(frame) <= 6 else 3)
    combos = np.array(list(product(SWEEP, repeat=4)))[:, :, None]          # (81, 4, 1)
    stacked = Weights(*combos.transpose(1, 0, 2))                          # each weight an (81, 1) column
    columns = {name: frame[name].to_numpy(dtype=float) for name in ("share", "performance", "reach", "severity")}
    extra = {"key": frame["key"].to_numpy(dtype=float) if "key" in frame else None,
             "moment": frame["moment_weight"].to_numpy(dtype=float) if "moment_weight" in frame else None}
    base = ranks_of(value_array(*columns.values(), target=target, **extra)[None, :])[0]
    ranks = ranks_of(value_array(*columns.values(), stacked, target=target, **extra))
    hits = (ranks <= k).mean(axis=0)
    taus = kendall_tau(base, ranks)
    return pd.Series(hits, index=frame.index), {"k": k, "tau_min": float(taus.min()),
                                                 "tau_median": float(np.median(taus)), "tau_mean": float(taus.mean())}


def ranks_of(values: np.ndarray) -> np.ndarray:
    """Ranks 1..n along the last axis, largest first, ties in order of appearance."""
    return (-values).argsort(axis=-1, kind="stable").argsort(axis=-1) + 1


def kendall_tau(base: np.ndarray, ranks: np.ndarray) -> np.ndarray:
    """Kendall's τ of each row of ``ranks`` against ``base``, for rankings without ties (permutations of 1..n)."""
    n = base.size
    if n < 2:
        return np.ones(len(ranks))
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    base_sign = np.sign(base[:, None] - base[None, :])[upper]
    rank_sign = np.sign(ranks[:, :, None] - ranks[:, None, :])[:, upper]
    return (rank_sign * base_sign).sum(axis=1) / upper.sum()


def rice(reach: float, impact: float, confidence: float, effort: float) -> float:
    """Reach × Impact × Confidence / Effort (Intercom)."""
    return reach * impact * confidence / effort


def ice(impact: float, confidence: float, ease: float) -> tuple[float, float]:
    """ICE as the mean and as the product of its three 1–10 scores."""
    return (impact + confidence + ease) / 3, impact * confidence * ease


def odi_opportunity(importance: float, satisfaction: float) -> float:
    """Ulwick's opportunity: Imp + max(Imp − Sat, 0) on 0–10, rounded to one decimal as published."""
    return round(importance + max(importance - satisfaction, 0.0), 1)


def kano_better_worse(attractive: int, one_dimensional: int, must_be: int, indifferent: int) -> tuple[float, float]:
    """Berger et al. (1993): Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I)."""
    total = attractive + one_dimensional + must_be + indifferent
    return (attractive + one_dimensional) / total, -(one_dimensional + must_be) / total
