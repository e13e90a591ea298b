"""Response tables, long or wide, -> one row per rating, per response row and per comment, plus rejections.

Input already read and mapped; every data row ends up used or rejected here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cj import columns as C
from cj.cells import as_text, shown
from cj.dates import read_dates
from cj.headers import scale_hint
from cj.issues import Issue
from cj.outcome import Outcome, read_outcome
from cj.readers import RawTable
from cj.scales import EMPTY, INVALID, NA_CODE, OK, ParsedScores, Scale, detect_scale, mark_na_numbers, parse_scores
from cj.validation import TableReport, no_rejections, rejections

MAX_CELL_ISSUES = 1000


@dataclass
class ParsedTable:
    report: TableReport
    ratings: pd.DataFrame
    rows: pd.DataFrame
    comments: pd.DataFrame
    rejected: pd.DataFrame
    warnings: list[Issue] = field(default_factory=list)
    scales: list[dict[str, Any]] = field(default_factory=list)
    outcome: Outcome | None = None
    touchpoint_order: list[str] = field(default_factory=list)


def cell_issues(code: str, table: RawTable, rows: np.ndarray, column: str, values: Any, **params: Any) -> list[Issue]:
    """One warning per problem cell, up to MAX_CELL_ISSUES per column and kind."""
    return [Issue(code, table.file, table.sheet, int(r), column, shown(v), params)
            for r, v in zip(rows[:MAX_CELL_ISSUES], list(values)[:MAX_CELL_ISSUES])]


def declared_scale(header: str, scales: dict[str, str], *names: str) -> Scale | None:
    """A scale the user declared for this field/touchpoint, else one written in the header's brackets."""
    from cj.scales import parse_scale

    for name in names:
        if name in scales:
            return parse_scale(scales[name])
    hint = scale_hint(header)
    return Scale(*hint) if hint else None


def row_attributes(table: RawTable, mapping: dict[str, str], scales: dict[str, str]) -> tuple[pd.DataFrame, list[Issue], Outcome | None]:
    """Per data row: where it is, respondent, date, segment, wave, channel, outcome."""
    frame, n = table.frame, len(table.frame)
    attrs = pd.DataFrame({C.FILE: table.file, C.SHEET: table.sheet, C.ROW: table.rows.astype(np.int64)})
    issues: list[Issue] = []
    if C.RESPONDENT in mapping:
        attrs[C.RESPONDENT] = as_text(frame[mapping[C.RESPONDENT]])
    missing_id = attrs[C.RESPONDENT].isna().to_numpy() if C.RESPONDENT in mapping else np.ones(n, bool)
    attrs.loc[missing_id, C.RESPONDENT] = [f"{table.file}›{table.sheet}›{r}" for r in table.rows[missing_id]]
    for name in (C.SEGMENT, C.WAVE, C.CHANNEL):
        attrs[name] = as_text(frame[mapping[name]]) if name in mapping else np.nan
    if C.DATE in mapping:
        dates, bad = read_dates(frame[mapping[C.DATE]])
        attrs[C.DATE] = dates.to_numpy()
        issues += cell_issues("bad_date", table, table.rows[bad], mapping[C.DATE], frame[mapping[C.DATE]][bad])
    else:
        attrs[C.DATE] = pd.NaT
    outcome = None
    if C.OVERALL in mapping:
        header = mapping[C.OVERALL]
        outcome = read_outcome(frame[header], header, declared=declared_scale(header, scales, C.OVERALL))
        attrs[C.OVERALL_RAW] = outcome.values
        attrs[C.OVERALL] = outcome.score
        for value, count in outcome.unknown.items():
            issues.append(Issue("outcome_unknown", table.file, table.sheet, None, header, value))
    return attrs, issues, outcome


def comment_frame(attrs: pd.DataFrame, texts: np.ndarray, touchpoints: Any, used: np.ndarray) -> pd.DataFrame:
    keep = used & pd.notna(texts)
    out = attrs.loc[keep, [C.FILE, C.SHEET, C.ROW, C.RESPONDENT, C.SEGMENT, C.WAVE]].copy()
    out[C.TOUCHPOINT] = np.asarray(touchpoints, dtype=object)[keep] if touchpoints is not None else np.nan
    out[C.COMMENT] = texts[keep]
    return out.reset_index(drop=True)


def na_warning(table: RawTable, column: str, parsed: ParsedScores) -> list[Issue]:
    total = sum(parsed.na_values.values())
    if not total:
        return []
    values = ", ".join(f"'{k}' ×{v}" for k, v in parsed.na_values.most_common())
    return [Issue("na_codes", table.file, table.sheet, None, column, "", {"n": total, "values": values})]
