"""Hypothesis properties: values survive a CSV or XLSX round trip; rows always add up; only CjReadError escapes."""
from __future__ import annotations

import string
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cj import CjReadError, Source, load_journey
from cj import columns as C
from cj.scales import parse_scale
from tests.builders import csv_bytes, write_xlsx

NAMES = st.text(alphabet=string.ascii_letters + "áéíóúñÁÉ -", min_size=1, max_size=12).map(str.strip).filter(bool)
SCORES = st.integers(min_value=1, max_value=5)
COMMENTS = st.one_of(st.none(), st.text(alphabet=string.ascii_letters + " ,;\"'áñ¿?!\n", min_size=1, max_size=40)
                     .filter(lambda s: s.strip() != ""))
ROW = st.tuples(st.integers(0, 10_000), NAMES, SCORES, COMMENTS)
FORMATS = st.sampled_from(["csv-comma", "csv-semicolon", "tsv-utf16", "xlsx"])
CELLS = st.one_of(st.none(), st.integers(-5, 200), st.floats(allow_nan=False, allow_infinity=False, width=32),
                  st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=15),
                  st.sampled_from(["N/A", "NS/NC", "diez", "#N/A", "Muy satisfecho", "0", "99"]))


def write(rows: list[list[object]], fmt: str) -> Source:
    if fmt == "xlsx":
        with tempfile.TemporaryDirectory() as tmp:
            path = write_xlsx(Path(tmp) / "p.xlsx", {"Respuestas": rows})
            return Source("p.xlsx", path.read_bytes())
    delimiter, encoding, name = {"csv-comma": (",", "utf-8", "p.csv"), "csv-semicolon": (";", "utf-8-sig", "p.csv"),
                                 "tsv-utf16": ("\t", "utf-16", "p.tsv")}[fmt]
    return Source(name, csv_bytes(rows, delimiter=delimiter, encoding=encoding))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=25), FORMATS)
@example([(0, "A", 1, "INFINITY")], "csv-comma")  # once read back as the number inf and shown as 'inf'
@example([(0, "A", 1, "-inf")], "csv-comma")
def test_any_frame_written_and_read_back_keeps_its_values(rows: list[tuple], fmt: str) -> None:
    header = ["ID encuestado", "Punto de contacto", "Puntuación (1-5)", "Comentario"]
    source = write([header] + [[i, n, s, c] for i, n, s, c in rows], fmt)
    journey = load_journey([source])
    seen = journey.ratings
    assert seen[C.SCORE_RAW].tolist() == [float(s) for _, _, s, _ in rows_kept(rows)]
    assert seen[C.ROW].tolist() == [2 + k for k, _ in enumerate(rows) if k in kept_index(rows)]
    comments = [c.strip() for k, (_, _, _, c) in enumerate(rows) if c is not None and k in kept_index(rows)]
    assert journey.comments[C.COMMENT].tolist() == [c for c in comments if c]


def kept_index(rows: list[tuple]) -> set[int]:
    """First rating of each (respondent, touchpoint folded) pair is kept; later ones are duplicates."""
    from cj.text import fold

    seen, kept = set(), set()
    for k, (i, n, _, _) in enumerate(rows):
        if (str(i), fold(n)) not in seen:
            seen.add((str(i), fold(n)))
            kept.add(k)
    return kept


def rows_kept(rows: list[tuple]) -> list[tuple]:
    keep = kept_index(rows)
    return [r for k, r in enumerate(rows) if k in keep]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELLS, min_size=4, max_size=4), min_size=1, max_size=30), FORMATS,
       st.sampled_from([["id", "touchpoint", "score", "comment"], ["id", "Web", "Blog", "NPS"]]))
def test_rows_always_add_up_and_only_the_read_error_escapes(cells: list[list], fmt: str, header: list[str]) -> None:
    try:
        journey = load_journey([write([header] + cells, fmt)])
    except CjReadError as err:
        assert err.message() and err.message("es")
        return
    report = journey.validation
    assert report.rows_read == report.rows_used + report.rows_rejected
    assert report.rows_rejected == len(report.rejected)
    # openpyxl stores '#N/A' as an Excel error cell, which python-calamine hands over as blank (README limits)
    blank = {"#N/A"} if fmt == "xlsx" else set()
    nonblank = sum(1 for r in cells if any(v is not None and str(v).strip() not in {""} | blank for v in r))
    assert report.rows_read == nonblank
    assert np.all((journey.ratings[C.SCORE] >= 0) & (journey.ratings[C.SCORE] <= 100))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(["Web", "Blog", "Pago"]),
                          st.sampled_from([1, 3, 5, "x"]), st.sampled_from([None, "Pyme", "Gran empresa"])),
                min_size=1, max_size=40))
def test_respondents_in_order_of_first_use_with_their_first_segment(rows: list[tuple]) -> None:
    """Row by row: the respondents of the used rows, in the order they first appear, each with the first
    segment given on one of their used rows (rows with a bad score or repeating a pair are rejected)."""
    header = ["ID encuestado", "Punto de contacto", "Puntuación (1-5)", "Segmento"]
    try:
        journey = load_journey([write([header] + [list(r) for r in rows], "csv-comma")])
    except CjReadError:
        assert all(s == "x" for _, _, s, _ in rows)  # nothing usable at all
        return
    seen, order, segment = set(), [], {}
    for i, tp, score, seg in rows:
        if score == "x" or (i, tp) in seen:
            continue
        seen.add((i, tp))
        if str(i) not in segment:
            order.append(str(i))
            segment[str(i)] = None
        if segment[str(i)] is None and seg is not None:
            segment[str(i)] = seg
    got = journey.respondents
    assert got[C.RESPONDENT].astype(str).tolist() == order
    assert [None if pd.isna(s) else s for s in got[C.SEGMENT]] == [segment[i] for i in order]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["Web", "Blog"]), st.sampled_from([None, 0, 7, 9, 10])),
                min_size=1, max_size=30), st.booleans())
def test_outcome_conflicts_count_respondents_with_two_different_answers(rows: list[tuple], grouped: bool) -> None:
    if grouped:  # each respondent's rows together, as most long files have them (counted from their runs)
        rows = sorted(rows, key=lambda r: r[0])
    header = ["ID encuestado", "Punto de contacto", "Puntuación (1-5)", "¿Nos recomendarías? (0-10)"]
    source = write([header] + [[i, tp, 3, nps] for i, tp, nps in rows], "csv-comma")
    journey = load_journey([source])
    kept = kept_index([(i, tp, 3, None) for i, tp, _ in rows])
    answers: dict[int, set] = {}
    for k, (i, _, nps) in enumerate(rows):
        if k in kept and nps is not None:
            answers.setdefault(i, set()).add(nps)
    expected = sum(1 for a in answers.values() if len(a) > 1)
    found = [w for w in journey.validation.warnings if w.code == "outcome_conflict"]
    assert (found[0].params["n"] if found else 0) == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from([None, 0, 7, 9, 10])), min_size=1, max_size=20),
       st.lists(st.tuples(st.integers(0, 5), st.sampled_from([None, 3, 7, 10])), min_size=1, max_size=20))
def test_outcome_of_respondents_across_two_files_is_their_first_answer_and_conflicts_counted(web: list[tuple],
                                                                                              blog: list[tuple]) -> None:
    """Each file's outcome is held as codes into its own distinct answers; across files a respondent's outcome
    is the first answer given (files in order) and a conflict is any other answer, counted once per respondent."""
    header = ["ID encuestado", "Punto de contacto", "Puntuación (1-5)", "¿Nos recomendarías? (0-10)"]
    files = [Source(f"{tp}.csv", csv_bytes([header] + [[i, tp, 3, nps] for i, nps in rows]))
             for tp, rows in (("Web", web), ("Blog", blog))]
    journey = load_journey(files)
    first: dict[int, float] = {}
    answers: dict[int, set] = {}
    for rows in (web, blog):
        seen = set()
        for i, nps in rows:
            if i in seen:  # a repeated (respondent, touchpoint) pair in one file is rejected
                continue
            seen.add(i)
            first.setdefault(i, np.nan)
            if nps is not None:
                answers.setdefault(i, set()).add(nps)
                if np.isnan(first[i]):
                    first[i] = float(nps)
    got = journey.respondents
    assert got[C.OVERALL_RAW].dtype == got[C.OVERALL].dtype == np.float64
    assert got[C.RESPONDENT].astype(str).tolist() == [str(i) for i in first]
    assert np.array_equal(got[C.OVERALL_RAW].to_numpy(), np.array(list(first.values())), equal_nan=True)
    if journey.validation.outcome:
        scale = parse_scale(journey.validation.outcome["scale"])
        assert np.allclose(got[C.OVERALL], 100 * (got[C.OVERALL_RAW] - scale.low) / (scale.high - scale.low),
                           equal_nan=True)
    found = [w for w in journey.validation.warnings if w.code == "outcome_conflict"]
    assert (found[0].params["n"] if found else 0) == sum(1 for a in answers.values() if len(a) > 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.floats(0, 10, allow_nan=False), min_size=1, max_size=12).flatmap(  # each beside its neighbour
    lambda xs: st.permutations(xs + [float(np.nextafter(x, 11)) for x in xs if x < 10])))
@example([1.4, 0.1 * 14, 0.0, 10.0])  # 0.1·14 = 1.4000000000000001: two answers, one score of 14
def test_outcome_scores_are_the_scale_of_each_answer_even_when_two_answers_round_to_one_score(answers: list) -> None:
    """Distinct answers whose 0–100 scores round to one number (1.4 and 0.1·14 on 0–10) load, each scored."""
    header = ["ID encuestado", "Punto de contacto", "Puntuación (1-5)", "¿Nos recomendarías? (0-10)"]
    journey = load_journey([Source("o.csv", csv_bytes([header] + [[i, "Web", 3, repr(a)] for i, a in enumerate(answers)]))])
    got = journey.respondents
    assert got[C.OVERALL_RAW].tolist() == answers
    assert got[C.OVERALL].tolist() == [100.0 * a / 10 for a in answers]
