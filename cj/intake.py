"""From files to a validated journey: read, map, classify, parse, reconcile, account for every row."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from cj import columns as C
from cj.cells import quarter_labels, recode
from cj.config import DEFAULTS, Limits
from cj.exports import grid_members, is_metadata, is_question, question_fields, touchpoint_names
from cj.issues import CjReadError, Issue
from cj.layouts import RATING_COLUMNS, long_table, wide_table
from cj.rawtable import RawTable
from cj.readers import Source, as_source, read_source
from cj.responses import ParsedTable, rows_at
from cj.scales import parse_scale
from cj.tables import TOUCHPOINT_SIGNS, check_user_mapping, classify, table_mapping
from cj.text import fold, header_key
from cj.touchpoints import empty_touchpoints, reconcile, touchpoint_table
from cj.validation import TableReport, ValidationReport, no_rejections, rejections

RESPONDENT_COLUMNS = [C.RESPONDENT, C.OVERALL_RAW, C.OVERALL, C.SEGMENT, C.WAVE, C.CHANNEL, C.DATE]
COMMENT_COLUMNS = [C.FILE, C.SHEET, C.ROW, C.RESPONDENT, C.TOUCHPOINT, C.COMMENT, C.SEGMENT, C.WAVE, C.DATE]


@dataclass
class Journey:
    """A validated journey. Frames have the documented columns of ``cj.columns``.

    touchpoints: one row per touchpoint in journey order; ratings: one row per (respondent, touchpoint)
    score, raw and 0–100; respondents: one row per respondent with the overall outcome; comments: one
    row per comment with its spreadsheet location; validation: the report.
    """

    touchpoints: pd.DataFrame
    ratings: pd.DataFrame
    respondents: pd.DataFrame
    comments: pd.DataFrame
    validation: ValidationReport
    outcome_kind: str = ""


def load_journey(sources: str | Path | Source | Sequence[str | Path | Source], *, mapping: dict[str, str] | None = None,
                 scales: dict[str, str] | None = None, limits: Limits = DEFAULTS) -> Journey:
    """Read every file, find what each sheet holds, and return the journey with its validation report.

    ``mapping`` overrides the automatic column mapping ({field: header}); ``scales`` declares scales
    ({field or touchpoint: "1-5"}). Raises ``CjReadError`` (one sentence) when a file cannot be read.
    """
    if isinstance(sources, (str, Path, Source)):
        sources = [sources]
    if not sources:
        raise CjReadError("no_files")
    scales = _checked_scales(scales or {})
    started = time.monotonic()
    tables, notes = _read_all(sources, limits, started)
    if not any(len(t) for t in tables):
        raise CjReadError("header_only", tables[0].file)
    user = check_user_mapping(mapping, tables)
    roles = _roles(tables, user)
    catalogue, tp_issues, tp_read, tp_reports = _catalogue(tables, roles, user)
    parsed = [_with_ragged(t, _parse(t, roles[i], user, catalogue, scales, limits)) for i, t in enumerate(tables)
              if roles[i][0] in ("responses", "candidate")]
    parsed = [p for p in parsed if p is not None]
    ignored = [TableReport(t.file, t.sheet, "ignored", header_row=t.header_row) for i, t in enumerate(tables)
               if roles[i][0] in ("ignored", "candidate") and not _was_parsed(t, parsed)]
    notes += [Issue("sheet_ignored", r.file, r.sheet) for r in ignored]
    notes += _layout_notes([t for t in tables if not any(t.file == r.file and t.sheet == r.sheet for r in ignored)])
    if not parsed:
        _refuse_nothing(tables, catalogue)
    _check_deadline(started, limits, tables[0].file)
    return _assemble(parsed, catalogue, tp_issues, tp_read, tp_reports + ignored, notes, limits)


def _layout_notes(tables: list[RawTable]) -> list[Issue]:
    """Title rows skipped and blank rows dropped, for the tables that were used."""
    notes = []
    for t in tables:
        if t.title_rows:  # above a Qualtrics question row: its column ids (QID1, Q2_1…)
            code = "column_ids" if t.platform_note == "import_ids" and t.title_rows == 1 else "title_rows"
            notes.append(Issue(code, t.file, t.sheet, None, "", "", {"n": t.title_rows, "header_row": t.header_row}))
        if t.blank_rows:
            notes.append(Issue("blank_rows", t.file, t.sheet, None, "", "", {"n": t.blank_rows}))
        if t.platform_row:
            notes.append(Issue(t.platform_note, t.file, t.sheet, t.platform_row))
    return notes


def _checked_scales(scales: dict[str, str]) -> dict[str, str]:
    for text in scales.values():
        if parse_scale(text) is None:
            raise CjReadError("bad_scale", scale=text)
    return scales


def _read_all(sources: Sequence[Any], limits: Limits, started: float) -> tuple[list[RawTable], list[Issue]]:
    tables: list[RawTable] = []
    notes: list[Issue] = []
    for item in sources:
        source = as_source(item)
        result = read_source(source, limits)
        _check_deadline(started, limits, source.name)
        tables += result.tables
        notes += [Issue("hidden_sheet", f, s) for f, s in result.hidden_sheets]
        notes += [Issue("empty_sheet", f, s) for f, s in result.empty_sheets]
    if not tables:
        raise CjReadError("empty_file", Path(str(getattr(sources[0], "name", sources[0]))).name)
    return tables, notes


def _check_deadline(started: float, limits: Limits, name: str) -> None:
    if time.monotonic() - started > limits.max_seconds:
        raise CjReadError("timeout", name, limit=limits.max_seconds)


def _roles(tables: list[RawTable], user: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    roles = []
    for t in tables:
        m = table_mapping(t, user)
        roles.append((classify(t, m), m))
    return roles


def _catalogue(tables: list[RawTable], roles: list, user: dict[str, str]):
    frames, issues, reports, read = [], [], [], 0
    for t, (role, m) in zip(tables, roles):
        if role != "touchpoints":
            continue
        frame, found = touchpoint_table(t, m)
        frames.append(frame)
        issues += found
        read += len(t)
        reports.append(TableReport(t.file, t.sheet, "touchpoints", "", t.header_row, m, [], len(t),
                                   len(frame), len(t) - len(frame), list(t.headers)))
    if not frames:
        return empty_touchpoints(), issues, read, reports
    merged = pd.concat(frames, ignore_index=True)
    merged = merged.loc[~merged[C.TOUCHPOINT].map(fold).duplicated()].reset_index(drop=True)
    return merged, issues, read, reports


def _parse(table: RawTable, role: tuple[str, dict[str, str]], user: dict[str, str], catalogue: pd.DataFrame,
           scales: dict[str, str], limits: Limits) -> ParsedTable | None:
    names = {header_key(n): n for n in catalogue[C.TOUCHPOINT]}
    mapping = table_mapping(table, user, reserved=names)
    if C.TOUCHPOINT in mapping:
        return long_table(table, mapping, scales, limits.scale_coverage)
    in_grid = grid_members(table.headers)
    for name, header in list(mapping.items()):  # a grid's column ('Satisfaction [Web]': overall), or a platform's
        # column or a question that a touchpoint field's word named ('Stage Date (UTC)': stage; '… each step?': order)
        touchpoint_field = name in TOUCHPOINT_SIGNS and (is_metadata(header) or is_question(header))
        if name not in user and (header in in_grid or touchpoint_field):
            mapping.pop(name)
    asked = {**mapping, **user}  # a field the user set (even to no column) is not looked for in the questions
    found = question_fields(table.headers, table.columns, asked, in_grid)
    mapping.update({f: h for f, h in found.items() if f not in user})
    mapping = dict(sorted(mapping.items(), key=lambda item: table.headers.index(item[1])))
    columns, lone = _wide_columns(table, mapping, names)
    if columns:
        mapping.pop(C.SCORE, None)
        parsed = wide_table(table, mapping, columns, scales, limits.scale_coverage)
    elif C.COMMENT in mapping:
        parsed = long_table(table, mapping, scales, limits.scale_coverage)
    elif role[0] == "responses":
        raise CjReadError("no_score" if C.SCORE not in mapping else "no_touchpoint", table.file, table.sheet,
                          columns=str(table.headers[:30]))
    else:
        return None
    if lone:  # columns of numbers left out: said, whatever the table turned out to be
        code = "columns_unlisted" if names else "questions_skipped"
        parsed.warnings.append(Issue(code, table.file, table.sheet, None, "", "",
                                     {"n": len(lone), "columns": ", ".join(f"'{h}'" for h in lone)}))
    return parsed


def _with_ragged(table: RawTable, parsed: ParsedTable | None) -> ParsedTable | None:
    """Rows with more values than the header were set aside by the reader: count and report them here."""
    if parsed is None or not table.ragged:
        return parsed
    rows = np.array([r for r, _, _ in table.ragged])
    extra = rejections(table.file, table.sheet, rows, "ragged_row", n=[n for _, n, _ in table.ragged],
                       m=[m for _, _, m in table.ragged])
    parsed.rejected = pd.concat([parsed.rejected, extra], ignore_index=True)
    parsed.report.rows_read += len(rows)
    parsed.report.rows_rejected += len(rows)
    return parsed


def _wide_columns(table: RawTable, mapping: dict[str, str], names: dict[str, str]
                  ) -> tuple[list[tuple[str, str]], list[str]]:
    """Columns named after a listed touchpoint; without a list, unmapped columns that hold scores. Each with its
    touchpoint name; and the question columns holding scores that are no touchpoint (see ``touchpoint_names``).
    A platform's metadata columns (progress, finished…) are never touchpoints; a header that only a touchpoint
    field's word named ('Rate each step [Booking]': step, an order) still can be."""
    from cj.scales import INVALID, OK, parse_scores, scale_of

    taken = set(mapping.values()) - {mapping.get(C.SCORE)}
    free = [h for h in table.headers if h not in taken]

    def holds_scores(h: str) -> bool:
        parsed = parse_scores(table.column(h))
        ok, bad = parsed.status == OK, int((parsed.status == INVALID).sum())
        small = np.mean(np.abs(parsed.values[ok]) <= 10) if ok.any() else 0.0
        if not (ok.any() and bad <= ok.sum() and small >= 0.9 and not str(h).startswith("(")):
            return False
        return np.mean(scale_of(parsed)[0].contains(parsed.values[ok])) >= 0.5  # not a longitude (-3.7026)

    if names:  # a listed name as the header, whatever it is; a grid's item only among columns of scores
        return _listed_columns(free, [h for h in free if not is_metadata(h) and holds_scores(h)], names)
    scored = [h for h in free if not is_metadata(h) and holds_scores(h)]
    named, lone = touchpoint_names(scored)
    found = [(h, named[h]) for h in scored if h in named]
    if len(found) >= 2 or (found and C.SCORE in mapping):
        return found, lone
    return [], lone + [h for h, _ in found]


def _listed_columns(free: list[str], scored: list[str], names: dict[str, str]
                    ) -> tuple[list[tuple[str, str]], list[str]]:
    """Columns named after a listed touchpoint, by their header, or by their item in a grid of scores ('Rate each
    step [Booking]'); a touchpoint named twice keeps its first column (its own name before a grid's item), and the
    others are said."""
    derived, _ = touchpoint_names(scored)
    found: dict[str, str] = {}
    for exact in (True, False):
        for h in free:
            key = header_key(h) if exact else header_key(derived.get(h, ""))
            if key in names and h not in found and names[key] not in found.values():
                found[h] = names[key]
    again = [h for h in free if h not in found and (header_key(h) in names or header_key(derived.get(h, "")) in names)]
    unlisted = [h for h in scored if h not in found and h not in again]  # scores for no touchpoint of the list
    return [(h, found[h]) for h in free if h in found], again + unlisted


def _was_parsed(table: RawTable, parsed: list[ParsedTable]) -> bool:
    return any(p.report.file == table.file and p.report.sheet == table.sheet for p in parsed)


def _refuse_nothing(tables: list[RawTable], catalogue: pd.DataFrame) -> None:
    if all(not len(t) for t in tables):
        raise CjReadError("header_only", tables[0].file)
    if len(catalogue):
        return
    sheets = [t.sheet or t.file for t in tables]
    raise CjReadError("no_data", tables[0].file, sheets=", ".join(f"'{s}'" for s in sheets))


def _assemble(parsed: list[ParsedTable], catalogue: pd.DataFrame, tp_issues: list[Issue], tp_read: int,
              reports: list[TableReport], notes: list[Issue], limits: Limits) -> Journey:
    ratings = _concat([p.ratings for p in parsed], RATING_COLUMNS)
    comments = _concat([p.comments for p in parsed], COMMENT_COLUMNS)
    rows = _concat([p.rows for p in parsed], None)
    seen = Counter()
    for p in parsed:
        names = p.ratings[C.TOUCHPOINT] if p.report.layout == "wide" else p.rows.get(C.TOUCHPOINT)
        if p.report.layout == "wide":  # a touchpoint column without one valid score is still a touchpoint
            seen.update({name: 0 for name in p.touchpoint_order})
        if names is not None:
            seen.update({k: int(v) for k, v in names.value_counts(dropna=True).items()})
    appearance = [n for p in parsed for n in p.touchpoint_order]
    touchpoints, canonical, name_issues = reconcile(catalogue, seen, appearance, limits.typo_similarity)
    order = list(touchpoints[C.TOUCHPOINT])
    for frame in (ratings, comments):
        frame[C.TOUCHPOINT] = recode(frame[C.TOUCHPOINT], canonical, order)
    warnings = notes + tp_issues + [w for p in parsed for w in p.warnings] + name_issues
    if not len(catalogue) and len(touchpoints):
        wide = all(p.report.layout == "wide" for p in parsed)
        how = {"en": "column", "es": "columna"} if wide else {"en": "first-appearance", "es": "primera aparición"}
        warnings.append(Issue("touchpoints_derived", params={"n": len(touchpoints), "how": how}))
    if ratings.empty and len(comments):
        warnings.append(Issue("comments_only"))
    respondents, more = _respondents(rows, parsed)
    warnings += more
    if not _any_value(ratings[C.WAVE]) and not _any_value(respondents[C.WAVE]):
        ratings, comments, respondents, waves = _waves_from_dates(ratings, comments, respondents)
        warnings += waves
    outcome = next((p.outcome for p in parsed if p.outcome is not None), None)
    rules = list({str(p.outcome.rule): p.outcome.rule for p in parsed if p.outcome is not None}.values())
    warnings += [Issue("outcome_rule", params={"rule": rule}) for rule in rules]  # each file's own question
    report = ValidationReport(
        rejected=_concat([p.rejected for p in parsed], None) if parsed else no_rejections(),
        warnings=warnings, tables=[p.report for p in parsed] + reports, touchpoints_read=tp_read,
        scales=[s for p in parsed for s in p.scales],
        outcome={"kind": outcome.kind, "scale": outcome.scale.label, "rule": outcome.rule} if outcome else {})
    return Journey(touchpoints, ratings.reset_index(drop=True), respondents, comments, report,
                   outcome.kind if outcome else "")


def _concat(frames: list[pd.DataFrame], columns: list[str] | None) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=columns or []) if columns is not None else no_rejections()
    out = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return out.reindex(columns=columns) if columns and list(out.columns) != columns else out


def _respondents(rows: pd.DataFrame, parsed: list[ParsedTable]) -> tuple[pd.DataFrame, list[Issue]]:
    """One row per respondent: first non-missing value of each attribute across their rows."""
    if rows.empty:
        return pd.DataFrame(columns=RESPONDENT_COLUMNS), []
    rows = rows.reindex(columns=RESPONDENT_COLUMNS)
    who, order, grouped = _in_order_of_appearance(rows[C.RESPONDENT])
    k = len(order)
    first = rows_at(rows, order, RESPONDENT_COLUMNS)
    missing = [c for c in RESPONDENT_COLUMNS[1:] if first[c].isna().any() and _any_value(rows[c])]
    if missing:  # a respondent's first row lacks something a later row has: take the first value present
        filled = rows[missing].groupby(who, sort=False).first()
        first[missing] = filled.reindex(who[order]).to_numpy()
    for c in (C.OVERALL_RAW, C.OVERALL):  # one table's outcome comes as codes into its distinct numbers
        first[c] = first[c].to_numpy(dtype=float)
    issues: list[Issue] = []
    overall = rows[C.OVERALL_RAW]
    coded = isinstance(overall.dtype, pd.CategoricalDtype)  # equal codes are equal numbers: compared as codes
    answers = overall.cat.codes.to_numpy() if coded else overall.to_numpy(dtype=float)
    given = answers >= 0 if coded else ~np.isnan(answers)
    if given.any():
        whose, values = (who, answers) if given.all() else (who[given], answers[given])
        # both ways are held to the plain count by tests/test_properties.py (rows grouped and interleaved)
        if grouped:  # each respondent's rows together: a conflict is an answer changing within their rows
            changed = (values[1:] != values[:-1]) & (whose[1:] == whose[:-1])
            hit = whose[1:][changed]  # respondents (in order) at each change: counted where the respondent changes
            conflicts = int(np.count_nonzero(hit[1:] != hit[:-1])) + (len(hit) > 0)
        else:
            one = np.zeros(k, values.dtype)
            one[whose] = values  # one of each respondent's answers, whichever; a conflict is any answer unlike it
            conflicts = int(np.count_nonzero(np.bincount(whose[values != one[whose]], minlength=k)))
        if conflicts:
            issues.append(Issue("outcome_conflict", params={"n": conflicts}))
    if any(p.report.layout != "wide" and C.RESPONDENT not in p.report.mapping for p in parsed):
        issues.append(Issue("no_respondent_id"))
    return first.reindex(columns=RESPONDENT_COLUMNS), issues


def _any_value(column: pd.Series) -> bool:
    """The column holds a value somewhere (a Categorical without categories holds none: no look at its rows)."""
    if isinstance(column.dtype, pd.CategoricalDtype) and column.cat.categories.empty:
        return False
    return bool(column.notna().any())


def _in_order_of_appearance(ids: pd.Series) -> tuple[np.ndarray, np.ndarray, bool]:
    """Codes numbering the respondents 0, 1, 2… in the order they first appear, each one's first row, and
    whether each respondent's rows are known to come together (codes from 0 rising by steps of 0 or 1; False
    only means not known so).

    A Categorical read from one table is numbered so already (its codes are used as they are); otherwise its
    codes are factorised. Numbered so, a respondent's first row is where the running maximum of the codes rises.
    """
    if not isinstance(ids.dtype, pd.CategoricalDtype):  # several tables' ids, concatenated as objects
        codes = pd.factorize(ids)[0]
    else:
        codes = ids.cat.codes.to_numpy()
    steps = np.diff(codes)
    if codes[0] == 0 and steps.min(initial=0) >= 0 and steps.max(initial=0) <= 1:  # rows grouped, in order
        return codes, np.flatnonzero(np.r_[True, steps > 0]), True
    rises = np.diff(np.maximum.accumulate(codes))
    if not (codes[0] == 0 and np.all(rises <= 1)):
        codes = pd.factorize(codes)[0]
        rises = np.diff(np.maximum.accumulate(codes))
    return codes, np.flatnonzero(np.r_[True, rises > 0]), False


def _waves_from_dates(ratings: pd.DataFrame, comments: pd.DataFrame, respondents: pd.DataFrame):
    """Quarters as survey waves when there is no wave column and the dates span more than one quarter."""
    quarters = quarter_labels(respondents[C.DATE].to_numpy())
    if len(quarters.categories) < 2:
        return ratings, comments, respondents, []
    respondents = respondents.assign(**{C.WAVE: quarters})
    ratings = ratings.assign(**{C.WAVE: quarter_labels(ratings[C.DATE].to_numpy())})
    comments = comments.assign(**{C.WAVE: quarter_labels(comments[C.DATE].to_numpy())})
    return ratings, comments, respondents, [Issue("waves_from_dates")]
