"""Filters the dashboard's sidebar applies to a journey before it is analysed: segment, survey wave, date range
and response channel. A filter keeps whole respondents, so drivers and reach stay per respondent."""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from cj import columns as C
from cj.intake import Journey


@dataclass(frozen=True)
class Filters:
    """Empty tuples and None mean 'all'. Hashable, so it can key a cache."""

    segments: tuple[str, ...] = ()
    waves: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    date_from: str | None = None  # ISO dates, both ends included
    date_to: str | None = None

    def active(self) -> bool:
        return bool(self.segments or self.waves or self.channels or self.date_from or self.date_to)


def options(journey: Journey) -> dict[str, list[str]]:
    """The values each filter can take in this journey (sorted; empty when the data has none)."""
    frame = journey.respondents
    out = {}
    for name in (C.SEGMENT, C.WAVE, C.CHANNEL):
        values = frame[name].dropna().astype(str).unique() if name in frame else []
        out[name] = sorted(values)
    dates = frame[C.DATE].dropna() if C.DATE in frame else pd.Series(dtype="datetime64[ns]")
    out[C.DATE] = [dates.min().date().isoformat(), dates.max().date().isoformat()] if len(dates) else []
    return out


def apply(journey: Journey, filters: Filters) -> Journey:
    """The journey restricted to the respondents that pass every filter (ratings, comments and respondents)."""
    if not filters.active():
        return journey
    people = journey.respondents
    keep = pd.Series(True, index=people.index)
    for name, wanted in ((C.SEGMENT, filters.segments), (C.WAVE, filters.waves), (C.CHANNEL, filters.channels)):
        if wanted and name in people:
            keep &= _text_in(people[name], set(wanted))
    if (filters.date_from or filters.date_to) and C.DATE in people:
        dates = people[C.DATE]
        if filters.date_from:
            keep &= (dates >= pd.Timestamp(filters.date_from)).to_numpy()
        if filters.date_to:
            keep &= (dates < pd.Timestamp(filters.date_to) + pd.Timedelta(days=1)).to_numpy()
    chosen = _Chosen(people[C.RESPONDENT], keep.to_numpy())
    ratings = journey.ratings[chosen.rows(journey.ratings[C.RESPONDENT])]
    comments = journey.comments[chosen.rows(journey.comments[C.RESPONDENT])] \
        if C.RESPONDENT in journey.comments else journey.comments
    return replace(journey, ratings=ratings.reset_index(drop=True), respondents=people[keep.to_numpy()],
                   comments=comments.reset_index(drop=True))


def _text_in(column: pd.Series, wanted: set[str]) -> np.ndarray:
    """Rows whose value, as pandas writes it as text (as ``options`` offers it), is one of ``wanted``; missing
    values never are. A Categorical is read through its categories, not row by row."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        texts = np.asarray(column.cat.categories.astype(str), dtype=object)
        inside = np.array([t in wanted for t in texts] + [False], bool)  # code -1: missing
        return inside[column.cat.codes.to_numpy()]
    return column.notna().to_numpy() & np.array([t in wanted for t in column.astype(str)], bool)


class _Chosen:
    """The respondents kept, and which rows of ratings or comments are theirs (ids compared as text).

    Ids held as Categoricals of the same text categories as the respondents' (what ``load_journey`` gives) are
    compared by their codes; others by their text. Turning a million ratings' ids into text took 0.7 s at each
    change of a filter; the codes take milliseconds."""

    def __init__(self, ids: pd.Series, keep: np.ndarray) -> None:
        self.ids, self.keep = ids, keep
        self._texts: set[str] | None = None

    def rows(self, ids: pd.Series) -> np.ndarray:
        mine = self.ids
        if isinstance(ids.dtype, pd.CategoricalDtype) and isinstance(mine.dtype, pd.CategoricalDtype) \
                and ids.cat.categories.equals(mine.cat.categories) \
                and pd.api.types.infer_dtype(mine.cat.categories, skipna=False) == "string":
            inside = np.zeros(len(mine.cat.categories) + 1, bool)
            inside[mine.cat.codes.to_numpy()[self.keep]] = True
            inside[-1] = False  # code -1: a row without an id is nobody's
            return inside[ids.cat.codes.to_numpy()]
        return _text_in(ids, self.texts)

    @property
    def texts(self) -> set[str]:
        if self._texts is None:
            kept = self.ids[self.keep]
            self._texts = set(kept[kept.notna()].astype(str))
        return self._texts
