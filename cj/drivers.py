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

from cj.resample import block_sums, draws, pairwise_correlations, percentile_interval

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


def correlations(frame: pd.DataFrame, outcome: str, *, min_periods: int = 30
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """Pairwise-complete Pearson correlations: R_xx, r_xy, the pairwise n of every pair of columns (outcome
    included, last) and whether R_xx had to be repaired (respondents who skipped a touchpoint still count
    for the others; a matrix that is not positive definite is projected to the nearest correlation matrix)."""
    corr = frame.corr(method="pearson", min_periods=min_periods)
    present = frame.notna().astype(float)
    predictors = [c for c in frame.columns if c != outcome]
    order = predictors + [outcome]
    pairs = (present.T @ present).loc[order, order].to_numpy()
    rxx = corr.loc[predictors, predictors].to_numpy()
    fixed = nearest_correlation(rxx)
    return fixed, corr.loc[predictors, outcome].to_numpy(), pairs, fixed is not rxx


def nearest_correlation(matrix: np.ndarray, *, floor: float = 1e-8) -> np.ndarray:
    """Clip eigenvalues below ``floor`` and reset the diagonal to 1 (Higham 2002, one projection)."""
    values, vectors = np.linalg.eigh(matrix)
    if values.min() > floor:
        return matrix
    fixed = vectors @ np.diag(np.clip(values, floor, None)) @ vectors.T
    scale = np.sqrt(np.diag(fixed))
    return fixed / np.outer(scale, scale)


def batch_relative_weights(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Relative-weight shares (per cent of R²) for a stack of replicates: rxx (B, p, p), rxy (B, p)."""
    values, vectors = np.linalg.eigh(rxx)
    half = vectors @ (np.sqrt(np.clip(values, 0, None))[:, :, None] * np.swapaxes(vectors, 1, 2))
    beta = np.linalg.solve(half, rxy[:, :, None])[:, :, 0]
    raw = np.einsum("bjk,bk->bj", half ** 2, beta ** 2)
    total = raw.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 100 * raw / total, np.nan)


@dataclass
class DriverInputs:
    """Respondents × touchpoints, built once: raw scores, scores on 0–100, negative ratings (bottom two boxes),
    and the outcome raw and on 0–100. Every respondent of the journey is a row, rated or not."""

    touchpoints: list[str]
    raw: pd.DataFrame
    pomp: np.ndarray
    negative: np.ndarray
    outcome: pd.Series
    outcome_0_100: pd.Series
    _sums: object = None  # block sums for the bootstrap, built on first use
    _signed: tuple | None = None  # (touchpoints, (B, p) signed bootstrap shares) of the last driver analysis


def driver_inputs(journey) -> DriverInputs:
    from cj import columns as C
    from cj.scales import scale_of_label

    ratings = journey.ratings
    who = pd.Index(journey.respondents[C.RESPONDENT].astype(str).unique())
    names = [str(t) for t in journey.touchpoints[C.TOUCHPOINT]]
    row = positions(ratings[C.RESPONDENT], who)
    col = positions(ratings[C.TOUCHPOINT], pd.Index(names))
    ok = (row >= 0) & (col >= 0)
    labels = pd.Series(ratings[C.SCALE], dtype="category")
    lows = np.array([scale.low if (scale := scale_of_label(label)) else np.nan
                     for label in labels.cat.categories] + [np.nan], dtype=float)
    raw_values = ratings[C.SCORE_RAW].to_numpy(dtype=float)
    negative_cells = raw_values <= lows[labels.cat.codes.to_numpy()] + 1

    def wide(values: np.ndarray) -> np.ndarray:
        out = np.full((len(who), len(names)), np.nan)
        out[row[ok], col[ok]] = values[ok]
        return out

    raw = pd.DataFrame(wide(raw_values), index=who, columns=names)
    first = journey.respondents.drop_duplicates(C.RESPONDENT)
    first = first.set_index(pd.Index(first[C.RESPONDENT].astype(str)))
    return DriverInputs(names, raw, wide(ratings[C.SCORE].to_numpy(dtype=float)),
                        np.nan_to_num(wide(negative_cells.astype(float))), first[C.OVERALL_RAW].reindex(who),
                        first[C.OVERALL].reindex(who))


def positions(column: pd.Series, index: pd.Index) -> np.ndarray:
    """Position in ``index`` (of texts) of each value of ``column``; −1 where absent. Categorical columns are
    looked up once per category, not once per row."""
    column = pd.Series(column)
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = np.append(index.get_indexer(column.cat.categories.astype(str)), -1)
        return lookup[column.cat.codes.to_numpy()]
    return index.get_indexer(column.astype(str))


def _rated_together(frame: pd.DataFrame, min_pairs: int) -> tuple[list[str], list[dict]]:
    """Touchpoints every pair of which has ``min_pairs`` respondents rating both (a pairwise correlation needs
    them): while a pair falls short, the touchpoint short with the most others (then the less rated) is set
    aside, with the reason."""
    usable = list(frame.columns)
    present = frame.notna().to_numpy(dtype=float)
    coverage = present.sum(axis=0)
    joint = present.T @ present
    keep = np.ones(len(usable), dtype=bool)
    excluded = []
    while keep.sum() > 1:
        short = (joint < min_pairs) & keep[None, :] & keep[:, None]
        counts = short.sum(axis=1)
        if not counts.any():
            break
        worst = max(np.flatnonzero(counts), key=lambda j: (counts[j], -coverage[j], -j))
        keep[worst] = False
        excluded.append({"touchpoint": usable[worst], "reason": "rarely rated with the others",
                         "n": int(joint[worst][keep].min()) if keep.any() else 0})
    return [t for t, k in zip(usable, keep) if k], excluded


def key_drivers(journey, *, min_pairs: int = 30, replicates: int = 500, inputs: DriverInputs | None = None) -> dict:
    """Which touchpoints drive the overall outcome: Johnson's relative weights on pairwise-complete
    correlations, as a share of R² signed by r; exact LMG beside it up to 15 touchpoints; bootstrap intervals
    on the shares; VIF, low-coverage and close-call flags; for a two-valued outcome, the logistic cross-check.

    Returns the SPEC's ``drivers`` object: available, reason, method, outcome, r2, n, items, and flags.
    """
    outcome_name = journey.validation.mapping.get("overall", "")
    if not outcome_name or journey.respondents.empty or journey.respondents["overall_raw"].notna().sum() == 0:
        return _unavailable("no overall outcome column (satisfaction, recommendation, NPS…) was found", outcome_name)
    inputs = inputs or driver_inputs(journey)
    frame, outcome = inputs.raw, inputs.outcome
    excluded = []
    for t in frame.columns:
        pairs_n = int((frame[t].notna() & outcome.notna()).sum())
        if pairs_n < min_pairs:
            excluded.append({"touchpoint": t, "reason": "low coverage", "n": pairs_n})
        elif not frame[t].std(skipna=True) > 0:
            excluded.append({"touchpoint": t, "reason": "no variance", "n": pairs_n})
    usable = [t for t in frame.columns if t not in {e["touchpoint"] for e in excluded}]
    usable, apart = _rated_together(frame[usable], min_pairs)
    excluded += apart
    p = len(usable)
    if p == 0:
        return _unavailable(f"no touchpoint has {min_pairs} respondents who also gave the outcome", outcome_name,
                            excluded)
    rxx, rxy, pairs, repaired = correlations(frame[usable].assign(_outcome=outcome.to_numpy()), "_outcome",
                                             min_periods=min_pairs)
    n = int(pairs.min())
    if n < max(30, 10 * p):
        return _unavailable(f"{n} respondents is too few for {p} touchpoints (needs at least {max(30, 10 * p)})",
                            outcome_name, excluded)
    rw = relative_weights(rxx, rxy)
    shapley = lmg(rxx, rxy) if p <= MAX_LMG else None
    beta = standardized_betas(rxx, rxy)
    inflation = vif(rxx)
    if replicates:  # signed, kept for the priorities' bootstrap (``bootstrap_parts``); the intervals are on sizes
        inputs._signed = (list(usable), bootstrap_shares(inputs, usable, replicates, signed=True))
        low, high = percentile_interval(np.abs(inputs._signed[1]))
    else:
        low, high = (np.full(p, np.nan),) * 2
    items = [{"touchpoint": str(t), "importance": float(rw.share[j]), "direction": "positive" if rxy[j] >= 0 else "negative",
              "r": float(rxy[j]), "raw_weight": float(rw.raw[j]), "beta": float(beta[j]),
              "sign_flip": bool(np.sign(beta[j]) != np.sign(rxy[j])),
              "lmg": float(shapley.share[j]) if shapley else None,
              "ci_low": float(low[j]), "ci_high": float(high[j]),
              "vif": float(inflation[j]), "vif_flag": "severe" if inflation[j] >= 10 else "moderate" if inflation[j] >= 5 else "",
              "n": int(pairs[j, -1])}
             for j, t in enumerate(usable)]
    items.sort(key=lambda i: -i["importance"])
    for a, b in zip(items, items[1:]):  # overlapping intervals of neighbours: the order between them is a tie
        a["tie_with_next"] = bool(b["ci_high"] >= a["ci_low"]) if not np.isnan(a["ci_low"]) else False
    if items:
        items[-1]["tie_with_next"] = False
    close_call = bool(shapley) and (set(np.argsort(-rw.share)[:3]) != set(np.argsort(-shapley.share)[:3]))
    binary = getattr(journey, "outcome_kind", "") == "binary"
    method = "relative weights (Johnson 2000) on pairwise-complete correlations" + (
        ", linear probability model for the two-valued outcome" if binary else "")
    result = {"available": True, "reason": "", "method": method, "outcome": outcome_name, "r2": rw.r2, "n": n,
              "n_range": [int(pairs.min()), int(pairs.max())], "items": items, "excluded": excluded,
              "flags": {"close_call": close_call, "matrix_repaired": repaired,
                        "collinearity": [i["touchpoint"] for i in items if i["vif_flag"]],
                        "bootstrap": f"{replicates} resamples of respondents, percentile 95% intervals" if replicates else ""}}
    if binary:
        result["logistic"] = logistic_check(frame[usable], outcome)
    return result


def bootstrap_sums(inputs: DriverInputs):
    """Block sums of (touchpoint scores on 0–100, outcome) with the negative ratings as extra columns."""
    if inputs._sums is None:
        z = np.column_stack([inputs.pomp, inputs.outcome.to_numpy(dtype=float)])
        inputs._sums = block_sums(z, inputs.negative)
    return inputs._sums


def bootstrap_shares(inputs: DriverInputs, usable: list[str], replicates: int, *,
                     signed: bool = False, weights: np.ndarray | None = None) -> np.ndarray:
    """(B, p) relative-weight shares (per cent) of the usable touchpoints, one row per bootstrap replicate;
    ``signed`` gives each the sign of its correlation with the outcome in that replicate."""
    sums = bootstrap_sums(inputs)
    totals = sums.total(weights if weights is not None else draws(len(sums.rows), replicates))
    corr = pairwise_correlations(totals)
    idx = [inputs.touchpoints.index(t) for t in usable]
    rxx = corr[:, idx][:, :, idx]
    rxy = corr[:, idx, -1]
    good = np.isfinite(rxx).all(axis=(1, 2)) & np.isfinite(rxy).all(axis=1)
    shares = np.full((replicates, len(idx)), np.nan)
    if good.any():
        fixed = np.stack([nearest_correlation(m) for m in rxx[good]])
        shares[good] = batch_relative_weights(fixed, rxy[good])
    return np.where(rxy < 0, -shares, shares) if signed else shares


def bootstrap_parts(inputs: DriverInputs, drivers: dict, replicates: int = 200) -> dict:
    """Bootstrap replicates of the priority components of every touchpoint: signed share (0–1; 0 where there
    is no driver analysis), performance (0–100), reach and severity (0–1), all (B, touchpoints)."""
    sums = bootstrap_sums(inputs)
    weights = draws(len(sums.rows), replicates)
    totals = sums.total(weights)
    p = len(inputs.touchpoints)
    raters = totals.n[:, np.arange(p), np.arange(p)]
    with np.errstate(invalid="ignore", divide="ignore"):
        performance = totals.s[:, np.arange(p), np.arange(p)] / raters
        severity = totals.extra / raters
    reach = raters / totals.rows[:, None]
    share = np.zeros((replicates, p)) if drivers.get("available") else np.ones((replicates, p))
    usable = [i["touchpoint"] for i in drivers.get("items", [])]
    if usable:
        kept = inputs._signed
        if kept is not None and set(kept[0]) == set(usable) and len(kept[1]) >= replicates:
            # the driver analysis' replicates: ``draws`` is seeded, so its first rows are these very weights
            signed = kept[1][:replicates, [kept[0].index(t) for t in usable]]
        else:
            signed = bootstrap_shares(inputs, usable, replicates, signed=True, weights=weights)
        share[:, [inputs.touchpoints.index(t) for t in usable]] = signed / 100
    return {"touchpoints": inputs.touchpoints, "share": share, "performance": performance, "reach": reach,
            "severity": severity}


def logistic_check(frame: pd.DataFrame, outcome: pd.Series) -> dict:
    """Logistic relative weights and McFadden dominance on complete cases, when there are ≥ 10 events per
    touchpoint and no separation; otherwise the reason, and the linear-probability weights stand."""
    from cj.logistic import EVENTS_PER_PREDICTOR, auc, logistic_dominance, logistic_relative_weights, pseudo_r2

    complete = frame.notna().all(axis=1) & outcome.notna()
    x, y = frame[complete].to_numpy(dtype=float), outcome[complete].to_numpy(dtype=float)
    p = x.shape[1]
    events = int(min(y.sum(), len(y) - y.sum())) if len(y) else 0
    if events < EVENTS_PER_PREDICTOR * p:
        return {"available": False, "reason": f"{events} cases in the smaller outcome group with complete ratings; "
                f"the logistic check needs {EVENTS_PER_PREDICTOR * p} ({EVENTS_PER_PREDICTOR} per touchpoint)", "n": len(y)}
    raw, fit = logistic_relative_weights(x, y)
    if fit.separated:
        return {"available": False, "reason": "separation: the touchpoints predict the outcome perfectly in part of "
                "the data, so logistic weights are meaningless; the linear-probability weights are used", "n": len(y),
                "separation": True}
    dominance = logistic_dominance(x, y) if p <= 10 else None
    return {"available": True, "reason": "", "n": len(y), "separation": False,
            "pseudo_r2": pseudo_r2(fit, y), "auc": auc(fit.fitted, y),
            "items": [{"touchpoint": str(t), "weight": float(100 * raw[j] / raw.sum()),
                       "dominance": float(dominance[j]) if dominance is not None else None}
                      for j, t in enumerate(frame.columns)]}


def _unavailable(reason: str, outcome: str, excluded: list | None = None) -> dict:
    return {"available": False, "reason": reason, "method": "", "outcome": outcome, "r2": None, "n": 0, "items": [],
            "excluded": excluded or []}
