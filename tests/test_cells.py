"""The column-wise cell helpers against their plain, checked equivalents."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cj.cells import Coded, code_column, distinct_categorical, quarter_labels, recode

TEXTS = st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=40, unique=True)


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.data())
def test_distinct_categorical_equals_pandas_checked_constructor(categories: list[str], data) -> None:
    codes = np.array(data.draw(st.lists(st.integers(-1, len(categories) - 1), max_size=60)), dtype=np.int64)
    fast = distinct_categorical(codes, np.array(categories, dtype=object))
    checked = pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object))
    assert fast.categories.tolist() == checked.categories.tolist() == categories
    assert fast.codes.tolist() == checked.codes.tolist()
    assert pd.Series(fast).equals(pd.Series(checked))  # values, missing cells and dtype alike
    assert pd.concat([pd.Series(fast), pd.Series(checked)]).tolist() == pd.Series(checked).tolist() * 2


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Web", "web ", "Blog", "Pago", None]), min_size=1, max_size=40))
def test_recode_of_a_categorical_equals_recode_of_its_values(values: list) -> None:
    names, order = {"web": "Web", "Pago": "Pago"}, ["Blog", "Pago", "Web"]
    plain = pd.Series([v.strip() if v else None for v in values], dtype=object)
    as_categorical = pd.Series(pd.Categorical(plain))
    listed = lambda c: [None if pd.isna(x) else x for x in c]  # noqa: E731
    assert listed(recode(as_categorical, names, order)) == listed(recode(plain, names, order))
    assert listed(recode(plain, names, order)) == [
        None if v is None else (names.get(v, v) if names.get(v, v) in order else None) for v in plain]


def test_code_column_numbers_blank_text_as_missing() -> None:
    coded = code_column(pd.Series(["a", " ", None, "a", "b"], dtype=object))
    assert coded.codes.tolist() == [0, -1, -1, 0, 2]  # ' ' was distinct value 1, now blank
    assert coded.raw()[[0, 3, 4]].tolist() == ["a", "a", "b"]


def _factorized(values) -> tuple[list[int], list]:
    """The plain way: pandas' factorize, whitespace-only text blank."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    blank = [isinstance(u, str) and not u.strip() for u in uniques]
    return [-1 if c < 0 or blank[c] else int(c) for c in codes], list(uniques)


@settings(max_examples=150, deadline=None)
@given(st.one_of(
    st.lists(st.one_of(st.none(), st.text(max_size=4), st.sampled_from([" ", "", "Web", "web"]))).map(
        lambda v: pd.Series(v, dtype="str")),
    st.lists(st.one_of(st.floats(allow_infinity=True), st.sampled_from([0.0, -0.0, np.nan]))).map(
        lambda v: pd.Series(v, dtype=np.float64)),
    st.lists(st.integers(-2**62, 2**62)).map(lambda v: pd.Series(v, dtype=np.int64)),
    # runs of equal numbers (a respondent's rows together), coded from the runs
    st.lists(st.tuples(st.integers(-3, 3), st.integers(1, 9))).map(
        lambda runs: pd.Series(np.repeat([v for v, _ in runs], [n for _, n in runs]), dtype=np.int64)),
    st.lists(st.tuples(st.sampled_from([np.nan, 0.0, -0.0, 2.5, 1e300]), st.integers(1, 9))).map(
        lambda runs: pd.Series(np.repeat([v for v, _ in runs], [n for _, n in runs]), dtype=np.float64)),
    # whole numbers within a short span (scores, 0–10 answers), coded through a table over the span
    st.lists(st.integers(-3, 11)).map(lambda v: pd.Series(v, dtype=np.int64)),
    st.lists(st.sampled_from([np.nan, -0.0, 0.0, 1.0, 5.0, 10.0, -2.0, 4095.0, 4096.0, 5e-324, np.nextafter(1, 2)])).map(
        lambda v: pd.Series(v, dtype=np.float64)),
    st.sampled_from([-2**63, 2**63 - 1]).map(lambda v: pd.Series([v] * 3, dtype=np.int64)),
    # a value first seen far down a long column, past the first blocks read
    st.tuples(st.integers(0, 50_000), st.sampled_from([7.0, np.nan, 3.0])).map(
        lambda at: pd.Series(np.where(np.arange(60_000) == at[0], at[1], np.arange(60_000) % 2 + 1.0)))))
def test_code_column_equals_pandas_factorize(values: pd.Series) -> None:
    coded = code_column(values)
    codes, uniques = _factorized(values)
    assert coded.codes.tolist() == codes
    assert coded.counts.tolist() == [codes.count(i) for i in range(len(coded.uniques))] + [codes.count(-1)]
    shown = [coded.uniques[c] for c in coded.codes if c >= 0]
    expected = [uniques[c] for c in codes if c >= 0]
    assert shown == expected  # the same values (-0.0 == 0.0, one value to both)
    assert [type(a) for a in shown] == [type(b) for b in expected]  # Python str, int or float alike
    assert coded.kind == {"f": "f", "i": "i"}.get(values.dtype.kind, "O")


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 70_000), st.lists(st.tuples(st.integers(0, 69_999), st.integers(-1, 5), st.booleans()),
                                        max_size=12), st.booleans())
def test_first_seen_touchpoints_equal_pandas_unique_of_the_used_rows(n: int, marks: list, used_first: bool) -> None:
    """A long journey whose touchpoints first appear (or appear only on rejected rows) far past the first block."""
    from cj.layouts import _first_seen

    codes = np.zeros(n, np.int8)
    used = np.ones(n, bool)
    used[0] = used_first
    for at, code, use in marks:
        if at < n:
            codes[at], used[at] = code, use
    expected = pd.unique(codes[used & (codes >= 0)]).tolist()
    assert _first_seen(codes, used, 6) == expected
    assert _first_seen(codes, used, len(expected)) == expected  # stops once every code is seen


DAYS = st.one_of(st.none(), st.sampled_from(["2025-12-31", "2026-01-01", "2026-03-31", "2026-04-01", "2026-07-15"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(DAYS, st.integers(1, 12)), max_size=30))
def test_quarter_labels_of_dates_in_runs_equal_each_date_labelled_alone(runs: list[tuple]) -> None:
    """Dates repeated in runs (a respondent's rows) take the runs' path; each label is still its own date's
    quarter, by hand: Dec 31 is Q4, Jan 1 and Mar 31 are Q1, Apr 1 is Q2, Jul 15 is Q3."""
    days = [d for d, n in runs for _ in range(n)]
    dates = np.array([d or "NaT" for d in days], dtype="datetime64[ns]")
    labels = quarter_labels(dates)
    by_hand = {"2025-12-31": "2025Q4", "2026-01-01": "2026Q1", "2026-03-31": "2026Q1", "2026-04-01": "2026Q2",
               "2026-07-15": "2026Q3", None: None}
    assert [None if pd.isna(x) else x for x in labels] == [by_hand[d] for d in days]
    assert list(labels.categories) == sorted({by_hand[d] for d in days} - {None})


def test_quarter_labels_of_timestamps_held_as_objects() -> None:
    dates = np.array([pd.Timestamp("2025-01-01"), pd.NaT, pd.Timestamp("2025-05-01")] * 4, dtype=object)
    assert [None if pd.isna(x) else x for x in quarter_labels(dates)] == ["2025Q1", None, "2025Q2"] * 4


@pytest.mark.parametrize("uniques", [np.array([2**64 - 1, 5], dtype=np.uint64), np.array([2**64 - 1, 5], dtype=object),
                                     np.array([-(2**63), 0, 2**63 - 1]), np.array([7, 2**70], dtype=object)])
def test_integer_ids_as_text_are_written_as_python_writes_them(uniques: np.ndarray) -> None:
    column = Coded(np.arange(len(uniques), dtype=np.int32), uniques, "i")
    assert column.integer_texts.tolist() == [str(int(u)) for u in uniques]
