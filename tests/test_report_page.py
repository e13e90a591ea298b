"""The report page under AppTest: the one-pager is the engine's, and its downloads follow the user's edits."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from cj import load_journey
from cj.analysis import run
from cj.ranking import rescore
from cj.samples import SAMPLES

PAGE = Path(__file__).resolve().parents[1] / "pages" / "5_Report.py"


def test_report_shows_the_engines_summary_with_the_users_efforts() -> None:
    engine = run(load_journey(SAMPLES["oficina_tecnica"]), lang="en")
    at = AppTest.from_file(str(PAGE), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()  # the sample is loaded (new data starts with no efforts of its own)
    at.session_state["_efforts"] = {"Web": 95.0}  # as if typed on the priorities page
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    values = {m.label: m.value for m in at.metric}
    expected = rescore(engine.parts, efforts={"Web": 95.0}, lang="en")
    wins = [p for p in expected if p["quadrant"] == "quick_win"]
    assert values == {"Respondents": f"{engine.result['respondents']:,}", "Touchpoints": "11",
                      "Quick wins": str(len(wins)), "Comments": f"{len(engine.feedback.comments):,}"}
    assert "Web" not in [p["touchpoint"] for p in wins]  # its effort of 95 took it out of the quick wins
    assert [m.value.split(" — ")[0] for m in at.markdown if m.value.startswith("**")] == [
        f"**{p['touchpoint']}** · rank {p['rank']} of {len(expected)}" for p in wins[:5]]
    buttons = {b.proto.label: b for b in at.get("download_button")}
    assert set(buttons) >= {"Report (HTML, opens offline)", "Report (Excel)", "Table priorities (CSV)"}


def test_report_functions_give_the_same_files_as_the_cli(tmp_path: Path) -> None:
    from cj.report import report_html, write_xlsx, xlsx_bytes

    journey = load_journey(SAMPLES["hotel_stay"])
    engine = run(journey, lang="es")
    data = xlsx_bytes(engine.result, journey, "es", engine.feedback)
    write_xlsx(engine.result, journey, tmp_path / "cli.xlsx", "es", engine.feedback)
    for sheet in ("priorities", "themes", "comments"):
        a = pd.read_excel(io.BytesIO(data), sheet_name=sheet, engine="calamine")
        b = pd.read_excel(tmp_path / "cli.xlsx", sheet_name=sheet, engine="calamine")
        pd.testing.assert_frame_equal(a, b)
    page = report_html(engine.result, "es")
    assert page.startswith("<!doctype html>") and "plotly" in page and "Curva de la emoci" in page  # JSON escapes ó


def test_quick_wins_name_each_touchpoint_once_and_the_themes_table_holds_words_not_lists() -> None:
    from ui import report_tables

    at = AppTest.from_file(str(PAGE), default_timeout=180)
    at.session_state["lang"] = "es"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    lines = [m.value for m in at.markdown if m.value.startswith("**")]
    assert lines and all(line.split(" — ")[1].startswith("quick win") for line in lines), lines
    buttons = {b.proto.label for b in at.get("download_button")}
    assert {"Tabla prioridades (CSV)", "Tabla touchpoints (CSV)", "Tabla temas (CSV)"} <= buttons
    result = run(load_journey(SAMPLES["oficina_tecnica"]), lang="es").result
    themes = report_tables(result)["themes"]
    assert themes["words"].tolist() == [", ".join(t["words"]) for t in result["themes"]]


def test_small_data_says_why_the_report_curve_is_empty() -> None:
    from tests.builders import csv_bytes

    at = AppTest.from_file(str(PAGE.parents[1] / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    rows = [["id", "touchpoint", "score", "recommend (0-10)"]] + [
        [i, name, (i + k) % 5 + 1, i % 11] for i in range(20) for k, name in enumerate(("Web", "Shop"))]
    at.file_uploader(key="uploads").set_value(("small.csv", csv_bytes(rows), "text/csv")).run()
    at.switch_page("pages/5_Report.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Touchpoints with fewer than 30 ratings are left off the curve: Web, Shop." in [c.value for c in at.caption]
