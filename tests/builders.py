"""Builders of real .xlsx and .csv files for tests: every file goes through cj's real readers."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

import openpyxl


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]], *, hidden: Sequence[str] = (),
               merged: dict[str, Sequence[str]] | None = None, start: str = "A1") -> Path:
    """An .xlsx with one sheet per entry; rows written from ``start``; hidden and merged cells as asked."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    col = ord(start[0]) - ord("A") + 1
    first = int(start[1:])
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.cell(row=first + r, column=col + c, value=value)
        for span in (merged or {}).get(name, ()):
            sheet.merge_cells(span)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def csv_bytes(rows: Sequence[Sequence[object]], *, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """Rows as delimited text in ``encoding`` (csv module quoting, '\\r\\n' line ends as Excel writes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


def write_csv(path: Path, rows: Sequence[Sequence[object]], **kwargs: str) -> Path:
    path.write_bytes(csv_bytes(rows, **kwargs))
    return path


def start_page(page: Path, lang: str = "en", **state):
    """A page under Streamlit's AppTest, run once with ``lang`` and the given session state (e.g. ``_sample``,
    as if picked on the data page before), checked to have raised nothing."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(page), default_timeout=180)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    # AppTest puts Streamlit's folder-app flag back before each run, so its second run of app.py is where
    # ui.under_navigation restarts once (in a browser: the first run of a deep link). Run it here, or a click made
    # next would be lost to that restart (button clicks do not survive st.rerun).
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
