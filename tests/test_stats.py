"""Statistics against METHODS.md's published and computed oracles (O14, O15, O16) and properties."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from cj.stats import mean_interval, nps_counts, nps_from_counts, nps_interval, t_quantile, welch_p, wilson_interval


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


# The quantiles and tests come from scipy.special (a lighter import than scipy.stats); scipy.stats is the oracle.
@given(st.floats(0.001, 0.999), st.floats(1, 1e6))
def test_t_quantile_is_scipy_stats_t_ppf(q: float, df: float) -> None:
    assert t_quantile(q, df) == pytest.approx(float(stats.t.ppf(q, df)), rel=1e-9, abs=1e-12)


def test_t_quantile_of_o16() -> None:
    assert t_quantile(0.975, 7) == pytest.approx(2.364624, abs=1e-6)  # the t table, 7 df, two-sided 5 %


@given(st.lists(st.floats(0, 100), min_size=2, max_size=40), st.lists(st.floats(0, 100), min_size=2, max_size=40))
def test_welch_p_is_scipy_ttest_ind(a: list[float], b: list[float]) -> None:
    a, b = np.array(a), np.array(b)
    with warnings.catch_warnings():  # scipy warns of precision loss on near-identical samples; we compare anyway
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = float(stats.ttest_ind(a, b, equal_var=False).pvalue)
    got = welch_p(a.mean(), a.var(ddof=1), a.size, b.mean(), b.var(ddof=1), b.size)
    assert got == pytest.approx(expected, rel=1e-7, abs=1e-12, nan_ok=True)


def test_welch_p_of_a_hand_computed_case() -> None:
    # means 5 and 3, variances 2 and 1, n 10 and 12: t = 2 / √(0.2 + 1/12) = 3.757,
    # df = 0.2833² / (0.2² / 9 + 0.0833² / 11) = 15.82; two-sided p of t(15.82) beyond 3.757 = 0.00175
    assert welch_p(5, 2, 10, 3, 1, 12) == pytest.approx(0.00175, abs=1e-5)
