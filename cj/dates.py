"""Dates as spreadsheets hold them: real dates, ISO text, day-first text, and Excel serial numbers."""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from cj.cells import Coded

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
              "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M")
_SERIAL_RANGE = (20_000, 80_000)  # 1954 … 2119


def read_date(value: Any) -> pd.Timestamp:
    """One cell -> Timestamp, or NaT when it is no date.

    >>> [str(read_date(v).date()) for v in ("2026-03-05", "05/03/2026", 46086.0, "5.3.2026")]
    ['2026-03-05', '2026-03-05', '2026-03-05', '2026-03-05']
    """
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return pd.Timestamp(value)
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return EXCEL_EPOCH + pd.Timedelta(days=float(value))
        return pd.NaT
    text = str(value).strip()
    if len(text) >= 8 and text[4:5] == "-" and text[:4].isdigit():
        try:
            return pd.Timestamp(text)
        except (ValueError, OverflowError):
            return pd.NaT
    for fmt in _DAY_FIRST:
        try:
            return pd.Timestamp(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    try:
        serial = float(text.replace(",", "."))
        return read_date(serial)
    except ValueError:
        return pd.NaT


def read_dates(column: Coded) -> tuple[np.ndarray, np.ndarray]:
    """datetime64 values of a column, and a mask of the cells that held something that is not a date."""
    table = np.array([_as_datetime64(read_date(u)) for u in column.uniques] + [np.datetime64("NaT")],
                     dtype="datetime64[ns]")
    not_a_date = np.append(np.isnat(table[:-1]), False)  # a filled cell read as no date; blanks are not
    return table[column.codes], not_a_date[column.codes]


def _as_datetime64(stamp: pd.Timestamp) -> np.datetime64:
    return np.datetime64("NaT") if pd.isna(stamp) else stamp.to_datetime64()
