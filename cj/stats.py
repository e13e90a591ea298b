"""Survey statistics with their intervals (METHODS §3): Student-t means, Wilson proportions, NPS with
adjusted-Wald intervals. Inputs already validated; each function is checked against published oracles.

The distributions come from ``scipy.special`` (Student t and normal quantiles and tails), not ``scipy.stats``,
whose import costs the dashboard half a second at start; tests check these against ``scipy.stats``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

Z95 = float(special.ndtri(0.975))


def t_quantile(q: float, df: float) -> float:
    """The q quantile of Student's t with ``df`` degrees of freedom (``scipy.stats.t.ppf(q, df)``)."""
    return float(special.stdtrit(df, q))


def welch_p(mean_a: float, var_a: float, n_a: float, mean_b: float, var_b: float, n_b: float) -> float:
    """Two-sided p-value of Welch's t test from each group's mean, variance (ddof 1) and size, as
    ``scipy.stats.ttest_ind_from_stats(..., equal_var=False)``: 0 when both variances are 0 and the means differ,
    NaN when they are equal too."""
    se2, df = welch_se2_df(var_a, n_a, var_b, n_b)
    diff = mean_a - mean_b
    if se2 <= 0:
        return float("nan") if diff == 0 else 0.0
    return float(2 * special.stdtr(df, -abs(diff) / np.sqrt(se2)))


def welch_se2_df(var_a: float, n_a: float, var_b: float, n_b: float) -> tuple[float, float]:
    """The squared standard error of a difference of two means and its Welch–Satterthwaite degrees of freedom."""
    va, vb = var_a / n_a, var_b / n_b
    parts = va ** 2 / (n_a - 1) + vb ** 2 / (n_b - 1)
    return va + vb, (va + vb) ** 2 / parts if parts > 0 else 1.0  # 1: scipy's choice when the squares underflow


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float


def mean_interval(values: np.ndarray, *, confidence: float = 0.95) -> Interval:
    """Mean with a Student-t interval, x̄ ± t(n−1)·s/√n.

    >>> mean_interval(np.array([4, 5, 3, 4, 2, 5, 4, 3.0]))  # METHODS O16
    Interval(estimate=3.75, low=2.884..., high=4.615...)
    """
    values = np.asarray(values, dtype=float)
    n = values.size
    mean = float(values.mean()) if n else float("nan")
    if n < 2:
        return Interval(mean, float("nan"), float("nan"))
    half = t_quantile(0.5 + confidence / 2, n - 1) * float(values.std(ddof=1)) / np.sqrt(n)
    return Interval(mean, float(mean - half), float(mean + half))


def wilson_interval(successes: int, n: int, *, z: float = Z95) -> Interval:
    """Share with the Wilson score interval (good at 0 % and 100 % and for small n).

    >>> wilson_interval(45, 60)  # METHODS O16: [0.6277, 0.8422]
    Interval(estimate=0.75, low=0.627..., high=0.842...)
    """
    if n <= 0:
        return Interval(float("nan"), float("nan"), float("nan"))
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Interval(p, max(0.0, float(centre - half)), min(1.0, float(centre + half)))


@dataclass(frozen=True)
class NPS:
    """Net Promoter Score on the −1..1 scale (×100 for display), its variance and standard error."""

    detractors: int
    passives: int
    promoters: int
    score: float
    variance: float
    se: float


def nps_counts(scores: np.ndarray, *, breaks: tuple[float, float] = (6, 8)) -> tuple[int, int, int]:
    """(detractors, passives, promoters) of native 0–10 answers: ≤ 6, 7–8, ≥ 9 by default."""
    scores = np.asarray(scores, dtype=float)
    scores = scores[~np.isnan(scores)]
    detractors = int((scores <= breaks[0]).sum())
    promoters = int((scores > breaks[1]).sum())
    return detractors, int(scores.size) - detractors - promoters, promoters


def nps_from_counts(detractors: float, passives: float, promoters: float) -> NPS:
    """NPS = p(promoter) − p(detractor); σ² = p_P + p_D − (p_P − p_D)²; SE = √(σ²/n) (METHODS O14)."""
    n = detractors + passives + promoters
    if n <= 0:
        return NPS(0, 0, 0, float("nan"), float("nan"), float("nan"))
    p_p, p_d = promoters / n, detractors / n
    variance = p_p + p_d - (p_p - p_d) ** 2
    return NPS(int(detractors), int(passives), int(promoters), p_p - p_d, variance, float(np.sqrt(variance / n)))


def nps_interval(detractors: int, passives: int, promoters: int, *, z: float = Z95, adjusted: bool = True) -> Interval:
    """NPS ×100 with a Wald or adjusted-Wald interval (Rocks 2016: add ¾, 1½, ¾), clipped to ±100.

    >>> nps_interval(20, 30, 50)  # METHODS O15: 29.13 [14.05, 44.20]
    Interval(estimate=29.12..., low=14.05..., high=44.20...)
    """
    pseudo = (0.75, 1.5, 0.75) if adjusted else (0.0, 0.0, 0.0)
    counts = (detractors + pseudo[0], passives + pseudo[1], promoters + pseudo[2])
    result = nps_from_counts(*counts)
    half = z * result.se
    return Interval(100 * result.score, max(-100.0, 100 * (result.score - half)), min(100.0, 100 * (result.score + half)))
