"""Rating scales: reading score cells (numbers, Likert labels, not-applicable codes), detecting the scale,
and normalising to 0–100 (POMP, METHODS §3.5) while the raw values are kept.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cj.cells import Coded, code_column
from cj.text import fold

EMPTY, OK, NA_CODE, INVALID = 0, 1, 2, 3


@dataclass(frozen=True)
class Scale:
    """A rating scale [low, high]; ``normalise`` maps it onto 0–100.

    >>> Scale(1, 5).normalise(np.array([3.0]))
    array([50.])
    """

    low: float
    high: float

    @property
    def label(self) -> str:
        return f"{_num(self.low)}–{_num(self.high)}"

    def normalise(self, values: np.ndarray) -> np.ndarray:
        return 100.0 * (values - self.low) / (self.high - self.low)

    def contains(self, values: np.ndarray) -> np.ndarray:
        return (values >= self.low) & (values <= self.high)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


_SCALE_TEXT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|a|to|\.\.)\s*\+?(-?\d+(?:\.\d+)?)\s*$")


def scale_of_label(label: object) -> Scale | None:
    """The Scale whose ``label`` this is ('1–5', '-2–2'); None for anything else.

    >>> scale_of_label("-2–2"), scale_of_label("")
    (Scale(low=-2.0, high=2.0), None)
    """
    return parse_scale(str(label).replace("–", " to ")) if label else None


def parse_scale(text: str) -> Scale | None:
    """'1-5', '0–10', '-2..+2', '1 a 7' -> Scale; anything else -> None."""
    found = _SCALE_TEXT.match(str(text))
    if not found:
        return None
    low, high = float(found.group(1)), float(found.group(2))
    return Scale(low, high) if low < high else None


NA_TEXT = frozenset(fold(t) for t in (
    "n/a", "na", "n.a.", "n.a", "ns/nc", "ns-nc", "ns nc", "nsnc", "ns", "nc", "no aplica", "no procede",
    "no sabe", "no contesta", "no sabe / no contesta", "no sabe/no contesta", "nsnc.", "not applicable",
    "does not apply", "don't know", "dont know", "do not know", "prefer not to say", "prefiero no decirlo",
    "-", "--", "?", "null", "none", "nan", "#n/a", "#value!", "#ref!", "#div/0!", "#name?", "#num!", "#null!",
    "#valor!", "#ref!", "#¿nombre?", "#nombre?", "#num!", "#nulo!", "#getting_data", "#spill!", "#calc!",
    "no utilizado", "not used", "did not use", "no lo use", "no lo usé",
))
NA_NUMBERS = (99.0, 98.0, 999.0, 9999.0)

# Likert labels, folded, -> (value, points of the scale they come from)
_LIKERT_5 = {
    1: ("muy insatisfecho", "very dissatisfied", "totalmente en desacuerdo", "muy en desacuerdo",
        "strongly disagree", "muy malo", "muy mala", "very poor", "very bad", "pesimo", "terrible",
        "muy dificil", "very difficult", "nada satisfecho", "not at all satisfied", "extremely dissatisfied",
        "extremadamente insatisfecho", "extremely difficult", "extremadamente dificil"),
    2: ("insatisfecho", "dissatisfied", "en desacuerdo", "disagree", "malo", "mala", "poor", "bad",
        "dificil", "difficult", "poco satisfecho", "somewhat dissatisfied", "slightly dissatisfied",
        "algo insatisfecho", "somewhat disagree", "algo en desacuerdo", "somewhat difficult", "algo dificil"),
    3: ("neutral", "ni satisfecho ni insatisfecho", "neither satisfied nor dissatisfied",
        "ni de acuerdo ni en desacuerdo", "neither agree nor disagree", "regular", "normal", "fair",
        "average", "aceptable", "ok", "okay", "indiferente", "neither easy nor difficult", "ni facil ni dificil",
        "acceptable", "neither good nor poor", "ni bueno ni malo"),
    4: ("satisfecho", "satisfied", "de acuerdo", "agree", "bueno", "buena", "good", "facil", "easy",
        "bastante satisfecho", "somewhat satisfied", "quite satisfied", "algo satisfecho", "somewhat agree",
        "algo de acuerdo", "somewhat easy", "algo facil"),
    5: ("muy satisfecho", "very satisfied", "totalmente de acuerdo", "muy de acuerdo", "strongly agree",
        "muy bueno", "muy buena", "excelente", "excellent", "very good", "muy facil", "very easy",
        "extremely satisfied", "completely satisfied", "totalmente satisfecho", "extremadamente satisfecho",
        "extremely easy", "extremadamente facil"),
}
LIKERT = {fold(label): float(value) for value, labels in _LIKERT_5.items() for label in labels}
_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:[-–:=.)]|$)")


@dataclass
class ParsedScores:
    """Numbers read from score cells, a status per cell, and what was read as not-applicable.

    Held on the column's distinct cells (blank last) with their counts and each row's code into them (−1 blank),
    so decisions over a million rows are taken on a handful of values (``mark_na_numbers``); the per-row
    ``values`` and ``status`` are spread from them when first asked for, after those decisions.
    """

    distinct: tuple[np.ndarray, np.ndarray, np.ndarray]
    codes: np.ndarray
    na_values: Counter = field(default_factory=Counter)
    likert: bool = False
    _values: np.ndarray | None = field(default=None, repr=False)
    _status: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def blank(cls, n: int) -> "ParsedScores":
        """``n`` empty cells (a table without a score column)."""
        return cls((np.array([np.nan]), np.array([EMPTY], np.int8), np.array([n])), np.full(n, -1, np.int32))

    @property
    def values(self) -> np.ndarray:
        if self._values is None:
            self._values = self.distinct[0][self.codes]
        return self._values

    @property
    def status(self) -> np.ndarray:
        if self._status is None:
            self._status = self.distinct[1][self.codes]
        return self._status

    def values_at(self, mask: np.ndarray) -> np.ndarray:
        """The rows' numbers at ``mask``, without spreading every row's number first."""
        return self._values[mask] if self._values is not None else self.distinct[0][self.codes[mask]]

    def spread(self, flags: np.ndarray) -> np.ndarray:
        """A flag decided per distinct cell (blank last), given to every row."""
        return flags[self.codes]


def parse_scores(column: Coded | pd.Series) -> ParsedScores:
    """Numbers, '4,5', '4 - Satisfecho', Likert labels and not-applicable codes -> floats with a status.

    >>> p = parse_scores(pd.Series([4, "4,5", "Muy satisfecho", "NS/NC", "diez", None]))
    >>> p.values.tolist()[:3], p.status.tolist()
    ([4.0, 4.5, 5.0], [1, 1, 1, 2, 3, 0])
    """
    column = column if isinstance(column, Coded) else code_column(column)
    read = [_read_score(u) for u in column.uniques] + [(np.nan, EMPTY)]
    numbers = np.array([r[0] for r in read], dtype=float)
    states = np.array([r[1] for r in read], dtype=np.int8)
    counts = column.counts  # of the distinct cells, blank last like ``read``
    na_values: Counter = Counter()
    for u, (_, code), n in zip(column.uniques, read, counts):
        if code == NA_CODE and n:
            na_values[str(u).strip()] += int(n)
    likert = any(code == OK and isinstance(u, str) and fold(u) in LIKERT for u, (_, code) in zip(column.uniques, read))
    return ParsedScores((numbers, states, counts), column.codes, na_values, likert)


def _read_score(cell: object) -> tuple[float, int]:
    if isinstance(cell, bool):
        return np.nan, INVALID
    if isinstance(cell, (int, float, np.integer, np.floating)):
        return (float(cell), OK) if np.isfinite(cell) else (np.nan, EMPTY)
    if not str(cell).strip():
        return np.nan, EMPTY
    return _read_text_score(cell)


def _read_text_score(cell: object) -> tuple[float, int]:
    text = fold(str(cell))
    if text in NA_TEXT:
        return np.nan, NA_CODE
    if text in LIKERT:
        return LIKERT[text], OK
    plain = text.replace(",", ".")
    try:
        number = float(plain)
    except ValueError:
        pass
    else:  # 'inf', 'Infinity' or 'nan' written in a cell is not a score
        return (number, OK) if np.isfinite(number) else (np.nan, INVALID)
    found = _LEADING_NUMBER.match(text)
    if found:
        return float(found.group(1).replace(",", ".")), OK
    return np.nan, INVALID


def mark_na_numbers(parsed: ParsedScores, *, declared: Scale | None = None) -> None:
    """99-style codes, and 0 on an otherwise 1–5 or 1–7 item, become not-applicable (in place).

    Decided on the distinct cells weighted by their counts — the same shares and the same 99th percentile
    (numpy's linear method) as on every row, which a test checks against the row-by-row rule."""
    numbers, states, counts = parsed.distinct
    ok = (states == OK) & (counts > 0)
    if not ok.any():
        return
    rest = ok & ~np.isin(numbers, NA_NUMBERS)
    rest_n = int(counts[rest].sum())
    for code in NA_NUMBERS:
        hit = ok & (numbers == code)
        if hit.any() and rest_n and counts[rest & (numbers <= 10)].sum() / rest_n >= 0.99 \
                and not (declared and declared.contains(np.array([code]))[0]):
            _to_na(parsed, hit, _num(code))
    ok = (states == OK) & (counts > 0)
    nonzero = ok & (numbers != 0)
    zeros = ok & (numbers == 0)
    if zeros.any() and nonzero.any() and (declared is None or declared.low >= 1):
        top = _weighted_quantile(numbers[nonzero], counts[nonzero], 0.99)
        if numbers[nonzero].min() >= 1 and top <= 7 and (declared is None or declared.low >= 1):
            _to_na(parsed, zeros, "0")


def _weighted_quantile(values: np.ndarray, counts: np.ndarray, q: float) -> float:
    """``np.quantile(np.repeat(values, counts), q)`` (linear method) without repeating the values."""
    order = np.argsort(values, kind="stable")
    values, ends = values[order], np.cumsum(counts[order])
    at = (ends[-1] - 1) * q
    low = int(np.floor(at))
    a, b = values[np.searchsorted(ends, low, side="right")], values[np.searchsorted(ends, min(low + 1, ends[-1] - 1),
                                                                                       side="right")]
    t = at - low
    return float(b - (b - a) * (1 - t)) if t >= 0.5 else float(a + (b - a) * t)  # numpy's _lerp


def _to_na(parsed: ParsedScores, hit: np.ndarray, label: str) -> None:
    """Distinct cells ``hit`` (and every row holding one) become not-applicable, counted under ``label``."""
    numbers, states, counts = parsed.distinct
    numbers[hit], states[hit] = np.nan, NA_CODE
    parsed._values = parsed._status = None  # spread again from the distinct cells when asked
    parsed.na_values[label] += int(counts[hit].sum())


def detect_scale(values: np.ndarray, *, hint: Scale | None = None, coverage: float = 0.99,
                 weights: np.ndarray | None = None) -> tuple[Scale, str]:
    """The declared scale if any, else the smallest standard scale covering ``coverage`` of the values
    (each value counted ``weights`` times when given: the distinct cells of a column and their counts).

    >>> detect_scale(np.array([1, 2, 5, 4, 7.0]), coverage=0.75)
    (Scale(low=1, high=5), 'detected')
    >>> detect_scale(np.array([0, 3, 10.0]))
    (Scale(low=0, high=10), 'detected')
    >>> detect_scale(np.array([5, 7.0]), weights=np.array([3, 1]), coverage=0.75)
    (Scale(low=1, high=5), 'detected')
    """
    if hint is not None:
        return hint, "declared"
    keep = ~np.isnan(values)
    finite = values[keep]
    counts = None if weights is None else weights[keep]
    if counts is not None:
        finite, counts = finite[counts > 0], counts[counts > 0]
    if finite.size == 0:
        return Scale(1, 5), "default"

    def share(hit: np.ndarray) -> float:  # the same float as np.mean over every row: count / total
        return float(np.mean(hit)) if counts is None else float(counts[hit].sum() / counts.sum())

    if finite.min() < 0:
        return (Scale(-2, 2) if share(np.abs(finite) <= 2) >= coverage else Scale(-3, 3)), "detected"
    for scale in (Scale(1, 5), Scale(1, 7)):
        if share(scale.contains(finite)) >= coverage:
            return scale, "detected"
    if share(finite <= 10) >= coverage:
        return (Scale(0, 10) if (finite < 1).any() else Scale(1, 10)), "detected"
    return Scale(0, 100), "detected"


def scale_of(parsed: ParsedScores, *, hint: Scale | None = None, coverage: float = 0.99) -> tuple[Scale, str]:
    """``detect_scale`` over the cells read as numbers, decided on the distinct cells weighted by their counts."""
    numbers, states, counts = parsed.distinct
    ok = states == OK
    return detect_scale(numbers[ok], hint=hint, coverage=coverage, weights=counts[ok])
