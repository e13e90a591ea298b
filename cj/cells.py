"""Reading cell values column-wise and fast: each distinct value is interpreted once, then spread back.

Survey columns hold few distinct values (scores, dates, segments, touchpoints), so a million rows cost
one factorisation plus a handful of Python calls.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import numpy as np
import pandas as pd


def per_distinct(series: pd.Series, read: Callable[[Any], Any], dtype: Any = object,
                 missing: Any = np.nan) -> np.ndarray:
    """Apply ``read`` to each distinct non-missing value; missing cells get ``missing``."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=dtype)
    for i, value in enumerate(uniques):
        table[i] = read(value)
    table[-1] = missing
    return table[codes]


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


def as_text(series: pd.Series) -> np.ndarray:
    """Object array of stripped strings (NaN where empty), integers shown without '.0'."""
    return per_distinct(series, cell_text)


def shown(value: Any) -> str:
    """A raw cell value as a short string for messages."""
    text = cell_text(value)
    return "" if isinstance(text, float) else text[:200]
