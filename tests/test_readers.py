"""Readers: encodings, delimiters, decimal commas, title rows, merged titles, sheets, dates — real files."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from cj import Source, load_journey
from cj import columns as C
from tests.builders import csv_bytes, write_xlsx

ROWS = [
    ["ID", "Punto de contacto", "Puntuación", "Comentario", "Fecha"],
    [1, "Web", "4,5", "Muy bien, gracias", "05/03/2026"],
    [2, "Facturación", 2, "Factura con errores", "2026-03-06"],
    [3, "Web", 5, "", "07/03/2026"],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_every_encoding_and_delimiter_reads_the_same_values(encoding: str, delimiter: str) -> None:
    rows = [list(r) for r in ROWS]
    if delimiter == ",":
        rows[1][2] = "4.5"
    journey = load_journey([Source("r.csv", csv_bytes(rows, delimiter=delimiter, encoding=encoding))])
    assert journey.ratings[C.SCORE_RAW].tolist() == [4.5, 2.0, 5.0]
    assert journey.ratings[C.TOUCHPOINT].astype(str).tolist() == ["Web", "Facturación", "Web"]
    assert journey.comments[C.COMMENT].tolist() == ["Muy bien, gracias", "Factura con errores"]
    assert journey.validation.rows_read == 3 and journey.validation.rows_rejected == 0


def test_decimal_comma_in_semicolon_file_is_a_number() -> None:
    data = csv_bytes([["id", "touchpoint", "score"], [1, "Web", "3,5"], [2, "Web", "4"]], delimiter=";")
    journey = load_journey([Source("d.csv", data)])
    assert journey.ratings[C.SCORE_RAW].tolist() == [3.5, 4.0]
    # 3.5 on 1–5 is 62.5 on 0–100 (POMP: 100·(3.5−1)/4)
    assert journey.ratings[C.SCORE].tolist() == [62.5, 75.0]


def test_title_rows_above_header_are_skipped_and_rows_keep_their_excel_numbers() -> None:
    data = csv_bytes([["Encuesta de clientes 2026"], [], ["id", "touchpoint", "score"], [1, "Web", 9], [2, "Web", "diez"]],
                     delimiter=";")
    report = load_journey([Source("t.csv", data)]).validation.to_dict()
    assert report["rejected"][0]["row"] == 5
    assert report["rejected"][0]["value"] == "diez"
    assert any(w["code"] == "title_rows" and "row 3" in w["message"] for w in report["warnings"])


def test_merged_title_cell_and_offset_table_in_xlsx(tmp_path) -> None:
    rows = [["Encuesta de satisfacción"], [], ["ID encuestado", "Punto de contacto", "Puntuación (1-5)"],
            [1, "Web", 4], [2, "Web", 7]]
    path = write_xlsx(tmp_path / "m.xlsx", {"Respuestas": rows}, merged={"Respuestas": ["B2:D2"]}, start="B2")
    report = load_journey([path]).validation.to_dict()
    assert (report["rows_read"], report["rows_used"], report["rows_rejected"]) == (2, 1, 1)
    assert report["rejected"][0]["row"] == 6  # B2 start: header on row 4, data on rows 5–6
    assert report["rejected"][0]["reason"] == "7 is outside the 1–5 scale."


def test_workbook_sheets_are_classified_and_hidden_and_notes_sheets_reported(tmp_path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {
        "Notas": [["Este libro contiene la encuesta de 2026."], ["Escala 1 a 5."]],
        "Puntos de contacto": [["Orden", "Punto de contacto", "Etapa"], [2, "Web", "Interés"], [1, "Blog", "Captación"]],
        "Respuestas": [["ID", "Punto de contacto", "Nota"], [1, "Web", 4], [1, "blog", 5]],
        "Oculta": [["ID", "Punto de contacto", "Nota"], [9, "Web", 1]],
    }, hidden=["Oculta"])
    journey = load_journey([path])
    assert journey.touchpoints[C.TOUCHPOINT].tolist() == ["Blog", "Web"]  # by 'Orden'
    assert journey.validation.touchpoints_read == 2
    assert journey.validation.rows_read == 2  # the hidden sheet is not read
    codes = {(w.code, w.sheet) for w in journey.validation.warnings}
    assert ("hidden_sheet", "Oculta") in codes and ("sheet_ignored", "Notas") in codes
    assert journey.ratings[C.TOUCHPOINT].astype(str).tolist() == ["Web", "Blog"]


def test_dates_iso_day_first_excel_serial_and_real_dates(tmp_path) -> None:
    rows = [["id", "touchpoint", "score", "fecha"], [1, "Web", 4, dt.datetime(2026, 3, 5)], [2, "Web", 4, "05/03/2026"],
            [3, "Web", 4, "2026-03-05"], [4, "Web", 4, 46086], [5, "Web", 4, "5.3.2026"], [6, "Web", 4, "ayer"]]
    journey = load_journey([write_xlsx(tmp_path / "d.xlsx", {"S": rows})])
    dates = journey.respondents.set_index(C.RESPONDENT)[C.DATE]
    assert [str(d.date()) for d in dates.iloc[:5]] == ["2026-03-05"] * 5
    assert dates.iloc[5] is pd_nat()
    bad = [w for w in journey.validation.warnings if w.code == "bad_date"]
    assert [(w.row, w.value) for w in bad] == [(7, "ayer")]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_date_beyond_what_datetimes_hold_is_said_not_wrapped_to_another_year(tmp_path, fmt: str) -> None:
    """Years 1500 and 2300 (typos) once became 2084 and 1715 without a word; now each is a bad date of its row."""
    rows = [["id", "touchpoint", "score", "fecha"], [1, "Web", 4, "1500-01-01"], [2, "Web", 4, "01/01/2300"],
            [3, "Web", 4, "15/03/1500"], [4, "Web", 4, "2026-03-05"]]
    if fmt == "xlsx":
        rows[1][3], rows[2][3] = dt.datetime(1500, 1, 1), dt.datetime(2300, 1, 1)
        source = write_xlsx(tmp_path / "d.xlsx", {"S": rows})
    else:
        source = Source("d.csv", csv_bytes(rows))
    journey = load_journey([source])
    dates = journey.respondents.set_index(C.RESPONDENT)[C.DATE]
    assert dates.isna().tolist() == [True, True, True, False] and str(dates.iloc[3].date()) == "2026-03-05"
    assert [w.row for w in journey.validation.warnings if w.code == "bad_date"] == [2, 3, 4]
    assert journey.validation.rows_used == 4  # a bad date loses the date, not the rating


def pd_nat():
    import pandas as pd

    return pd.NaT


def test_several_files_touchpoints_and_responses_apart(tmp_path) -> None:
    tp = tmp_path / "puntos.csv"
    tp.write_bytes(csv_bytes([["Orden", "Punto de contacto", "Esfuerzo (días)"], [1, "Web", 3], [2, "Llamada", 10]],
                             delimiter=";"))
    resp = tmp_path / "respuestas.csv"
    resp.write_bytes(csv_bytes([["ID", "Punto de contacto", "Puntuación"], [1, "Web", 4], [1, "Llamada", 2]], delimiter=";"))
    journey = load_journey([tp, resp])
    assert journey.touchpoints[C.EFFORT_UNIT].tolist() == ["days", "days"]
    assert journey.touchpoints[C.EFFORT].tolist() == [3.0, 10.0]
    assert journey.validation.rows_read == 2 and journey.validation.touchpoints_read == 2


def test_excel_serial_scores_are_not_dates_and_ids_keep_text(tmp_path) -> None:
    rows = [["Respondent ID", "Touchpoint", "Score"], ["007", "Web", 4], [12.0, "Web", 5]]
    journey = load_journey([write_xlsx(tmp_path / "i.xlsx", {"R": rows})])
    assert journey.ratings[C.RESPONDENT].tolist() == ["007", "12"]
    assert np.allclose(journey.ratings[C.SCORE], [75.0, 100.0])


def test_words_a_parser_would_turn_into_booleans_stay_as_written() -> None:
    data = csv_bytes([["id", "touchpoint", "score", "comment"], [1, "Web", 4, "FALSE"], [2, "Web", 5, "True"],
                      [3, "Web", 3, ""]])
    journey = load_journey([Source("b.csv", data)])
    assert journey.comments[C.COMMENT].tolist() == ["FALSE", "True"]


@pytest.mark.parametrize("ragged", [False, True])
@pytest.mark.parametrize("as_path", [False, True])
def test_utf8_start_with_cp1252_later_is_read_as_cp1252(tmp_path, ragged: bool, as_path: bool) -> None:
    # Only the first 256 KB are checked for UTF-8 before parsing; a cp1252 'ñ' (0xF1) far below must not
    # make the file unreadable nor be silently mangled, on the fast path or the ragged-row path.
    rows = [["id", "touchpoint", "score", "comment"]] + [[i, "Web", 4, "bien"] for i in range(1, 20_001)]
    rows.append([20_001, "Facturación", 2, "año malo", "extra"] if ragged else [20_001, "Facturación", 2, "año malo"])
    data = csv_bytes(rows, encoding="cp1252")
    assert data[:300_000].decode("utf-8") and b"\xf1" in data[300_000:]
    source = tmp_path / "late.csv" if as_path else Source("late.csv", data)
    if as_path:
        source.write_bytes(data)
    journey = load_journey([source])
    assert journey.validation.rows_read == 20_001
    if ragged:
        assert journey.validation.rows_rejected == 1
        assert journey.validation.rejected_rows()["row"].tolist() == [20_002]
    else:
        assert journey.comments[C.COMMENT].iloc[-1] == "año malo"
        assert journey.ratings[C.TOUCHPOINT].astype(str).iloc[-1] == "Facturación"


@pytest.mark.parametrize("as_path", [False, True])
def test_extra_values_on_the_first_data_row_are_reported_not_dropped(tmp_path, as_path: bool) -> None:
    # pandas' parser drops the extra values of the first data row with a warning (elsewhere it raises)
    data = csv_bytes([["id", "touchpoint", "score"], [1, "Web", 4, "extra"], [2, "Blog", 5], [3, "Web", 3, ""]])
    source = tmp_path / "first.csv" if as_path else Source("first.csv", data)
    if as_path:
        source.write_bytes(data)
    journey = load_journey([source])
    report = journey.validation
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (3, 2, 1)
    assert report.rejected[[C.ROW, C.CODE]].values.tolist() == [[2, "ragged_row"]]
    assert "4 values" in report.rejected_rows()[C.REASON].iloc[0]  # the row's values counted in the sentence
    assert journey.ratings[C.SCORE_RAW].tolist() == [5.0, 3.0]  # a trailing empty value is no extra value


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_title_cell_with_a_line_break_above_the_header(newline: str) -> None:
    # pandas skips records, not lines: a quoted title holding a line break is one row, as Excel shows it
    data = (f'"Encuesta{newline}Q1 2026",,\r\n,,\r\nrespondent,touchpoint,score\r\n'
            'a,Web,4\r\nb,App,x\r\nc,Web,5\r\n').encode()
    journey = load_journey([Source("t.csv", data)])
    assert journey.validation.tables[0].header_row == 3
    assert journey.ratings[C.SCORE_RAW].tolist() == [4.0, 5.0]
    assert journey.validation.rejected[[C.ROW, C.CODE]].values.tolist() == [[5, "bad_score"]]


def test_mac_csv_with_carriage_returns_only() -> None:
    # Excel's "CSV (Macintosh)" ends lines with a bare carriage return
    data = b"respondent,touchpoint,score\rr1,Web,4\rr2,App,3\r"
    journey = load_journey([Source("mac.csv", data)])
    assert journey.ratings[C.SCORE_RAW].tolist() == [4.0, 3.0]
    assert journey.ratings[C.ROW].tolist() == [2, 3]


def test_respondent_ids_from_several_files_keep_one_dtype() -> None:
    a = Source("a.csv", b"respondent,touchpoint,score\r\nr1,Web,4\r\n")
    b = Source("b.csv", b"respondent,touchpoint,score\r\nr2,App,3\r\n")
    journey = load_journey([a, b])
    assert journey.respondents[C.RESPONDENT].tolist() == ["r1", "r2"]
    assert journey.respondents[C.RESPONDENT].dtype == journey.ratings[C.RESPONDENT].dtype == object


@pytest.mark.parametrize("as_path", [False, True])
def test_mac_csv_with_a_title_and_a_blank_line_above_the_header(tmp_path, as_path: bool) -> None:
    data = b"Encuesta 2026\r\rrespondent,touchpoint,score\rr1,Web,4\rr2,App,x\rr3,Web,5\r"
    source = tmp_path / "mac.csv" if as_path else Source("mac.csv", data)
    if as_path:
        source.write_bytes(data)
    journey = load_journey([source])
    assert journey.validation.tables[0].header_row == 3
    assert journey.ratings[C.SCORE_RAW].tolist() == [4.0, 5.0]
    assert journey.validation.rejected[[C.ROW, C.CODE]].values.tolist() == [[5, "bad_score"]]


def test_ids_beyond_64_bit_signed_load_as_their_own_text() -> None:
    """Unsigned 64-bit numbers (hash-like ids) in a large file: as respondent ids and in a column left unmapped."""
    rows = ["id,touchpoint,score,ref"] + [f"{2**63 + i},Web,{i % 5 + 1},{2**64 - 1 - i}" for i in range(60_000)]
    journey = load_journey([Source("ids.csv", "\n".join(rows).encode())])
    assert journey.validation.rows_read == journey.validation.rows_used == 60_000
    assert journey.respondents[C.RESPONDENT].iloc[[0, -1]].tolist() == ["9223372036854775808", "9223372036854835807"]
