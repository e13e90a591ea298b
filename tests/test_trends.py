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
