"""The priorities page under AppTest: efforts and weights re-score exactly as the engine does."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cj import load_journey
from cj.analysis import run
from cj.priority import Weights
from cj.ranking import rescore
from cj.samples import SAMPLES
from tests.builders import start_page

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "pages" / "4_Priorities.py"


@pytest.fixture(scope="module")
def engine():
    return run(load_journey(SAMPLES["oficina_tecnica"]), lang="en")


def start() -> AppTest:
    return start_page(PAGE)


def ranking(at: AppTest) -> dict[str, dict]:
    table = next(d.value for d in at.dataframe if "Rank" in d.value.columns)
    return {t: {"rank": int(r), "impact": float(i), "effort": float(e)}
            for t, r, i, e in zip(table["touchpoint"], table["Rank"], table["Impact"], table["Effort 0–100"])}


def test_default_ranking_and_matrix_are_the_engines(engine) -> None:
    at = start()
    shown = ranking(at)
    assert {p["touchpoint"]: p["rank"] for p in engine.result["priorities"]} == {t: r["rank"] for t, r in shown.items()}
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    points = sum(len(d.get("text", [])) for d in spec["data"])
    assert points == len(engine.result["priorities"])  # one bubble per ranked touchpoint


def test_editing_an_effort_moves_the_touchpoint(engine) -> None:
    # the touchpoint that an effort of 0 moves up the most, by the engine's own re-score
    ranks = {p["touchpoint"]: p["rank"] for p in engine.result["priorities"]}
    moved = {t: ranks[t] - {p["touchpoint"]: p["rank"] for p in rescore(engine.parts, efforts={t: 0})}[t]
             for t in ranks}
    name = max(moved, key=moved.get)
    assert moved[name] >= 1
    at = start()
    before = ranking(at)[name]
    table = at.dataframe[0].value  # the effort editor
    row = list(table["touchpoint"]).index(name)
    at.session_state["effort_editor"] = {"edited_rows": {row: {"Effort 0–100": 0}}, "added_rows": [],
                                         "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    expected = {p["touchpoint"]: p for p in rescore(engine.parts, efforts={name: 0}, lang="en", boot=engine.boot)}
    after = ranking(at)[name]
    assert after["rank"] == expected[name]["rank"] == before["rank"] - moved[name] and after["effort"] == 0.0
    origin = at.dataframe[0].value.set_index("touchpoint")["From"]  # the grid says where it came from, at once
    assert origin[name] == "you" and (origin.drop(name) != "you").all()
    at.run()
    assert at.dataframe[0].value.set_index("touchpoint").loc[name, "From"] == "you"
    assert ranking(at)[name]["rank"] == expected[name]["rank"]


def test_a_weight_changes_impact_as_the_engine_says(engine) -> None:
    at = start()
    at.slider(key="w_severity").set_value(2.0).run()
    expected = {p["touchpoint"]: p["impact"] for p in rescore(engine.parts, weights=Weights(severity=2.0), lang="en")}
    assert {t: r["impact"] for t, r in ranking(at).items()} == pytest.approx(expected)
    at.button(key="reset_priorities").click().run()
    assert {t: r["impact"] for t, r in ranking(at).items()} == pytest.approx(
        {p["touchpoint"]: p["impact"] for p in engine.result["priorities"]})


def test_the_action_plan_starts_from_the_quick_wins_and_a_saved_plan_restores_it(engine) -> None:
    from cj.plan import plan_csv, read_plan
    from tests.builders import csv_bytes

    at = start()
    plan = next(d.value for d in at.dataframe if "improvement" in d.value.columns)
    wins = [p["touchpoint"] for p in engine.result["priorities"] if p["quadrant"] == "quick_win"]
    assert plan["touchpoint"].tolist() == wins and set(plan["status"]) == {"to do"}
    assert plan.set_index("touchpoint").loc["Facturación", "owner"] == "Administración"  # from the touchpoints sheet
    saved = csv_bytes([["touchpoint", "improvement", "owner", "due", "status"],
                       ["Facturación", "=Factura en una página", "Administración", "15/01/2027", "en curso"],
                       ["Web", "Buscador", "Marketing", "2027-02-01", "hecho"]])
    at.file_uploader(key="plan_upload").set_value(("plan.csv", saved, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    restored = next(d.value for d in at.dataframe if "improvement" in d.value.columns)
    assert restored["touchpoint"].tolist() == ["Facturación", "Web"]
    assert restored["status"].tolist() == ["in progress", "done"]
    assert [d.date().isoformat() for d in restored["due"]] == ["2027-01-15", "2027-02-01"]
    # and what the page downloads reads back the same (the formula-like cell neutralised in the file)
    again = read_plan(plan_csv(restored), "plan.csv")
    assert again["improvement"].tolist() == ["=Factura en una página", "Buscador"]
    assert b"'=Factura" in plan_csv(restored)


def plan_of(at: AppTest):
    return next(d.value for d in at.dataframe if "improvement" in d.value.columns)


def test_a_plan_edit_outlives_a_page_switch_and_new_data_starts_a_new_plan() -> None:
    at = start_page(ROOT / "app.py")
    at.switch_page("pages/4_Priorities.py").run()
    first = plan_of(at)["touchpoint"].iloc[0]
    at.session_state["plan_editor"] = {"edited_rows": {0: {"improvement": "Una factura en una página"}},
                                       "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("pages/0_Data.py").run()  # the grid is not drawn here: Streamlit drops its own state
    at.switch_page("pages/4_Priorities.py").run()
    assert plan_of(at).set_index("touchpoint").loc[first, "improvement"] == "Una factura en una página"
    at.switch_page("pages/0_Data.py").run()
    at.selectbox(key="sample").set_value("hotel_stay").run()  # other data: its own quick wins, no old plan
    at.switch_page("pages/4_Priorities.py").run()
    hotel = run(load_journey(SAMPLES["hotel_stay"]), lang="en").result["priorities"]
    assert plan_of(at)["touchpoint"].tolist() == [p["touchpoint"] for p in hotel if p["quadrant"] == "quick_win"]
    assert set(plan_of(at)["improvement"].fillna("")) == {""}


def test_a_bad_saved_plan_is_refused_in_the_users_language_and_the_plan_is_kept() -> None:
    at = start_page(PAGE, lang="es")
    before = plan_of(at)
    at.file_uploader(key="plan_upload").set_value(("plan.csv", b"a,b\n1,2\n", "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value.replace("\\", "") for e in at.error] == [  # the sentence as Markdown-escaped text
        "plan.csv no es un plan de acción: faltan las columnas touchpoint, improvement, owner, due, status."]
    assert plan_of(at).equals(before)


def test_reset_clears_the_efforts_grid_and_its_old_edit_does_not_come_back(engine) -> None:
    at = start()
    table = at.dataframe[0].value
    name = table["touchpoint"].iloc[0]
    base = float(table.set_index("touchpoint").loc[name, "Effort 0–100"])
    stale = {"edited_rows": {0: {"Effort 0–100": 0}}, "added_rows": [], "deleted_rows": []}
    at.session_state["effort_editor"] = stale
    at.run()
    assert ranking(at)[name]["effort"] == 0.0
    at.button(key="reset_priorities").click().run()
    at.session_state["effort_editor"] = stale  # what the browser's grid under the old key still holds
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert float(at.dataframe[0].value.set_index("touchpoint").loc[name, "Effort 0–100"]) == base
    assert ranking(at)[name]["effort"] == pytest.approx(base)


def test_quick_wins_name_their_place_in_the_whole_ranking() -> None:
    spanish = run(load_journey(SAMPLES["oficina_tecnica"]), lang="es").result["priorities"]
    at = start_page(PAGE, "es")
    lines = [m.value for m in at.markdown if m.value.startswith("**")]
    wins = [p for p in spanish if p["quadrant"] == "quick_win"]
    assert [line.split(" — ")[0] for line in lines] == [
        f"**{p['touchpoint']}** · puesto {p['rank']} de {len(spanish)}" for p in wins]
    assert [p["rank"] for p in wins] != list(range(1, len(wins) + 1))  # the sample's quick wins skip a rank
