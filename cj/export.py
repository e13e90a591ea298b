"""Exports a person opens in a spreadsheet: text cells that a spreadsheet would run as a formula are neutralised."""
from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """'=HYPERLINK(…)' -> \"'=HYPERLINK(…)\"; numbers and other text unchanged (OWASP CSV injection).

    >>> neutralise("=1+1"), neutralise("@SUM(A1)"), neutralise(-3), neutralise("ok")
    ("'=1+1", "'@SUM(A1)", -3, 'ok')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are neutralised."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame, spanish: bool = False) -> bytes:
    """UTF-8 with BOM (Excel opens accents right), neutralised, without the index. ``spanish``: semicolons
    between cells and decimal commas, as Excel set to Spanish writes and reads a CSV (with commas it puts every
    row in one column)."""
    buffer = io.StringIO()
    neutralised(frame).to_csv(buffer, index=False, **({"sep": ";", "decimal": ","} if spanish else {}))
    return buffer.getvalue().encode("utf-8-sig")
