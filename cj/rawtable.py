"""A raw table: one sheet or text file as coded columns with the Excel row of each data row, and the step that
builds it from cells (header cleaned, over-long cells refused, blank rows dropped and counted).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cj.cells import Coded, code_column
from cj.config import Limits
from cj.exports import platform_header
from cj.headers import find_header_row
from cj.issues import CjReadError


@dataclass
class RawTable:
    """One sheet or text file: header names, coded cell values, and the Excel row number of each data row.

    Blank rows are already dropped (and counted in ``blank_rows``).
    """

    file: str
    sheet: str
    headers: list[str]
    columns: dict[str, Coded]
    rows: np.ndarray
    header_row: int
    title_rows: int = 0
    blank_rows: int = 0
    ragged: list[tuple[int, int, int]] = field(default_factory=list)  # (row, n values, n columns)
    platform_row: int = 0  # Excel row under the header that a survey platform adds (0: none): read, not data
    platform_note: str = ""  # what it held: "import_ids" (Qualtrics) or "sub_labels" (SurveyMonkey)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, header: str) -> Coded:
        return self.columns[header]

    def series(self, header: str) -> pd.Series:
        """Raw values of one column (for small tables such as the touchpoints list)."""
        return pd.Series(self.columns[header].raw(), dtype=object)


def table_from_rows(name: str, sheet: str, rows: list[list], first_row: int, limits: Limits,
                    ragged: list[tuple[int, int, int]] | None = None, header_at: int | None = None) -> RawTable:
    """A RawTable from a list of equal-length rows whose first one is Excel row ``first_row``; the header is row
    ``header_at`` of them when the caller found it already, else it is found here."""
    h = find_header_row(rows, limits.header_scan_rows) if header_at is None else header_at
    platform = platform_header(rows, h)
    header = clean_header(name, sheet, platform[0] if platform else rows[h])
    ids = platform is not None
    body = rows[h + 1 + ids:]
    if len(body) > limits.max_rows:
        raise CjReadError("too_many_rows", name, sheet, n=len(body), limit=limits.max_rows)
    cells = np.empty((len(body), len(header)), dtype=object)
    if body:
        cells[:] = body
    del rows[h + 1:]
    coded = {col: code_column(np.ascontiguousarray(cells[:, j])) for j, col in enumerate(header)}
    del cells
    start = first_row + h + 1 + ids
    excel_rows = np.arange(start, start + len(body))
    table = _finish_coded(name, sheet, header, coded, excel_rows, first_row + h, h, limits, ragged or [])
    if platform:
        table.platform_row, table.platform_note = first_row + h + 1, platform[1]
    return table


def finish_frame(name: str, sheet: str, frame: pd.DataFrame, excel_rows: np.ndarray, header_row: int,
                 title_rows: int, limits: Limits, ragged: list[tuple[int, int, int]]) -> RawTable:
    if len(frame) > limits.max_rows:
        raise CjReadError("too_many_rows", name, sheet, n=len(frame), limit=limits.max_rows)
    header = [str(h) for h in frame.columns]
    columns = [frame.iloc[:, i] for i in range(len(header))]
    if len(frame) >= 50_000:  # factorising Arrow strings and numbers releases the GIL: two columns at a time
        with ThreadPoolExecutor(2) as pool:
            coded = dict(zip(header, pool.map(_code_with_texts, columns)))
    else:
        coded = {h: code_column(c) for h, c in zip(header, columns)}
    del columns
    del frame
    return _finish_coded(name, sheet, header, coded, excel_rows, header_row, title_rows, limits, ragged)


def _code_with_texts(values: pd.Series) -> Coded:
    """``code_column``, and a column of many distinct integers (respondent ids) also as text, which the intake
    asks for later: made here, beside the other columns' coding, not after it."""
    coded = code_column(values)
    if coded.kind == "i" and len(coded.uniques) > 10_000:
        coded.integer_texts  # noqa: B018 — made now, kept on the column
    return coded


def _finish_coded(name: str, sheet: str, header: list[str], coded: dict[str, Coded], excel_rows: np.ndarray,
                  header_row: int, title_rows: int, limits: Limits, ragged: list[tuple[int, int, int]]) -> RawTable:
    """Refuse over-long cells, drop blank rows (counted), set aside ragged rows (reported by the intake)."""
    _guard_cells(name, sheet, coded, excel_rows, limits)
    blank = np.ones(len(excel_rows), bool)
    for column in coded.values():
        blank &= ~column.filled
        if not blank.any():  # a column filled on every row: no row is blank, the others need no look
            break
    keep = ~blank
    if ragged:
        keep &= ~np.isin(excel_rows, [r for r, _, _ in ragged])
    if not keep.all():  # (all kept, the usual case: no copy of a million rows)
        coded = {h: c.take(keep) for h, c in coded.items()}
        excel_rows = excel_rows[keep]
    return RawTable(name, sheet, header, coded, excel_rows, header_row, title_rows, int(blank.sum()), ragged)


def clean_header(name: str, sheet: str, cells: list) -> list[str]:
    header = [str(c).strip() if c is not None and str(c).strip() else f"({i + 1})" for i, c in enumerate(cells)]
    seen: dict[str, int] = {}
    for h in header:
        seen[h.casefold()] = seen.get(h.casefold(), 0) + 1
    dupes = [h for h in header if seen[h.casefold()] > 1]
    if dupes:
        raise CjReadError("duplicate_headers", name, sheet, header=dupes[0], n=seen[dupes[0].casefold()])
    return header


def _guard_cells(name: str, sheet: str, coded: dict[str, Coded], excel_rows: np.ndarray, limits: Limits) -> None:
    for header, column in coded.items():
        if column.kind != "O":
            continue
        lengths = np.array([len(u) if isinstance(u, str) else 0 for u in column.uniques] + [0])
        if lengths.max() > limits.max_cell_chars:
            at = int(np.flatnonzero(column.codes == int(lengths.argmax()))[0])
            raise CjReadError("cell_too_long", name, sheet, int(excel_rows[at]), header,
                              n=int(lengths.max()), limit=limits.max_cell_chars)
