"""Scales: detection, not-applicable codes, Likert labels, POMP 0–100 (METHODS §3.5 oracles), outcomes."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cj import Source, load_journey
from cj import columns as C
from cj.scales import Scale, detect_scale, mark_na_numbers, parse_scale, parse_scores
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


def _row_by_row(parsed, declared=None) -> None:
    """The rule of ``mark_na_numbers`` written on every row, as it was first written: the oracle."""
    from cj.scales import NA_CODE, NA_NUMBERS, OK

    def to_na(hit, label):
        parsed.values[hit] = np.nan
        parsed.status[hit] = NA_CODE
        parsed.na_values[label] += int(hit.sum())

    ok, values = parsed.status == OK, parsed.values
    if not ok.any():
        return
    rest = values[ok & ~np.isin(values, NA_NUMBERS)]
    for code in NA_NUMBERS:
        hit = ok & (values == code)
        if hit.any() and rest.size and np.mean(rest <= 10) >= 0.99 and not (declared and declared.contains(np.array([code]))[0]):
            to_na(hit, str(int(code)))
    ok = parsed.status == OK
    nonzero, zeros = values[ok & (values != 0)], ok & (values == 0)
    if zeros.any() and nonzero.size and (declared is None or declared.low >= 1):
        if nonzero.min() >= 1 and np.quantile(nonzero, 0.99) <= 7:
            to_na(zeros, "0")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0, 0.5, 1, 2, 3, 4, 5, 6, 7, 7.5, 8, 10, 11, 98, 99, 999, 9999, "NS/NC", "", "x"]),
                min_size=1, max_size=400),
       st.sampled_from([None, Scale(1, 5), Scale(0, 10), Scale(1, 100)]))
def test_na_numbers_on_distinct_cells_follow_the_row_by_row_rule(cells: list, declared) -> None:
    fast, slow = parse_scores(pd.Series(cells, dtype=object)), parse_scores(pd.Series(cells, dtype=object))
    mark_na_numbers(fast, declared=declared)
    _row_by_row(slow, declared)
    assert np.array_equal(fast.values, slow.values, equal_nan=True)
    assert fast.status.tolist() == slow.status.tolist()
    assert fast.na_values == slow.na_values


def test_zeros_are_not_applicable_while_the_99th_percentile_of_the_rest_is_at_most_7() -> None:
    # 99 fives and one 8: rank 98.01 of 100 lies between a 5 and the 8, so the percentile is 5.03 and 0 means N/A
    one = parse_scores(pd.Series([0] * 5 + [5] * 99 + [8]))
    mark_na_numbers(one)
    assert one.na_values == {"0": 5}
    # 98 fives and two 8s: rank 98.01 lies between the two 8s, the percentile is 8 and the zeros stay answers
    two = parse_scores(pd.Series([0] * 5 + [5] * 98 + [8, 8]))
    mark_na_numbers(two)
    assert two.na_values == {} and (two.values == 0).sum() == 5


def test_infinity_or_nan_written_in_a_score_cell_is_a_bad_score_and_leaves_the_scale_alone() -> None:
    rows = [["id", "touchpoint", "score"]] + [[i, "Web", i % 5 + 1] for i in range(200)]
    rows += [[900, "Web", "-inf"], [901, "Web", "Infinity"], [902, "Web", "nan"]]
    journey = load_journey(Source("inf.csv", csv_bytes(rows)))
    report = journey.validation
    assert (report.rows_used, report.rows_rejected) == (201, 2)  # 'nan' is a not-applicable code, counted as such
    assert set(journey.ratings[C.SCALE].astype(str)) == {"1–5"} and len(journey.ratings) == 200
    assert report.rejected_rows("en")["value"].tolist() == ["-inf", "Infinity"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([-3, -2, 0, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 50, 99, "NS/NC", "", "x", "Sí"]),
                min_size=1, max_size=300),
       st.sampled_from([0.75, 0.99]))
def test_scale_decided_on_distinct_cells_equals_detection_on_every_row(cells: list, coverage: float) -> None:
    from cj.scales import OK, scale_of

    parsed = parse_scores(pd.Series(cells, dtype=object))
    mark_na_numbers(parsed)
    assert scale_of(parsed, coverage=coverage) == detect_scale(parsed.values[parsed.status == OK], coverage=coverage)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 3, 5, 7, 9, 10, 12, 99, "NS/NC", "", "diez", None]), min_size=1, max_size=200))
def test_outcome_values_spread_from_distinct_cells_equal_the_row_by_row_reading(cells: list) -> None:
    """Each row's outcome: its number where read and inside the scale, else missing; 0–100 by POMP."""
    from cj.outcome import read_outcome
    from cj.scales import INVALID, OK

    outcome = read_outcome(pd.Series(cells, dtype=object), "¿Nos recomendarías? (0-10)")
    parsed = parse_scores(pd.Series(cells, dtype=object))
    mark_na_numbers(parsed)
    expected = np.where((parsed.status == OK) & outcome.scale.contains(parsed.values), parsed.values, np.nan)
    assert np.array_equal(outcome.values, expected, equal_nan=True)
    assert np.allclose(outcome.score, outcome.scale.normalise(expected), equal_nan=True)
    bad = [str(c) for c, s in zip(cells, parsed.status) if s == INVALID]
    assert list(outcome.unknown.items()) == list({b: bad.count(b) for b in bad}.items())
