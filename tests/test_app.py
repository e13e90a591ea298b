"""Every page under Streamlit's AppTest: samples, uploads, language, and a failed upload that loses nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cj import load_journey
from cj.samples import SAMPLES
from tests.builders import csv_bytes, start_page

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def start(page: Path = ROOT / "app.py", lang: str = "en", sample: str | None = None) -> AppTest:
    return start_page(page, lang, **({"_sample": sample} if sample else {}))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("key", list(SAMPLES))
def test_every_page_runs_on_both_samples(page: Path, key: str) -> None:
    at = start(page, sample=key)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if page.name not in ("app.py", "0_Data.py"):  # the data page has no chart
        assert at.get("plotly_chart"), "no chart drawn"


@pytest.mark.parametrize("key", list(SAMPLES))
def test_counts_shown_are_the_engines(key: str) -> None:
    at = start()
    at.selectbox(key="sample").set_value(key).run()
    report = load_journey(SAMPLES[key]).validation
    assert metrics(at) == {"Rows read": f"{report.rows_read:,}", "Rows used": f"{report.rows_used:,}",
                           "Rows rejected": f"{report.rows_rejected:,}",
                           "Touchpoints": f"{len(load_journey(SAMPLES[key]).touchpoints):,}"}


def test_rejected_rows_table_shows_the_excel_rows() -> None:
    at = start()
    scores = at.dataframe[1].value  # the score column of the long layout, read for every touchpoint
    assert scores.to_dict("records") == [{"Column in your file": "Puntuación (1-5)",
                                          "Touchpoint": "(each row's touchpoint)", "Scale": "1–5",
                                          "Ratings used": len(load_journey(SAMPLES["oficina_tecnica"]).ratings)}]
    table = at.dataframe[2].value
    assert list(table.columns) == ["File", "Sheet", "Row", "Column", "Value", "Reason"]
    assert table["Row"].tolist() == [84, 5891, 6330, 13228, 13632, 14889, 16515, 17290]
    assert table["Reason"].iloc[0] == "expected a number on the 1–5 scale, got 'diez'."


def test_language_switch_changes_labels_and_messages() -> None:
    at = start(lang="en")
    assert "Rows read" in metrics(at)
    at.radio(key="lang").set_value("es").run()
    assert metrics(at)["Filas leídas"] == "18.140"
    assert at.dataframe[2].value["Motivo"].iloc[0] == "se esperaba un número en la escala 1–5, llegó 'diez'."
    assert at.dataframe[0].value["Campo"].tolist()[:3] == ["ID de encuestado", "Touchpoint", "Puntuación del touchpoint"]
    assert at.title[0].value == "cj — análisis del customer journey"


def test_a_touchpoints_list_alone_is_refused_in_one_sentence_and_the_sample_stays() -> None:
    at = start()
    alone = (ROOT / "sample_data" / "oficina_tecnica_csv" / "puntos_de_contacto.csv").read_bytes()
    at.file_uploader(key="uploads").set_value(("puntos_de_contacto.csv", alone, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "These files hold no survey responses \\(a list of touchpoints alone\\): there is nothing to analyse\\. "
        "Upload the responses with it\\."]
    assert metrics(at)["Rows read"] == "18,140"  # the sample, still
    assert at.selectbox(key="sample").value == "oficina_tecnica"


def test_after_an_upload_the_sample_picker_leads_back_to_the_sample() -> None:
    at = start()
    good = csv_bytes([["id", "touchpoint", "score"], [1, "Web", 4], [2, "Web", 3], [3, "Blog", 5]])
    at.file_uploader(key="uploads").set_value(("mine.csv", good, "text/csv")).run()
    assert metrics(at)["Rows read"] == "3"
    picker = at.selectbox(key="sample")
    assert picker.value == "" and picker.options[0] == "— your uploaded files —"
    at.selectbox(key="sample").set_value("oficina_tecnica").run()  # the sample that was shown before: a change
    assert not at.exception
    assert metrics(at)["Rows read"] == "18,140"
    at.selectbox(key="sample").select_index(0).run()  # and back to the files still in the uploader
    assert metrics(at)["Rows read"] == "3"


def test_uploaded_file_is_read_and_a_bad_one_keeps_the_previous_data() -> None:
    at = start()
    good = csv_bytes([["id", "touchpoint", "score"], [1, "Web", 4], [2, "Web", "x"], [3, "Blog", 5]])
    at.file_uploader(key="uploads").set_value(("mine.csv", good, "text/csv")).run()
    assert not at.exception
    assert metrics(at)["Rows read"] == "3" and metrics(at)["Rows rejected"] == "1"
    at.file_uploader(key="uploads").set_value(("broken.xlsx", b"not a workbook at all", "application/octet-stream"))
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "broken\\.xlsx: the name says \\.xlsx but the content is plain text; save it again as \\.xlsx or rename it\\."]
    assert metrics(at)["Rows read"] == "3"  # what was loaded before is still there
    assert "The data loaded before is still shown." in [c.value for c in at.caption]


def test_the_mapping_can_be_changed_and_the_files_are_read_again() -> None:
    at = start()
    rows = [["id", "touchpoint", "score", "nota revisada"]] + [[i, "Web", "x", i % 5 + 1] for i in range(40)]
    at.file_uploader(key="uploads").set_value(("mine.csv", csv_bytes(rows), "text/csv")).run()
    assert metrics(at)["Rows rejected"] == "40"  # 'x' is not a score
    table = at.dataframe[0].value  # the mapping editor, as read
    assert dict(zip(table["Field"], table["Column in your file"]))["Touchpoint score"] == "score"
    position = list(table["Field"]).index("Touchpoint score")
    at.session_state["mapping_editor"] = {"edited_rows": {position: {"Column in your file": "nota revisada"}},
                                          "added_rows": [], "deleted_rows": []}
    at.button(key="apply_mapping").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["Rows rejected"] == "0" and metrics(at)["Rows used"] == "40"
    after = at.dataframe[0].value  # the same rows in the same order: an edit stays on its field
    assert list(after["Field"]) == list(table["Field"])
    assert after["Column in your file"].iloc[position] == "nota revisada"
    at.session_state["mapping_editor"] = {"edited_rows": {position: {"Column in your file": "nota revisada"}},
                                          "added_rows": [], "deleted_rows": []}  # the browser's grid, sent again
    at.button(key="apply_mapping").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["Rows rejected"] == "0" and metrics(at)["Rows used"] == "40"


def test_picking_your_files_when_they_cannot_be_read_names_the_sample_still_shown() -> None:
    at = start()
    alone = (ROOT / "sample_data" / "oficina_tecnica_csv" / "puntos_de_contacto.csv").read_bytes()
    at.file_uploader(key="uploads").set_value(("puntos_de_contacto.csv", alone, "text/csv")).run()
    at.selectbox(key="sample").select_index(0).run()  # "your uploaded files": refused again
    assert not at.exception
    assert at.selectbox(key="sample").value == "oficina_tecnica" and metrics(at)["Rows read"] == "18,140"


def test_the_mapping_table_keeps_its_rows_in_one_order_so_an_edit_stays_on_its_field() -> None:
    at = start()
    table = at.dataframe[0].value
    headers = dict(zip(table["Field"], table["Column in your file"]))
    position = list(table["Field"]).index("Segment")
    edit = {"edited_rows": {position: {"Column in your file": headers["Channel"]}}, "added_rows": [],
            "deleted_rows": []}
    for _ in range(2):  # applied, then the browser's grid sends the same edit again
        at.session_state["mapping_editor"] = edit
        at.button(key="apply_mapping").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert list(at.dataframe[0].value["Field"]) == list(table["Field"])  # the edited row is still Segment
        assert at.dataframe[0].value["Column in your file"].iloc[position] == headers["Channel"]  # applied
        assert metrics(at)["Rows used"] == "18,132"  # touchpoint and score were never remapped


def test_a_field_cleared_in_the_mapping_table_is_read_as_unmapped() -> None:
    at = start()
    table = at.dataframe[0].value
    assert dict(zip(table["Field"], table["Column in your file"]))["Segment"] == "Segmento"
    position = list(table["Field"]).index("Segment")
    at.session_state["mapping_editor"] = {"edited_rows": {position: {"Column in your file": None}},
                                          "added_rows": [], "deleted_rows": []}  # the browser's cleared cell
    at.button(key="apply_mapping").click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = dict(zip(at.dataframe[0].value["Field"], at.dataframe[0].value["Column in your file"]))
    assert after["Segment"] == "" and after["Touchpoint"] == "Punto de contacto"
    journey = at.session_state["journey"]
    assert "segment" not in journey.validation.mapping and journey.ratings["segment"].isna().all()
    assert metrics(at)["Rows used"] == "18,132"  # the other fields as before


def test_a_change_sent_for_a_filter_the_new_files_removed_is_no_traceback() -> None:
    """The browser may send the old sample's segment filter once more after an upload dropped it: its callback
    found no value and raised a KeyError on the data page (the flaky browser upload test, seen in its saved page)."""
    def script() -> None:
        import streamlit as st

        import ui

        ui.keep("f_segment")  # no such widget value any more
        st.write("kept" if "_f_segment" not in st.session_state else "stale")

    at = AppTest.from_function(script)
    at.run()
    assert not at.exception and [m.value for m in at.markdown] == ["kept"]
