"""Driver mathematics against METHODS.md §1.8 oracles (O1–O6) and its property tests."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cj.drivers import lmg, r_squared, relative_weights, standardized_betas, vif

DATA = Path(__file__).parent / "data"
MTCARS = pd.read_csv(DATA / "data_mtcars.csv")
SWISS = pd.read_csv(DATA / "data_swiss.csv")


def corr(frame: pd.DataFrame, outcome: str, predictors: list[str]) -> tuple[np.ndarray, np.ndarray]:
    c = frame[predictors + [outcome]].corr().to_numpy()
    return c[:-1, :-1], c[:-1, -1]


def test_o1_relative_weights_mtcars() -> None:
    rxx, rxy = corr(MTCARS, "mpg", ["cyl", "disp", "hp", "wt"])
    result = relative_weights(rxx, rxy)
    assert result.raw == pytest.approx([0.2096904, 0.1883043, 0.1799590, 0.2706812], abs=1e-6)
    assert result.share == pytest.approx([24.70914, 22.18908, 21.20570, 31.89607], abs=1e-4)
    assert result.r2 == pytest.approx(0.8486348, abs=1e-6)
    assert (np.sign(rxy) == -1).all()  # every sign '-', as published


def test_o2_lmg_mtcars_am_vs_cyl() -> None:
    rxx, rxy = corr(MTCARS, "mpg", ["am", "vs", "cyl"])
    result = lmg(rxx, rxy)
    assert result.raw == pytest.approx([0.1774892, 0.2027032, 0.3817849], abs=1e-6)
    assert result.r2 == pytest.approx(0.7619773, abs=1e-6)
    assert result.share / 100 == pytest.approx([0.2329324, 0.2660226, 0.5010450], abs=1e-6)


def test_o3_lmg_mtcars_am_cyl_carb() -> None:
    rxx, rxy = corr(MTCARS, "mpg", ["am", "cyl", "carb"])
    result = lmg(rxx, rxy)
    assert result.raw == pytest.approx([0.2156848, 0.4173094, 0.1783081], abs=1e-6)
    assert result.r2 == pytest.approx(0.8113023, abs=1e-6)


def test_o4_lmg_pingouin_mediation() -> None:
    # pingouin's mediation data (100 rows) is read from the installed wheel (GPL-3), never copied here;
    # find_spec locates the package without importing it
    import importlib.util

    spec = importlib.util.find_spec("pingouin")
    assert spec is not None, "pingouin is a test dependency (requirements-dev.txt): pip install -r requirements-dev.txt"
    data = pd.read_csv(Path(spec.submodule_search_locations[0]) / "datasets" / "mediation.csv")
    assert len(data) == 100
    rxx, rxy = corr(data, "Y", ["X", "M"])
    for result in (lmg(rxx, rxy), relative_weights(rxx, rxy)):  # p = 2: relative weights equal LMG
        assert result.raw == pytest.approx([0.05778011, 0.31521913], abs=1e-6)
        assert result.share == pytest.approx([15.49068, 84.50932], abs=1e-4)
        assert result.r2 == pytest.approx(0.37299924, abs=1e-6)


def test_o5_swiss_all_methods() -> None:
    names = ["Agriculture", "Examination", "Education", "Catholic", "Infant.Mortality"]
    rxx, rxy = corr(SWISS, "Fertility", names)
    assert rxy == pytest.approx([0.3530792, -0.6458827, -0.6637889, 0.4636847, 0.4165560], abs=1e-6)
    beta = standardized_betas(rxx, rxy)
    assert beta == pytest.approx([-0.3129213, -0.1647782, -0.6704008, 0.3476000, 0.2511360], abs=1e-6)
    assert beta * rxy == pytest.approx([-0.1104860, 0.1064274, 0.4450046, 0.1611768, 0.1046122], abs=1e-6)
    assert relative_weights(rxx, rxy).raw == pytest.approx([0.0484169, 0.1547082, 0.2719641, 0.1146800, 0.1169657],
                                                           abs=1e-6)
    assert lmg(rxx, rxy).raw == pytest.approx([0.0570912, 0.1711730, 0.2601347, 0.1055702, 0.1127659], abs=1e-6)
    assert r_squared(rxx, rxy) == pytest.approx(0.7067350, abs=1e-6)
    assert np.sign(beta[0]) != np.sign(rxy[0])  # Agriculture: the sign flip METHODS §1.4 names


def test_o5_swiss_catholic_subset_lmg() -> None:
    names = ["Agriculture", "Examination", "Education", "Catholic", "Infant.Mortality"]
    rxx, rxy = corr(SWISS[SWISS["Catholic"] > 40], "Fertility", names)
    result = lmg(rxx, rxy)
    assert result.r2 == pytest.approx(0.8093440, abs=1e-6)
    assert result.raw == pytest.approx([0.0929660, 0.1391267, 0.2469149, 0.2548974, 0.0754390], abs=1e-6)


def test_o6_relative_weights_mtcars_am_vs_cyl() -> None:
    rxx, rxy = corr(MTCARS, "mpg", ["am", "vs", "cyl"])
    assert relative_weights(rxx, rxy).raw == pytest.approx([0.1995349, 0.2163873, 0.3460551], abs=1e-6)


def test_vif_of_mtcars_predictors_is_the_inverse_diagonal() -> None:
    rxx, _ = corr(MTCARS, "mpg", ["cyl", "disp", "hp", "wt"])
    x = MTCARS[["cyl", "disp", "hp", "wt"]].to_numpy(float)
    by_regression = []
    for j in range(4):  # VIF_j = 1 / (1 − R²_j on the others), by plain least squares
        others = np.column_stack([np.ones(len(x)), np.delete(x, j, axis=1)])
        fit = others @ np.linalg.lstsq(others, x[:, j], rcond=None)[0]
        r2 = 1 - ((x[:, j] - fit) ** 2).sum() / ((x[:, j] - x[:, j].mean()) ** 2).sum()
        by_regression.append(1 / (1 - r2))
    assert vif(rxx) == pytest.approx(by_regression, rel=1e-9)


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 6), st.integers(0, 10_000))
def test_weights_sum_to_r2_and_resist_rescaling_and_reordering(p: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(200, p)) + rng.normal(size=(200, 1)) * rng.uniform(0, 1.5)  # correlated, survey-like
    y = x @ rng.normal(size=p) + rng.normal(size=200) * 2
    frame = pd.DataFrame(x, columns=[f"t{i}" for i in range(p)]).assign(y=y)
    rxx, rxy = corr(frame, "y", [f"t{i}" for i in range(p)])
    rw, shapley = relative_weights(rxx, rxy), lmg(rxx, rxy)
    r2 = r_squared(rxx, rxy)
    assert rw.raw.sum() == pytest.approx(r2, abs=1e-10) and shapley.raw.sum() == pytest.approx(r2, abs=1e-10)
    assert (standardized_betas(rxx, rxy) * rxy).sum() == pytest.approx(r2, abs=1e-10)  # Pratt's measure
    assert (rw.raw >= -1e-12).all() and rw.share.sum() == pytest.approx(100)
    if p == 2:
        assert rw.raw == pytest.approx(shapley.raw, abs=1e-12)
    scaled = frame.assign(t0=frame["t0"] * 25 + 1)  # e.g. 1–5 rescaled to 0–100
    order = [f"t{i}" for i in reversed(range(p))]
    rxx2, rxy2 = corr(scaled, "y", order)
    assert relative_weights(rxx2, rxy2).raw[::-1] == pytest.approx(rw.raw, abs=1e-10)


@pytest.mark.parametrize("seed", range(200))
def test_two_touchpoints_relative_weights_equal_lmg(seed: int) -> None:
    # correlations of real random data, so every case is a valid correlation matrix and is compared
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(60, 2)) @ rng.normal(size=(2, 2))
    y = x @ rng.normal(size=2) + rng.normal(size=60) * rng.uniform(0.2, 3)
    rxx, rxy = corr(pd.DataFrame(x, columns=["a", "b"]).assign(y=y), "y", ["a", "b"])
    shapley = lmg(rxx, rxy)
    assert 0 < shapley.r2 < 1
    assert relative_weights(rxx, rxy).raw == pytest.approx(shapley.raw, abs=1e-12)


def test_orthogonal_touchpoints_give_their_squared_correlations() -> None:
    # uncorrelated touchpoints: R² splits into each one's r², whatever the method
    rxx, rxy = np.eye(4), np.array([0.6, -0.4, 0.3, 0.1])
    for result in (relative_weights(rxx, rxy), lmg(rxx, rxy)):
        assert result.raw == pytest.approx(rxy ** 2, abs=1e-12)
        assert result.r2 == pytest.approx(0.62, abs=1e-12)
