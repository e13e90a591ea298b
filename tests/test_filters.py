"""Filters against the plain reading: a respondent passes when their segment, wave and channel are among those
chosen; their ratings and comments follow them, compared by the id's text."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cj import Source, load_journey
from cj import columns as C
from cj.filters import Filters, apply
from cj.intake import Journey
from tests.builders import csv_bytes

HEADER = ["ID encuestado", "Segmento", "Canal", "Punto de contacto", "Puntuación (1-5)", "Comentario"]
ROWS = st.lists(st.tuples(st.sampled_from(["7", "8", "9", "10", "A-1", "007"]), st.sampled_from(["Pyme", "Gran empresa", None]),
                          st.sampled_from(["Web", "Teléfono", None]), st.sampled_from(["Blog", "Web", "Pago"]),
                          st.integers(1, 5), st.sampled_from([None, "lento", "bien"])), min_size=1, max_size=30)


def _plain(journey, filters: Filters) -> tuple[list[str], int, int]:
    people = journey.respondents
    keep = pd.Series(True, index=people.index)
    for name, wanted in ((C.SEGMENT, filters.segments), (C.CHANNEL, filters.channels)):
        if wanted:
            keep &= pd.Series([not pd.isna(v) and str(v) in wanted for v in people[name]], index=people.index)
    chosen = {str(r) for r in people.loc[keep, C.RESPONDENT]}
    ratings = sum(str(r) in chosen for r in journey.ratings[C.RESPONDENT])
    comments = sum(str(r) in chosen for r in journey.comments[C.RESPONDENT])
    return sorted(chosen), ratings, comments


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROWS, ROWS, st.sets(st.sampled_from(["Pyme", "Gran empresa"])), st.sets(st.sampled_from(["Web", "Teléfono"])),
       st.booleans())
def test_filtered_journey_keeps_the_chosen_respondents_and_their_rows(first: list, second: list, segments: set,
                                                                      channels: set, two_files: bool) -> None:
    """One file (ids as codes of one Categorical) or two (ids concatenated from two files)."""
    files = [Source("a.csv", csv_bytes([HEADER] + [list(r) for r in first]))]
    if two_files:
        files.append(Source("b.csv", csv_bytes([HEADER] + [list(r) for r in second])))
    journey = load_journey(files)
    filters = Filters(segments=tuple(sorted(segments)), channels=tuple(sorted(channels)))
    got = apply(journey, filters)
    chosen, ratings, comments = _plain(journey, filters)
    assert sorted(got.respondents[C.RESPONDENT].astype(str)) == chosen
    assert (len(got.ratings), len(got.comments)) == (ratings, comments)
    assert set(got.ratings[C.RESPONDENT].astype(str)) <= set(chosen)
    assert set(got.comments[C.RESPONDENT].astype(str)) <= set(chosen)


def _journey(people: dict, ratings_ids) -> Journey:
    ratings = pd.DataFrame({C.RESPONDENT: ratings_ids})
    return Journey(pd.DataFrame(), ratings, pd.DataFrame(people), ratings.iloc[:0], None)


def test_ids_are_compared_as_text_whatever_their_categories() -> None:
    """Journeys built by hand: 7 and 7.0 are different texts; a missing id or categories in another order do
    not change which ratings are a respondent's."""
    j = _journey({C.RESPONDENT: pd.Categorical([7, 8]), C.SEGMENT: ["A", "B"]}, pd.Categorical([7.0, 8.0]))
    assert len(apply(j, Filters(segments=("A",))).ratings) == 0  # '7' is not '7.0'
    j = _journey({C.RESPONDENT: pd.Categorical([7, None, 8]), C.SEGMENT: ["A", "A", "B"]},
                 pd.Categorical([8, 7, None], categories=[8, 7]))
    assert apply(j, Filters(segments=("A",))).ratings[C.RESPONDENT].tolist() == [7]
    j = _journey({C.RESPONDENT: pd.Categorical(["1", "2"]), C.SEGMENT: ["A", "B"]},
                 pd.Categorical(["2", "1", "1"], categories=["2", "1"]))
    assert apply(j, Filters(segments=("B",))).ratings[C.RESPONDENT].tolist() == ["2"]


def test_a_wave_held_as_dates_matches_the_choice_the_sidebar_offers() -> None:
    from cj.filters import options

    j = _journey({C.RESPONDENT: pd.Categorical(["1", "2"]), C.WAVE: pd.to_datetime(["2024-01-01", "2024-04-01"])},
                 pd.Categorical(["1", "2", "2"]))
    offered = options(j)[C.WAVE]
    assert offered == ["2024-01-01", "2024-04-01"]
    kept = apply(j, Filters(waves=(offered[1],)))
    assert kept.respondents[C.RESPONDENT].tolist() == ["2"] and kept.ratings[C.RESPONDENT].tolist() == ["2", "2"]
