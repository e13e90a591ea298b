"""Sentiment: English checked against VADER's own implementation, Spanish by hand (METHODS §5.4, O24)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cj.sentiment import Scorer, combine

VADER = SentimentIntensityAnalyzer()


@pytest.mark.parametrize("text", [
    "the staff was friendly and helpful", "the room was not clean", "breakfast was very good but the coffee was awful",
    "great location", "we were never happy with the service", "it was extremely bad", "the hotel is slightly nice",
    "terrible", "the staff isn't friendly",
])
def test_english_matches_the_reference_vader(text: str) -> None:
    # lower-case, no '!': VADER's capital and punctuation emphasis and its idioms ('kind of') are not used by cj
    assert Scorer().compound(text, "en") == pytest.approx(VADER.polarity_scores(text)["compound"], abs=1e-4)


def _norm(x: float) -> float:
    return x / math.sqrt(x * x + 15)


def test_spanish_by_hand() -> None:
    s = Scorer()
    assert s.compound("El personal fue amable", "es") == pytest.approx(_norm(2.2))
    assert s.compound("El personal no fue amable", "es") == pytest.approx(_norm(-0.74 * 2.2))  # negator 2 words before
    assert s.compound("Muy lento", "es") == pytest.approx(_norm(-1.8 - 0.293))                  # booster
    assert s.compound("Algo lento", "es") == pytest.approx(_norm(-1.8 + 0.293))                 # dampener
    # 'pero': before it 0.5×, after it 1.5×
    assert s.compound("Rápido pero caro", "es") == pytest.approx(_norm(0.5 * 1.8 + 1.5 * -1.45))
    assert s.compound("Las facturas tenían errores", "es") == pytest.approx(_norm(-1.8))       # 'errores' by stem
    assert s.compound("Nada que decir del envío", "es") == 0  # a negator with nothing to negate is neutral


def test_english_cx_words_vader_leaves_neutral() -> None:
    assert VADER.polarity_scores("long wait at reception")["compound"] == 0
    assert Scorer().compound("long wait at reception", "en") == pytest.approx(_norm(-1.2))


def test_mixed_language_uses_the_lexicon_that_finds_more_words() -> None:
    s = Scorer()
    assert s.compound("ok, pero el check-in muy lento y caro") == pytest.approx(s.compound("pero muy lento y caro", "es"))


def test_rating_blend_and_range() -> None:
    assert combine(np.array([-0.5]), np.array([100.0]))[0] == pytest.approx(0.25)
    values = [Scorer().compound(t) for t in ("horrible horrible horrible", "excelente " * 30, "")]
    assert all(-1 <= v <= 1 for v in values) and values[2] == 0


def test_sin_embargo_turns_the_sentence_like_pero_and_does_not_negate() -> None:
    scorer = Scorer()
    turned = scorer.compound("Rápido, sin embargo caro", "es")
    assert turned == pytest.approx(scorer.compound("Rápido pero caro", "es")) and turned < -0.05


def test_the_first_but_turns_the_sentence_as_in_vader() -> None:
    text = "good but bad but great"
    assert Scorer().compound(text, "en") == pytest.approx(SentimentIntensityAnalyzer().polarity_scores(text)["compound"],
                                                          abs=1e-4)
