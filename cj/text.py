"""Folding of names and headers so that case, accents and spacing never split one thing in two."""
from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[¿?¡!:;.,_\-/\\'\"`´“”‘’«»·•*#|]+")
_PAREN = re.compile(r"[(\[{][^()\[\]{}]*[)\]}]")  # innermost brackets: linear on a header of many '['


def fold(text: str, *, keep_enye: bool = True) -> str:
    """Lower-case, strip accents (keeping ñ unless asked), collapse whitespace.

    >>> fold("  Facturación\\n ")
    'facturacion'
    >>> fold("Año")
    'año'
    """
    text = unicodedata.normalize("NFC", str(text)).lower()
    if keep_enye:
        text = text.replace("ñ", "\0")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _SPACE.sub(" ", text.replace("\0", "ñ")).strip()


def header_key(header: str) -> str:
    """The form a header is matched in: folded, units in brackets and punctuation removed.

    >>> header_key("¿Nos recomendarías?\\n(0-10)")
    'nos recomendarias'
    """
    text = _PAREN.sub(" ", fold(header, keep_enye=False))
    return _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()


def bracketed(header: str) -> str:
    """The text inside the header's brackets, folded ('' when there is none)."""
    found = _PAREN.findall(fold(header, keep_enye=False))
    return " ".join(f[1:-1] for f in found)


def is_number(value: object) -> bool:
    """Text that reads as a number ('4', '4,5', '-3.7'), or any filled cell that is not text (a number, a date):
    no header name. None is not.

    >>> [is_number(v) for v in (4, "4,5", " 7 ", "diez", None)]
    [True, True, True, False, False]
    """
    if not isinstance(value, str):
        return value is not None
    try:
        float(value.strip().replace(",", "."))
        return True
    except ValueError:
        return False


def stripped(value: object) -> str:
    """A cell as stripped text; '' for a blank one (None, NaN, spaces)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()
