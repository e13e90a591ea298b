"""Key drivers on whole journeys: the samples' planted drivers come out on top; refusals say why."""
from __future__ import annotations

import json

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
                       "NPS…) was found", "method": "", "outcome": "", "r2": None, "n": 0, "items": []}


def test_too_few_respondents_for_the_touchpoints() -> None:
    rows = [["id", "touchpoint", "score", "NPS"]]
    for i in range(35):
        rows += [[i, t, (i * (k + 1) + k) % 5 + 1, i % 11] for k, t in enumerate(["Web", "Blog", "Tienda", "Email"])]
    drivers = key_drivers(load_journey([Source("r.csv", csv_bytes(rows))]))
    assert not drivers["available"]
    assert drivers["reason"] == "35 respondents is too few for 4 touchpoints (needs at least 40)"
