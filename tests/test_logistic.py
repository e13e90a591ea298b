"""Logistic models for two-valued outcomes against METHODS.md O7, O7b (mtcars am ~ hp + mpg) and O8."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cj.logistic import auc, fit_logit, logistic_dominance, logistic_relative_weights, pseudo_r2

MTCARS = pd.read_csv(Path(__file__).parent / "data" / "data_mtcars.csv")


def test_o7_pseudo_r2_mtcars_am_on_hp_and_mpg() -> None:
    x, y = MTCARS[["hp", "mpg"]].to_numpy(float), MTCARS["am"].to_numpy(float)
    fit = fit_logit(x, y)
    assert fit.converged and not fit.separated
    r2 = pseudo_r2(fit, y)
    assert r2["mcfadden"] == pytest.approx(0.5551082, abs=1e-6)
    assert r2["cox_snell"] == pytest.approx(0.5275918, abs=1e-6)
    assert r2["nagelkerke"] == pytest.approx(0.7119993, abs=1e-6)


def test_o7b_logistic_dominance_mcfadden() -> None:
    x, y = MTCARS[["hp", "mpg"]].to_numpy(float), MTCARS["am"].to_numpy(float)
    weights = logistic_dominance(x, y)
    assert weights == pytest.approx([0.1439378, 0.4111705], abs=1e-5)
    assert weights.sum() == pytest.approx(0.5551082, abs=1e-6)


@pytest.mark.parametrize("predictors", [["cyl", "hp"], ["hp", "wt"]])
def test_o8_separation_is_detected(predictors: list[str]) -> None:
    # high_mpg = mpg > 20 is (quasi-)separated by these pairs: rwa_logit's raw weights sum to 2.35 and
    # 200.5, which no R² can be. The fit must say so, so the caller falls back to the LPM weights.
    y = (MTCARS["mpg"] > 20).to_numpy(float)
    _, fit = logistic_relative_weights(MTCARS[predictors].to_numpy(float), y)
    assert fit.separated


def test_logistic_relative_weights_without_separation_sum_below_one() -> None:
    x, y = MTCARS[["hp", "mpg"]].to_numpy(float), MTCARS["am"].to_numpy(float)
    raw, fit = logistic_relative_weights(x, y)
    assert not fit.separated and 0 < raw.sum() < 1 and (raw > 0).all()
    assert raw[1] > raw[0]  # mpg, as in the dominance weights


def test_auc_by_hand() -> None:
    # pairs (1, 0): (0.8, 0.1) win, (0.8, 0.4) win, (0.35, 0.1) win, (0.35, 0.4) lose -> 3/4
    assert auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1])) == 0.75
    assert auc(np.array([0.5, 0.5]), np.array([0, 1])) == 0.5
