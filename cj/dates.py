"""Dates as spreadsheets hold them: real dates, ISO text, day-first text, and Excel serial numbers."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from cj.cells import Coded

EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
              "%d/%m/%y %H:%M", "%d/%m/%y %H:%M:%S",
              "%d-%m-%Y %H:%M", "%d.%m.%Y %H:%M", "%Y/%m/%d %I:%M:%S %p", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d")
# AM/PM: written month first (SurveyMonkey)
_US_CLOCK = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%y %I:%M:%S %p", "%m/%d/%y %I:%M %p")
_SPANISH_CLOCK = ("%d/%m/%Y %I:%M:%S %p", "%d/%m/%Y %I:%M %p", "%d/%m/%y %I:%M:%S %p", "%d/%m/%y %I:%M %p",
                  "%Y/%m/%d %I:%M:%S %p")
_MONTH_FIRST = ("%m/%d/%Y", "%m/%d/%y", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %H:%M",
                "%m/%d/%y %H:%M:%S") + _US_CLOCK
_ZONE = re.compile(r"(GMT|UTC)(\s?[+-]\d{1,2}(:?\d{2})?)?$")  # Google Forms: '… 10:15:22 AM GMT+1'
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/\d{2,4}\b")
_SERIAL_RANGE = (20_000, 80_000)  # 1954 … 2119
# the days datetime64[ns] holds: a date beyond them (the year 1500 or 2300, a typo) is no date, never a wrapped one
_SPAN = (pd.Timestamp("1677-09-22"), pd.Timestamp("2262-04-11"))


def read_date(value: Any, month_first: bool = False) -> pd.Timestamp:
    """One cell -> Timestamp, or NaT when it is no date. Slashed dates are day-first unless ``month_first``.

    >>> [str(read_date(v).date()) for v in ("2026-03-05", "05/03/2026", 46086.0, "5.3.2026")]
    ['2026-03-05', '2026-03-05', '2026-03-05', '2026-03-05']
    >>> str(read_date("2026/03/01 11:02:09 PM GMT+1")), str(read_date("3/13/2026 23:02:09", month_first=True))
    ('2026-03-01 23:02:09', '2026-03-13 23:02:09')
    """
    return pd.Timestamp(_read_values([value], month_first)[0])


def read_dates(column: Coded) -> tuple[np.ndarray, np.ndarray]:
    """datetime64 values of a column, and a mask of the cells that held something that is not a date.

    Slashed dates are read month-first when the column shows it (a second number above 12 and no first one
    above 12: '3/13/2026', as US Excel and Google Sheets write them), else day-first. Worked on the distinct
    cells, each written format tried on all the texts left at once (a form's 100,000 distinct timestamps)."""
    month_first = _month_first(column.uniques)
    table = np.append(_read_values(list(column.uniques), month_first), np.datetime64("NaT"))
    not_a_date = np.append(np.isnat(table[:-1]), False)  # a filled cell read as no date; blanks are not
    if not not_a_date.any():  # every filled cell a date (the usual case): no second spread over the rows
        return table[column.codes], np.zeros(len(column.codes), bool)
    return table[column.codes], not_a_date[column.codes]


def _read_values(values: list[Any], month_first: bool) -> np.ndarray:
    """datetime64[ns] of each value: dates as they are, Excel serials, ISO text, then each text format in turn."""
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    pending: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for i, value in enumerate(values):
        if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
            out[i] = _as_datetime64(pd.Timestamp(value))
        elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
            out[i] = _as_datetime64(_serial(value))
        else:
            text = str(value).replace("\u00a0", " ").replace("\u202f", " ").strip()  # Sheets' no-break spaces
            if not any(c.isdigit() for c in text):  # every date has a digit ('today', 'now' are no dates)
                continue
            if len(text) >= 8 and text[4:5] == "-" and text[:4].isdigit():
                out[i] = _as_datetime64(_iso(text))
            else:
                text, formats = _prepared(text, month_first)
                pending.setdefault(formats, []).append((i, text))
    for formats, items in pending.items():
        at = np.array([i for i, _ in items])
        texts = pd.Series([t for _, t in items], dtype=object)
        for fmt in formats:  # in order: the first format a text fits is its reading
            left = np.isnat(out[at])
            if not left.any():
                break
            parsed = pd.to_datetime(texts[left], format=fmt, errors="coerce")
            out[at[left]] = parsed.where((parsed >= _SPAN[0]) & (parsed <= _SPAN[1])).to_numpy(dtype="datetime64[ns]")
        for i, text in items:  # a serial number written as text ('46086' or '46086,5')
            if np.isnat(out[i]):
                try:
                    out[i] = _as_datetime64(_serial(float(text.replace(",", "."))))
                except ValueError:
                    pass
    return out


def _serial(value: float) -> pd.Timestamp:
    return EXCEL_EPOCH + pd.Timedelta(days=float(value)) if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1] else pd.NaT


def _iso(text: str) -> pd.Timestamp:
    try:
        return pd.Timestamp(text)
    except (ValueError, OverflowError):
        return pd.NaT


def _prepared(text: str, month_first: bool) -> tuple[str, tuple[str, ...]]:
    """The text without a time zone, Spanish clock marks as AM/PM, and the formats to try in order."""
    tail = text[-12:]  # the zone searched in the end alone: a long cell costs no more than a short one
    zone = _ZONE.search(tail)
    if zone:
        text = text[:len(text) - len(tail) + zone.start()].rstrip()
    spanish = "a. m." in text or "p. m." in text  # '13/3/2026 11:02:09 p. m.': a Spanish locale, day first
    for written, clock in (("a. m.", "AM"), ("p. m.", "PM"), ("a.m.", "AM"), ("p.m.", "PM")):
        text = text.replace(written, clock)
    if spanish:
        return text, _SPANISH_CLOCK + _DAY_FIRST
    return text, (_MONTH_FIRST + _DAY_FIRST) if month_first else (_DAY_FIRST + _US_CLOCK + _SPANISH_CLOCK)


def ambiguous_example(column: Coded) -> str:
    """A slashed date of the column that reads differently day first and month first ('1/3/2026'), when nothing
    in the column tells the order (no number above 12, no AM/PM); '' otherwise. Such a column is read day first."""
    example = ""
    for a, b, text in _slashed(column.uniques):
        if a > 12 or b > 12 or text.upper().endswith(("AM", "PM")):
            return ""
        if a != b and not example:
            example = text
    return example


def _month_first(values: np.ndarray) -> bool:
    """Month first when some second number is above 12 and no first one is: where every day could be a month
    (a survey of a month's first days), one '3/13/2026' is all the column tells, and it tells month first."""
    pairs = list(_slashed(values))
    return any(b > 12 for _, b, _ in pairs) and not any(a > 12 for a, _, _ in pairs)


def _slashed(values: np.ndarray):
    """(first number, second number, text) of each value written as a slashed date ('13/3/2026 7:40')."""
    for v in values:
        if isinstance(v, str) and (m := _SLASHED.match(text := v.strip())):
            yield int(m[1]), int(m[2]), text


def _as_datetime64(stamp: pd.Timestamp) -> np.datetime64:
    if pd.isna(stamp) or not _SPAN[0] <= stamp <= _SPAN[1]:
        return np.datetime64("NaT")
    return stamp.as_unit("ns").to_datetime64()
