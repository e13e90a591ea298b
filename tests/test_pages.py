"""The journey-curve and moments-of-truth pages under AppTest: what they show equals the engine's numbers, and
the filters, the language and an upload change it."""
from __future__ import annotations

import base64
import datetime as dt
import html
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from cj import load_journey
from cj.analysis import analyze
from cj.feedback import worst_themes
from cj.filters import Filters, apply
from cj.samples import SAMPLES
from tests.builders import csv_bytes, start_page
from ui import plain

ROOT = Path(__file__).resolve().parents[1]
CURVE = ROOT / "pages" / "1_Journey_curve.py"
MOMENTS = ROOT / "pages" / "2_Moments_of_truth.py"


def start(page: Path, lang: str = "en", sample: str = "oficina_tecnica") -> AppTest:
    return start_page(page, lang, _sample=sample)


def chart(at: AppTest, number: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[number].proto.spec)


def _plain(value):
    """Plotly's JSON writes numeric arrays as base64 ('bdata'); read them back as lists."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return value


def trace(spec: dict, name: str) -> dict:
    found = next(d for d in spec["data"] if d.get("name") == name)
    return {k: _plain(v) for k, v in found.items()}


def names(values) -> list[str]:
    """Names as the figures carry them: escaped, so plotly shows them as text (never markup)."""
    return [html.escape(v, quote=False) for v in values]


@pytest.mark.parametrize("key", list(SAMPLES))
def test_curve_is_the_engines_in_journey_order(key: str) -> None:
    at = start(CURVE, sample=key)
    expected = analyze(load_journey(SAMPLES[key]))
    shown = [t for t in expected["touchpoints"] if t["n"] >= 30]
    customers = trace(chart(at), "Customers")
    assert customers["x"] == names(t["touchpoint"] for t in shown)
    assert customers["y"] == pytest.approx([t["mean_0_100"] for t in shown])
    band = trace(chart(at), "95 % interval")
    assert band["y"] == pytest.approx([t["ci_high"] for t in shown] + [t["ci_low"] for t in shown][::-1])
    assert [m.value for m in at.metric] == [plain(expected["curve"][k]) for k in ("peak", "trough", "end")]


def test_segment_filter_changes_the_curve_to_that_segments_numbers() -> None:
    at = start(CURVE)
    at.multiselect(key="f_segment").set_value(["Pyme"]).run()
    assert any("Pyme" in c.value for c in at.caption)  # the active filter is shown
    journey = apply(load_journey(SAMPLES["oficina_tecnica"]), Filters(segments=("Pyme",)))
    expected = [t for t in analyze(journey)["touchpoints"] if t["n"] >= 30]
    assert trace(chart(at), "Customers")["y"] == pytest.approx([t["mean_0_100"] for t in expected])
    everyone = [t for t in analyze(load_journey(SAMPLES["oficina_tecnica"]))["touchpoints"] if t["n"] >= 30]
    assert trace(chart(at), "Customers")["y"] != pytest.approx([t["mean_0_100"] for t in everyone])


def test_overlay_draws_one_line_per_wave() -> None:
    at = start(CURVE)
    assert at.radio(key="curve_overlay").options == ["everyone", "segments", "waves"]
    at.radio(key="curve_overlay").set_value("waves").run()
    names = [d.get("name") for d in chart(at)["data"]]
    assert "2026-T1" in names and "2026-T2" in names


def test_language_switch_changes_the_page_and_the_figures() -> None:
    at = start(CURVE, lang="es")
    assert at.title[0].value == "Curva de la emoción" and chart(at)["layout"]["title"]["text"] == "Curva de la emoción"
    assert [m.label for m in at.metric] == ["Pico", "Punto de dolor", "Final"]
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Journey curve" and trace(chart(at), "Customers")


def test_moment_cards_are_the_engines_rollup() -> None:
    at = start(MOMENTS)
    moments = analyze(load_journey(SAMPLES["oficina_tecnica"]))["lenses"]["moments"]["stages"]
    cards = {m.label: m for m in at.metric}
    for moment in moments:
        card = cards[moment["label"]]
        assert card.value == f"{moment['mean_0_100']:.0f}"
        assert card.delta.startswith(f"{moment['trend']:+.1f}" if round(moment["trend"], 1) else "0.0")
    assert cards["4 · When something fails"].value == "–"  # no touchpoint about failures in this journey
    later = next(c.value for c in at.caption if "Facturación" in c.value)
    assert "Worst touchpoint: Facturación" in later


def test_lens_selector_regroups_the_journey() -> None:
    at = start(MOMENTS)
    at.selectbox(key="lens").set_value("functional").run()
    spec = chart(at, 0)
    assert spec["layout"]["title"]["text"] == "Functional: by department"
    assert spec["data"][0]["y"] == ["Marketing", "Sales", "Service"]
    assert len(at.get("plotly_chart")) == 2  # the lens and the handoffs


def test_an_upload_on_the_data_page_is_what_the_other_pages_show() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    rows = [["id", "Punto de contacto", "Puntuación (1-5)", "Recomendaría (0-10)"]]
    rows += [[i, name, (i + k) % 5 + 1, i % 11] for i in range(60) for k, name in enumerate(("Web", "Tienda", "Caja"))]
    at.file_uploader(key="uploads").set_value(("mine.csv", csv_bytes(rows), "text/csv")).run()
    at.switch_page("pages/1_Journey_curve.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert trace(chart(at), "Customers")["x"] == ["Web", "Tienda", "Caja"]
    assert at.radio(key="curve_overlay").options == ["everyone"]  # no segment, wave or date to compare by
    at.switch_page("pages/2_Moments_of_truth.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("plotly_chart") and not at.error
    at.switch_page("pages/0_Data.py").run()  # back on the data page the upload is still what is loaded
    assert {m.label: m.value for m in at.metric}["Rows read"] == "180"


def test_a_first_visit_ends_with_the_whole_analysis_curve() -> None:
    """The first run sends an invisible preload chart and the curve from the metrics alone, then replaces both:
    the page ends with two charts (curve and funnel) and the curve's hover names each touchpoint's worst theme."""
    at = start(CURVE)
    assert len(at.get("plotly_chart")) == 2
    result = analyze(load_journey(SAMPLES["oficina_tecnica"]))
    worst = worst_themes(result["themes"], result["theme_touchpoints"])
    shown = [t["touchpoint"] for t in result["touchpoints"] if t["n"] >= 30]
    hover = [row[3] for row in trace(chart(at), "Customers")["customdata"]]
    assert hover == names(worst.get(t, "–") for t in shown)
    assert any(h != "–" for h in hover)


def test_filters_hold_across_pages_and_their_chips_follow() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("pages/1_Journey_curve.py").run()
    at.multiselect(key="f_segment").set_value(["Pyme"]).run()
    at.date_input(key="f_dates").set_value((dt.date(2026, 3, 1), dt.date(2026, 5, 31))).run()
    chosen = Filters(segments=("Pyme",), date_from="2026-03-01", date_to="2026-05-31")
    pyme = [t for t in analyze(apply(load_journey(SAMPLES["oficina_tecnica"]), chosen))["touchpoints"] if t["n"] >= 30]
    for page in ("pages/2_Moments_of_truth.py", "pages/0_Data.py", "pages/1_Journey_curve.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.multiselect(key="f_segment").value == ["Pyme"], page
        assert at.date_input(key="f_dates").value == (dt.date(2026, 3, 1), dt.date(2026, 5, 31)), page
    chip = next(c.value.replace("\\", "") for c in at.caption if "Active filters" in c.value)  # Markdown-escaped
    assert chip == "🔎 Active filters: Segment: Pyme · Dates: 2026-03-01 – 2026-05-31"
    assert trace(chart(at), "Customers")["y"] == pytest.approx([t["mean_0_100"] for t in pyme])


def test_the_language_chosen_on_one_page_holds_on_the_others() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/1_Journey_curve.py").run()
    assert at.title[0].value == "Curva de la emoción"
    at.radio(key="lang").set_value("en").run()
    titles = {}
    for page in ("pages/2_Moments_of_truth.py", "pages/0_Data.py", "pages/3_Themes.py"):
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        titles[page] = (at.title[0].value, at.radio(key="lang").value)
    assert titles == {"pages/2_Moments_of_truth.py": ("Moments of truth", "en"),
                      "pages/0_Data.py": ("cj — customer journey analytics", "en"),
                      "pages/3_Themes.py": ("Themes", "en")}


def test_moment_cards_write_numbers_as_spanish_does_and_no_change_has_no_arrow() -> None:
    at = start(MOMENTS, lang="es")
    moments = analyze(load_journey(SAMPLES["oficina_tecnica"]), lang="es")["lenses"]["moments"]["stages"]
    cards = {m.label: m for m in at.metric}
    captions = [c.value for c in at.caption]
    for moment in moments:
        card, trend = cards[moment["label"]], moment["trend"]
        still = round(trend, 1) == 0
        assert card.delta.split(" ")[0] == ("0,0" if still else f"{trend:+.1f}".replace(".", ","))
        assert (card.proto.direction == 2) == still  # 2: no arrow (the sample's memorable experience: 0,0)
        n = f"{moment['n']:,}".replace(",", ".")
        assert any(c.startswith(f"n = {n} valoraciones") for c in captions), n
    assert any(round(m["trend"], 1) == 0 for m in moments) and any(m["n"] >= 1000 for m in moments)


def test_a_listed_touchpoint_nobody_rated_leaves_every_page_drawn(tmp_path) -> None:
    """Its stage (Fidelización) and its moment (3 · later interactions) have no score: '–', not a traceback."""
    from tests.builders import write_xlsx

    rows = [["id", "touchpoint", "score", "NPS"]]
    rows += [[i, name, (i + k) % 5 + 1, i % 11] for i in range(40) for k, name in enumerate(("Web", "Tienda"))]
    book = write_xlsx(tmp_path / "unrated.xlsx", {
        "Touchpoints": [["order", "touchpoint", "stage"], [1, "Web", "Descubrimiento"], [2, "Tienda", "Compra"],
                        [3, "Newsletter", "Fidelización"]],
        "Respuestas": rows})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    at.file_uploader(key="uploads").set_value(("unrated.xlsx", book.read_bytes(), "application/octet-stream")).run()
    at.switch_page("pages/1_Journey_curve.py").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    stages = at.dataframe[0].value
    assert stages["Stage"].tolist() == ["Descubrimiento", "Compra", "Fidelización"]
    scores = stages["Score 0–100"].tolist()
    assert scores[:2] == [50.0, 50.0] and scores[2] != scores[2]  # NaN: no score, drawn as an empty cell
    at.switch_page("pages/2_Moments_of_truth.py").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    cards = {m.label: m.value for m in at.metric}
    assert cards["3 · Later interactions (billing)"] == "–"
    assert "no valid rating" in [c.value for c in at.caption]
    for page in ("pages/3_Themes.py", "pages/4_Priorities.py", "pages/5_Report.py"):
        at.switch_page(page).run()
        assert not at.exception and not at.error, (page, [e.value for e in at.error])


def test_a_change_on_a_handful_of_ratings_is_not_shown() -> None:
    """The last wave has 3 respondents: the moments' cards and the stages table show no change (it would read as an
    alarm of tens of points), and the cards say why."""
    rows = [["id", "wave", "touchpoint", "score"]]
    rows += [[i, "2026Q1", name, 5] for i in range(40) for name in ("Web", "Tienda")]
    rows += [[100 + i, "2026Q2", name, 1] for i in range(3) for name in ("Web", "Tienda")]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "en"
    at.run()
    at.file_uploader(key="uploads").set_value(("waves.csv", csv_bytes(rows), "text/csv")).run()
    at.switch_page("pages/1_Journey_curve.py").run()
    assert not at.exception and not at.error
    changes = at.dataframe[0].value["Change"].tolist()
    assert changes and all(c != c or c is None for c in changes)  # empty cells, not −100
    at.switch_page("pages/2_Moments_of_truth.py").run()
    assert not at.exception and not at.error
    shown = [m for m in at.metric if m.value != "–"]
    assert shown and all(m.delta in (None, "") for m in shown)
    assert any("change not shown: under 30 ratings in a wave" in c.value for c in at.caption)


def _shown(frame_element) -> list[dict]:
    """What the browser is sent to show in each cell of a table (a styled table's display values), or []."""
    import pyarrow as pa

    shown = frame_element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(shown).read_all().to_pandas().to_dict("records") if shown else []


def test_analysis_tables_write_numbers_the_spanish_way_in_spanish() -> None:
    """The stage table in Spanish shows 66,8 and 2.342 for the numbers 66.8 and 2342, which stay numbers underneath;
    in English the table is shown as it is."""
    at = start(CURVE, lang="es")
    table = at.dataframe[0]
    values, shown = table.value.to_dict("records"), _shown(table)
    assert len(shown) == len(values) >= 3
    for value, text in zip(values, shown):
        for column in ("Puntuación 0–100", "n", "% negativas"):
            written = text[column]
            assert float(written.replace(".", "").replace(",", ".")) == pytest.approx(value[column])
            assert "." not in written or written.index(".") == len(written) - 4  # a dot only between thousands
        assert text["Etapa"] == value["Etapa"]  # text as it is
    assert any("," in t["Puntuación 0–100"] for t in shown)
    assert any(int(v["n"]) >= 1000 and t["n"] == f"{int(v['n']):,}".replace(",", ".") for v, t in zip(values, shown))
    english = start(CURVE, lang="en")
    assert _shown(english.dataframe[0]) == [] and english.dataframe[0].value["n"].tolist() == [v["n"] for v in values]
