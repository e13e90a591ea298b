"""The two response layouts: long (respondent × touchpoint rows) and wide (a score column per touchpoint)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from cj import columns as C
from cj.cells import as_text, shown
from cj.issues import Issue
from cj.readers import RawTable
from cj.responses import (ParsedTable, cell_issues, comment_frame, declared_scale, na_warning, row_attributes)
from cj.scales import EMPTY, INVALID, NA_CODE, OK, ParsedScores, Scale, detect_scale, mark_na_numbers, parse_scores
from cj.text import fold
from cj.validation import TableReport, no_rejections, rejections

RATING_COLUMNS = [C.FILE, C.SHEET, C.ROW, C.RESPONDENT, C.TOUCHPOINT, C.SCORE_RAW, C.SCORE, C.SCALE,
                  C.SEGMENT, C.WAVE, C.CHANNEL, C.DATE]


def _scores(table: RawTable, header: str, declared: Scale | None) -> ParsedScores:
    parsed = parse_scores(table.frame[header])
    mark_na_numbers(parsed, declared=declared)
    return parsed


def _scale_entry(table: RawTable, column: str, touchpoint: str, scale: Scale, how: str, n: int) -> dict:
    return {"file": table.file, "sheet": table.sheet, "column": column, "touchpoint": touchpoint,
            "scale": scale.label, "how": how, "n": n}


def _touchpoint_scales(parsed: ParsedScores, codes: np.ndarray, names: list[str], declared: Scale | None,
                       coverage: float) -> tuple[Scale, dict[int, Scale], str]:
    """The column's scale, and the touchpoints that clearly use a smaller scale of their own (mixed scales)."""
    ok = parsed.status == OK
    column, how = detect_scale(parsed.values[ok], hint=declared, coverage=coverage)
    own: dict[int, Scale] = {}
    if declared is None:
        for code in range(len(names)):
            values = parsed.values[ok & (codes == code)]
            scale, _ = detect_scale(values, coverage=coverage)
            if values.size >= 30 and scale.high < column.high and np.mean(values == scale.high) >= 0.1:
                own[code] = scale
    return column, own, how


def long_table(table: RawTable, mapping: dict[str, str], scales: dict[str, str], coverage: float) -> ParsedTable:
    """One rating per row; a row is rejected when its score cannot be read or has no touchpoint."""
    frame, rows = table.frame, table.rows
    attrs, warnings, outcome = row_attributes(table, mapping, scales)
    tp = as_text(frame[mapping[C.TOUCHPOINT]]) if C.TOUCHPOINT in mapping else np.full(len(frame), np.nan, object)
    score_col = mapping.get(C.SCORE, "")
    declared = declared_scale(score_col, scales, C.SCORE) if score_col else None
    parsed = _scores(table, score_col, declared) if score_col else ParsedScores(
        np.full(len(frame), np.nan), np.zeros(len(frame), np.int8), __import__("collections").Counter())
    keys = pd.Series(tp).map(lambda v: fold(v) if isinstance(v, str) else v)
    codes, uniques = pd.factorize(keys, use_na_sentinel=True)
    column_scale, own, how = _touchpoint_scales(parsed, codes, list(uniques), declared, coverage)
    low = np.full(len(frame), column_scale.low)
    high = np.full(len(frame), column_scale.high)
    for code, scale in own.items():
        low[codes == code], high[codes == code] = scale.low, scale.high
    ok = parsed.status == OK
    in_range = ok & (parsed.values >= low) & (parsed.values <= high)
    comments = as_text(frame[mapping[C.COMMENT]]) if C.COMMENT in mapping else np.full(len(frame), np.nan, object)
    has_overall = ~np.isnan(attrs[C.OVERALL_RAW].to_numpy(dtype=float)) if C.OVERALL in mapping else np.zeros(len(frame), bool)
    missing_tp = pd.isna(tp) & ok
    bad = (parsed.status == INVALID) & ~missing_tp
    out = ok & ~in_range & ~missing_tp
    rated = in_range & ~missing_tp
    usable = rated | (parsed.status == NA_CODE) | pd.notna(comments) | has_overall
    empty = ~usable & ~missing_tp & ~bad & ~out
    dup = _duplicates(table, attrs, keys, rated) if C.RESPONDENT in mapping else np.zeros(len(frame), bool)
    used = usable & ~missing_tp & ~bad & ~out & ~dup
    scale_text = np.array([Scale(a, b).label for a, b in zip(low, high)], dtype=object) if len(frame) else np.array([])
    raw = frame[score_col] if score_col else pd.Series([""] * len(frame), dtype=object)
    rejected = [
        rejections(table.file, table.sheet, rows[missing_tp], "missing_touchpoint", mapping.get(C.TOUCHPOINT, ""),
                   raw[missing_tp].map(shown)),
        rejections(table.file, table.sheet, rows[bad], "bad_score", score_col, raw[bad].map(shown),
                   scale=scale_text[bad]),
        rejections(table.file, table.sheet, rows[out], "out_of_range", score_col,
                   [f"{v:g}" for v in parsed.values[out]], scale=scale_text[out]),
        rejections(table.file, table.sheet, rows[empty], "empty_response"),
        _duplicate_rejections(table, attrs, keys, rated, dup, mapping),
    ]
    warnings += na_warning(table, score_col, parsed)
    shown_names = pd.Series(tp)[codes >= 0].groupby(codes[codes >= 0]).first().to_dict()
    warnings += _mixed_warning(table, score_col, column_scale, own, shown_names)
    score_01 = np.where(rated & ~dup, 100.0 * (parsed.values - low) / (high - low), np.nan)
    keep = rated & ~dup
    ratings = attrs.loc[keep].copy()
    ratings[C.TOUCHPOINT] = tp[keep]
    ratings[C.SCORE_RAW] = parsed.values[keep]
    ratings[C.SCORE] = score_01[keep]
    ratings[C.SCALE] = scale_text[keep]
    scale_entries = [_scale_entry(table, score_col, "", column_scale, how, int(in_range.sum()))] if score_col else []
    scale_entries += [_scale_entry(table, score_col, shown_names[c], s, "own", int((codes == c).sum()))
                      for c, s in own.items()]
    report = TableReport(table.file, table.sheet, "responses", "long" if score_col else "comments", table.header_row,
                         mapping, [], len(frame), int(used.sum()), int((~used).sum()))
    order = [str(v) for v in pd.unique(pd.Series(tp[used]).dropna())]
    attrs[C.TOUCHPOINT] = tp
    return ParsedTable(report, ratings[RATING_COLUMNS].reset_index(drop=True), attrs.loc[used].reset_index(drop=True),
                       comment_frame(attrs, comments, tp, used), _concat(rejected), warnings, scale_entries,
                       outcome, order)


def _rated_pairs(table: RawTable, attrs: pd.DataFrame, keys: pd.Series, rated: np.ndarray) -> pd.DataFrame:
    pairs = pd.DataFrame({"r": attrs[C.RESPONDENT].to_numpy(), "t": keys.to_numpy(), "row": table.rows})
    return pairs[rated]


def _duplicates(table: RawTable, attrs: pd.DataFrame, keys: pd.Series, rated: np.ndarray) -> np.ndarray:
    """Rated rows repeating an earlier (respondent, touchpoint) pair."""
    pairs = _rated_pairs(table, attrs, keys, rated)
    dup = np.zeros(len(rated), bool)
    dup[pairs.index[pairs.duplicated(["r", "t"], keep="first")]] = True
    return dup


def _duplicate_rejections(table: RawTable, attrs: pd.DataFrame, keys: pd.Series, rated: np.ndarray,
                          dup: np.ndarray, mapping: dict[str, str]) -> pd.DataFrame:
    if not dup.any():
        return no_rejections()
    pairs = _rated_pairs(table, attrs, keys, rated)
    first = pairs.groupby(["r", "t"], sort=False)["row"].transform("first")
    return rejections(table.file, table.sheet, table.rows[dup], "duplicate_response", mapping[C.RESPONDENT],
                      attrs[C.RESPONDENT].to_numpy()[dup], first=[int(v) for v in first[dup[pairs.index]]])


def _mixed_warning(table: RawTable, column: str, scale: Scale, own: dict[int, Scale],
                   names: dict[int, str]) -> list[Issue]:
    if not own:
        return []
    detail = "; ".join(f"'{names[c]}' {s.label}" for c, s in own.items()) + f"; others {scale.label}"
    return [Issue("mixed_scales", table.file, table.sheet, None, column, "", {"detail": detail})]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else no_rejections()


def wide_table(table: RawTable, mapping: dict[str, str], columns: list[tuple[str, str]], scales: dict[str, str],
               coverage: float) -> ParsedTable:
    """One row per respondent and a score column per touchpoint, melted to one rating per used cell.

    A bad cell is reported and ignored; the row is rejected only when nothing usable is left in it.
    """
    frame, rows, n = table.frame, table.rows, len(table.frame)
    attrs, warnings, outcome = row_attributes(table, mapping, scales)
    comments = as_text(frame[mapping[C.COMMENT]]) if C.COMMENT in mapping else np.full(n, np.nan, object)
    has_overall = ~np.isnan(attrs[C.OVERALL_RAW].to_numpy(dtype=float)) if C.OVERALL in mapping else np.zeros(n, bool)
    usable = pd.notna(comments) | has_overall
    first_bad, first_out = np.full(n, -1), np.zeros(n, bool)
    blocks, scale_entries, labels, bad_cells = [], [], [], []
    for i, (header, name) in enumerate(columns):
        declared = declared_scale(header, scales, name, C.SCORE)
        parsed = _scores(table, header, declared)
        ok = parsed.status == OK
        scale, how = detect_scale(parsed.values[ok], hint=declared, coverage=coverage)
        in_range = ok & scale.contains(parsed.values)
        bad, out = parsed.status == INVALID, ok & ~in_range
        bad_cells.append((header, bad | out, scale.label))
        warnings += na_warning(table, header, parsed)
        first_out = np.where(first_bad < 0, out, first_out)
        first_bad = np.where((first_bad < 0) & (bad | out), i, first_bad)
        labels.append(scale.label)
        usable |= in_range | (parsed.status == NA_CODE)
        block = attrs.loc[in_range].copy()
        block[C.TOUCHPOINT] = name
        block[C.SCORE_RAW] = parsed.values[in_range]
        block[C.SCORE] = scale.normalise(parsed.values[in_range])
        block[C.SCALE] = scale.label
        blocks.append(block)
        scale_entries.append(_scale_entry(table, header, name, scale, how, int(in_range.sum())))
    for header, hit, label in bad_cells:  # cells of rejected rows are named in the rejection instead
        hit = hit & usable
        warnings += cell_issues("cell_ignored", table, rows[hit], header, frame[header][hit], scale=label)
    ratings = attrs.loc[[]] if not blocks else pd.concat(blocks, ignore_index=False)
    ratings = ratings.loc[usable[ratings.index.to_numpy()]] if len(ratings) else ratings
    ratings = ratings.sort_index(kind="stable").reset_index(drop=True)
    rejected = _wide_rejections(table, columns, labels, ~usable, first_bad, first_out)
    report = TableReport(table.file, table.sheet, "responses", "wide", table.header_row, mapping,
                         [h for h, _ in columns], n, int(usable.sum()), int((~usable).sum()))
    warnings.insert(0, Issue("wide_layout", table.file, table.sheet, None, "", "", {"n": len(columns)}))
    return ParsedTable(report, ratings.reindex(columns=RATING_COLUMNS), attrs.loc[usable].reset_index(drop=True),
                       comment_frame(attrs, comments, None, usable), rejected, warnings, scale_entries, outcome,
                       [name for _, name in columns])


def _wide_rejections(table: RawTable, columns: list[tuple[str, str]], labels: list[str], rejected: np.ndarray,
                     first_bad: np.ndarray, first_out: np.ndarray) -> pd.DataFrame:
    """Rows with nothing usable: empty, or named by their first unreadable or out-of-range score."""
    blocks = [rejections(table.file, table.sheet, table.rows[rejected & (first_bad < 0)], "empty_response")]
    for i, (header, _) in enumerate(columns):
        for code, kind in (("bad_score", ~first_out), ("out_of_range", first_out)):
            hit = rejected & (first_bad == i) & kind
            if hit.any():
                blocks.append(rejections(table.file, table.sheet, table.rows[hit], code, header,
                                         table.frame[header][hit].map(lambda v: shown(v)), scale=labels[i]))
    return _concat(blocks)
