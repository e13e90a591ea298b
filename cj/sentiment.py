"""Sentiment of a comment, Spanish and English, from word lists — no model, no download (METHODS §5.4).

One algorithm for both languages, VADER's (Hutto & Gilbert 2014): the valences of the words found in a
lexicon are summed; a booster within three words before raises the size by 0.293 (0.95 and 0.9 of it at
distance 2 and 3), a dampener lowers it; a negator within three words before multiplies by −0.74; after
'but'/'pero' words count 1.5× and before it 0.5×; the sum x becomes x / √(x² + 15).

- English: VADER's own lexicon (7,500 words rated by people; MIT licence; from the ``vaderSentiment`` wheel)
  and its negators and boosters, plus ``cj/data/lexicon_en_cx.tsv``: service words VADER leaves neutral
  (wait, noisy, delayed, overcharged…).
- Spanish: ``cj/data/lexicon_es.tsv``, a CX lexicon written for cj, matched by Snowball stem so one entry
  covers its inflections ('amable' → 'amables').

Where the comment has its own rating, the sentiment shown is half text and half rating (``combine``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from cj.ctfidf import normalise_sentiment
from cj.textprep import Tokenizer, _stemmer

BOOST, NEGATE_SCALAR = 0.293, -0.74
NEGATIVE_AT = -0.05                      # VADER's threshold for a negative compound score
TEXT_WEIGHT = 0.5                        # of the text in a comment that also has a rating
ES_NEGATORS = frozenset({"no", "nunca", "jamas", "nada", "ni", "sin", "tampoco", "nadie", "ningun", "ninguna",
                         "ninguno"})
ES_BOOSTERS = {**dict.fromkeys(("muy", "super", "tan", "bastante", "demasiado", "realmente", "totalmente", "sumamente",
                                "increiblemente", "extremadamente", "especialmente", "mucho", "muchisimo"), BOOST),
               **dict.fromkeys(("poco", "algo", "apenas", "ligeramente", "medio"), -BOOST)}
_BUT = frozenset({"but", "pero", "aunque"})  # and the pair 'sin embargo' (``_contrast``)
LEXICON_ES = Path(__file__).parent / "data" / "lexicon_es.tsv"
LEXICON_EN_CX = Path(__file__).parent / "data" / "lexicon_en_cx.tsv"


def _read_lexicon(path: Path) -> list[tuple[str, float]]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [(word, float(value)) for word, value in rows]


@lru_cache(maxsize=1)
def _english() -> tuple[dict[str, float], frozenset[str], dict[str, float]]:
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SentimentIntensityAnalyzer

    lexicon = dict(_read_lexicon(LEXICON_EN_CX)) | dict(SentimentIntensityAnalyzer().lexicon)  # VADER's own first
    return lexicon, frozenset(w.replace("'", "") for w in NEGATE), dict(BOOSTER_DICT)


@lru_cache(maxsize=1)
def _spanish() -> dict[str, float]:
    """Stem → valence (mean over the entries sharing a stem)."""
    sums: dict[str, list[float]] = {}
    for word, value in _read_lexicon(LEXICON_ES):
        sums.setdefault(_stemmer("es").stemWord(word), []).append(float(value))
    return {stem: float(np.mean(values)) for stem, values in sums.items()}


class Scorer:
    """Sentiment of many comments; words are looked up once each (caches grow with the vocabulary)."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self._es_stem: dict[str, str] = {}

    def compound(self, text: str, lang: str | None = None) -> float:
        """−1..1; ``lang`` 'es', 'en' or None/'mixed' (then the lexicon that finds more words decides).

        >>> round(Scorer().compound("Muy amables en el seguimiento", "es"), 4)  # (2.2 + 0.293) / √(2.493² + 15)
        0.5413
        >>> round(Scorer().compound("No funciona", "es"), 4)                    # 1.0 × −0.74 / √(0.74² + 15)
        -0.1877
        """
        return self.score_words(self.tokenizer.words(text)[1], lang)

    def score_words(self, words: list[str], lang: str | None = None) -> float:
        """``compound`` of a comment already split into folded words (``Tokenizer.words``)."""
        if lang == "es":
            return normalise_sentiment(self._spanish_sum(words)[0])
        if lang == "en":
            return normalise_sentiment(self._english_sum(words)[0])
        (es, es_hits), (en, en_hits) = self._spanish_sum(words), self._english_sum(words)
        return normalise_sentiment(es if es_hits > en_hits else en)

    def _spanish_sum(self, words: list[str]) -> tuple[float, int]:
        lexicon = _spanish()
        keys = []
        for w in words:
            stem = self._es_stem.get(w)
            if stem is None:
                stem = self._es_stem[w] = _stemmer("es").stemWord(w)
            keys.append(stem)
        return _valence_sum(words, keys, lexicon, ES_NEGATORS, ES_BOOSTERS)

    def _english_sum(self, words: list[str]) -> tuple[float, int]:
        lexicon, negators, boosters = _english()
        return _valence_sum(words, words, lexicon, negators, boosters)


def _valence_sum(words: list[str], keys: list[str], lexicon: dict[str, float], negators: frozenset[str],
                 boosters: dict[str, float]) -> tuple[float, int]:
    but = next((i for i in range(len(words)) if _contrast(words, i)), None)  # the first, as VADER
    total, hits = 0.0, 0
    for i, (word, key) in enumerate(zip(words, keys)):
        value = lexicon.get(key)
        if value is None or word in boosters:
            continue
        hits += 1
        for distance, damp in ((1, 1.0), (2, 0.95), (3, 0.9)):
            if i - distance >= 0 and (b := boosters.get(words[i - distance])):
                value += b * damp * (1.0 if value > 0 else -1.0)  # a booster adds size, a dampener removes it
        if any(i - d >= 0 and words[i - d] in negators and not _contrast(words, i - d) for d in (1, 2, 3)):
            value *= NEGATE_SCALAR
        if but is not None:
            value *= 1.5 if i > but else 0.5 if i < but else 1.0
        total += value
    return total, hits


def _contrast(words: list[str], i: int) -> bool:
    """Word ``i`` turns the sentence ('but', 'pero', 'aunque', or the 'sin' of 'sin embargo', not a negator)."""
    return words[i] in _BUT or (words[i] == "sin" and words[i + 1:i + 2] == ["embargo"])


def combine(text: np.ndarray, rating_0_100: np.ndarray) -> np.ndarray:
    """Half the text's compound and half the rating as −1..1 ((score − 50) / 50) where there is a rating.

    >>> combine(np.array([0.6, 0.6]), np.array([25.0, np.nan])).round(6).tolist()
    [0.05, 0.6]
    """
    rating = (np.asarray(rating_0_100, dtype=float) - 50) / 50
    return np.where(np.isnan(rating), text, TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * rating)
