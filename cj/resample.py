"""Bootstrap of respondents for the driver shares and the priority ranking (METHODS §1.1, §2.5), done on
sums so that it costs the same at any data size.

Respondents are dealt at random (fixed seed) into at most ``GROUPS`` blocks; each block keeps the sums that
pairwise-complete correlations, means, reach and severity need. A replicate draws blocks with replacement
and adds their sums. With fewer respondents than blocks each block is one respondent, which is exactly the
respondent bootstrap; above that, resampling random blocks of exchangeable respondents has the same
expected variance, and a replicate costs a (B × G) · (G × q²) product instead of a pass over the data.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

GROUPS = 2000
SEED = 20_261_130  # fixed per run, as METHODS asks: the same data give the same intervals


@dataclass
class Sums:
    """Per block (first axis): co-response counts and sums of each column over rows where the pair is present."""

    n: np.ndarray    # (G, q, q) rows where j and k are both present
    s: np.ndarray    # (G, q, q) Σ z_j over those rows
    ss: np.ndarray   # (G, q, q) Σ z_j²
    sp: np.ndarray   # (G, q, q) Σ z_j z_k
    rows: np.ndarray  # (G,) respondents in the block
    extra: np.ndarray  # (G, e) sums of extra per-respondent columns (e.g. negative ratings per touchpoint)

    def total(self, weights: np.ndarray) -> "Sums":
        """Replicate sums for weights of shape (B, G) (counts of each block drawn)."""
        def mix(a: np.ndarray) -> np.ndarray:
            return np.tensordot(weights, a, axes=(1, 0))
        return Sums(mix(self.n), mix(self.s), mix(self.ss), mix(self.sp), weights @ self.rows, mix(self.extra))


def block_sums(z: np.ndarray, extra: np.ndarray | None = None, *, groups: int = GROUPS, seed: int = SEED) -> Sums:
    """Sums per random block of the rows of ``z`` (respondents × columns, NaN where not rated)."""
    n_rows, q = z.shape
    extra = np.zeros((n_rows, 0)) if extra is None else np.nan_to_num(np.asarray(extra, dtype=float))
    g = min(groups, max(n_rows, 1))
    block = np.random.default_rng(seed).permutation(n_rows) % g
    order = np.argsort(block, kind="stable")
    bounds = np.searchsorted(block[order], np.arange(g + 1))
    present = ~np.isnan(z)
    values = np.where(present, z, 0.0)
    mask = present.astype(float)
    out = Sums(np.zeros((g, q, q)), np.zeros((g, q, q)), np.zeros((g, q, q)), np.zeros((g, q, q)),
               np.diff(bounds).astype(float), np.zeros((g, extra.shape[1])))
    for i in range(g):
        rows = order[bounds[i]:bounds[i + 1]]
        m, v = mask[rows], values[rows]
        out.n[i] = m.T @ m
        out.s[i] = v.T @ m
        out.ss[i] = (v * v).T @ m
        out.sp[i] = v.T @ v
        out.extra[i] = extra[rows].sum(axis=0)
    return out


def draws(groups: int, replicates: int, seed: int = SEED) -> np.ndarray:
    """(B, G) counts: each replicate draws G blocks with replacement."""
    return np.random.default_rng(seed + 1).multinomial(groups, np.full(groups, 1 / groups), size=replicates).astype(float)


def pairwise_correlations(sums: Sums) -> np.ndarray:
    """Pearson correlations of every pair over the rows where both are present, for each replicate (…, q, q)."""
    n, s, ss, sp = sums.n, sums.s, sums.ss, sums.sp
    s_t, ss_t = np.swapaxes(s, -1, -2), np.swapaxes(ss, -1, -2)
    cov = n * sp - s * s_t
    var_j, var_k = n * ss - s * s, n * ss_t - s_t * s_t
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.sqrt(var_j * var_k)
    q = corr.shape[-1]
    corr[..., np.arange(q), np.arange(q)] = 1.0
    return corr


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval along the first axis, ignoring failed replicates (NaN)."""
    tail = 100 * (1 - level) / 2
    return np.nanpercentile(samples, tail, axis=0), np.nanpercentile(samples, 100 - tail, axis=0)
