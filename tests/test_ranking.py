"""Priorities on the samples: planted quick wins and major projects; re-scoring works on aggregates only."""
from __future__ import annotations

import json

import numpy as np
import pytest

from cj import load_journey
from cj.drivers import key_drivers
from cj.metrics import touchpoint_metrics
from cj.priority import Weights
from cj.ranking import components, priorities, score_priorities
from cj.samples import SAMPLE_DIR, SAMPLES

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=list(SAMPLES))
def sample(request):
    journey = load_journey(SAMPLES[request.param])
    parts = components(touchpoint_metrics(journey), key_drivers(journey), journey.touchpoints)
    return request.param, parts


def test_planted_quick_wins_and_major_projects(sample) -> None:
    key, parts = sample
    ranked = {p["touchpoint"]: p for p in priorities(parts)}
    for name in TRUTH[key]["quick_wins"]:
        assert ranked[name]["quadrant"] == "quick_win", (name, ranked[name])
        assert ranked[name]["rank"] <= 3
    for name in TRUTH[key]["major_projects"]:
        assert ranked[name]["quadrant"] == "major_project", (name, ranked[name])
    first = min(ranked.values(), key=lambda p: p["rank"])
    assert first["touchpoint"] in TRUTH[key]["quick_wins"]
    assert first["explanation"].startswith(f"{first['touchpoint']}: quick win — impact ")


def test_every_priority_has_the_spec_fields_and_spanish_explanations(sample) -> None:
    _, parts = sample
    for item in priorities(parts, lang="es"):
        assert {"touchpoint", "impact", "effort", "effort_source", "quadrant", "priority", "rank", "stability",
                "explanation", "components"} <= set(item)
        assert 0 <= item["impact"] <= 100 and 0 <= item["stability"] <= 1
        assert "% de las ponderaciones" in item["explanation"]


def test_changing_effort_or_weights_rescores_from_aggregates(sample) -> None:
    _, parts = sample
    base = score_priorities(parts)
    leader = base.index[0]
    harder = parts.copy()
    harder.loc[leader, "effort01"] = 1.0
    moved = score_priorities(harder)
    assert moved.loc[leader, "rank"] > 1 and moved.loc[leader, "effort"] == 100
    reweighted = score_priorities(parts, Weights(severity=0.0))
    assert (reweighted["impact"] <= 100).all() and reweighted["impact"].max() == pytest.approx(100)


def test_a_negative_driver_is_flagged_and_never_ranked_first() -> None:
    import pandas as pd

    parts = pd.DataFrame({"share": [-0.30, 0.40, 0.30], "performance": [20.0, 60.0, 70.0], "reach": [1.0, 1.0, 1.0],
                          "severity": [0.5, 0.1, 0.1], "effort01": [0.0, 0.25, 0.25],
                          "effort_source": "touchpoints sheet", "n": 500}, index=["Odd", "Web", "Blog"])
    ranked = {p["touchpoint"]: p for p in priorities(parts)}
    assert ranked["Odd"]["impact"] == 0 and ranked["Odd"]["rank"] == 3
    assert ranked["Odd"]["flag"] == "no positive impact"
    assert ranked["Odd"]["explanation"] == "Odd: no positive impact on the outcome (check the coding); not prioritised."
    assert ranked["Web"]["rank"] == 1 and ranked["Web"]["flag"] == ""


def test_key_to_the_business_and_moment_weight_multiply_value_by_hand() -> None:
    import numpy as np

    from cj.priority import value_array

    share, perf = np.array([0.4, 0.4, 0.2]), np.array([50.0, 50.0, 50.0])
    reach, severity = np.ones(3), np.zeros(3)
    # equal importance and gap; the second is key (K = 1: ×2), the third has half the share and moment weight 2
    v = value_array(share, perf, reach, severity, key=np.array([0.0, 1.0, 0.0]), moment=np.array([1.0, 1.0, 2.0]))
    assert v.tolist() == pytest.approx([50.0, 100.0, 50.0])
    v = value_array(share, perf, reach, severity, Weights(key=0.0, moment=0.0), key=np.array([0.0, 1.0, 0.0]),
                    moment=np.array([1.0, 1.0, 2.0]))
    assert v.tolist() == pytest.approx([100.0, 100.0, 50.0])


def test_bootstrap_rank_stability_of_the_planted_top_three() -> None:
    from cj.analysis import analyze

    for key in SAMPLES:
        result = analyze(load_journey(SAMPLES[key]))
        top = [p for p in result["priorities"] if p["rank"] <= 3]
        assert all(p["top_k"] == 3 and p["stability_bootstrap"] >= 0.9 for p in top), top
        rest = [p["stability_bootstrap"] for p in result["priorities"] if p["rank"] > 3]
        assert all(0 <= s <= 0.2 for s in rest)
        assert sum(p["stability_bootstrap"] for p in result["priorities"]) == pytest.approx(3)  # k places per draw


def test_the_priorities_bootstrap_reuses_the_driver_replicates_exactly() -> None:
    """``key_drivers`` keeps its signed bootstrap shares; ``bootstrap_parts`` takes their first 200 rows instead of
    drawing them again — the same numbers (to rounding) as computing them afresh from the same seeded draws."""
    from cj.drivers import bootstrap_parts, driver_inputs, key_drivers

    journey = load_journey(SAMPLES["hotel_stay"])
    inputs = driver_inputs(journey)
    drivers = key_drivers(journey, inputs=inputs)
    assert inputs._signed is not None and inputs._signed[1].shape[0] == 500
    reused = bootstrap_parts(inputs, drivers)["share"]
    inputs._signed = None
    afresh = bootstrap_parts(inputs, drivers)["share"]
    assert np.allclose(reused, afresh, rtol=0, atol=1e-12, equal_nan=True) and np.abs(afresh).sum() > 0  # batch rounding
