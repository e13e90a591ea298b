"""Text preparation against METHODS §5.3 (O21) and the masking every export relies on."""
from __future__ import annotations

import pytest
import snowballstemmer

from cj.text import fold
from cj.textprep import language, mask_pii, tokens


@pytest.mark.parametrize("words,stem", [
    (["atención", "atenciones"], "atencion"), (["facturación", "facturas"], "factur"), (["cobraron", "cobro"], "cobr"),
    (["retraso", "retrasos", "retrasado"], "retras"), (["esperando", "esperar"], "esper"), (["llamadas", "llamé"], "llam"),
])
def test_o21_spanish_stems(words: list[str], stem: str) -> None:
    stemmer = snowballstemmer.stemmer("spanish")
    assert {stemmer.stemWord(fold(w, keep_enye=True)) for w in words} == {stem}


def test_o21_spanish_stemmer_limit_and_english_stems() -> None:
    spanish, english = snowballstemmer.stemmer("spanish"), snowballstemmer.stemmer("english")
    assert (spanish.stemWord("amable"), spanish.stemWord("amabilidad")) == ("amabl", "amabil")
    assert [english.stemWord(w) for w in ["delayed", "delays", "charging", "charged", "friendly", "friendliness",
                                           "waiting"]] == ["delay", "delay", "charg", "charg", "friend", "friendli", "wait"]


def test_o21_folding_keeps_enye() -> None:
    assert (fold("atención"), fold("pingüino"), fold("año")) == ("atencion", "pinguino", "año")


def test_pii_is_masked() -> None:
    text = "Call me on +44 7700 900123, email sam.jones@example.com, card 4111 1111 1111 1111, DNI 12345678Z, www.x.com"
    assert mask_pii(text) == "Call me on <phone>, email <email>, card <card>, DNI <id>, <url>"


def test_language_and_negators_survive() -> None:
    assert language("La factura no se entiende y el cobro es muy caro") == "es"
    assert language("The room was noisy and the staff were not friendly") == "en"
    assert "not" in tokens("The wifi is not working", "en") and "not work" in tokens("The wifi is not working", "en")
    assert tokens("Buenooooo servicio", "es") == tokens("buenoo servicio", "es")  # letters squeezed to two


def test_the_copied_english_stop_words_are_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN

    from cj.textprep import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == frozenset(SKLEARN) and len(ENGLISH_STOP_WORDS) == 318
