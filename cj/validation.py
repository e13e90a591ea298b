"""The validation report: rows read = rows used + rows rejected, always; every rejection located and explained."""
from __future__ import annotations

from dataclasses import dataclass, field
from string import Formatter
from typing import Any

import numpy as np
import pandas as pd

from cj import columns as C
from cj.issues import MESSAGES, Issue, where

REJECTED_COLUMNS = (C.FILE, C.SHEET, C.ROW, C.COLUMN, C.VALUE, C.CODE, "scale", "first", "n", "m")


def rejections(file: str, sheet: str, rows: np.ndarray, code: str, column: str = "",
               values: np.ndarray | list | None = None, **params: Any) -> pd.DataFrame:
    """A block of rejected rows sharing one reason."""
    n = len(rows)
    if n == 0:
        return _EMPTY.copy()
    text = lambda v: pd.Series(v if isinstance(v, (list, np.ndarray, pd.Series)) else [v] * n, dtype=object)  # noqa: E731
    columns = {C.FILE: text(file), C.SHEET: text(sheet), C.ROW: pd.Series(np.asarray(rows, dtype=np.int64)),
               C.COLUMN: text(column), C.VALUE: text(list(values) if values is not None else ""), C.CODE: text(code)}
    columns.update({key: text(params.get(key, "")) for key in ("scale", "first", "n", "m")})
    return pd.DataFrame(columns)


_EMPTY = pd.DataFrame({c: pd.Series([], dtype=np.int64 if c == C.ROW else object) for c in REJECTED_COLUMNS})


def no_rejections() -> pd.DataFrame:
    return rejections("", "", np.array([], dtype=np.int64), "")


def reasons(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Each rejected row's sentence, built column-wise per reason code (fast for many thousands of rows)."""
    out = pd.Series("", index=frame.index, dtype=object)
    for code, group in frame.groupby(C.CODE, sort=False):
        template = MESSAGES[code][1 if lang == "es" else 0]
        text = pd.Series("", index=group.index, dtype=object)
        for literal, name, _, _ in Formatter().parse(template):
            text = text + literal
            if name:
                text = text + group[name].astype(str)
        out.loc[group.index] = text
    return out


@dataclass
class TableReport:
    """What one sheet or file was taken to be, and how its rows were accounted."""

    file: str
    sheet: str
    role: str  # "responses", "touchpoints", "ignored"
    layout: str = ""  # "long", "wide", "comments"
    header_row: int = 0
    mapping: dict[str, str] = field(default_factory=dict)
    touchpoint_columns: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_used: int = 0
    rows_rejected: int = 0
    headers: list[str] = field(default_factory=list)  # every column header of the table, for remapping


@dataclass
class ValidationReport:
    rejected: pd.DataFrame
    warnings: list[Issue]
    tables: list[TableReport]
    touchpoints_read: int = 0
    scales: list[dict[str, Any]] = field(default_factory=list)
    outcome: dict[str, Any] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return sum(t.rows_read for t in self.tables if t.role == "responses")

    @property
    def rows_used(self) -> int:
        return sum(t.rows_used for t in self.tables if t.role == "responses")

    @property
    def rows_rejected(self) -> int:
        return sum(t.rows_rejected for t in self.tables if t.role == "responses")

    @property
    def mapping(self) -> dict[str, str]:
        """Field -> header over all tables, responses first (the first header seen for a field wins)."""
        merged: dict[str, str] = {}
        for table in sorted(self.tables, key=lambda t: t.role != "responses"):
            for name, header in table.mapping.items():
                merged.setdefault(name, header)
        return merged

    @property
    def headers(self) -> list[str]:
        """Every column header of the tables read (responses first), once each: what a field can be mapped to."""
        seen: dict[str, None] = {}
        for table in sorted(self.tables, key=lambda t: t.role != "responses"):
            seen.update(dict.fromkeys(h for h in table.headers if h))
        return list(seen)

    def rejected_rows(self, lang: str = "en") -> pd.DataFrame:
        """Rejected rows with their reason in ``lang``: file, sheet, row, column, value, reason."""
        frame = self.rejected.sort_values([C.FILE, C.SHEET, C.ROW], kind="stable").reset_index(drop=True)
        out = frame[[C.FILE, C.SHEET, C.ROW, C.COLUMN, C.VALUE]].copy()
        out[C.REASON] = reasons(frame, lang)
        return out

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The SPEC's validation object (``validate --json`` prints this)."""
        rejected = self.rejected_rows(lang)
        rejected[C.ROW] = rejected[C.ROW].astype(int)
        return {
            "rows_read": self.rows_read, "rows_used": self.rows_used, "rows_rejected": self.rows_rejected,
            "touchpoints_read": self.touchpoints_read,
            "rejected": rejected.to_dict("records"),
            "warnings": [w.to_dict(lang) for w in self.warnings],
            "mapping": self.mapping,
            "tables": [t.__dict__ for t in self.tables],
            "scales": self.scales,
            "outcome": self.outcome,
        }

    def summary(self, lang: str = "en") -> list[str]:
        """Plain-text lines for the CLI: counts, then each rejection and warning as one sentence."""
        es = lang == "es"
        head = (f"Filas leídas {self.rows_read}, usadas {self.rows_used}, rechazadas {self.rows_rejected}; "
                f"puntos de contacto leídos {self.touchpoints_read}." if es else
                f"Rows read {self.rows_read}, used {self.rows_used}, rejected {self.rows_rejected}; "
                f"touchpoints read {self.touchpoints_read}.")
        lines = [head, ("Correspondencia de columnas:" if es else "Column mapping:")]
        read = [t for t in self.tables if t.role == "responses"]
        if len({str(t.mapping) for t in read}) > 1:  # files headed differently: each one's own columns
            for t in read:
                lines.append(f"  {where(t.file, t.sheet, lang=lang)}:")
                lines += [f"    {k} ← '{_one_line(v)}'" for k, v in t.mapping.items()]
        else:
            lines += [f"  {k} ← '{_one_line(v)}'" for k, v in self.mapping.items()]
        columns = {(t.file, t.sheet, h) for t in self.tables for h in t.touchpoint_columns}
        wide = [e for e in self.scales if (e["file"], e["sheet"], e["column"]) in columns]  # one touchpoint each
        if wide:
            lines.append("Columnas de puntuación:" if es else "Score columns:")
            several = len({(e["file"], e["sheet"]) for e in wide}) > 1  # then each line says its file
            lines += [f"  {where(e['file'], e['sheet'], lang=lang) + ': ' if several else ''}'{_one_line(e['column'])}'"
                      f" → {e['touchpoint']} ({e['scale']}, n = {e['n']})" for e in wide]
        rejected = self.rejected_rows(lang)
        if len(rejected):
            lines.append("Filas rechazadas:" if es else "Rejected rows:")
            lines += [f"  {where(r[C.FILE], r[C.SHEET], r[C.ROW], r[C.COLUMN], lang)}: {r[C.REASON]}"
                      for r in rejected.to_dict("records")]
        if self.warnings:
            lines.append("Avisos:" if es else "Warnings:")
            lines += [f"  {w.message(lang)}" for w in self.warnings]
        return lines


def _one_line(header: str) -> str:
    """A header on one line of the report (a question typed with line breaks: 'recommend\nHotel…')."""
    return " ".join(str(header).split())
