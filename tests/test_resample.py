"""The block bootstrap against direct computation: block sums give pandas' pairwise-complete correlations, and
one replicate with one respondent per block is exactly the correlation of the resampled respondents."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cj import Source, load_journey
from cj.drivers import key_drivers
from cj.resample import block_sums, draws, pairwise_correlations
from tests.builders import csv_bytes


def _data(n: int, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 4)) @ np.array([[1, .5, .2, .4], [0, 1, .3, .2], [0, 0, 1, .6], [0, 0, 0, 1.]])
    z[rng.random((n, 4)) < 0.3] = np.nan  # skipped touchpoints
    return z


def test_block_sums_give_pairwise_complete_correlations() -> None:
    z = _data(500)
    sums = block_sums(z, groups=37)
    total = sums.total(np.ones((1, 37)))
    expected = pd.DataFrame(z).corr(min_periods=1).to_numpy()
    assert pairwise_correlations(total)[0] == pytest.approx(expected, abs=1e-12)
    assert total.rows[0] == 500


def test_one_respondent_per_block_is_the_respondent_bootstrap() -> None:
    z = _data(300)
    sums = block_sums(z, groups=300, seed=11)
    weights = draws(300, 3, seed=5)
    corr = pairwise_correlations(sums.total(weights))
    order = np.random.default_rng(11).permutation(300) % 300  # block of each respondent, as block_sums deals them
    for b in range(3):
        counts = weights[b][order]  # how many times each respondent is drawn
        resampled = np.repeat(z, counts.astype(int), axis=0)
        assert corr[b] == pytest.approx(pd.DataFrame(resampled).corr(min_periods=1).to_numpy(), abs=1e-10)


def test_share_intervals_hold_the_estimate_and_narrow_with_more_respondents() -> None:
    def journey(n: int):
        rng = np.random.default_rng(n)
        rows = [["id", "touchpoint", "score", "overall"]]
        for i in range(n):
            a, b = rng.integers(1, 6, 2)
            overall = int(np.clip(round(0.7 * a + 0.3 * b + rng.normal(0, 0.7)), 1, 5))
            rows += [[i, "Web", a, overall], [i, "Factura", b, overall]]
        return load_journey([Source("r.csv", csv_bytes(rows))])

    small, large = key_drivers(journey(400)), key_drivers(journey(1600))
    widths = []
    for drivers in (small, large):
        for item in drivers["items"]:
            assert item["ci_low"] <= item["importance"] <= item["ci_high"]
        widths.append(np.mean([i["ci_high"] - i["ci_low"] for i in drivers["items"]]))
        assert drivers["items"][0]["touchpoint"] == "Web" and not drivers["items"][0]["tie_with_next"]
    assert 0.3 < widths[1] / widths[0] < 0.7  # about 1/√4 = 0.5
