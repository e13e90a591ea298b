"""Statistics against METHODS.md's published and computed oracles (O14, O15, O16) and properties."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cj.stats import mean_interval, nps_counts, nps_from_counts, nps_interval, wilson_interval


def test_o16_student_t_mean_interval() -> None:
    result = mean_interval(np.array([4, 5, 3, 4, 2, 5, 4, 3]))
    assert result.estimate == 3.75
    assert (result.low, result.high) == (pytest.approx(2.8846, abs=1e-4), pytest.approx(4.6154, abs=1e-4))
    assert np.std([4, 5, 3, 4, 2, 5, 4, 3], ddof=1) == pytest.approx(1.0351, abs=1e-4)


@pytest.mark.parametrize("k,n,low,high", [(45, 60, 0.6277, 0.8422), (0, 10, 0.0, 0.2775)])
def test_o16_wilson_interval(k: int, n: int, low: float, high: float) -> None:
    result = wilson_interval(k, n)
    assert (result.low, result.high) == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))


@pytest.mark.parametrize("scores,nps,var,se", [
    ([0, 7, 7, 9, 9, 9], 1 / 3, 5 / 9, 0.304),   # brendan-r/NPS tests
])
def test_o14_nps_from_scores(scores, nps, var, se) -> None:
    result = nps_from_counts(*nps_counts(np.array(scores)))
    assert (result.score, result.variance, result.se) == (pytest.approx(nps, abs=1e-3), pytest.approx(var, abs=1e-3),
                                                          pytest.approx(se, abs=1e-3))


@pytest.mark.parametrize("counts,var,se", [((1, 0, 1), 1.0, 0.707), ((0, 1, 1), 0.25, 0.354), ((1, 1, 1), 2 / 3, 0.471)])
def test_o14_nps_variance_from_counts(counts, var, se) -> None:
    result = nps_from_counts(*counts)
    assert (result.variance, result.se) == (pytest.approx(var, abs=1e-3), pytest.approx(se, abs=1e-3))


def test_o14_custom_breaks_on_1_to_15() -> None:
    result = nps_from_counts(*nps_counts(np.arange(1, 16), breaks=(6, 8)))
    assert result.score == pytest.approx(2 / 30, abs=1e-3)
    assert result.variance == pytest.approx(0.8622, abs=2e-3)


def test_o15_wald_and_adjusted_wald() -> None:
    wald = nps_interval(20, 30, 50, adjusted=False)
    assert (wald.estimate, wald.low, wald.high) == (pytest.approx(30), pytest.approx(14.69, abs=1e-2),
                                                    pytest.approx(45.31, abs=1e-2))
    plain = nps_from_counts(20, 30, 50)
    assert plain.variance == pytest.approx(0.61) and plain.se == pytest.approx(0.0781, abs=1e-4)
    adjusted = nps_interval(20, 30, 50)
    assert (adjusted.estimate, adjusted.low, adjusted.high) == (pytest.approx(29.13, abs=1e-2),
                                                                pytest.approx(14.05, abs=1e-2),
                                                                pytest.approx(44.20, abs=1e-2))


@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500))
def test_nps_stays_in_range_and_variance_vanishes_in_one_category(d: int, p: int, q: int) -> None:
    if d + p + q == 0:
        return
    result = nps_from_counts(d, p, q)
    assert -1 <= result.score <= 1 and result.variance >= -1e-12
    interval = nps_interval(d, p, q)
    assert -100 <= interval.low <= interval.estimate <= interval.high <= 100
    if sum(1 for c in (d, p, q) if c) == 1:
        assert result.variance == pytest.approx(0.0, abs=1e-12)
