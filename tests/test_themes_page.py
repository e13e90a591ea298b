"""The themes page under AppTest: charts and comments, and edits that last through reruns and downloads."""
from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from cj import load_journey
from cj.analysis import run
from cj.dictionary import Dictionary
from cj.samples import SAMPLES
from tests.builders import start_page

PAGE = Path(__file__).resolve().parents[1] / "pages" / "3_Themes.py"


def start() -> AppTest:
    return start_page(PAGE)


def key(at: AppTest, name: str) -> str:
    """A theme widget's key now: a new one after each edit (ui.theme_key)."""
    generation = at.session_state["_theme_edits"] if "_theme_edits" in at.session_state else 0
    return name if not generation else f"{name}_{generation}"


def options(at: AppTest) -> list[str]:
    return [o.rsplit(" (", 1)[0] for o in at.selectbox(key=key(at, "theme_pick")).options]


def test_themes_and_comments_are_the_engines() -> None:
    engine = run(load_journey(SAMPLES["oficina_tecnica"]), lang="en")
    at = start()
    assert options(at) == [t["label"] for t in engine.result["themes"]]
    assert len(at.get("plotly_chart")) == 2
    info = engine.result["themes_info"]
    how = {"automatic": "number of themes chosen by stability and coherence", "user": "number of themes set by you",
           "too_few": "too few comments left to cluster"}[info["k_source"]]
    assert at.caption[-1].value == (f"{info['comments']:,} comments, {info['no_content']:,} with nothing to say; themes "
                                    f"from the dictionary first, the rest clustered ({how}).")
    billing = [t["theme_id"] for t in engine.result["themes"] if t["label"] == "Billing and charges"][0]
    at.selectbox(key=key(at, "theme_pick")).set_value(billing).run()
    shown = at.dataframe[0].value
    expected = engine.feedback.comments[engine.feedback.comments["theme_id"] == billing]
    assert len(shown) == min(len(expected), 500) and shown["Comment"].iloc[0] == expected["comment"].iloc[0]
    at.text_input(key="theme_search").set_value("IVA").run()
    assert len(at.dataframe[0].value) > 0 and at.dataframe[0].value["Comment"].str.contains("IVA").all()


def test_rename_and_merge_last_through_reruns_and_the_download() -> None:
    at = start()
    first = at.selectbox(key=key(at, "theme_pick")).options[0].rsplit(" (", 1)[0]
    at.text_input(key=key(at, "rename_label")).set_value("Sin novedad").run()
    at.button(key="rename_button").click().run()
    assert "Sin novedad" in options(at) and first not in options(at)
    at.run()  # another rerun: the edit stays
    assert "Sin novedad" in options(at)
    # theme ids are the positions in the list (largest first)
    ids = [i for i, t in enumerate(options(at)) if t in ("Phone and getting through", "Waiting and slowness")]
    assert len(ids) == 2
    count = len(options(at))
    at.multiselect(key=key(at, "merge_pick")).set_value(ids).run()
    at.text_input(key=key(at, "merge_label")).set_value("Esperas").run()
    at.button(key="merge_button").click().run()
    assert "Esperas" in options(at) and len(options(at)) == count - 1
    saved = Dictionary.from_json(at.session_state["_theme_dictionary"])
    labels = [e.name("en") for e in saved.entries] + [n.label for n in saved.names]
    assert "Sin novedad" in labels and "Esperas" in labels
    download = at.get("download_button")[0]
    assert download.proto.label == "Download the theme dictionary (JSON)"


def test_after_a_merge_the_pickers_take_ids_that_no_longer_exist() -> None:
    at = start()
    count = len(options(at))
    last = [count - 2, count - 1]
    at.multiselect(key=key(at, "merge_pick")).set_value(last).run()
    at.text_input(key=key(at, "merge_label")).set_value("Juntos").run()
    at.button(key="merge_button").click().run()
    assert len(options(at)) == count - 1
    at.session_state[key(at, "merge_pick")] = last  # ids of themes an edit removed, sent to the new picker
    at.run()
    assert not at.exception, [e.value for e in at.exception]
