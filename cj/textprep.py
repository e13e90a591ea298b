"""Comment text preparation (METHODS §5.1, issue 4): PII masking, language by stop-word ratio, accent
folding that keeps ñ, tokens with negators and evaluative words kept, Snowball stems. No downloads.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from cj.text import fold

_SEVEN_DIGITS = re.compile(r"(?:\d[ .+-]?){7}")
_HAS_AT = re.compile("@")
_HAS_WEB = re.compile(r"www\.|https?:", re.I)
_PII = (  # (placeholder, pattern, what the text must contain for the pattern to be tried)
    ("<email>", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), _HAS_AT),
    ("<url>", re.compile(r"(?:https?://|www\.)\S+", re.I), _HAS_WEB),
    ("<card>", re.compile(r"\b(?:\d[ -]?){13,19}\b"), _SEVEN_DIGITS),
    ("<id>", re.compile(r"\b\d{8}[A-Za-z]\b|\b[XYZxyz]\d{7}[A-Za-z]\b"), _SEVEN_DIGITS),  # DNI / NIE
    ("<phone>", re.compile(r"(?:\+\d{1,3}[ .-]?)?(?:\d[ .-]?){8,12}\d\b"), _SEVEN_DIGITS),
)
KEEP = frozenset({  # negators and evaluative words that stock stop lists drop
    "no", "nunca", "nada", "sin", "ni", "nadie", "tampoco", "jamas", "bien", "bueno", "buena", "mejor", "peor",
    "muy", "poco", "pero", "mal", "not", "never", "nothing", "nor", "none", "without", "cannot", "very", "few",
    "less", "least", "well", "too", "only", "again",
})
SPANISH_STOP = frozenset("""
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde dos el ella ellas ellos
en entre era eran es esa esas ese eso esos esta estaba estado estan estar estas este esto estos estoy fue fueron
ha habia han hasta hay la las le les lo los me mi mis mucho muchos muy nos nosotros o os otra otro para por
porque que quien se sea ser si sido sobre son su sus te tengo ti tiene tienen todo todos tu tus un una uno unos
usted ustedes y ya yo he hemos han sea les fui vez veces asi tan tanto cada cual ese mismo despues luego
""".split()) - KEEP
# Discourse markers that open a comment without saying anything about the experience.
FILLERS = frozenset("""
honestly overall frankly basically actually really just fair anyway generally personally
sinceramente francamente basicamente realmente simplemente verdad general personalmente generalmente
""".split())
SPANISH_STOP = SPANISH_STOP | FILLERS
ENGLISH_STOP_WORDS = frozenset(  # scikit-learn's list, copied (see the file) so reading text needs no scikit-learn
    line.strip() for line in (Path(__file__).parent / "data" / "english_stop_words.txt").read_text(encoding="utf-8")
    .splitlines() if line.strip() and not line.startswith("#"))
ENGLISH_STOP = (ENGLISH_STOP_WORDS - KEEP) | FILLERS
_TOKEN = re.compile(r"[a-zñ]+")
_REPEAT = re.compile(r"(.)\1{2,}")


def mask_pii(text: str) -> str:
    """Emails, URLs, card numbers, ids and phone numbers replaced by placeholders (in every export too).

    >>> mask_pii("Escribid a ana.gil@correo.es o al 612 345 678")
    'Escribid a <email> o al <phone>'
    """
    for placeholder, pattern, needs in _PII:  # a pattern is tried only when the text could hold it
        if needs.search(text):
            text = pattern.sub(placeholder, text)
    return text


def language(text: str) -> str:
    """'es', 'en' or 'mixed' by the share of each language's stop words (neither 1.5× the other: mixed)."""
    return _language_of(_TOKEN.findall(fold(text)))


@lru_cache(maxsize=4)
def _stemmer(lang: str):
    return snowballstemmer.stemmer("spanish" if lang == "es" else "english")


def tokens(text: str, lang: str | None = None) -> list[str]:
    """Masked, folded (ñ kept), repeated letters squeezed, stop words out (negators kept), Snowball stems,
    plus bigrams so 'no funciona' survives. PII placeholders are not words.

    >>> tokens("¡No funciona la facturación! Llamé tres veces", "es")
    ['no', 'funcion', 'factur', 'llam', 'tres', 'no funcion', 'funcion factur', 'factur llam', 'llam tres']
    """
    return _SHARED.comment(text, lang)[3]


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # 'wi-fi', 'check-in' and "don't" are one word
_PLACEHOLDER = re.compile(r"<(?:email|url|card|id|phone)>")
NO_CONTENT = frozenset({  # answers that say there is nothing to say: counted, never clustered
    "", "no", "none", "nothing", "n a", "na", "no comment", "no comments", "nothing to add", "nothing else", "ok",
    "sin comentarios", "sin comentario", "ninguno", "ninguna", "nada", "nada mas", "nada que añadir",
    "nada que decir", "ningun comentario", "ns nc", "nsnc", "-",
})


class Tokenizer:
    """``tokens`` for many comments at once: every distinct word is folded, checked and stemmed only once.

    ``comment(text)`` returns (masked text, language, folded words, stems with bigrams); the output equals
    ``tokens`` for the same text.
    """

    def __init__(self) -> None:
        self._fold: dict[str, str] = {}
        self._stem: dict[tuple[str, str], str | None] = {}
        self.surface: dict[str, dict[str, int]] = {}  # stem -> {word as written (lower-case): count}
        self.track_surface = False

    def words(self, text: str) -> tuple[list[str], list[str]]:
        """Lower-case words as written, and their folded forms (ñ kept, repeats squeezed)."""
        raw = _WORD.findall(text.lower())
        folded = []
        for word in raw:
            f = self._fold.get(word)
            if f is None:
                f = self._fold[word] = _REPEAT.sub(r"\1\1", "".join(_TOKEN.findall(fold(word))))
            folded.append(f)
        return raw, folded

    def comment(self, text: str, lang: str | None = None) -> tuple[str, str, list[str], list[str]]:
        masked = mask_pii(text)
        raw, words = self.words(_PLACEHOLDER.sub(" ", masked))
        lang = lang or _language_of(words)
        stop = SPANISH_STOP if lang == "es" else ENGLISH_STOP
        stemmer_lang = "es" if lang == "es" else "en"
        stems = []
        for written, word in zip(raw, words):
            if len(word) < 2 or word in stop:
                continue
            key = (stemmer_lang, word)
            stem = self._stem.get(key)
            if stem is None:
                stem = self._stem[key] = _stemmer(stemmer_lang).stemWord(word)
            stems.append(stem)
            if self.track_surface:
                seen = self.surface.setdefault(stem, {})
                seen[written] = seen.get(written, 0) + 1
        return masked, lang, words, stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]


def _language_of(words: list[str]) -> str:
    """``language`` of words already folded."""
    es = sum(w in SPANISH_STOP or w in {"no", "muy", "pero", "sin"} for w in words)
    en = sum(w in ENGLISH_STOP or w in {"not", "very", "but", "without"} for w in words)
    if es >= 1.5 * max(en, 1e-9) and es > 0:
        return "es"
    if en >= 1.5 * max(es, 1e-9) and en > 0:
        return "en"
    return "mixed"


_SHARED = Tokenizer()
