"""The touchpoints table, and reconciling touchpoint names across sheets: fold case, accents and spaces;
warn about likely typos with the suggested match; never merge two real touchpoints silently.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from cj import columns as C
from cj.cells import as_category, cell_text
from cj.headers import scale_hint, unit_hint
from cj.issues import Issue
from cj.rawtable import RawTable
from cj.scales import OK, Scale, detect_scale, parse_scores
from cj.text import fold

TOUCHPOINT_COLUMNS = [C.TOUCHPOINT, C.ORDER, C.STAGE, C.CHANNEL, C.OWNER, C.MOMENT, C.EFFORT, C.EFFORT_UNIT,
                      C.INTERNAL_SCORE, C.INTERNAL_SCORE_0_100, C.TARGET, C.KEY, C.IN_TABLE]
_YES = frozenset({"si", "sí", "yes", "y", "s", "x", "true", "verdadero", "clave", "key", "1"})
_NO = frozenset({"no", "n", "false", "falso", "0", "-"})


def _numbers(series: pd.Series) -> np.ndarray:
    parsed = parse_scores(series)
    return np.where(parsed.status == OK, parsed.values, np.nan)


def _key_weight(value: object) -> float:
    text = cell_text(value)
    if isinstance(text, float):
        return np.nan
    folded = fold(text)
    if folded in _YES:
        return 1.0
    if folded in _NO:
        return 0.0
    try:
        return float(folded.replace(",", "."))
    except ValueError:
        return np.nan


def touchpoint_table(table: RawTable, mapping: dict[str, str]) -> tuple[pd.DataFrame, list[Issue]]:
    """One row per named touchpoint, in journey order; unnamed and repeated rows are reported."""
    frame = pd.DataFrame({h: table.series(h) for h in mapping.values()})
    text = lambda h: np.asarray(as_category(table.column(h)), dtype=object)  # noqa: E731
    out = pd.DataFrame({C.TOUCHPOINT: text(mapping[C.TOUCHPOINT]), C.ROW: table.rows})
    for name in (C.STAGE, C.CHANNEL, C.OWNER, C.MOMENT):
        out[name] = text(mapping[name]) if name in mapping else np.nan
    out[C.ORDER] = _numbers(frame[mapping[C.ORDER]]) if C.ORDER in mapping else np.nan
    issues: list[Issue] = []
    out = _effort(out, frame, mapping)
    out = _internal(out, frame, mapping)
    out[C.TARGET] = _numbers(frame[mapping[C.TARGET]]) if C.TARGET in mapping else np.nan
    out[C.KEY] = frame[mapping[C.KEY]].map(_key_weight).to_numpy(dtype=float) if C.KEY in mapping else np.nan
    unnamed = out[C.TOUCHPOINT].isna()
    issues += [Issue("missing_name", table.file, table.sheet, int(r), mapping[C.TOUCHPOINT]) for r in out.loc[unnamed, C.ROW]]
    out = out.loc[~unnamed]
    keys = out[C.TOUCHPOINT].map(fold)
    repeated = keys.duplicated(keep="first")
    first_row = out.groupby(keys, sort=False)[C.ROW].transform("first")
    issues += [Issue("duplicate_touchpoint", table.file, table.sheet, int(r), mapping[C.TOUCHPOINT], v, {"first": int(f)})
               for r, v, f in zip(out.loc[repeated, C.ROW], out.loc[repeated, C.TOUCHPOINT], first_row[repeated])]
    out = out.loc[~repeated].copy()
    position = np.arange(len(out), dtype=float)
    out["_pos"] = np.where(out[C.ORDER].notna(), out[C.ORDER], np.nan)
    out = out.assign(_fallback=position).sort_values(["_pos", "_fallback"], na_position="last", kind="stable")
    out[C.ORDER] = np.arange(1, len(out) + 1)
    out[C.IN_TABLE] = True
    if C.EFFORT in mapping:
        issues.append(Issue("effort_unit", table.file, table.sheet, None, mapping[C.EFFORT], "",
                            {"unit": {"en": "days", "es": "días"} if out[C.EFFORT_UNIT].eq("days").any() else "1–5"}))
    return out[TOUCHPOINT_COLUMNS].reset_index(drop=True), issues


def _effort(out: pd.DataFrame, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    if C.EFFORT not in mapping:
        out[C.EFFORT], out[C.EFFORT_UNIT] = np.nan, ""
        return out
    header = mapping[C.EFFORT]
    values = _numbers(frame[header])
    days = unit_hint(header) == "days" or (np.nanmax(values, initial=0) > 5)
    out[C.EFFORT], out[C.EFFORT_UNIT] = values, ("days" if days else "scale_1_5")
    return out


def _internal(out: pd.DataFrame, frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    if C.INTERNAL_SCORE not in mapping:
        out[C.INTERNAL_SCORE], out[C.INTERNAL_SCORE_0_100] = np.nan, np.nan
        return out
    header = mapping[C.INTERNAL_SCORE]
    values = _numbers(frame[header])
    hint = scale_hint(header)
    scale, _ = detect_scale(values, hint=Scale(*hint) if hint else None)
    out[C.INTERNAL_SCORE], out[C.INTERNAL_SCORE_0_100] = values, scale.normalise(values)
    return out


def empty_touchpoints() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in TOUCHPOINT_COLUMNS})


def reconcile(catalogue: pd.DataFrame, seen: Counter, appearance: list[str], similarity: int
              ) -> tuple[pd.DataFrame, dict[str, str], list[Issue]]:
    """Map every touchpoint name seen in responses to one canonical name.

    Names equal up to case, accents and spaces are the same touchpoint (said in a warning when they
    differ from the table's spelling); a name close to a listed one is a likely typo: warned with the
    suggestion and kept apart. Without a table, touchpoints come from the responses in ``appearance`` order.
    """
    known = {fold(n): n for n in catalogue[C.TOUCHPOINT]}
    derived = not known
    canonical: dict[str, str] = {}
    issues: list[Issue] = []
    by_key: dict[str, Counter] = {}
    for raw, n in seen.items():
        by_key.setdefault(fold(raw), Counter())[raw] += n
    for key, variants in by_key.items():
        name = known.get(key) or variants.most_common(1)[0][0]
        for raw, n in variants.items():
            canonical[raw] = name
            if raw != name and (key in known or len(variants) > 1):
                issues.append(Issue("touchpoint_folded", value=raw, params={"name": name, "n": n}))
    extra = [k for k in _first_seen(appearance, by_key) if k not in known]
    issues += _unknown_issues(extra, by_key, known, canonical, derived, similarity)
    added = pd.DataFrame({C.TOUCHPOINT: [canonical[by_key[k].most_common(1)[0][0]] for k in extra]})
    added[C.IN_TABLE] = False
    table = pd.concat([catalogue, added], ignore_index=True) if len(added) else catalogue.copy()
    table[C.ORDER] = np.arange(1, len(table) + 1)
    return table.reindex(columns=TOUCHPOINT_COLUMNS), canonical, issues


def _first_seen(appearance: list[str], by_key: dict[str, Counter]) -> list[str]:
    order = [k for k in dict.fromkeys(fold(a) for a in appearance) if k in by_key]
    return order + [k for k in by_key if k not in set(order)]


def _unknown_issues(extra: list[str], by_key: dict[str, Counter], known: dict[str, str], canonical: dict[str, str],
                    derived: bool, similarity: int) -> list[Issue]:
    issues = []
    ranked = sorted(extra, key=lambda k: -sum(by_key[k].values()))
    for key in extra:
        n = sum(by_key[key].values())
        name = canonical[by_key[key].most_common(1)[0][0]]
        pool = known if not derived else {k: canonical[by_key[k].most_common(1)[0][0]]
                                         for k in ranked if sum(by_key[k].values()) > n}
        match = process.extractOne(key, list(pool), scorer=fuzz.ratio, score_cutoff=similarity) if pool else None
        if match:
            issues.append(Issue("touchpoint_typo", value=name, params={"name": pool[match[0]], "n": n}))
        elif not derived:
            issues.append(Issue("touchpoint_unknown", value=name, params={"n": n}))
    return issues
