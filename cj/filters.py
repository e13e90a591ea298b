"""Filters the dashboard's sidebar applies to a journey before it is analysed: segment, survey wave, date range
and response channel. A filter keeps whole respondents, so drivers and reach stay per respondent."""
from __future__ import annotations

from dataclasses import dataclass, replace

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
            keep &= people[name].astype(str).isin(wanted).to_numpy()
    if (filters.date_from or filters.date_to) and C.DATE in people:
        dates = people[C.DATE]
        if filters.date_from:
            keep &= (dates >= pd.Timestamp(filters.date_from)).to_numpy()
        if filters.date_to:
            keep &= (dates < pd.Timestamp(filters.date_to) + pd.Timedelta(days=1)).to_numpy()
    chosen = set(people.loc[keep, C.RESPONDENT].astype(str))
    ratings = journey.ratings[journey.ratings[C.RESPONDENT].astype(str).isin(chosen).to_numpy()]
    comments = journey.comments[journey.comments[C.RESPONDENT].astype(str).isin(chosen).to_numpy()] \
        if C.RESPONDENT in journey.comments else journey.comments
    return replace(journey, ratings=ratings.reset_index(drop=True), respondents=people[keep.to_numpy()],
                   comments=comments.reset_index(drop=True))
