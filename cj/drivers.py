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


def respondent_matrix(journey) -> tuple[pd.DataFrame, pd.Series]:
    """Touchpoint scores (raw scale) as respondents × touchpoints, NaN where not rated, and the outcome."""
    from cj import columns as C

    ratings = journey.ratings
    frame = ratings.pivot_table(index=C.RESPONDENT, columns=C.TOUCHPOINT, values=C.SCORE_RAW, observed=True,
                                aggfunc="first")
    outcome = journey.respondents.set_index(C.RESPONDENT)[C.OVERALL_RAW]
    return frame, outcome.reindex(frame.index)


def key_drivers(journey, *, min_pairs: int = 30) -> dict:
    """Which touchpoints drive the overall outcome: Johnson's relative weights on pairwise-complete
    correlations, as a share of R² signed by r; exact LMG beside it up to 15 touchpoints.

    Returns the SPEC's ``drivers`` object: available, reason, method, outcome, r2, n, items.
    """
    outcome_name = journey.validation.mapping.get("overall", "")
    if not outcome_name or journey.respondents.empty or journey.respondents["overall_raw"].notna().sum() == 0:
        return _unavailable("no overall outcome column (satisfaction, recommendation, NPS…) was found", outcome_name)
    frame, outcome = respondent_matrix(journey)
    usable = [t for t in frame.columns
              if (frame[t].notna() & outcome.notna()).sum() >= min_pairs and frame[t].std(skipna=True) > 0]
    p = len(usable)
    if p == 0:
        return _unavailable(f"no touchpoint has {min_pairs} respondents who also gave the outcome", outcome_name)
    data = frame[usable].assign(_outcome=outcome)
    rxx, rxy, pairs = correlations(data, "_outcome", min_periods=min_pairs)
    n = int(min(pairs.min(), (frame[usable].notna() & outcome.notna().to_numpy()[:, None]).sum().min()))
    if n < max(30, 10 * p):
        return _unavailable(f"{n} respondents is too few for {p} touchpoints (needs at least {max(30, 10 * p)})",
                            outcome_name)
    rw = relative_weights(rxx, rxy)
    shapley = lmg(rxx, rxy) if p <= MAX_LMG else None
    beta = standardized_betas(rxx, rxy)
    items = [{"touchpoint": str(t), "importance": float(rw.share[j]), "direction": "positive" if rxy[j] >= 0 else "negative",
              "r": float(rxy[j]), "raw_weight": float(rw.raw[j]), "beta": float(beta[j]),
              "sign_flip": bool(np.sign(beta[j]) != np.sign(rxy[j])),
              "lmg": float(shapley.share[j]) if shapley else None}
             for j, t in enumerate(usable)]
    binary = getattr(journey, "outcome_kind", "") == "binary"
    method = "relative weights (Johnson 2000) on pairwise-complete correlations" + (
        ", linear probability model for the two-valued outcome" if binary else "")
    return {"available": True, "reason": "", "method": method, "outcome": outcome_name, "r2": rw.r2, "n": n,
            "items": sorted(items, key=lambda i: -i["importance"])}


def _unavailable(reason: str, outcome: str) -> dict:
    return {"available": False, "reason": reason, "method": "", "outcome": outcome, "r2": None, "n": 0, "items": []}
