"""Scales: detection, not-applicable codes, Likert labels, POMP 0–100 (METHODS §3.5 oracles), outcomes."""
from __future__ import annotations

import numpy as np
import pytest

from cj import Source, load_journey
from cj import columns as C
from cj.scales import Scale, detect_scale, parse_scale
from tests.builders import csv_bytes


@pytest.mark.parametrize("value,scale,expected", [
    (3, Scale(1, 5), 50.0),        # [PUBLISHED] O*NET: importance 3 on 1–5 -> 50
    (5, Scale(0, 7), 71.43),       # [PUBLISHED] O*NET: level 5 on 0–7 -> 71.43
    (8, Scale(0, 10), 80.0),       # [COMPUTED] METHODS §3.5
    (6, Scale(1, 7), 83.33),       # [COMPUTED] METHODS §3.5
])
def test_pomp_oracles(value: float, scale: Scale, expected: float) -> None:
    assert scale.normalise(np.array([float(value)]))[0] == pytest.approx(expected, abs=0.005)


def load(rows: list[list[object]], **kwargs):
    return load_journey([Source("s.csv", csv_bytes([["id", "touchpoint", "score"], *rows]))], **kwargs)


@pytest.mark.parametrize("values,label", [
    ([1, 2, 3, 4, 5], "1–5"), ([1, 4, 6, 7], "1–7"), ([0, 5, 9, 10], "0–10"), ([1, 5, 8, 10], "1–10"),
    ([-2, -1, 0, 1, 2], "-2–2"), ([-3, 0, 2, 3], "-3–3"),
])
def test_scale_detected_from_values_through_a_real_file(values: list[int], label: str) -> None:
    journey = load([[i, "Web", v] for i, v in enumerate(values)])
    assert journey.validation.scales[0]["scale"] == label
    scale = parse_scale(label.replace("–", " to "))
    expected = 100 * (np.array(values, float) - scale.low) / (scale.high - scale.low)
    assert journey.ratings[C.SCORE].tolist() == pytest.approx(expected.tolist())
    assert journey.ratings[C.SCORE_RAW].tolist() == [float(v) for v in values]


def test_not_applicable_codes_become_missing_and_are_counted() -> None:
    rows = [[1, "Web", 4], [2, "Web", 0], [3, "Web", 99], [4, "Web", "N/A"], [5, "Web", "NS/NC"],
            [6, "Web", "No aplica"], [7, "Web", "#N/A"], [8, "Web", 5], [9, "Web", 1]]
    journey = load(rows)
    assert journey.ratings[C.SCORE_RAW].tolist() == [4.0, 5.0, 1.0]
    report = journey.validation
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (9, 9, 0)
    na = next(w for w in report.warnings if w.code == "na_codes")
    assert na.params["n"] == 6
    assert na.message() == ("s.csv, column 'score': 6 not-applicable value(s) ('N/A' ×1, 'NS/NC' ×1, "
                            "'No aplica' ×1, '#N/A' ×1, '99' ×1, '0' ×1) read as missing.")


def test_zero_is_a_real_answer_on_a_0_to_10_scale() -> None:
    journey = load([[1, "Web", 0], [2, "Web", 10], [3, "Web", 7]])
    assert journey.ratings[C.SCORE].tolist() == [0.0, 100.0, 70.0]


@pytest.mark.parametrize("labels,expected", [
    (["Muy insatisfecho", "Insatisfecho", "Ni satisfecho ni insatisfecho", "Satisfecho", "Muy satisfecho"],
     [0, 25, 50, 75, 100]),
    (["Strongly disagree", "disagree", "Neutral", "AGREE", "strongly agree"], [0, 25, 50, 75, 100]),
    (["1 - Muy malo", "3 - Regular", "5 - Excelente"], [0, 50, 100]),
])
def test_likert_labels_in_spanish_and_english(labels: list[str], expected: list[float]) -> None:
    journey = load([[i, "Web", v] for i, v in enumerate(labels)])
    assert journey.ratings[C.SCORE].tolist() == expected
    numbered = labels[0][0].isdigit()  # '1 - Muy malo' is read by its number
    assert journey.validation.scales[0]["how"] == ("detected" if numbered else "detected, Likert labels")


def test_declared_scale_makes_values_outside_it_rejected_with_the_rule() -> None:
    journey = load([[1, "Web", 4], [2, "Web", 7]], scales={"score": "1-5"})
    rejected = journey.validation.to_dict()["rejected"]
    assert [(r["row"], r["value"], r["reason"]) for r in rejected] == [(3, "7", "7 is outside the 1–5 scale.")]


def test_detection_keeps_a_rare_out_of_scale_value_out() -> None:
    values = [(i % 5) + 1 for i in range(300)] + [7]
    scale, how = detect_scale(np.array(values, float))
    assert (scale, how) == (Scale(1, 5), "detected")
    journey = load([[i, "Web", v] for i, v in enumerate(values)])
    assert journey.validation.rows_rejected == 1
    assert journey.validation.to_dict()["rejected"][0]["row"] == 302


def test_mixed_scales_inside_one_column_are_reported_not_averaged_blindly() -> None:
    rows = [[i, "Web", (i % 5) + 1] for i in range(50)] + [[i, "Llamada", i % 11] for i in range(50)]
    journey = load(rows)
    mixed = [w for w in journey.validation.warnings if w.code == "mixed_scales"]
    assert len(mixed) == 1 and "'Web' 1–5" in mixed[0].message() and "others 0–10" in mixed[0].message()
    web = journey.ratings[journey.ratings[C.TOUCHPOINT] == "Web"]
    # Web normalised on its own 1–5 scale: mean of 1..5 repeated -> 50 on 0–100, not 30 as on 0–10
    assert web[C.SCORE].mean() == pytest.approx(50.0)
    assert set(web[C.SCALE]) == {"1–5"}


def outcome_file(values: list[object], header: str) -> bytes:
    return csv_bytes([["id", "touchpoint", "score", header], *[[i, "Web", 3, v] for i, v in enumerate(values)]])


def test_outcome_text_two_answers_turned_into_a_number_with_the_rule_shown() -> None:
    journey = load_journey([Source("o.csv", outcome_file(["satisfied", "neutral or dissatisfied", "satisfied"],
                                                           "satisfaction"))])
    assert journey.respondents[C.OVERALL_RAW].tolist() == [1.0, 0.0, 1.0]
    assert journey.validation.outcome["kind"] == "binary"
    assert journey.validation.outcome["rule"]["en"] == "two answers: 'satisfied' → 1, 'neutral or dissatisfied' → 0"


def test_outcome_si_no_in_spanish() -> None:
    journey = load_journey([Source("o.csv", outcome_file(["Sí", "No", "sí"], "¿Nos recomendarías?"))])
    assert journey.respondents[C.OVERALL].tolist() == [100.0, 0.0, 100.0]


def test_recommend_0_10_is_nps_able_and_satisfaction_1_5_is_a_rating() -> None:
    nps = load_journey([Source("o.csv", outcome_file([0, 6, 9, 10], "¿Nos recomendarías? (0-10)"))])
    assert nps.outcome_kind == "nps"
    assert nps.respondents[C.OVERALL].tolist() == [0.0, 60.0, 90.0, 100.0]
    csat = load_journey([Source("o.csv", outcome_file([1, 3, 5], "Satisfacción general"))])
    assert csat.outcome_kind == "rating" and csat.validation.outcome["scale"] == "1–5"
    assert csat.respondents[C.OVERALL].tolist() == [0.0, 50.0, 100.0]
