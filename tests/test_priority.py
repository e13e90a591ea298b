"""Priority scoring against METHODS O12 (design worked example) and O13 (published arithmetic)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from cj.priority import effort_0_1, ice, kano_better_worse, kendall_tau, odi_opportunity, quadrants, rank_stability, rice, value

O12 = pd.DataFrame({
    "share": [0.35, 0.25, 0.15, 0.10, 0.10, 0.05], "performance": [58, 40, 55, 75, 80, 70],
    "reach": [1.0, 0.7, 0.9, 1.0, 0.5, 0.6], "severity": [0.25, 0.45, 0.30, 0.08, 0.05, 0.10],
    "effort": [5, 3, 4, 2, 2, 1]},
    index=["Installation", "Mobile app", "Online checkout", "Store visit", "Returns", "Web search"])


def test_o12_values_and_quadrants() -> None:
    values = value(O12)
    assert values.round(2).tolist() == pytest.approx([100.00, 82.86, 42.98, 14.69, 5.71, 5.39], abs=1e-2)
    assert values.median() == pytest.approx(28.83, abs=1e-2)
    names = quadrants(values, effort_0_1(O12["effort"], "scale_1_5"))
    assert names.tolist() == ["major_project", "quick_win", "major_project", "fill_in", "fill_in", "fill_in"]


def test_o12_rank_stability_over_81_weightings() -> None:
    top, taus = rank_stability(O12)
    assert taus["k"] == 2
    assert top.tolist() == [1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    assert (taus["tau_min"], taus["tau_median"], taus["tau_mean"]) == (
        pytest.approx(0.733, abs=1e-3), pytest.approx(1.0), pytest.approx(0.908, abs=1e-3))


def test_missing_effort_is_unscored_never_low() -> None:
    names = quadrants(pd.Series([90.0, 10.0, 50.0, 60.0]), pd.Series([0.2, None, 0.9, 0.1]))
    assert names.tolist() == ["quick_win", "unscored", "thankless", "quick_win"]


def test_effort_in_days_is_log_scaled() -> None:
    scaled = effort_0_1(pd.Series([1.0, 10.0, 100.0]), "days")
    assert scaled.tolist() == pytest.approx([0.0, 0.5, 1.0])


def test_o13_rice_ice_odi_kano() -> None:
    assert rice(2000, 2, 0.8, 4) == 800
    assert ice(8, 6, 7) == (7.0, 336)
    assert [odi_opportunity(8.5, 6.2), odi_opportunity(5.0, 7.1), odi_opportunity(9, 3)] == [10.8, 5.0, 15.0]
    assert kano_better_worse(30, 25, 15, 30) == (pytest.approx(0.55), pytest.approx(-0.40))


@given(st.lists(st.permutations(range(1, 9)), min_size=1, max_size=5))
def test_kendall_tau_of_rankings_is_scipy_kendalltau(rankings: list[list[int]]) -> None:
    base = np.arange(1, 9)
    expected = [stats.kendalltau(base, r).statistic for r in rankings]
    assert kendall_tau(base, np.array(rankings)).tolist() == pytest.approx(expected)
