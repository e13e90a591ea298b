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
    assert [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**")] == [
        f"{p['rank']}. {p['touchpoint']}" for p in wins[:5]]
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
