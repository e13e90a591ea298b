"""The two response layouts: long (respondent × touchpoint rows) and wide (a score column per touchpoint).
Every data row ends up used or rejected here.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from cj import columns as C
from cj.cells import code_dtype, shown
from cj.issues import Issue
from cj.rawtable import RawTable
from cj.responses import (
    ParsedTable,
    cell_issues,
    comment_frame,
    declared_scale,
    na_warning,
    row_attributes,
    rows_at,
    text_column,
)
from cj.scales import (
    INVALID,
    NA_CODE,
    OK,
    ParsedScores,
    Scale,
    detect_scale,
    mark_na_numbers,
    parse_scores,
    scale_of,
)
from cj.text import fold
from cj.validation import TableReport, no_rejections, rejections

RATING_COLUMNS = [C.FILE, C.SHEET, C.ROW, C.RESPONDENT, C.TOUCHPOINT, C.SCORE_RAW, C.SCORE, C.SCALE,
                  C.SEGMENT, C.WAVE, C.CHANNEL, C.DATE]


def _scores(table: RawTable, header: str, declared: Scale | None) -> ParsedScores:
    if not header:
        n = len(table)
        return ParsedScores.blank(n)
    parsed = parse_scores(table.column(header))
    mark_na_numbers(parsed, declared=declared)
    return parsed


def _scale_entry(table: RawTable, column: str, touchpoint: str, scale: Scale, how: str, n: int) -> dict:
    return {"file": table.file, "sheet": table.sheet, "column": column, "touchpoint": touchpoint,
            "scale": scale.label, "how": how, "n": n}


def _folded_codes(tp: pd.Categorical) -> tuple[np.ndarray, list[str]]:
    """Per row, a code of the touchpoint name folded (case, accents, spaces); -1 where there is none."""
    keys, names = pd.factorize(pd.Series([fold(c) for c in tp.categories], dtype=object))
    first = {}
    for category, key in zip(tp.categories, keys):
        first.setdefault(key, category)
    lookup = np.append(keys, -1).astype(code_dtype(len(names)))  # a million rows' keys in 1 MB (few names), not 8
    return lookup[tp.codes], [first[k] for k in range(len(names))]


def _touchpoint_scales(parsed: ParsedScores, codes: np.ndarray, n_keys: int, declared: Scale | None,
                       coverage: float) -> tuple[Scale, dict[int, Scale], str]:
    """The column's scale, and the touchpoints that clearly use a smaller scale of their own (mixed scales)."""
    column, how = scale_of(parsed, hint=declared, coverage=coverage)
    own: dict[int, Scale] = {}
    if declared is None and column.high > 5:
        ok = parsed.status == OK
        by_key = pd.Series(parsed.values[ok]).groupby(codes[ok])
        for code, values in by_key:
            values = values.to_numpy()
            scale, _ = detect_scale(values, coverage=coverage)
            if code >= 0 and values.size >= 30 and scale.high < column.high and np.mean(values == scale.high) >= 0.1:
                own[int(code)] = scale
    return column, own, how


def long_table(table: RawTable, mapping: dict[str, str], scales: dict[str, str], coverage: float) -> ParsedTable:
    """One rating per row; a row is rejected when its score cannot be read or has no touchpoint."""
    n, rows = len(table), table.rows
    attrs, warnings, outcome = row_attributes(table, mapping, scales)
    tp = text_column(table, mapping, C.TOUCHPOINT)
    keys, names = _folded_codes(tp)
    score_col = mapping.get(C.SCORE, "")
    declared = declared_scale(score_col, scales, C.SCORE) if score_col else None
    parsed = _scores(table, score_col, declared)
    column_scale, own, how = _touchpoint_scales(parsed, keys, len(names), declared, coverage)
    per_key = [own.get(k, column_scale) for k in range(len(names))] + [column_scale]
    labels = pd.Categorical([s.label for s in per_key])
    if own:  # touchpoints on scales of their own: each row's bounds
        low = np.array([s.low for s in per_key])[keys]
        high = np.array([s.high for s in per_key])[keys]
    else:  # one scale for the column (the usual case): scalars, no per-row arrays
        low, high = np.float64(column_scale.low), np.float64(column_scale.high)

    def scale_label(mask: np.ndarray) -> pd.Categorical:  # the scale of each row at ``mask``
        codes = labels.codes[keys[mask]] if own else np.zeros(np.count_nonzero(mask), labels.codes.dtype)
        return pd.Categorical.from_codes(codes, categories=labels.categories)

    ok = parsed.status == OK
    if own:
        in_range = ok & (parsed.values >= low) & (parsed.values <= high)
    else:  # decided on the distinct cells and spread once: no row's number needed yet
        numbers, states, _ = parsed.distinct
        in_range = parsed.spread((states == OK) & (numbers >= low) & (numbers <= high))
    comments = text_column(table, mapping, C.COMMENT)
    has_overall = attrs[C.OVERALL_RAW].notna().to_numpy()
    missing_tp = (keys < 0) & ok
    bad = (parsed.status == INVALID) & ~missing_tp
    out = ok & ~in_range & ~missing_tp
    rated = in_range & ~missing_tp
    usable = rated | (parsed.status == NA_CODE) | ~comments.isna() | has_overall
    empty = ~usable & ~missing_tp & ~bad & ~out
    dup, first = _duplicates(attrs, keys, rated, rows) if C.RESPONDENT in mapping else (np.zeros(n, bool), None)
    used = usable & ~missing_tp & ~bad & ~out & ~dup

    raw = table.column(score_col).raw if score_col else (lambda m: np.full(int(m.sum()), "", dtype=object))
    scale_text = lambda mask: np.asarray(scale_label(mask), dtype=object)  # noqa: E731
    rejected = _concat([
        rejections(table.file, table.sheet, rows[missing_tp], "missing_touchpoint", mapping.get(C.TOUCHPOINT, ""),
                   [shown(v) for v in raw(missing_tp)]),
        rejections(table.file, table.sheet, rows[bad], "bad_score", score_col, [shown(v) for v in raw(bad)],
                   scale=scale_text(bad)),
        rejections(table.file, table.sheet, rows[out], "out_of_range", score_col,
                   [f"{v:g}" for v in parsed.values_at(out)], scale=scale_text(out)),
        rejections(table.file, table.sheet, rows[empty], "empty_response"),
        rejections(table.file, table.sheet, rows[dup], "duplicate_response", mapping.get(C.RESPONDENT, ""),
                   np.asarray(attrs[C.RESPONDENT].to_numpy()[dup], dtype=object), first=first)
        if dup.any() else no_rejections(),
    ])
    warnings += na_warning(table, score_col, parsed)
    warnings += _mixed_warning(table, score_col, column_scale, own, names)

    keep = rated & ~dup
    raw_kept = parsed.values_at(keep)
    score = raw_kept - _at(low, keep)  # 100·(x − low)/(high − low), worked in place
    score *= 100.0
    score /= _at(high, keep) - _at(low, keep)
    ratings = rows_at(attrs, keep, [c for c in RATING_COLUMNS if c in attrs], {
        C.TOUCHPOINT: tp[keep], C.SCORE_RAW: raw_kept, C.SCORE: score, C.SCALE: scale_label(keep)})
    how = f"{how}, Likert labels" if parsed.likert else how
    on_column = keep & ~np.isin(keys, list(own)) if own else keep  # ratings each used, on the scale they are on
    entries = [_scale_entry(table, score_col, "", column_scale, how, int(on_column.sum()))] if score_col else []
    entries += [_scale_entry(table, score_col, names[k], s, "own", int((keep & (keys == k)).sum()))
                for k, s in own.items()]
    report = TableReport(table.file, table.sheet, "responses", "long" if score_col else "comments", table.header_row,
                         mapping, [], n, int(used.sum()), int((~used).sum()), list(table.headers))
    order_codes = _first_seen(tp.codes, used, len(tp.categories))
    attrs[C.TOUCHPOINT] = tp
    rows_used = attrs if used.all() else attrs.loc[used]  # no copy of a million rows when all were used
    return ParsedTable(report, ratings[RATING_COLUMNS].reset_index(drop=True), rows_used.reset_index(drop=True),
                       comment_frame(attrs, comments, tp, used), rejected, warnings, entries, outcome,
                       [str(tp.categories[c]) for c in order_codes])


def _first_seen(codes: np.ndarray, used: np.ndarray, k: int) -> list[int]:
    """The codes (≥ 0) of the used rows in order of first appearance, read in growing blocks that stop once all
    ``k`` codes are seen: a journey's touchpoints all appear within its first rows, not just by its millionth."""
    seen: dict[int, None] = {}
    start, step = 0, 4096
    while start < len(codes) and len(seen) < k:
        block = codes[start:start + step][used[start:start + step]]
        seen.update((int(c), None) for c in pd.unique(block[block >= 0]))
        start, step = start + step, step * 4
    return list(seen)


def _at(bounds: np.ndarray | np.float64, keep: np.ndarray) -> np.ndarray | np.float64:
    return bounds[keep] if np.ndim(bounds) else bounds


def _duplicates(attrs: pd.DataFrame, keys: np.ndarray, rated: np.ndarray, rows: np.ndarray
                ) -> tuple[np.ndarray, list[int]]:
    """Rated rows repeating an earlier (respondent, touchpoint) pair, and the row of that earlier rating."""
    width = int(keys.max(initial=0)) + 2
    who = attrs[C.RESPONDENT].cat.codes.to_numpy()
    dup = np.zeros(len(rated), bool)
    if not rated.any():
        return dup, []
    cells = (int(who.max()) + 1) * width  # one mark per (respondent, touchpoint) pair, and one for unrated rows
    if cells < 4 * len(who) + 1_000_000:  # marking is cheaper than hashing when the pair codes are dense
        pair = who * np.array(width, np.int64 if cells >= 2**31 else np.int32)
        pair += keys
        pair[~rated] = cells
        marked = np.zeros(cells + 1, np.bool_)
        marked[pair] = True  # as many pairs marked as rated rows: no pair repeats
        if np.count_nonzero(marked[:cells]) == np.count_nonzero(rated):
            return dup, []
    at = np.flatnonzero(rated)
    pair = who[at].astype(np.int64) * width + keys[at]
    repeated = pd.Series(pair).duplicated(keep="first").to_numpy()
    if not repeated.any():
        return dup, []
    dup[at[repeated]] = True
    involved = np.flatnonzero(np.isin(pair, pair[repeated]))
    first_row = pd.Series(rows[at][involved]).groupby(pair[involved], sort=False).transform("first").to_numpy()
    return dup, [int(r) for r, again in zip(first_row, repeated[involved]) if again]


def _mixed_warning(table: RawTable, column: str, scale: Scale, own: dict[int, Scale], names: list[str]) -> list[Issue]:
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
    n = len(table)
    attrs, warnings, outcome = row_attributes(table, mapping, scales)
    comments = text_column(table, mapping, C.COMMENT)
    usable = ~comments.isna() | attrs[C.OVERALL_RAW].notna().to_numpy()
    first_bad, first_out = np.full(n, -1), np.zeros(n, bool)
    blocks, entries, labels, bad_cells = [], [], [], []
    for i, (header, name) in enumerate(columns):
        declared = declared_scale(header, scales, name, C.SCORE)
        parsed = _scores(table, header, declared)
        ok = parsed.status == OK
        scale, how = scale_of(parsed, hint=declared, coverage=coverage)
        in_range = ok & scale.contains(parsed.values)
        bad, out = parsed.status == INVALID, ok & ~in_range
        bad_cells.append((header, bad | out, scale.label))
        warnings += na_warning(table, header, parsed)
        first_out = np.where(first_bad < 0, out, first_out)
        first_bad = np.where((first_bad < 0) & (bad | out), i, first_bad)
        labels.append(scale.label)
        usable |= in_range | (parsed.status == NA_CODE)
        blocks.append(attrs.loc[in_range].assign(**{
            C.TOUCHPOINT: name, C.SCORE_RAW: parsed.values[in_range],
            C.SCORE: scale.normalise(parsed.values[in_range]), C.SCALE: scale.label}))
        how = f"{how}, Likert labels" if parsed.likert else how
        entries.append(_scale_entry(table, header, name, scale, how, int(in_range.sum())))
    for header, hit, label in bad_cells:  # cells of rejected rows are named in the rejection instead
        warnings += cell_issues("cell_ignored", table, hit & usable, header, scale=label)
    ratings = pd.concat(blocks).sort_values(C.ROW, kind="stable") if blocks else attrs.iloc[:0]
    report = TableReport(table.file, table.sheet, "responses", "wide", table.header_row, mapping,
                         [h for h, _ in columns], n, int(usable.sum()), int((~usable).sum()), list(table.headers))
    warnings.insert(0, Issue("wide_layout", table.file, table.sheet, None, "", "", {"n": len(columns)}))
    return ParsedTable(report, ratings.reindex(columns=RATING_COLUMNS).reset_index(drop=True),
                       attrs.loc[usable].reset_index(drop=True), comment_frame(attrs, comments, None, usable),
                       _wide_rejections(table, columns, labels, ~usable, first_bad, first_out), warnings, entries,
                       outcome, [name for _, name in columns])


def _wide_rejections(table: RawTable, columns: list[tuple[str, str]], labels: list[str], rejected: np.ndarray,
                     first_bad: np.ndarray, first_out: np.ndarray) -> pd.DataFrame:
    """Rows with nothing usable: empty, or named by their first unreadable or out-of-range score."""
    blocks = [rejections(table.file, table.sheet, table.rows[rejected & (first_bad < 0)], "empty_response")]
    for i, (header, _) in enumerate(columns):
        for code, kind in (("bad_score", ~first_out), ("out_of_range", first_out)):
            hit = rejected & (first_bad == i) & kind
            if hit.any():
                values = [shown(v) for v in table.column(header).raw(hit)]
                blocks.append(rejections(table.file, table.sheet, table.rows[hit], code, header, values,
                                         scale=labels[i]))
    return _concat(blocks)
