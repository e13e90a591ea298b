"""The overall outcome (recommendation, satisfaction, yes/no): turned into a number with the rule shown."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cj.cells import Coded, code_column, code_dtype
from cj.scales import INVALID, OK, Scale, mark_na_numbers, parse_scores, scale_of
from cj.text import fold, header_key

POSITIVE = frozenset(fold(t) for t in (
    "satisfied", "satisfecho", "satisfecha", "si", "sí", "yes", "y", "true", "verdadero", "promoter", "promotor",
    "would recommend", "recomendaria", "lo recomendaria", "positive", "positivo", "happy", "contento", "loyal",
))
NEGATIVE = frozenset(fold(t) for t in (
    "neutral or dissatisfied", "dissatisfied", "not satisfied", "unsatisfied", "insatisfecho", "insatisfecha",
    "no satisfecho", "neutral o insatisfecho", "no", "n", "false", "falso", "detractor", "would not recommend",
    "no recomendaria", "negative", "negativo", "unhappy", "neutral", "descontento",
))
_HOW_ES = {"declared": "declarada", "recommend question": "pregunta de recomendación"}
_RECOMMEND = ("recommend", "recomend", "recomiend", "nps", "ltr")


@dataclass
class Outcome:
    """Outcome per row, the number used by the engine and 0–100, and how it was obtained.

    Held as each row's code (−1 missing) into the distinct numbers read, and spread to the rows when asked:
    ``values`` and ``score`` as floats, or ``categorical`` without spreading numbers over a million rows.
    """

    codes: np.ndarray
    numbers: np.ndarray  # distinct, ascending
    kind: str  # "nps" (native 0–10 recommend), "rating" or "binary"
    scale: Scale
    rule: dict[str, str]
    unknown: Counter = field(default_factory=Counter)

    @property
    def values(self) -> np.ndarray:
        return np.append(self.numbers, np.nan)[self.codes]

    @property
    def score(self) -> np.ndarray:
        return np.append(self.scale.normalise(self.numbers), np.nan)[self.codes]

    def categorical(self) -> tuple[pd.Categorical, pd.Categorical]:
        """Values and 0–100 scores as Categoricals of their distinct numbers (no per-row floats). Two distinct
        values may round to one score (1.4 and 0.1·14 on a 0–10 scale): the scores are coded apart."""
        scores, score_of = np.unique(self.scale.normalise(self.numbers), return_inverse=True)
        score_codes = np.append(score_of.astype(self.codes.dtype), -1)[self.codes]
        return (pd.Categorical.from_codes(self.codes, categories=pd.Index(self.numbers, dtype=float), validate=False),
                pd.Categorical.from_codes(score_codes, categories=pd.Index(scores, dtype=float), validate=False))


def _coded(table: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows' codes into the distinct numbers of ``table`` (a number per distinct cell, NaN where missing),
    and those numbers ascending; −1 where the row's number is missing."""
    known = ~np.isnan(table)
    numbers, inverse = np.unique(table[known], return_inverse=True)
    lookup = np.full(len(table), -1, code_dtype(len(numbers)))
    lookup[known] = inverse
    return lookup[codes], numbers


def read_outcome(column: Coded | pd.Series, header: str, *, declared: Scale | None = None) -> Outcome:
    """Numeric (0–10 recommend -> NPS-able, 1–5 satisfaction…) or two-valued text (Sí/No, satisfied/…).

    >>> o = read_outcome(pd.Series(["Sí", "No", "sí", None]), "¿Volvería?")
    >>> o.values.tolist()[:3], o.kind
    ([1.0, 0.0, 1.0], 'binary')
    """
    column = column if isinstance(column, Coded) else code_column(column)
    binary = _binary_labels(column)
    if binary is not None:
        return _binary_outcome(column, binary)
    parsed = parse_scores(column)
    mark_na_numbers(parsed, declared=declared)
    scale, how = scale_of(parsed, hint=declared)
    recommend = any(word in header_key(header) for word in _RECOMMEND)
    if recommend and declared is None and scale == Scale(1, 10):  # no 0 given yet: the recommend question is 0–10
        scale, how = Scale(0, 10), "recommend question"
    kind = "nps" if recommend and scale == Scale(0, 10) else "rating"
    numbers, states, counts = parsed.distinct  # decided per distinct cell (blank last), spread to the rows once
    table = np.where((states == OK) & scale.contains(numbers), numbers, np.nan)
    unknown: Counter = Counter()
    for u, state, n in zip(column.uniques, states, counts):  # first-seen order, as the rows give them
        if state == INVALID and n:
            unknown[str(u)] += int(n)
    rule = {"en": f"'{header}' on the {scale.label} scale ({how}); 0–100 = 100·(x − {scale.low:g})/"
                  f"{scale.high - scale.low:g}" + ("; NPS from the raw 0–10 answers" if kind == "nps" else ""),
            "es": f"'{header}' en la escala {scale.label} ({_HOW_ES.get(how, 'detectada')}); "
                  f"0–100 = 100·(x − {scale.low:g})/{scale.high - scale.low:g}"
                  + ("; NPS a partir de las respuestas 0–10 originales" if kind == "nps" else "")}
    return Outcome(*_coded(table, column.codes), kind, scale, rule, unknown)


def _binary_labels(column: Coded) -> dict[str, float] | None:
    used = column.uniques[column.counts[:-1] > 0]
    texts = {v for v in used if isinstance(v, str)}
    folded = {fold(t) for t in texts}
    if not texts or len(texts) < len(used):
        return None
    if not folded <= (POSITIVE | NEGATIVE) or not folded & POSITIVE or not folded & NEGATIVE:
        return None
    return {t: 1.0 if fold(t) in POSITIVE else 0.0 for t in texts}


def _binary_outcome(column: Coded, labels: dict[str, float]) -> Outcome:
    table = np.array([labels.get(v, np.nan) for v in column.uniques] + [np.nan])
    pos = sorted({t for t, v in labels.items() if v == 1.0})
    neg = sorted({t for t, v in labels.items() if v == 0.0})
    en = " / ".join(f"'{t}'" for t in pos) + " → 1, " + " / ".join(f"'{t}'" for t in neg) + " → 0"
    return Outcome(*_coded(table, column.codes), "binary", Scale(0, 1),
                   {"en": f"two answers: {en}", "es": f"dos respuestas: {en}"})
