"""Survey-platform exports as the platforms write them (tests/data/exports, hand-written in each one's layout):
Qualtrics, Google Forms, Google Sheets in Spanish and US English, Typeform. Expected figures are the fixtures'
own cells, counted by hand."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from cj import load_journey
from cj.cells import code_column
from cj.dates import read_dates
from cj.exports import is_import_id_row, touchpoint_names
from tests.builders import csv_bytes, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[1]
EXPORTS = ROOT / "tests" / "data" / "exports"
NPS_QUESTION = "On a scale from 0-10, how likely are you to recommend\nHotel Miramar to a friend or colleague?"


def means(journey) -> dict[str, tuple[int, float]]:
    by = journey.ratings.groupby("touchpoint", observed=True)["score_raw"]
    return {name: (int(n), round(float(m), 4)) for name, n, m in zip(by.count().index, by.count(), by.mean())}


def codes(journey) -> list[str]:
    return [w.code for w in journey.validation.warnings]


def typed_rows(name: str, header_rows: int) -> list[list[object]]:
    """An export's CSV records with numbers as numbers below its header rows, as its Excel export holds them."""
    with open(EXPORTS / name, encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))

    def typed(value: str) -> object:
        for kind in (int, float):
            try:
                return kind(value)
            except ValueError:
                pass
        return value or None

    return records[:header_rows] + [[typed(v) for v in r] for r in records[header_rows:]]


def as_read(kind: str, name: str, sheet: str, header_rows: int, tmp_path: Path) -> Path:
    """The fixture as its CSV, or as the platform's Excel export of the same rows."""
    if kind == "csv":
        return EXPORTS / name
    return write_xlsx(tmp_path / name.replace(".csv", ".xlsx"), {sheet: typed_rows(name, header_rows)})


@pytest.fixture(params=["csv", "xlsx"])
def qualtrics(request, tmp_path: Path) -> Path:
    return as_read(request.param, "qualtrics_numeric.csv", "Sheet0", 3, tmp_path)


def test_qualtrics_export_reads_its_question_row_skips_the_import_ids_and_finds_the_grid(qualtrics: Path) -> None:
    journey = load_journey(qualtrics)
    report = journey.validation
    (table,) = report.tables
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (6, 6, 0)
    assert table.header_row == 2 and table.layout == "wide"
    assert table.mapping == {"date": "Recorded Date", "respondent_id": "Response ID",
                             "channel": "Distribution Channel", "overall": NPS_QUESTION,
                             "comment": "What is the main reason for your score?"}
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Check-in", "Room", "Checkout"]
    assert table.touchpoint_columns == [f"How satisfied were you with each step of your stay? - {t}"
                                        for t in ("Booking", "Check-in", "Room", "Checkout")]
    # Booking 5 4 5 2 4 3; Check-in 5.. see the file: blanks in Room (row 8) and Checkout (row 7)
    assert means(journey) == {"Booking": (6, round(23 / 6, 4)), "Check-in": (6, round(19 / 6, 4)),
                              "Room": (5, 4.2), "Checkout": (5, 3.8)}
    assert list(journey.respondents["respondent_id"]) == ["R_3kWq1", "R_1pZt8", "R_2aMx4", "R_9dLe2", "R_7hYn5",
                                                          "R_5rCv9"]
    assert journey.respondents["overall_raw"].tolist() == [9, 6, 10, 3, 8, 7]
    assert journey.outcome_kind == "nps" and report.outcome["scale"] == "0–10"
    assert str(journey.respondents["date"].iloc[3]) == "2026-04-11 08:25:47"
    assert list(journey.respondents["wave"].astype(str)) == ["2026Q1"] * 3 + ["2026Q2"] * 3
    assert journey.comments["row"].tolist() == [4, 5, 7, 8, 9]  # Excel rows: header 2, import ids 3
    assert journey.comments["comment"].iloc[2] == "The queue at reception was endless"
    ids = [w for w in report.warnings if w.code == "import_ids"]
    place = qualtrics.name + (" › Sheet0" if qualtrics.suffix == ".xlsx" else "")
    assert [(w.row, w.message()) for w in ids] == [
        (3, f"{place}, row 3: the survey platform's import ids (Qualtrics) under the header, not a response; row "
            "skipped.")]
    skipped = next(w for w in report.warnings if w.code == "questions_skipped")
    assert skipped.message("es").split(": ", 1)[1] == (
        "1 columna(s) de números no leídas como puntos de contacto (una pregunta fuera de la batería de valoración, "
        "o una segunda columna para un punto ya leído): 'Which type of traveller are you?'.")
    assert "cell_ignored" not in codes(journey) and "bad_date" not in codes(journey)


@pytest.fixture(params=["csv", "xlsx"])
def surveymonkey(request, tmp_path: Path) -> Path:
    return as_read(request.param, "surveymonkey.csv", "Sheet", 2, tmp_path)


def test_surveymonkey_export_joins_its_two_header_rows_and_reads_the_grid_labels(surveymonkey: Path) -> None:
    journey = load_journey(surveymonkey)
    report = journey.validation
    (table,) = report.tables
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (4, 4, 0)
    assert table.mapping == {
        "respondent_id": "Respondent ID", "date": "Start Date",
        "overall": "How likely is it that you would recommend Hotel Miramar to a friend or colleague?",
        "comment": "What could we do better?", "segment": "Which type of traveller are you?"}
    assert journey.respondents["segment"].tolist() == ["Leisure", "Business", "Other (please specify)", "Leisure"]
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Check-in", "Room", "Checkout"]
    # Very satisfied 5, Satisfied 4, Neither 3, Dissatisfied 2, Very dissatisfied 1, read from the cells by hand
    assert means(journey) == {"Booking": (4, 4.0), "Check-in": (4, 2.75), "Room": (4, 4.25), "Checkout": (3, 4.0)}
    assert [str(i) for i in journey.respondents["respondent_id"]] == [
        "114356789012", "114356790345", "114356791678", "114356792901"]
    assert journey.respondents["overall_raw"].tolist() == [9, 6, 10, 3]
    assert [str(d) for d in journey.respondents["date"]] == [
        "2026-03-01 10:12:04", "2026-03-02 21:55:40", "2026-03-09 07:40:31", "2026-04-14 18:03:10"]
    assert journey.comments["row"].tolist() == [3, 4, 6]
    note = next(w for w in report.warnings if w.code == "sub_labels")
    assert note.row == 2 and note.message("es").split(": ", 1)[1] == (
        "etiquetas de respuesta de la plataforma de encuestas (SurveyMonkey) bajo la cabecera, unidas a sus "
        "preguntas; la fila no es una respuesta.")
    assert "cell_ignored" not in codes(journey) and "bad_date" not in codes(journey)


def test_google_forms_export_names_the_grid_by_its_brackets_and_reads_its_timestamps() -> None:
    journey = load_journey(EXPORTS / "google_forms.csv")
    (table,) = journey.validation.tables
    assert table.mapping == {"date": "Timestamp", "overall": "How likely are you to recommend us to a friend?",
                             "comment": "Anything else you would like to tell us?"}
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Check-in", "Room", "Checkout"]
    assert means(journey) == {"Booking": (4, 4.0), "Check-in": (4, 3.0), "Room": (4, 4.25), "Checkout": (4, 3.5)}
    assert journey.respondents["overall_raw"].tolist() == [9, 6, 10, 4]
    assert [str(d) for d in journey.respondents["date"]] == [
        "2026-03-01 10:15:22", "2026-03-01 23:02:09", "2026-03-14 08:47:51", "2026-04-02 19:30:00"]
    assert journey.comments["comment"].tolist() == ["Great room, friendly staff", "Check-in was slow",
                                                    "Nobody at the desk for half an hour"]
    assert "Email Address" not in table.mapping.values() and "bad_date" not in codes(journey)


def test_google_sheet_in_spanish_reads_day_first_dates_and_the_recommend_question() -> None:
    journey = load_journey(EXPORTS / "google_sheets_es.csv")
    (table,) = journey.validation.tables
    assert table.mapping == {
        "date": "Marca temporal",
        "overall": "¿Qué probabilidad hay de que nos recomiende a un amigo o familiar?",
        "comment": "¿Qué podríamos mejorar?"}  # 'paso' in the grid's question names no order column
    assert list(journey.touchpoints["touchpoint"]) == ["Reserva", "Llegada", "Habitación"]
    assert means(journey) == {"Reserva": (3, round(14 / 3, 4)), "Llegada": (3, round(11 / 3, 4)),
                              "Habitación": (3, round(14 / 3, 4))}
    assert [str(d.date()) for d in journey.respondents["date"]] == ["2026-03-01", "2026-03-13", "2026-04-02"]
    assert journey.outcome_kind == "nps"


def test_google_sheet_in_us_english_reads_month_first_dates() -> None:
    journey = load_journey(EXPORTS / "google_sheets_us.csv")
    assert [str(d.date()) for d in journey.respondents["date"]] == ["2026-03-01", "2026-03-13", "2026-04-02"]
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Room"]
    assert journey.validation.tables[0].mapping["comment"] == "Comments"
    assert "bad_date" not in codes(journey)


def test_typeform_export_takes_its_token_as_respondent_and_the_submit_date() -> None:
    journey = load_journey(EXPORTS / "typeform.csv")
    (table,) = journey.validation.tables
    assert table.mapping == {"date": "Submit Date (UTC)", "respondent_id": "#",
                             "overall": "How likely are you to recommend us to a friend?",
                             "comment": "What could we do better?"}
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Check-in", "Room"]
    assert means(journey) == {"Booking": (3, 4.0), "Check-in": (3, round(11 / 3, 4)), "Room": (3, round(13 / 3, 4))}
    assert list(journey.respondents["respondent_id"]) == ["k2v9qx81zq", "a7c1mp04rt", "p0x8nq55we"]
    assert str(journey.respondents["date"].iloc[1]) == "2026-03-02 21:58:13"


def test_a_touchpoints_table_orders_an_export_s_grid_by_the_item_names(tmp_path: Path) -> None:
    listed = write_csv(tmp_path / "touchpoints.csv", [["order", "touchpoint", "stage"], [1, "Booking", "Before"],
                                                      [2, "Check-in", "Stay"], [3, "Room", "Stay"],
                                                      [4, "Checkout", "After"]])
    journey = load_journey([listed, EXPORTS / "google_forms.csv"])
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Check-in", "Room", "Checkout"]
    assert means(journey)["Room"] == (4, 4.25)
    assert "touchpoint_unknown" not in codes(journey)


def test_the_user_can_still_refuse_a_question_found_by_its_words() -> None:
    journey = load_journey(EXPORTS / "typeform.csv", mapping={"comment": ""})
    assert "comment" not in journey.validation.tables[0].mapping
    assert journey.comments.empty
    assert journey.validation.rows_used == 3  # every row still has its scores


def test_cli_reads_a_qualtrics_export_with_its_mapping_and_notes() -> None:
    result = subprocess.run([sys.executable, "-m", "cj", "validate", str(EXPORTS / "qualtrics_numeric.csv"),
                             "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["rows_read"], report["rows_used"], report["rows_rejected"]) == (6, 6, 0)
    assert report["mapping"]["overall"] == NPS_QUESTION
    text = subprocess.run([sys.executable, "-m", "cj", "validate", str(EXPORTS / "qualtrics_numeric.csv"), "--lang",
                           "es"], cwd=ROOT, capture_output=True, text=True, timeout=120).stdout.splitlines()
    assert ("  overall ← 'On a scale from 0-10, how likely are you to recommend Hotel Miramar to a friend or "
            "colleague?'") in text  # the question's line break shown as a space
    at = text.index("Columnas de puntuación:")
    assert text[at + 1] == "  'How satisfied were you with each step of your stay? - Booking' → Booking (1–5, n = 6)"
    assert [w["code"] for w in report["warnings"]][:4] == ["column_ids", "import_ids", "wide_layout",
                                                           "questions_skipped"]
    assert report["warnings"][0]["message"] == (
        "qualtrics_numeric.csv: row 1 holds the survey platform's column ids (Q1, Q2_1…); the header is row 2, the "
        "questions as asked.")


def test_import_id_rows_and_grid_names() -> None:
    assert is_import_id_row(['{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}', None])
    assert not is_import_id_row(["R_1", 5, '{"ImportId":"QID1"}'])
    names, lone = touchpoint_names([
        "Rate our staff - Reception", "Rate our staff - Restaurant", "Web (1-5)",
        "How easy was it? - Booking", "How easy was it? - Payment", "Your age?"])
    assert names == {"Rate our staff - Reception": "Reception", "Rate our staff - Restaurant": "Restaurant",
                     "Web (1-5)": "Web", "How easy was it? - Booking": "Booking",
                     "How easy was it? - Payment": "Payment"}
    assert lone == ["Your age?"]
    # no grid: each column a touchpoint, questions as written (a hand-made sheet, not a platform's export)
    assert touchpoint_names(["Web", "How was the web?", "Did the call help?"]) == (
        {"Web": "Web", "How was the web?": "How was the web?", "Did the call help?": "Did the call help?"}, [])


@pytest.mark.parametrize(("cells", "expected"), [
    (["3/1/2026", "3/13/2026"], ["2026-03-01", "2026-03-13"]),  # a second number above 12: month first
    (["1/3/2026", "13/3/2026"], ["2026-03-01", "2026-03-13"]),  # a first number above 12: day first
    (["1/3/2026", "2/3/2026"], ["2026-03-01", "2026-03-02"]),  # undecided: day first, as in Spain
    (["2026/03/01 11:02:09 PM GMT+1"], ["2026-03-01"]),
    (["03/01/2026 10:12:04 AM", "03/02/2026 09:55:40 PM"], ["2026-03-01", "2026-03-02"]),  # AM/PM: US order
    (["3/1/26 10:15:22", "3/13/26 7:40"], ["2026-03-01", "2026-03-13"]),  # two-digit years (Microsoft Forms)
    (["13/3/26 7:40", "1/4/26 10:15:22"], ["2026-03-13", "2026-04-01"]),
])
def test_slashed_dates_are_read_the_way_their_column_shows(cells: list[str], expected: list[str]) -> None:
    values, bad = read_dates(code_column(pd.Series(cells, dtype=object)))
    assert [str(v)[:10] for v in values] == expected and not bad.any()


def test_a_platform_row_is_only_taken_when_it_reads_as_one() -> None:
    from cj.exports import platform_header

    question = "How satisfied were you with each part of your stay?"
    assert platform_header([["ID", question, "", "Why?"], ["", "Booking", "Room", "Open-Ended Response"], [1, 5, 4, "x"]],
                           0) == (["ID", f"{question} - Booking", f"{question} - Room", "Why?"], "sub_labels")
    # a touchpoints list whose header has a blank column: its first row is data
    assert platform_header([["touchpoint", "stage", ""], ["Web", "Discover", "note"]], 0) is None
    # numbers under the header are answers
    assert platform_header([["ID", question, ""], ["", 4, 5]], 0) is None
    assert platform_header([["ID", "score"]], 0) is None


@pytest.mark.parametrize("labels", [
    # Qualtrics' default five-point scales exported as choice text, highest first, in English and Spanish
    ["Extremely satisfied", "Somewhat satisfied", "Neither satisfied nor dissatisfied", "Somewhat dissatisfied",
     "Extremely dissatisfied"],
    ["Extremadamente satisfecho", "Algo satisfecho", "Ni satisfecho ni insatisfecho", "Algo insatisfecho",
     "Extremadamente insatisfecho"],
    ["Strongly agree", "Somewhat agree", "Neither agree nor disagree", "Somewhat disagree", "Strongly disagree"],
    ["Totalmente de acuerdo", "Algo de acuerdo", "Ni de acuerdo ni en desacuerdo", "Algo en desacuerdo",
     "Totalmente en desacuerdo"],
    ["Extremely easy", "Somewhat easy", "Neither easy nor difficult", "Somewhat difficult", "Extremely difficult"],
])
def test_platform_choice_text_reads_as_the_five_point_scale(labels: list[str]) -> None:
    from cj.scales import parse_scores, scale_of

    parsed = parse_scores(pd.Series(labels, dtype=object))
    assert parsed.values.tolist() == [5.0, 4.0, 3.0, 2.0, 1.0]
    assert scale_of(parsed)[0].label == "1–5" and parsed.likert


def test_an_export_uploaded_on_the_data_page_shows_its_mapping_and_notes() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    data = (EXPORTS / "qualtrics_numeric.csv").read_bytes()
    at.file_uploader(key="uploads").set_value(("qualtrics_numeric.csv", data, "text/csv")).run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric} == {"Rows read": "6", "Rows used": "6", "Rows rejected": "0",
                                                     "Touchpoints": "4"}
    assert "taken from the responses (no touchpoints list)" in [c.value for c in at.caption]
    mapping = at.dataframe[0].value
    shown = dict(zip(mapping["Field"], mapping["Column in your file"]))
    assert shown["Overall outcome (NPS, satisfaction)"] == NPS_QUESTION
    assert shown["Comment"] == "What is the main reason for your score?"
    scores = at.dataframe[1].value
    assert scores["Touchpoint"].tolist() == ["Booking", "Check-in", "Room", "Checkout"]
    assert scores["Ratings used"].tolist() == [6, 6, 5, 5] and set(scores["Scale"]) == {"1–5"}  # blanks: 8, 7
    messages = list(at.dataframe[2].value["Message"])
    assert ("qualtrics_numeric.csv, row 3: the survey platform's import ids (Qualtrics) under the header, not a "
            "response; row skipped.") in messages
    at.switch_page("pages/1_Journey_curve.py").run()
    assert not at.exception and not at.error
    assert [w.value for w in at.warning][0].startswith("No touchpoint has 30 ratings yet, so the curve is not drawn")
    assert not at.get("plotly_chart") or all(  # only the stages funnel: no empty curve
        "Customers" not in c.proto.spec for c in at.get("plotly_chart"))


def test_a_column_of_dates_that_could_be_either_order_is_read_day_first_and_said(tmp_path: Path) -> None:
    rows = [["id", "Fecha", "Web", "Tienda"], [1, "1/3/2026", 4, 5], [2, "2/3/2026", 3, 4], [3, "3/3/2026", 5, 5]]
    journey = load_journey(write_csv(tmp_path / "encuesta.csv", rows))
    assert [str(d.date()) for d in journey.respondents["date"]] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    (note,) = [w for w in journey.validation.warnings if w.code == "dates_day_first"]
    assert note.message() == ("encuesta.csv, column 'Fecha': no date in this column shows whether the day or the "
                              "month comes first; all are read day first ('1/3/2026' as 2026-03-01).")
    rows[1][1] = "13/3/2026"  # a day above 12: the order is plain, nothing to say
    journey = load_journey(write_csv(tmp_path / "encuesta.csv", rows))
    assert "dates_day_first" not in codes(journey)


# Cases a review of the export reading found; each failed on the first version of it.

def read_rows(tmp_path: Path, rows: list[list[object]], name: str = "survey.csv"):
    return load_journey(write_csv(tmp_path / name, rows))


def test_a_second_grid_on_the_same_items_is_said_not_merged(tmp_path: Path) -> None:
    sat, imp = "How satisfied were you with each step?", "How important is each step to you?"
    journey = read_rows(tmp_path, [
        ["Timestamp", "How likely are you to recommend us?", f"{sat} [Booking]", f"{sat} [Check-in]",
         f"{imp} [Booking]", f"{imp} [Check-in]"],
        ["2026/03/01 10:15:22 AM GMT+1", 9, 5, 4, 1, 5], ["2026/03/01 11:02:09 PM GMT+1", 6, 4, 2, 2, 5]])
    assert means(journey) == {"Booking": (2, 4.5), "Check-in": (2, 3.0)}  # satisfaction alone
    note = next(w for w in journey.validation.warnings if w.code == "questions_skipped")
    assert note.params["columns"] == f"'{imp} [Booking]', '{imp} [Check-in]'"


def test_coded_questions_beside_a_grid_and_a_grid_headed_overall(tmp_path: Path) -> None:
    grid = "Overall, how satisfied were you with each part of your stay?"
    journey = read_rows(tmp_path, [
        ["Response ID", f"{grid} [Booking]", f"{grid} [Room]", "How likely are you to recommend us?",
         "What is your age?", "What is your gender?", "Timing - First Click"],
        ["R1", 5, 4, 9, 2, 1, 3.5], ["R2", 4, 2, 6, 3, 2, 1.2], ["R3", 3, 5, 10, 1, 1, 0.8]])
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Room"]
    assert journey.validation.tables[0].mapping["overall"] == "How likely are you to recommend us?"
    note = next(w for w in journey.validation.warnings if w.code == "questions_skipped")
    assert note.params["columns"] == "'What is your age?', 'What is your gender?'"  # timing: platform metadata


@pytest.mark.parametrize(("header", "touchpoints"), [
    (["ID", "Web - Booking (1-5)", "Web - Payment (1-5)", "Store - Booking (1-5)", "Store - Payment (1-5)"],
     ["Web - Booking", "Web - Payment", "Store - Booking", "Store - Payment"]),
    (["ID", "Store - Staff", "Store - Queue", "Did the website work?", "Delivery"],
     ["Store - Staff", "Store - Queue", "Did the website work?", "Delivery"]),
    (["Nº", "Web", "App", "Tienda", "Effort", "Area"], ["Web", "App", "Tienda"]),
    (["ID", "Satisfaction [Web]", "Satisfaction [App]", "Satisfaction [Store]"], ["Web", "App", "Store"]),
])
def test_hand_made_wide_sheets_keep_their_columns(tmp_path: Path, header: list[str], touchpoints: list[str]) -> None:
    rows = [header] + [[i] + [(i + k) % 5 + 1 for k in range(len(header) - 1)] for i in range(1, 6)]
    assert list(read_rows(tmp_path, rows).touchpoints["touchpoint"]) == touchpoints


def test_a_first_respondent_in_words_is_no_header_row(tmp_path: Path) -> None:
    journey = read_rows(tmp_path, [
        ["How satisfied were you with the booking?", "How satisfied were you with the room?", ""],
        ["Very satisfied", "Satisfied", "called twice"], ["Satisfied", "Very dissatisfied", ""]])
    assert journey.validation.rows_read == 2 and "sub_labels" not in codes(journey)
    assert means(journey) == {"Booking": (2, 4.5), "Room": (2, 2.5)}


def test_surveymonkey_grid_with_a_short_title(tmp_path: Path) -> None:
    journey = read_rows(tmp_path, [
        ["Respondent ID", "Collector ID", "Start Date", "Rate our hotel", "", "Comments"],
        ["", "", "", "Booking", "Room", "Open-Ended Response"],
        [1143, 4234, "03/01/2026 10:12:04 AM", "Very satisfied", "Satisfied", "Great room"],
        [1144, 4234, "03/13/2026 09:55:40 PM", "Satisfied", "Very dissatisfied", "Slow"]])
    assert list(journey.touchpoints["touchpoint"]) == ["Booking", "Room"]
    assert journey.validation.rows_read == 2 and journey.comments["row"].tolist() == [3, 4]


def test_the_recommend_question_wins_over_a_yes_no_and_a_stage_date_is_no_stage(tmp_path: Path) -> None:
    journey = read_rows(tmp_path, [
        ["#", "How would you rate the booking?", "How would you rate your room?", "Would you recommend our breakfast?",
         "How likely are you to recommend us to a friend?", "Stage Date (UTC)", "Submit Date (UTC)"],
        ["k2v9", 4, 5, 1, 9, "", "2026-03-01 10:15:22"], ["a7c1", 3, 2, 0, 6, "", "2026-03-02 21:58:13"]])
    mapping = journey.validation.tables[0].mapping
    assert mapping == {"respondent_id": "#", "overall": "How likely are you to recommend us to a friend?",
                       "date": "Submit Date (UTC)"}
    assert journey.respondents["overall_raw"].tolist() == [9, 6]


@pytest.mark.parametrize(("question", "answers", "comment"), [
    ("Anything else?", ["Great", "Slow", "Loved it"], True),  # an open question: short answers are comments
    ("Which hotel did you stay at?", ["Hotel Miramar Barcelona", "Hotel Miramar Madrid", "Hotel Miramar Sevilla"],
     False),  # a dropdown is no comment
])
def test_the_comment_is_the_question_that_asks_for_one(tmp_path: Path, question: str, answers: list[str],
                                                        comment: bool) -> None:
    rows = [["Rate each step [Booking]", "Rate each step [Room]", question]]
    rows += [[5, 4, a] for a in answers]
    mapping = read_rows(tmp_path, rows).validation.tables[0].mapping
    assert mapping.get("comment") == (question if comment else None)


def test_odd_rows_under_a_header_and_long_date_cells_are_read_in_bounded_time(tmp_path: Path) -> None:
    import time

    journey = read_rows(tmp_path, [["a", "b", "c"], ["x"], [1, 2, 3],
                                   ["w", '{"ImportId":"Q1"}', "v", '{"ImportId":"Q2"}'], [4, 5, 6]])
    assert journey.validation.rows_read == 4  # no traceback: the ids row beside a longer row is a ragged row
    started = time.monotonic()
    rows = [["id", "Fecha", "Web", "App"]] + [[i, "x" + " " * 30_000 + "1", 4, 5] for i in range(6)]
    journey = read_rows(tmp_path, rows, "long_dates.csv")
    assert time.monotonic() - started < 20  # 86 s before the zone was looked for in the cell's end alone
    assert codes(journey).count("bad_date") == 6


def test_spanish_google_forms_timestamps(tmp_path: Path) -> None:
    journey = read_rows(tmp_path, [["Marca temporal", "Valore cada paso [Reserva]", "Valore cada paso [Habitación]"],
                                   ["2026/03/01 11:02:09 p. m. GMT+1", 5, 4], ["2026/03/14 8:47:51 a. m. GMT+1", 4, 4]])
    assert [str(d) for d in journey.respondents["date"]] == ["2026-03-01 23:02:09", "2026-03-14 08:47:51"]
    assert list(journey.touchpoints["touchpoint"]) == ["Reserva", "Habitación"]


@pytest.mark.parametrize(("header", "touchpoints"), [
    (["#", "¿Cómo valorarías la reserva?", "¿Cómo valorarías el check-in?", "¿Cómo valorarías tu habitación?"],
     ["Reserva", "Check-in", "Habitación"]),  # the article changes: grouped by the first two words
    (["#", "How was the booking?", "How was the check-in?", "How was your room?"], ["Booking", "Check-in", "Room"]),
    (["Marca temporal", "¿Qué le pareció cada aspecto? [Reserva]", "¿Qué le pareció cada aspecto? [Llegada]"],
     ["Reserva", "Llegada"]),  # a bracket grid whatever its wording
    (["id", "Longitud", "Reserva", "Llegada"], ["Reserva", "Llegada"]),  # -3.7026 on no rating scale
])
def test_more_grids_and_a_longitude(tmp_path: Path, header: list[str], touchpoints: list[str]) -> None:
    first = {"#": "k{}", "Marca temporal": "2026/03/0{} 10:15:22 a. m. GMT+1", "id": "{}"}[header[0]]
    rows = [header] + [[first.format(i)] + ([-3.7026] if "Longitud" in header else []) + [(i + k) % 5 + 1
                       for k in range(len(touchpoints))] for i in range(1, 5)]
    journey = read_rows(tmp_path, rows)
    assert list(journey.touchpoints["touchpoint"]) == touchpoints
    assert "questions_skipped" not in codes(journey) and "cell_ignored" not in codes(journey)


def test_columns_of_numbers_left_out_are_said_even_when_no_grid_is_found(tmp_path: Path) -> None:
    journey = read_rows(tmp_path, [["id", "What is your age?", "What could we improve?"],
                                   [1, 3, "The queue"], [2, 4, "Nothing"]])
    assert journey.validation.tables[0].layout == "comments"
    note = next(w for w in journey.validation.warnings if w.code == "questions_skipped")
    assert note.params["columns"] == "'What is your age?'"


def test_a_qualtrics_export_with_spanish_labels(tmp_path: Path) -> None:
    grid = "¿Qué tan satisfecho quedó con cada paso de su estancia?"
    ids = ["StartDate", "RecordedDate", "ResponseId", "LocationLatitude", "LocationLongitude", "Q1", "Q2_1", "Q2_2",
           "Q3"]
    labels = ["Fecha de inicio", "Fecha registrada", "ID de respuesta", "Latitud de ubicación",
              "Longitud de ubicación", "¿Qué probabilidad hay de que nos recomiende?", f"{grid} - Reserva",
              f"{grid} - Llegada", "¿Qué podríamos mejorar?"]
    rows = [ids, labels, ['{"ImportId":"' + i + '"}' for i in ids],
            ["2026-03-02 09:14:03", "2026-03-02 09:17:41", "R_1", 40.4165, -3.7026, 9, "Extremadamente satisfecho",
             "Algo satisfecho", "Todo bien"],
            ["2026-03-03 11:40:27", "2026-03-03 11:44:02", "R_2", 40.4165, -3.7026, 6, "Algo insatisfecho",
             "Extremadamente insatisfecho", "La llegada, lentísima"]]
    journey = read_rows(tmp_path, rows)
    assert journey.validation.tables[0].mapping == {
        "date": "Fecha registrada", "respondent_id": "ID de respuesta",
        "overall": "¿Qué probabilidad hay de que nos recomiende?", "comment": "¿Qué podríamos mejorar?"}
    assert means(journey) == {"Reserva": (2, 3.5), "Llegada": (2, 2.5)}
    assert list(journey.respondents["respondent_id"]) == ["R_1", "R_2"]


def test_two_exports_headed_differently_show_each_ones_columns_and_outcome() -> None:
    result = subprocess.run([sys.executable, "-m", "cj", "validate", str(EXPORTS / "typeform.csv"),
                             str(EXPORTS / "qualtrics_numeric.csv")], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Rows read 9, used 9, rejected 0; touchpoints read 0."
    assert lines[1:4] == ["Column mapping:", "  typeform.csv:", "    respondent_id ← '#'"]
    assert "  qualtrics_numeric.csv:" in lines and "    respondent_id ← 'Response ID'" in lines
    rules = [line for line in lines if line.startswith("  overall outcome: ")]
    assert [r.split("'")[1] for r in rules] == ["How likely are you to recommend us to a friend?",
                                                "On a scale from 0-10, how likely are you to recommend"]


def test_intervals_of_a_few_answers_stay_on_the_0_100_scale() -> None:
    from cj.analysis import analyze

    result = analyze(load_journey(EXPORTS / "typeform.csv"))  # three respondents: t-intervals run past 0 and 100
    bounds = [(t["ci_low"], t["ci_high"]) for t in result["touchpoints"]]
    bounds += [(s["ci_low"], s["ci_high"]) for s in result["stages"]]
    assert bounds and all(0 <= low <= high <= 100 for low, high in bounds)
    assert any(low == 0 or high == 100 for low, high in bounds)  # some were cut at the scale's end


def test_the_data_page_counts_the_touchpoints_kept_from_the_list(tmp_path: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.builders import write_xlsx

    rows = [["id", "touchpoint", "score"]] + [[i, n, 4] for i in range(5) for n in ("Web", "App", "Store")]
    book = write_xlsx(tmp_path / "listed.xlsx", {
        "Touchpoints": [["order", "touchpoint", "stage"], [1, "Web", "A"], [2, "App", "B"], [3, "web", "B"],
                        [4, None, "C"]],
        "Responses": rows})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    at.file_uploader(key="uploads").set_value(("listed.xlsx", book.read_bytes(), "application/octet-stream")).run()
    assert {m.label: m.value for m in at.metric}["Touchpoints"] == "3"
    assert "2 from your touchpoints list, 1 more only in the responses (see the warnings)" in [
        c.value for c in at.caption]


def test_spanish_clock_times_are_day_first_and_words_are_no_dates() -> None:
    from cj.dates import read_date

    assert [str(read_date(t)) for t in ("1/3/2026 11:02:09 p.\u00a0m.", "13/3/2026 11:02:09 p. m.",
                                        "3/13/2026 10:15:22 p.m.", "13/3/2026 10:15 p.m.")] == [
        "2026-03-01 23:02:09", "2026-03-13 23:02:09", "2026-03-13 22:15:22", "2026-03-13 22:15:00"]
    assert [read_date(t) is pd.NaT for t in ("today", "now", "todayGMT")] == [True, True, True]
    # a survey of a month's first days, written month first: one 3/13 tells the order for the whole column
    cells = [f"3/{d}/2026" for d in range(1, 13)] * 9 + ["3/13/2026"]
    values, bad = read_dates(code_column(pd.Series(cells, dtype=object)))
    assert {str(v)[:7] for v in values} == {"2026-03"} and not bad.any()


def test_a_text_grid_does_not_take_a_listed_touchpoint_from_the_rating_grid(tmp_path: Path) -> None:
    rows = [["id", "Describe your experience [Web]", "Describe your experience [App]", "Rate each step [Web]",
             "Rate each step [App]"]] + [[i, "slow", "fine", (i % 5) + 1, 4] for i in range(5)]
    book = write_xlsx(tmp_path / "grids.xlsx", {"Touchpoints": [["order", "touchpoint"], [1, "Web"], [2, "App"]],
                                                "Responses": rows})
    journey = load_journey(book)
    assert journey.validation.rows_rejected == 0
    assert journey.validation.tables[0].touchpoint_columns == ["Rate each step [Web]", "Rate each step [App]"]


def test_a_hand_made_first_row_with_a_blank_id_is_data(tmp_path: Path) -> None:
    journey = read_rows(tmp_path, [["respondent", "segment", "Web", "App", ""], ["", "Business", "", "", "late"],
                                   [1, "Business", 4, 5, ""], [2, "Pyme", 3, 2, ""]])
    assert journey.validation.rows_read == 3 and "sub_labels" not in codes(journey)


def test_grid_items_keep_their_capitals() -> None:
    assert touchpoint_names(["Rate each step [iPhone app]", "Rate each step [web]"])[0] == {
        "Rate each step [iPhone app]": "iPhone app", "Rate each step [web]": "Web"}


def test_a_column_of_mixed_date_writings_is_read_cell_by_cell_in_one_pass() -> None:
    cells = ["2026/03/01 10:15:22 AM GMT+1", "13/3/2026 23:02:09", "46086", "diez", "2026-03-05", "5.3.2026",
             "1/3/2026 11:02:09 p. m.", None]
    values, bad = read_dates(code_column(pd.Series(cells, dtype=object)))
    assert [str(v) for v in pd.Series(values).dt.strftime("%Y-%m-%d %H:%M:%S").fillna("NaT")] == [
        "2026-03-01 10:15:22", "2026-03-13 23:02:09", "2026-03-05 00:00:00", "NaT", "2026-03-05 00:00:00",
        "2026-03-05 00:00:00", "2026-03-01 23:02:09", "NaT"]
    assert bad.tolist() == [False, False, False, True, False, False, False, False]  # a blank is no bad date


def test_two_files_name_their_score_columns_and_a_comments_file_says_nothing_of_touchpoints(tmp_path: Path) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    at.file_uploader(key="uploads").set_value([(n, (EXPORTS / n).read_bytes(), "text/csv")
                                               for n in ("typeform.csv", "google_forms.csv")]).run()
    assert not at.exception and not at.error
    scores = at.dataframe[1].value
    assert scores["File"].tolist() == ["typeform.csv"] * 3 + ["google_forms.csv"] * 4
    assert scores["Touchpoint"].tolist() == ["Booking", "Check-in", "Room", "Booking", "Check-in", "Room", "Checkout"]
    comments = csv_bytes([["id", "What could we improve?"], [1, "The queue"], [2, "Nothing"]])
    at.file_uploader(key="uploads").set_value(("comments.csv", comments, "text/csv")).run()
    assert {m.label: m.value for m in at.metric}["Touchpoints"] == "0"
    assert not any("taken from the responses" in c.value for c in at.caption)


def test_a_score_column_the_touchpoints_list_does_not_name_is_said(tmp_path: Path) -> None:
    rows = [["id", "Web (1-5)", "App (1-5)", "Store (1-5)"]] + [[i, 4, 5, (i % 5) + 1] for i in range(6)]
    book = write_xlsx(tmp_path / "unlisted.xlsx", {"Touchpoints": [["order", "touchpoint"], [1, "Web"], [2, "Store"]],
                                                   "Responses": rows})
    journey = load_journey(book)
    assert list(journey.touchpoints["touchpoint"]) == ["Web", "Store"]
    (note,) = [w for w in journey.validation.warnings if w.code == "columns_unlisted"]
    assert note.message() == (
        "unlisted.xlsx › Responses: 1 column(s) of scores not read: they name no touchpoint of your touchpoints list, "
        "or one already read: 'App (1-5)'. Add the touchpoint to the list, or rename the column.")
