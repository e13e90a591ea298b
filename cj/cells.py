"""Cells column-wise and fast: each column is factorised once (codes + distinct values), and every reading
(numbers, text, dates, lengths, blanks) is done on the distinct values, then spread back through the codes.

Survey columns hold few distinct values (scores, dates, segments, touchpoints), so a million rows cost one
factorisation plus a handful of Python calls per column.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd
import pyarrow as pa


@dataclass
class Coded:
    """A column as codes into its distinct raw values; code -1 is a blank cell."""

    codes: np.ndarray
    uniques: np.ndarray
    kind: str = "O"  # numpy kind of the distinct values before they were made objects: "i", "f" or "O"
    _counts: np.ndarray | None = field(default=None, repr=False)
    _texts: np.ndarray | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def counts(self) -> np.ndarray:
        """How many cells hold each distinct value, and the blank cells last (counted once per column)."""
        if self._counts is None:
            self._counts = _blank_last(np.bincount(self.codes + 1, minlength=len(self.uniques) + 1))
        return self._counts

    @property
    def integer_texts(self) -> np.ndarray:
        """The distinct integers as text ('1001'), for a column of kind "i" (made once). Python's own text of
        each: any width, unsigned 64-bit ids included."""
        if self._texts is None:
            try:  # Arrow writes 64-bit integers as Python does, a hundred thousand ids in half the time
                ints = self.uniques if self.uniques.dtype.kind in "iu" else np.asarray(self.uniques, dtype=np.int64)
                numbers = pa.array(ints)
                self._texts = numbers.cast(pa.string()).to_numpy(zero_copy_only=False).astype(object, copy=False)
            except (OverflowError, TypeError, ValueError):  # beyond 64 bits signed
                self._texts = np.array([str(u) for u in self.uniques], dtype=object)
        return self._texts

    @property
    def filled(self) -> np.ndarray:
        return self.codes >= 0

    def take(self, keep: np.ndarray) -> "Coded":
        return Coded(self.codes[keep], self.uniques, self.kind, _texts=self._texts)  # the same distinct values

    def raw(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Raw cell values (object, NaN for blanks) at ``mask``."""
        codes = self.codes if mask is None else self.codes[mask]
        table = np.append(self.uniques.astype(object), np.nan)
        return table[codes]


def code_column(values: pd.Series | np.ndarray | list) -> Coded:
    """Factorise a column; empty and whitespace-only text counts as blank.

    Arrow strings and plain numbers are dictionary-encoded by Arrow: the same codes in order of first appearance
    as ``pd.factorize``, but 32-bit and without the GIL (two columns are coded at once), in half the memory.
    """
    if isinstance(values, list):
        values = np.array(values, dtype=object)
    if getattr(values, "dtype", None) in (np.int64, np.float64) and len(values) > 1:
        numbers = np.asarray(values)
        if np.all(numbers[1:] > numbers[:-1]):  # rising numbers (ids in order, the runs' ids) are all distinct
            return Coded(np.arange(len(numbers), dtype=np.int32), (numbers + 0.0 if numbers.dtype == np.float64
                                                                   else numbers).astype(object), numbers.dtype.kind)
    runs = _runs(values)
    if runs is not None:  # equal numbers in runs (a respondent's rows together): the runs' values coded
        starts, coded = runs
        lengths = np.diff(np.append(starts, len(values)))
        counts = np.bincount(coded.codes + 1, weights=lengths, minlength=len(coded.uniques) + 1).astype(np.int64)
        return Coded(np.repeat(coded.codes, lengths), coded.uniques, coded.kind, _blank_last(counts))
    if getattr(values, "dtype", None) in (np.int64, np.float64):
        small = _whole_numbers(np.asarray(values))
        if small is not None:
            return small
    arrow = _arrow(values)
    if arrow is not None:
        encoded = arrow.dictionary_encode()
        indices = pa.chunked_array([c.indices for c in encoded.chunks], pa.int32()).fill_null(-1)
        codes = indices.to_numpy() if indices.num_chunks != 1 else indices.chunk(0).to_numpy()
        dictionary = (encoded.chunk(encoded.num_chunks - 1).dictionary if encoded.num_chunks
                      else pa.array([], arrow.type))
        if pa.types.is_integer(arrow.type) or pa.types.is_floating(arrow.type):
            kind = "f" if pa.types.is_floating(arrow.type) else "i"
            return Coded(codes, dictionary.to_numpy(zero_copy_only=False).astype(object), kind)
        return coded_from(codes, dictionary.to_numpy(zero_copy_only=False).astype(object))
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    kind = getattr(uniques, "dtype", np.dtype(object)).kind
    if kind in "iuf":
        return Coded(np.asarray(codes), np.asarray(uniques).astype(object), "f" if kind == "f" else "i")
    return coded_from(np.asarray(codes), np.asarray(uniques, dtype=object))


def _blank_last(counts: np.ndarray) -> np.ndarray:
    """Counts by code + 1 (blanks first, as ``bincount`` gives them) with the blanks moved last, read-only:
    shared by every reading of the column."""
    counts = np.append(counts[1:], counts[0])
    counts.setflags(write=False)
    return counts


def _runs(values: pd.Series | np.ndarray) -> tuple[np.ndarray, Coded] | None:
    """For a column of numbers that mostly repeat the number above them (ids, or a respondent's answer on each
    of their rows in the long layout): where each run starts, and the runs' first values coded. Coding the runs
    gives the same codes, in the same order of first appearance, as coding every row, from a fraction of them."""
    if len(values) < 8 or getattr(values, "dtype", None) not in (np.int64, np.float64):
        return None
    numbers = np.asarray(values)
    change = numbers[1:] != numbers[:-1]  # NaN differs from NaN: missing cells are runs of one, coded -1 alike
    if np.count_nonzero(change) >= len(numbers) // 2:
        return None
    starts = np.flatnonzero(np.concatenate(([True], change)))
    return starts, code_column(numbers[starts])


SMALL_SPAN = 4096  # whole numbers within this span are coded through a table over it


def _whole_numbers(numbers: np.ndarray) -> Coded | None:
    """A column of whole numbers within a short span (scores, 0–10 answers, coded answers), coded through a table
    over the span: no hashing, and each value's count comes with the codes (the scales read them). The codes are
    in order of first appearance, as ``pd.factorize`` gives them. None for any other column.

    >>> c = _whole_numbers(np.array([4.0, np.nan, 2.0, 4.0, -0.0]))
    >>> c.codes.tolist(), c.uniques.tolist(), c.counts.tolist()
    ([0, -1, 1, 0, 2], [4.0, 2.0, 0.0], [2, 1, 1, 1])
    """
    if not len(numbers):
        return None
    if numbers.dtype == np.int64:
        low, high = int(numbers.min()), int(numbers.max())
        if high - low >= SMALL_SPAN:
            return None
        slot = np.subtract(numbers, low, out=np.empty(len(numbers), np.int16), casting="unsafe")
        slot += 1
    else:  # floats: NaN is blank (slot 0); −0.0 and 0.0 one value
        low, high = np.fmin.reduce(numbers), np.fmax.reduce(numbers)  # NaN left out
        if not (-2**31 < low <= high < 2**31) or high - low >= SMALL_SPAN:  # an all-NaN column fails too
            return None
        if not np.array_equal(np.floor(numbers), numbers, equal_nan=True):  # a fraction somewhere (5e-324 too)
            return None
        shifted = numbers - (low - 1)  # exact: whole numbers well inside 2**53
        shifted[np.isnan(shifted)] = 0
        slot = shifted.astype(np.int16)
    counts = np.bincount(slot)
    order: dict[int, None] = {}  # the slots in order of first appearance, read in growing blocks from the top
    present, start, step = np.count_nonzero(counts[1:]), 0, 4096
    while len(order) < present:
        order.update((int(v), None) for v in pd.unique(slot[start:start + step]) if v)
        start, step = start + step, step * 4
    slots = np.fromiter(order, np.int64, len(order))
    lookup = np.full(len(counts), -1, np.int32)
    lookup[slots] = np.arange(len(slots), dtype=np.int32)
    kind = numbers.dtype.kind
    values = slots - 1 + low if kind == "i" else (slots - 1).astype(float) + low + 0.0
    by_code = np.append(counts[slots], counts[0]).astype(np.int64)
    by_code.setflags(write=False)
    return Coded(lookup[slot], values.astype(object), kind, by_code)


def _arrow(values: pd.Series | np.ndarray) -> pa.ChunkedArray | None:
    """The column as Arrow data when Arrow can encode it as pandas would: Arrow strings, 64-bit numbers."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        data = values.array.__arrow_array__()  # pandas' own Arrow strings, no copy
        return data if isinstance(data, pa.ChunkedArray) else pa.chunked_array([data])
    numbers = values.to_numpy() if isinstance(values, pd.Series) else values
    if isinstance(numbers, np.ndarray) and numbers.ndim == 1 and numbers.dtype in (np.int64, np.float64):
        if numbers.dtype == np.float64 and (numbers == 0).any():  # -0.0 and 0.0: one value to pandas, two to Arrow
            numbers = numbers + 0.0
        return pa.chunked_array([pa.array(numbers, from_pandas=True)])  # NaN is missing, as for pandas
    return None


def coded_from(codes: np.ndarray, uniques: np.ndarray) -> Coded:
    """Codes and distinct values, with whitespace-only values turned into blanks (code -1)."""
    blank = np.array([isinstance(u, str) and not u.strip() for u in uniques] + [True])
    if blank[:-1].any():
        codes = np.where(blank[codes], -1, codes)
    return Coded(codes, uniques.astype(object))


def cell_text(value: Any) -> str | float:
    """A cell as the text a person sees: 12.0 -> '12', ' Web ' -> 'Web', '' -> NaN."""
    if isinstance(value, float):
        if np.isnan(value):
            return np.nan
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value).strip()
    return text if text else np.nan


def shown(value: Any) -> str:
    """A raw cell value as a short string for messages."""
    text = cell_text(value)
    return "" if isinstance(text, float) else text[:200]


def as_category(column: Coded, read: Callable[[Any], Any] = cell_text) -> pd.Categorical:
    """The column as a Categorical of the texts ``read`` gives its distinct values (equal texts merged)."""
    if read is cell_text and column.kind == "i":  # distinct integers have distinct texts: no merging needed
        return distinct_categorical(column.codes, column.integer_texts)
    texts = [read(u) for u in column.uniques]
    new_codes, categories = pd.factorize(pd.Series(texts, dtype=object), use_na_sentinel=True)
    lookup = np.append(new_codes, -1).astype(code_dtype(len(categories)))  # pandas' own code width: no recast
    return distinct_categorical(lookup[column.codes], categories)


def code_dtype(n: int) -> np.dtype:
    """The integer width pandas keeps for the codes of ``n`` categories (plus -1 for missing)."""
    return np.dtype(np.int8 if n < 127 else np.int16 if n < 32_767 else np.int32 if n < 2**31 - 1 else np.int64)


def distinct_categorical(codes: np.ndarray, categories: np.ndarray) -> pd.Categorical:
    """A Categorical of valid ``codes`` into ``categories`` the caller knows to be distinct texts.

    Pandas checks that categories are unique by hashing them all: 25–45 ms for the 131k respondent ids of a
    million rows, a tenth of the intake's work beyond reading. Where pandas offers its internal fast path
    (``CategoricalDtype._from_fastpath``, present since pandas 1.x) the check is skipped; otherwise the
    public, checked constructor is used. ``tests/test_cells.py`` holds the two to the same result.
    """
    index = pd.Index(categories, dtype=object)
    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fast is None:
        return pd.Categorical.from_codes(codes, categories=index, validate=False)
    return pd.Categorical.from_codes(codes, dtype=fast(index, False), validate=False)


def recode(values: pd.Series, names: dict[str, str], order: list[str]) -> pd.Categorical:
    """Names mapped through ``names`` into a Categorical with categories ``order`` (one pass per distinct name)."""
    if isinstance(values.dtype, pd.CategoricalDtype):  # its codes already: no second factorisation
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        column = code_column(values)
        codes, uniques = column.codes, column.uniques
    position = {name: i for i, name in enumerate(order)}
    lookup = np.array([position.get(names.get(u, u), -1) for u in uniques] + [-1], dtype=code_dtype(len(order)))
    same = len(uniques) == len(order) and np.array_equal(lookup[:-1], np.arange(len(order)))
    if same and codes.dtype == lookup.dtype:  # the names already in the order asked: the codes kept as they are
        return pd.Categorical.from_codes(codes, categories=pd.Index(order, dtype=object), validate=False)
    return pd.Categorical.from_codes(lookup[codes], categories=pd.Index(order, dtype=object), validate=False)


def quarter_labels(dates: np.ndarray) -> pd.Categorical:
    """'2026Q1'-style labels of datetime64 values (missing where the date is); worked on the distinct dates.

    >>> quarter_labels(np.array(["2026-03-31", "NaT", "2026-04-01"], dtype="datetime64[ns]")).tolist()
    ['2026Q1', nan, '2026Q2']
    """
    dates = np.asarray(dates)
    starts = None
    if dates.dtype.kind == "M" and len(dates) >= 8:  # a respondent's rows share a date: the runs read, spread back
        change = dates[1:] != dates[:-1]  # NaT differs from NaT: missing dates are runs of one
        if np.count_nonzero(change) < len(dates) // 2:
            starts = np.flatnonzero(np.concatenate(([True], change)))
    codes, distinct = pd.factorize(dates if starts is None else dates[starts], use_na_sentinel=True)
    months = np.asarray(distinct, dtype="datetime64[ns]").astype("datetime64[M]").astype(np.int64)
    quarters = months // 3
    present = np.unique(quarters)
    lookup = np.append(np.searchsorted(present, quarters), -1).astype(code_dtype(len(present)))
    codes = lookup[codes]
    if starts is not None:
        codes = np.repeat(codes, np.diff(np.append(starts, len(dates))))
    labels = [f"{q // 4 + 1970}Q{q % 4 + 1}" for q in present]
    return pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype=object), validate=False)
