"""Layouts and row accounting: long, wide, derived touchpoints, comments only; every row used or rejected."""
from __future__ import annotations

import pytest

from cj import Source, load_journey
from cj import columns as C
from tests.builders import csv_bytes, write_xlsx

TOUCHPOINTS = [["Orden", "Punto de contacto", "Etapa"], [1, "Web", "Interés"], [2, "Llamada telefónica", "Interés"],
               [3, "Facturación", "Compra"]]


def test_long_layout_rejections_are_located_and_explained(tmp_path) -> None:
    responses = [
        ["ID encuestado", "Punto de contacto", "Puntuación (1-5)", "Comentario", "NPS"],
        [1, "Web", 4, "Rápida", 9],               # row 2 used
        [1, "Facturación", "diez", None, 9],       # row 3 bad score
        [2, None, 3, None, 5],                     # row 4 no touchpoint
        [2, "Web", 6, None, 5],                    # row 5 outside 1–5
        [3, "Web", None, None, None],              # row 6 nothing in it
        [1, "Web", 2, None, 9],                    # row 7 duplicate of row 2
        [4, "Web", None, "No pude entrar", 7],     # row 8 used: comment and outcome
    ]
    path = write_xlsx(tmp_path / "encuesta.xlsx", {"Puntos de contacto": TOUCHPOINTS, "Respuestas": responses})
    report = load_journey([path]).validation
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (7, 2, 5)
    messages = [f"{r['row']}|{r['column']}|{r['reason']}" for r in report.to_dict()["rejected"]]
    assert messages == [
        "3|Puntuación (1-5)|expected a number on the 1–5 scale, got 'diez'.",
        "4|Punto de contacto|the row has a score but no touchpoint.",
        "5|Puntuación (1-5)|6 is outside the 1–5 scale.",
        "6||the row has no score, outcome or comment.",
        "7|ID encuestado|respondent '1' already rated this touchpoint in row 2.",
    ]
    es = report.to_dict("es")["rejected"][0]["reason"]
    assert es == "se esperaba un número en la escala 1–5, llegó 'diez'."


def test_wide_layout_is_melted_and_bad_cells_do_not_lose_the_row(tmp_path) -> None:
    responses = [
        ["Respondent ID", "Segment", "Web", "Llamada telefónica (1-5)", "Facturación", "Overall satisfaction", "Comments"],
        [1, "Pyme", 4, 5, 2, 4, "Invoice was wrong"],
        [2, "Pyme", 5, None, "x", 3, None],
        [3, "Gran empresa", None, None, None, None, None],
        [4, "Gran empresa", "cinco", None, None, None, None],
    ]
    path = write_xlsx(tmp_path / "wide.xlsx", {"Touchpoints": TOUCHPOINTS, "Responses": responses})
    journey = load_journey([path])
    report = journey.validation
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (4, 2, 2)
    assert [(r["row"], r["reason"]) for r in report.to_dict()["rejected"]] == [
        (4, "the row has no score, outcome or comment."),
        (5, "expected a number on the 1–5 scale, got 'cinco'."),
    ]
    ignored = [w for w in report.warnings if w.code == "cell_ignored"]
    assert [(w.row, w.column, w.value) for w in ignored] == [(3, "Facturación", "x")]
    pairs = list(zip(journey.ratings[C.RESPONDENT], journey.ratings[C.TOUCHPOINT].astype(str), journey.ratings[C.SCORE_RAW]))
    assert pairs == [("1", "Web", 4.0), ("1", "Llamada telefónica", 5.0), ("1", "Facturación", 2.0), ("2", "Web", 5.0)]
    assert report.tables[0].layout == "wide"
    assert journey.comments[C.COMMENT].tolist() == ["Invoice was wrong"]


def test_responses_without_touchpoints_table_derive_them_in_first_appearance_order() -> None:
    data = csv_bytes([["id", "touchpoint", "score"], [1, "Reserva", 4], [1, "Check-in", 2], [2, "Reserva", 5],
                      [2, "Habitación", 3]])
    journey = load_journey([Source("r.csv", data)])
    assert journey.touchpoints[C.TOUCHPOINT].tolist() == ["Reserva", "Check-in", "Habitación"]
    assert journey.touchpoints[C.ORDER].tolist() == [1, 2, 3]
    assert any(w.code == "touchpoints_derived" for w in journey.validation.warnings)


def test_wide_without_touchpoints_table_takes_columns_in_order() -> None:
    data = csv_bytes([["id", "Search (1-5)", "Booking (1-5)", "Comments"], [1, 4, 5, "ok"], [2, 2, 1, ""]])
    journey = load_journey([Source("w.csv", data)])
    assert journey.touchpoints[C.TOUCHPOINT].tolist() == ["Search", "Booking"]
    assert journey.ratings[C.SCORE_RAW].tolist() == [4.0, 5.0, 2.0, 1.0]


def test_comments_only_file() -> None:
    data = csv_bytes([["Comentario"], ["La factura llegó tarde"], [""], ["Muy amables al teléfono"]])
    journey = load_journey([Source("c.csv", data)])
    assert journey.comments[C.COMMENT].tolist() == ["La factura llegó tarde", "Muy amables al teléfono"]
    assert journey.comments[C.ROW].tolist() == [2, 4]
    assert journey.ratings.empty
    report = journey.validation
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (2, 2, 0)
    assert any(w.code == "blank_rows" and w.params["n"] == 1 for w in report.warnings)
    assert "comments only, no scores: themes can be found, touchpoint metrics cannot." in [
        w.message() for w in report.warnings]


def test_overall_repeated_on_long_rows_is_one_per_respondent_and_conflicts_warned() -> None:
    data = csv_bytes([["id", "touchpoint", "score", "NPS"], [1, "Web", 4, 9], [1, "Blog", 3, 9], [2, "Web", 2, 3],
                      [2, "Blog", 2, 4]])
    journey = load_journey([Source("n.csv", data)])
    assert journey.respondents[C.OVERALL_RAW].tolist() == [9.0, 3.0]
    conflict = next(w for w in journey.validation.warnings if w.code == "outcome_conflict")
    assert conflict.params["n"] == 1


def test_waves_are_derived_from_dates_by_quarter_when_there_is_no_wave_column() -> None:
    data = csv_bytes([["id", "touchpoint", "score", "fecha"], [1, "Web", 4, "15/01/2026"], [2, "Web", 3, "20/04/2026"]])
    journey = load_journey([Source("q.csv", data)])
    assert journey.ratings[C.WAVE].tolist() == ["2026Q1", "2026Q2"]


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_rows_always_add_up(tmp_path, layout: str) -> None:
    if layout == "long":
        rows = [["id", "touchpoint", "score"]] + [[i, ["Web", None, "Blog"][i % 3], ["4", "x", "", "5", "9"][i % 5]]
                                                   for i in range(60)]
    else:
        rows = [["id", "Web", "Blog"]] + [[i, ["4", "x", "", "5"][i % 4], ["", "2", "n/a"][i % 3]] for i in range(60)]
    report = load_journey([Source("a.csv", csv_bytes(rows))]).validation
    assert report.rows_read == 60
    assert report.rows_read == report.rows_used + report.rows_rejected
    assert len(report.rejected) == report.rows_rejected


def test_a_raw_complaints_export_is_a_comments_file() -> None:
    """The CFPB export schema (as in ../shared/data/cfpb_complaints): the narrative is the comment column."""
    header = ["Date received", "Product", "Sub-product", "Issue", "Sub-issue", "Consumer complaint narrative",
              "Company public response", "Company", "State", "ZIP code", "Tags", "Consumer consent provided?",
              "Submitted via", "Date sent to company", "Company response to consumer", "Timely response?",
              "Consumer disputed?", "Complaint ID"]
    rows = [header,
            ["2020-08-07", "Credit card", "", "Trouble using the card", "", "", "", "BANK", "PA", "19141", "", "",
             "Referral", "2020-08-11", "Closed", "Yes", "", "3790251"],
            ["2023-02-14", "Mortgage", "", "Struggling to pay", "", "They never answered my calls XXXX", "", "BANK",
             "NY", "10001", "", "Consent provided", "Web", "2023-02-14", "Closed", "Yes", "", "6543210"]]
    journey = load_journey([Source("complaints.csv", csv_bytes(rows))])
    report = journey.validation
    assert report.mapping[C.COMMENT] == "Consumer complaint narrative"
    assert report.mapping[C.RESPONDENT] == "Complaint ID" and report.mapping[C.CHANNEL] == "Submitted via"
    assert journey.comments[C.COMMENT].tolist() == ["They never answered my calls XXXX"]
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (2, 1, 1)
    assert report.to_dict()["rejected"][0]["reason"] == "the row has no score, outcome or comment."


def test_duplicates_found_when_pair_codes_are_sparse() -> None:
    # 3,000 respondents each rating a touchpoint name of their own: respondent × touchpoint codes are too
    # sparse to count in an array (that would be a memory hazard), so they are hashed — same answer.
    rows = [["id", "touchpoint", "score"]] + [[i, f"Paso {i}", 3] for i in range(3000)] + [[7, "Paso 7", 4]]
    report = load_journey([Source("s.csv", csv_bytes(rows))]).validation
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (3001, 3000, 1)
    rejected = report.rejected_rows()
    assert rejected["row"].tolist() == [3002] and rejected["reason"].iloc[0].startswith("respondent '7' already rated")
