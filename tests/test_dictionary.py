"""The theme dictionary: matching, saving and loading, bad files in one sentence, and the CLI using a saved one."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cj.dictionary import Dictionary, DictionaryError, term_keys
from cj.textprep import tokens


def test_built_in_dictionary_matches_by_stem_in_both_languages() -> None:
    d = Dictionary.built_in()
    ids = [e.id for e in d.entries]
    assert ids[:2] == ["billing", "connectivity"] and len(ids) == 14
    assert d.entries[d.match(tokens("Las facturas llegaron con errores", "es"))].id == "billing"
    assert d.entries[d.match(tokens("They charged us twice", "en"))].id == "billing"
    assert d.entries[d.match(tokens("The Wi-Fi kept dropping", "en"))].id == "connectivity"
    assert d.match(tokens("Todo correcto", "es")) == -1


def test_most_hits_win_and_ties_go_to_the_first_listed() -> None:
    d = Dictionary.from_json(json.dumps({"cj_theme_dictionary": 1, "themes": [
        {"label": "A", "terms": ["factura"]}, {"label": "B", "terms": ["teléfono", "llamada"]}]}))
    assert d.match(tokens("factura y teléfono", "es")) == 0                  # one hit each: the first listed
    assert d.match(tokens("factura, teléfono y llamada", "es")) == 1         # two hits beat one
    # several words match by their bigram of stems, stop words out, as comments are tokenised
    assert term_keys("Atención al cliente") == {"atencion client"}
    assert "atencion client" in tokens("Pésima atención al cliente", "es")


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    d = Dictionary.built_in().rename("billing", "Cobros", "es")
    d.add("Aparcamiento", ["parking", "aparcar"])
    d.save(tmp_path / "themes.json")
    again = Dictionary.load(tmp_path / "themes.json")
    assert again.entries[0].label == {"es": "Cobros", "en": "Billing and charges"}
    assert again.entries[-1].id == "aparcamiento" and again.entries[-1].terms == ["parking", "aparcar"]
    assert again.entries[again.match(tokens("No hay donde aparcar", "es"))].id == "aparcamiento"


@pytest.mark.parametrize("content,message,spanish", [
    (b"not json", "The theme dictionary is not a JSON file.", "El diccionario de temas no es un archivo JSON."),
    (b"\xff\xfe garbage", "The theme dictionary is not a JSON file.", "El diccionario de temas no es un archivo JSON."),
    (b'{"themes": []}', "This JSON file is not a cj theme dictionary (it has no 'themes' list).",
     "Este archivo JSON no es un diccionario de temas de cj (no tiene la lista 'themes')."),
    (b'{"cj_theme_dictionary": 1, "themes": [{"label": "A"}]}', "Theme 1 of the dictionary has no list of words ('terms').",
     "El tema 1 del diccionario no tiene lista de palabras ('terms')."),
    (b'{"cj_theme_dictionary": 1, "themes": [{"terms": ["x"]}]}', "Theme 1 of the dictionary has no label.",
     "El tema 1 del diccionario no tiene nombre."),
    (b'{"cj_theme_dictionary": 1, "themes": [' + b'{"label": "A", "terms": ["x"]},' * 500 + b'{"label": "B", "terms": ["y"]}]}',
     "The theme dictionary has more than 500 themes.", "El diccionario de temas tiene más de 500 temas."),
    (b" " * 2_000_001, "The theme dictionary is larger than 2 MB.", "El diccionario de temas ocupa más de 2 MB."),
])
def test_bad_dictionaries_are_refused_in_one_sentence(content: bytes, message: str, spanish: str) -> None:
    with pytest.raises(DictionaryError) as err:
        Dictionary.from_json(content)
    assert str(err.value) == err.value.message("en") == message
    assert err.value.message("es") == spanish


def _analyze(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cj", "analyze", *args], capture_output=True, text=True, timeout=300)


def test_cli_uses_a_saved_dictionary_and_refuses_a_bad_one(tmp_path: Path) -> None:
    d = Dictionary([]).add("Esperas al teléfono", ["teléfono", "llamada", "espera"])
    d.save(tmp_path / "mine.json")
    ok = _analyze("sample_data/oficina_tecnica.xlsx", "--lang", "es", "--themes", str(tmp_path / "mine.json"),
                  "--out", str(tmp_path / "out"))
    assert ok.returncode == 0, ok.stderr
    themes = json.loads((tmp_path / "out" / "analysis.json").read_text(encoding="utf-8"))["themes"]
    mine = [t for t in themes if t["source"] == "dictionary"]
    assert [t["label"] for t in mine] == ["Esperas al teléfono"] and mine[0]["touchpoints"][0] == "Llamada telefónica"
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    bad = _analyze("sample_data/hotel_stay.xlsx", "--themes", str(tmp_path / "bad.json"), "--out", str(tmp_path / "o2"))
    assert bad.returncode == 2 and bad.stderr == \
        "cj: This JSON file is not a cj theme dictionary (it has no 'themes' list).\n"
    spanish = _analyze("sample_data/hotel_stay.xlsx", "--lang", "es", "--themes", str(tmp_path / "bad.json"),
                       "--out", str(tmp_path / "o2"))
    assert spanish.returncode == 2 and spanish.stderr == \
        "cj: Este archivo JSON no es un diccionario de temas de cj (no tiene la lista 'themes').\n"
    missing = _analyze("sample_data/hotel_stay.xlsx", "--themes", str(tmp_path / "nope.json"), "--out", str(tmp_path / "o3"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "nope.json" in missing.stderr


def test_a_theme_without_words_is_refused_in_one_sentence() -> None:
    # a discovered theme whose top words are all negators or intensifiers has nothing to define it by
    with pytest.raises(DictionaryError, match=r"^The theme 'Muy bien' would have no words to find its comments by\.$") as err:
        Dictionary([]).add("Muy bien", [])
    assert err.value.message("es") == "El tema 'Muy bien' se quedaría sin palabras con las que encontrar sus comentarios."
    with pytest.raises(DictionaryError, match="Theme 1 of the dictionary has no list of words"):
        Dictionary.from_json('{"cj_theme_dictionary": 1, "themes": [{"label": "A", "terms": ["  "]}]}')


def test_term_keys_do_not_depend_on_accents_or_capitals() -> None:
    assert term_keys("después") == term_keys("despues") == term_keys("DESPUÉS") == {"despu"}
    assert term_keys("Esto") == term_keys("esto") == {"esto"}  # a lone stop word is the term itself


def test_names_of_discovered_themes_are_read_back_and_a_bad_list_gets_one_sentence() -> None:
    from cj.dictionary import DictionaryError

    d = Dictionary([]).name("Todo bien", ["bien", "correcto", "normal"])
    assert d.labels_for([["precio", "caro"], ["bien", "correcto", "rápido"], ["bien"]]) == {1: "Todo bien"}
    assert d.labels_for([["precio", "caro"], ["bien"]]) == {}  # one word of three: not the same theme
    again = Dictionary.from_json(d.to_json())
    assert [(n.label, n.words) for n in again.names] == [("Todo bien", ["bien", "correcto", "normal"])]
    bad = '{"cj_theme_dictionary": 1, "themes": [], "names": [{"label": "x"}]}'
    with pytest.raises(DictionaryError) as err:
        Dictionary.from_json(bad)
    assert err.value.message("en") == ("The dictionary's 'names' must be a list (at most 500) of a label and a list "
                                       "of words each.")
