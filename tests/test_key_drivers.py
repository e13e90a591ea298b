"""Key drivers on whole journeys: the samples' planted drivers come out on top; refusals say why."""
from __future__ import annotations

import json

import numpy as np
import pytest

from cj import Source, load_journey
from cj.drivers import key_drivers
from cj.samples import SAMPLE_DIR, SAMPLES
from tests.builders import csv_bytes

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", list(SAMPLES))
def test_planted_drivers_come_out_on_top(key: str) -> None:
    drivers = key_drivers(load_journey(SAMPLES[key]))
    assert drivers["available"] and drivers["reason"] == ""
    assert {"available", "reason", "method", "outcome", "r2", "n", "items"} <= set(drivers)
    names = [i["touchpoint"] for i in drivers["items"]]
    assert set(names[:3]) == set(TRUTH[key]["true_driver_order"][:3])
    assert sum(i["importance"] for i in drivers["items"]) == pytest.approx(100)
    assert all(i["importance"] >= 0 and i["direction"] == "positive" for i in drivers["items"])
    assert 0 < drivers["r2"] < 1 and drivers["n"] >= 30
    for item in drivers["items"]:  # LMG cross-check agrees with RW within a few points on this data
        assert item["lmg"] == pytest.approx(item["importance"], abs=5)
    non_drivers = TRUTH[key]["non_drivers"]
    assert all(names.index(t) >= len(names) - 4 for t in non_drivers if t in names)


def test_without_an_outcome_the_reason_is_said() -> None:
    data = csv_bytes([["id", "touchpoint", "score"]] + [[i, "Web", i % 5 + 1] for i in range(50)])
    drivers = key_drivers(load_journey([Source("r.csv", data)]))
    assert drivers == {"available": False, "reason": "no overall outcome column (satisfaction, recommendation, "
                       "NPS…) was found", "method": "", "outcome": "", "r2": None, "n": 0, "items": [],
                       "excluded": []}


def test_too_few_respondents_for_the_touchpoints() -> None:
    rows = [["id", "touchpoint", "score", "NPS"]]
    for i in range(35):
        rows += [[i, t, (i * (k + 1) + k) % 5 + 1, i % 11] for k, t in enumerate(["Web", "Blog", "Tienda", "Email"])]
    drivers = key_drivers(load_journey([Source("r.csv", csv_bytes(rows))]))
    assert not drivers["available"]
    assert drivers["reason"] == "35 respondents is too few for 4 touchpoints (needs at least 40)"


def _binary_journey(noise: float):
    rng = np.random.default_rng(8)
    rows = [["id", "touchpoint", "score", "¿Nos recomendarías?"]]
    for i in range(600):
        web, bill = rng.integers(1, 6, 2)
        again = "Sí" if web + 0.5 * bill + rng.normal(0, noise) > 4.5 else "No"
        rows += [[i, "Web", web, again], [i, "Factura", bill, again]]
    return load_journey([Source("b.csv", csv_bytes(rows))])


def test_binary_outcome_logistic_check_beside_the_lpm_weights() -> None:
    drivers = key_drivers(_binary_journey(noise=1.0))
    assert "linear probability model" in drivers["method"]
    check = drivers["logistic"]
    assert check["available"] and not check["separation"] and check["n"] == 600
    assert 0 < check["pseudo_r2"]["mcfadden"] < check["pseudo_r2"]["nagelkerke"] < 1
    assert 0.5 < check["auc"] <= 1
    weights = {i["touchpoint"]: i["weight"] for i in check["items"]}
    assert weights["Web"] > weights["Factura"] and sum(weights.values()) == pytest.approx(100)
    assert sum(i["dominance"] for i in check["items"]) == pytest.approx(check["pseudo_r2"]["mcfadden"], abs=1e-9)


def test_binary_outcome_with_separation_falls_back_and_says_so() -> None:
    drivers = key_drivers(_binary_journey(noise=0.0))  # the scores decide the answer exactly
    assert drivers["available"] and drivers["items"]  # the LPM weights stand
    assert drivers["logistic"]["available"] is False and drivers["logistic"]["separation"] is True
    assert drivers["logistic"]["reason"].startswith("separation")


def test_touchpoints_never_rated_together_are_set_aside_not_a_crash() -> None:
    # A and C are never rated by the same respondent: their correlation does not exist, so one of them is set
    # aside with the reason, and the drivers of the rest are computed
    rng = np.random.default_rng(5)
    rows = [["id", "Punto de contacto", "Puntuación (1-5)", "¿Nos recomendarías? (0-10)"]]
    for i in range(400):
        b = int(rng.integers(1, 6))
        first = "A" if i % 2 else "C"
        rows += [[i, first, int(rng.integers(1, 6)), min(10, 2 * b)], [i, "B", b, min(10, 2 * b)],
                 [i, "D", int(rng.integers(1, 6)), min(10, 2 * b)]]
    journey = load_journey([Source("r.csv", csv_bytes(rows))])
    drivers = key_drivers(journey, replicates=0)
    assert drivers["available"]
    apart = [e for e in drivers["excluded"] if e["reason"] == "rarely rated with the others"]
    assert len(apart) == 1 and apart[0]["touchpoint"] in {"A", "C"} and apart[0]["n"] == 0
    assert drivers["items"][0]["touchpoint"] == "B" and len(drivers["items"]) == 3
