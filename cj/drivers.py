"""Key-driver mathematics on a correlation matrix (METHODS §1.2): Johnson's relative weights, exact
LMG/Shapley, standardised betas and VIF. Inputs already validated: a correlation matrix of the
touchpoints (p × p) and their correlations with the outcome (p).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from math import factorial

import numpy as np
import pandas as pd

MAX_LMG = 15  # exact Shapley/LMG costs 2^p subset regressions; above this, relative weights only


@dataclass(frozen=True)
class Importance:
    """Raw weights (summing to R²), their share of R² in per cent, and R² itself."""

    raw: np.ndarray
    share: np.ndarray
    r2: float


def r_squared(rxx: np.ndarray, rxy: np.ndarray) -> float:
    """R² of the outcome on the predictors, from correlations: r_xy' R_xx⁻¹ r_xy."""
    if rxy.size == 0:
        return 0.0
    return float(rxy @ np.linalg.solve(rxx, rxy))


def relative_weights(rxx: np.ndarray, rxy: np.ndarray) -> Importance:
    """Johnson (2000): regress y on the orthogonal counterpart Z of X and share R² back through R_xx^½.

    >>> relative_weights(np.eye(2), np.array([0.3, 0.4])).raw  # orthogonal predictors: weights = r²
    array([0.09, 0.16])
    """
    values, vectors = np.linalg.eigh(rxx)
    half = vectors @ np.diag(np.sqrt(np.clip(values, 0, None))) @ vectors.T
    beta = np.linalg.solve(half, rxy)
    raw = (half ** 2) @ (beta ** 2)
    r2 = float(raw.sum())
    return Importance(raw, 100 * raw / r2 if r2 > 0 else np.zeros_like(raw), r2)


def lmg(rxx: np.ndarray, rxy: np.ndarray) -> Importance:
    """Exact LMG = Shapley value = general dominance: each predictor's R² increment averaged over orders."""
    p = rxy.size
    if p > MAX_LMG:
        raise ValueError(f"p={p} predictors should be <= {MAX_LMG} for exact LMG")
    r2 = {(): 0.0}
    for k in range(1, p + 1):
        for subset in combinations(range(p), k):
            idx = list(subset)
            r2[subset] = r_squared(rxx[np.ix_(idx, idx)], rxy[idx])
    raw = np.zeros(p)
    for subset, value in r2.items():
        k = len(subset)
        for j in range(p):
            if j in subset:
                continue
            with_j = tuple(sorted(subset + (j,)))
            raw[j] += factorial(k) * factorial(p - k - 1) / factorial(p) * (r2[with_j] - value)
    total = r2[tuple(range(p))]
    return Importance(raw, 100 * raw / total if total > 0 else np.zeros(p), total)


def standardized_betas(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """β = R_xx⁻¹ r_xy."""
    return np.linalg.solve(rxx, rxy)


def vif(rxx: np.ndarray) -> np.ndarray:
    """Variance inflation factors: the diagonal of R_xx⁻¹."""
    return np.diag(np.linalg.inv(rxx))


def correlations(frame: pd.DataFrame, outcome: str, *, min_periods: int = 30) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairwise-complete Pearson correlations: R_xx, r_xy and the pairwise n (respondents who skipped a
    touchpoint still count for the others). A matrix that is not positive definite is repaired."""
    corr = frame.corr(method="pearson", min_periods=min_periods)
    present = frame.notna().astype(float)
    pairs = present.T @ present
    predictors = [c for c in frame.columns if c != outcome]
    rxx = corr.loc[predictors, predictors].to_numpy()
    return nearest_correlation(rxx), corr.loc[predictors, outcome].to_numpy(), pairs.loc[predictors, predictors].to_numpy()


def nearest_correlation(matrix: np.ndarray, *, floor: float = 1e-8) -> np.ndarray:
    """Clip eigenvalues below ``floor`` and reset the diagonal to 1 (Higham 2002, one projection)."""
    values, vectors = np.linalg.eigh(matrix)
    if values.min() > floor:
        return matrix
    fixed = vectors @ np.diag(np.clip(values, floor, None)) @ vectors.T
    scale = np.sqrt(np.diag(fixed))
    return fixed / np.outer(scale, scale)
