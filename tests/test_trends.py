"""Wave trends and per-touchpoint NPS: the samples' planted second-wave changes, and NPS by hand."""
from __future__ import annotations

import pytest

from cj import Source, load_journey
from cj.samples import SAMPLES
from cj.trends import touchpoint_nps, wave_order, wave_trends
from tests.builders import csv_bytes


@pytest.mark.parametrize("key,improved,waves", [
    ("oficina_tecnica", "Llamada telefónica", ["2026-T1", "2026-T2"]),
    ("hotel_stay", "Checkout & billing", ["2026 Q1", "2026 Q2"]),
])
def test_planted_second_wave_improvement_is_found(key: str, improved: str, waves: list[str]) -> None:
    journey = load_journey(SAMPLES[key])
    assert wave_order(journey) == waves
    trends = wave_trends(journey).set_index("touchpoint")
    assert trends.loc[improved, "significant"] and trends.loc[improved, "trend"] > 3
    unchanged = trends.drop(index=[improved, "Newsleter"], errors="ignore")
    assert (unchanged["trend"].abs() < 4).all()  # sampling noise only
    assert not (unchanged["significant"] & (unchanged["trend"].abs() >= 3)).any()


def test_nps_among_users_by_hand() -> None:
    rows = [["id", "touchpoint", "score", "¿Nos recomendarías? (0-10)"]]
    answers = [0] * 20 + [7] * 30 + [10] * 50  # METHODS O15 counts: 20 / 30 / 50
    rows += [[i, "Web", 3, a] for i, a in enumerate(answers)]
    rows += [[i, "Blog", 4, a] for i, a in enumerate(answers) if a == 10]
    journey = load_journey([Source("n.csv", csv_bytes(rows))])
    nps = touchpoint_nps(journey).set_index("touchpoint")
    assert nps.loc["Web", "nps"] == pytest.approx(29.13, abs=1e-2)
    assert (nps.loc["Web", "nps_low"], nps.loc["Web", "nps_high"]) == (pytest.approx(14.05, abs=1e-2),
                                                                       pytest.approx(44.20, abs=1e-2))
    assert nps.loc["Blog", "nps_n"] == 50 and nps.loc["Blog", "nps"] > 90


def test_non_usage_effect_by_hand() -> None:
    from cj.trends import non_usage_effects

    rows = [["id", "touchpoint", "score", "Satisfacción general (1-5)"]]
    for i in range(120):
        outcome = 5 if i < 40 else 3  # the 40 app users are happier
        rows.append([i, "Tienda", 3, outcome])
        if i < 40:
            rows.append([i, "App", 4, outcome])
    effects = non_usage_effects(load_journey([Source("u.csv", csv_bytes(rows))])).set_index("touchpoint")
    assert list(effects.index) == ["App"]  # Tienda reached everyone
    assert effects.loc["App", "reach"] == pytest.approx(1 / 3)
    assert effects.loc["App", "difference"] == pytest.approx(100 - 50)  # 5 and 3 on 1–5 are 100 and 50
    assert effects.loc["App", "ci_low"] == pytest.approx(50) and effects.loc["App", "ci_high"] == pytest.approx(50)


def test_handoffs_between_owners_in_the_hotel() -> None:
    from cj.metrics import touchpoint_metrics
    from cj.trends import handoffs

    journey = load_journey(SAMPLES["hotel_stay"])
    table = handoffs(touchpoint_metrics(journey))
    pairs = list(zip(table["from_owner"], table["to_owner"]))
    assert ("Sales", "Front office") in pairs  # seed 003: the gap between sales and service
    row = table[(table["from_owner"] == "Sales") & (table["to_owner"] == "Front office")].iloc[0]
    assert row["from_touchpoint"] == "Trip preparation" and row["to_touchpoint"] == "Arrival & check-in"
    assert row["change"] < -10  # check-in is rated far below trip preparation
