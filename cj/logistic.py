"""Logistic models for two-valued outcomes (METHODS §1.2, §1.6): a maximum-likelihood fit by iteratively
reweighted least squares, pseudo-R² (McFadden, Cox–Snell, Nagelkerke), logistic dominance on McFadden's R²,
logistic relative weights (Tonidandel & LeBreton 2010), AUC, and the separation check that refuses them.

The linear-probability relative weights stay the default for binary outcomes; these are the cross-check,
shown only with enough events per predictor and no separation.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np

MAX_ITER = 25        # as R's glm.control
TOLERANCE = 1e-8     # relative change of the deviance, as R's glm.control
SEPARATION_ETA = 15.0  # |linear predictor| beyond this means fitted probabilities of 0 or 1 (METHODS §1.6)
EVENTS_PER_PREDICTOR = 10  # Peduzzi et al. 1996


@dataclass
class LogitFit:
    coef: np.ndarray        # intercept first
    fitted: np.ndarray      # probabilities
    eta: np.ndarray         # linear predictor
    loglik: float
    converged: bool

    @property
    def separated(self) -> bool:
        """Complete or quasi-complete separation: the fit ran off to infinity or did not settle."""
        return (not self.converged or float(np.abs(self.eta).max(initial=0.0)) > SEPARATION_ETA
                or bool(((self.fitted < 1e-10) | (self.fitted > 1 - 1e-10)).any()))


def _loglik(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-300, 1 - 1e-16)
    return float(np.sum(y * np.log(p) + (1 - y) * np.log1p(-p)))


def fit_logit(x: np.ndarray, y: np.ndarray) -> LogitFit:
    """logit P(y = 1) = b0 + x·b by IRLS (Newton's method), stopping as R's ``glm`` does."""
    design = np.column_stack([np.ones(len(y)), np.asarray(x, dtype=float).reshape(len(y), -1)])
    y = np.asarray(y, dtype=float)
    coef = np.zeros(design.shape[1])
    mean = np.clip(y.mean(), 1e-6, 1 - 1e-6)
    coef[0] = np.log(mean / (1 - mean))
    deviance, converged = np.inf, False
    for _ in range(MAX_ITER):
        eta = np.clip(design @ coef, -700, 700)
        p = 1 / (1 + np.exp(-eta))
        weight = np.maximum(p * (1 - p), 1e-12)
        step = np.linalg.lstsq(design.T @ (design * weight[:, None]), design.T @ (y - p), rcond=None)[0]
        coef = coef + step
        eta = np.clip(design @ coef, -700, 700)
        new = -2 * _loglik(y, 1 / (1 + np.exp(-eta)))
        if abs(new - deviance) / (abs(new) + 0.1) < TOLERANCE:
            converged = True
            deviance = new
            break
        deviance = new
    eta = design @ coef
    fitted = 1 / (1 + np.exp(-np.clip(eta, -700, 700)))
    return LogitFit(coef, fitted, eta, _loglik(y, fitted), converged)


def null_loglik(y: np.ndarray) -> float:
    y = np.asarray(y, dtype=float)
    return _loglik(y, np.full(len(y), y.mean()))


def pseudo_r2(fit: LogitFit, y: np.ndarray) -> dict[str, float]:
    """McFadden 1 − LL/LL0; Cox–Snell 1 − exp(2(LL0 − LL)/n); Nagelkerke = Cox–Snell / (1 − exp(2·LL0/n))."""
    n, null = len(y), null_loglik(y)
    cox_snell = 1 - np.exp(2 * (null - fit.loglik) / n)
    return {"mcfadden": 1 - fit.loglik / null, "cox_snell": float(cox_snell),
            "nagelkerke": float(cox_snell / (1 - np.exp(2 * null / n)))}


def mcfadden(x: np.ndarray, y: np.ndarray) -> float:
    return 0.0 if x.shape[1] == 0 else pseudo_r2(fit_logit(x, y), y)["mcfadden"]


def logistic_dominance(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """General dominance weights of McFadden's R² (Azen & Traxel 2009): each predictor's mean increment over
    all subsets of the others, averaged by subset size (they sum to the full model's R²)."""
    p = x.shape[1]
    r2 = {(): 0.0}
    for size in range(1, p + 1):
        for subset in combinations(range(p), size):
            r2[subset] = mcfadden(x[:, subset], y)
    weights = np.zeros(p)
    for j in range(p):
        others = [k for k in range(p) if k != j]
        for size in range(p):
            increments = [r2[tuple(sorted((*s, j)))] - r2[s] for s in combinations(others, size)]
            weights[j] += np.mean(increments) / p
    return weights


def logistic_relative_weights(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, LogitFit]:
    """Raw relative weights ε_j of a logistic model (Tonidandel & LeBreton 2010, as ``rwa::rwa_logit``):
    orthogonal Z from the SVD of standardised X, logit(y) on Z, coefficients rescaled by R = corr(ŷ, y) over
    the standard deviation of logit ŷ, ε = Λ² b*². Meaningless under separation: check ``fit.separated``."""
    xs = (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)
    u, _, vt = np.linalg.svd(xs, full_matrices=False)
    z = u @ vt
    zs = (z - z.mean(axis=0)) / z.std(axis=0, ddof=1)
    lam = np.linalg.solve(zs.T @ zs, zs.T @ xs)
    fit = fit_logit(zs, y)
    logit_hat = fit.eta  # logit of the fitted probabilities
    r = np.corrcoef(fit.fitted, y)[0, 1]
    beta = fit.coef[1:] * r / logit_hat.std(ddof=1)
    return (lam ** 2).T @ (beta ** 2), fit


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve: the chance a random 1 scores above a random 0 (ties count half)."""
    y = np.asarray(y, dtype=bool)
    ranks = _average_ranks(np.asarray(scores, dtype=float))
    n1, n0 = int(y.sum()), int((~y).sum())
    if not n1 or not n0:
        return float("nan")
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def _average_ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(1, len(values) + 1)
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    return (sums / counts)[inverse]
