"""Comments linked to the journey: each comment's touchpoint, theme and sentiment; the theme × touchpoint
matrix; and the share of each touchpoint's comments in negative themes, which feeds the priorities' severity.

- A comment's touchpoint is the one on its row; a comment without one (a general comment in a wide sheet) is
  linked to the touchpoint whose name it mentions (most name words found, ties to the earlier touchpoint).
- Its sentiment blends the text with the rating of that touchpoint by that respondent, or else the
  respondent's overall outcome (``cj.sentiment.combine``).
- A theme is negative when at least half of its comments are.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cj import columns as C
from cj.dictionary import STOP, Dictionary, term_keys
from cj.intake import Journey
from cj.sentiment import NEGATIVE_AT
from cj.textprep import Tokenizer
from cj.themes import Themes, find_themes

NEGATIVE_THEME = 0.5        # a theme is negative when this share of its comments is
MIN_LINKED = 30             # comments a touchpoint needs before its themes count in severity
THEME_TOUCHPOINT_SHARE = 0.1  # a touchpoint is listed on a theme holding ≥ 10 % of its linked comments


@dataclass
class Feedback:
    comments: pd.DataFrame            # one row per comment (SPEC comments.csv fields and more)
    themes: list[dict]                # SPEC ``themes`` entries
    matrix: pd.DataFrame              # theme × touchpoint: volume, share_negative, mean_sentiment, mean_score
    negative_share: dict[str, float]  # touchpoint → share of its linked comments in negative themes
    result: Themes | None = None


def comment_feedback(journey: Journey, *, dictionary: Dictionary | None = None, k: int | None = None,
                     lang: str | None = None, random_state: int = 0) -> Feedback:
    """Themes of the journey's comments, linked to touchpoints. ``dictionary`` defaults to the built-in one."""
    comments = journey.comments.reset_index(drop=True)
    if comments.empty:
        return Feedback(_empty_comments(), [], _empty_matrix(), {})
    names = [str(t) for t in journey.touchpoints[C.TOUCHPOINT]]
    touchpoint, source = _touchpoints(comments, names)
    score = _rating(journey, comments[C.RESPONDENT], touchpoint)
    result = find_themes(comments[C.COMMENT], k=k, lang=lang, ratings=score, random_state=random_state,
                         dictionary=Dictionary.built_in() if dictionary is None else dictionary)
    labels = {t["theme_id"]: t["label"] for t in result.table}
    table = pd.DataFrame({
        C.FILE: comments[C.FILE].astype(str), C.SHEET: comments[C.SHEET].astype(str), C.ROW: comments[C.ROW],
        C.RESPONDENT: comments[C.RESPONDENT].astype(str), C.TOUCHPOINT: touchpoint, "touchpoint_source": source,
        C.COMMENT: result.masked, "theme_id": np.where(result.theme >= 0, result.theme, -1),
        "theme_label": [labels.get(t) for t in result.theme], "sentiment": result.sentiment,
        "language": result.language, "score_0_100": score})
    matrix = theme_matrix(table)
    negative = {t["theme_id"] for t in result.table if (t["share_negative"] or 0) >= NEGATIVE_THEME}
    themes = []
    for theme in result.table:
        linked = matrix[matrix["theme_id"] == theme["theme_id"]].sort_values("volume", ascending=False, kind="stable")
        share = linked["volume"] / max(linked["volume"].sum(), 1)
        themes.append(theme | {"negative": theme["theme_id"] in negative,
                               "touchpoints": linked.loc[share >= THEME_TOUCHPOINT_SHARE, C.TOUCHPOINT].tolist()})
    return Feedback(table, themes, matrix, negative_shares(table, negative), result)


def _touchpoints(comments: pd.DataFrame, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The row's touchpoint, else the one the comment names; and where it came from ('row', 'mention', '')."""
    given = comments[C.TOUCHPOINT].astype(object).where(comments[C.TOUCHPOINT].notna(), None).to_numpy().copy()
    source = np.where(pd.notna(given), "row", "").astype(object)
    missing = np.flatnonzero(pd.isna(given))
    if len(missing) and names:
        tokenizer, cache = Tokenizer(), {}

        def keys_of(text: str) -> set[str]:  # each word stemmed in Spanish and in English, once per word
            out = set()
            for word in tokenizer.words(text)[1]:
                if len(word) >= 2 and word not in STOP:
                    if word not in cache:
                        cache[word] = term_keys(word)
                    out |= cache[word]
            return out

        keys = [keys_of(name) for name in names]
        for i in missing:
            text = comments.at[i, C.COMMENT]
            if not isinstance(text, str):
                continue
            stems = keys_of(text)
            hits = [len(k & stems) for k in keys]
            best = int(np.argmax(hits))
            if hits[best]:
                given[i], source[i] = names[best], "mention"
    return np.where(pd.isna(given), None, given), source


def _rating(journey: Journey, respondents: pd.Series, touchpoint: np.ndarray) -> np.ndarray:
    """0–100 rating of the linked touchpoint by the same respondent, else the respondent's overall outcome."""
    ratings = journey.ratings
    pairs = pd.Series(ratings[C.SCORE].to_numpy(float),
                      index=pd.MultiIndex.from_arrays([ratings[C.RESPONDENT].astype(str),
                                                       ratings[C.TOUCHPOINT].astype(str)]))
    pairs = pairs[~pairs.index.duplicated()]
    wanted = pd.MultiIndex.from_arrays([respondents.astype(str).to_numpy(),
                                        pd.Series(touchpoint, dtype=object).astype(str).to_numpy()])
    score = pairs.reindex(wanted).to_numpy(float)
    overall = journey.respondents.drop_duplicates(C.RESPONDENT)
    overall = pd.Series(overall[C.OVERALL].to_numpy(float), index=overall[C.RESPONDENT].astype(str))
    fallback = overall.reindex(respondents.astype(str).to_numpy()).to_numpy(float)
    return np.where(np.isnan(score), fallback, score)


def theme_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Theme × touchpoint: comments, share negative, mean sentiment and mean 0–100 rating."""
    linked = table[(table["theme_id"] >= 0) & table[C.TOUCHPOINT].notna()]
    if linked.empty:
        return _empty_matrix()
    grouped = linked.assign(_neg=linked["sentiment"] <= NEGATIVE_AT).groupby(["theme_id", C.TOUCHPOINT], sort=True)
    out = grouped.agg(volume=("sentiment", "size"), share_negative=("_neg", "mean"),
                      mean_sentiment=("sentiment", "mean"), mean_score=("score_0_100", "mean")).reset_index()
    return out


def negative_shares(table: pd.DataFrame, negative: set[int]) -> dict[str, float]:
    """Per touchpoint with ≥ 30 linked comments: the share of them in negative themes."""
    linked = table[(table["theme_id"] >= 0) & table[C.TOUCHPOINT].notna()]
    grouped = linked.assign(_neg=linked["theme_id"].isin(negative)).groupby(C.TOUCHPOINT)["_neg"]
    counts, shares = grouped.size(), grouped.mean()
    return {str(t): float(shares[t]) for t in counts.index if counts[t] >= MIN_LINKED}


def _empty_comments() -> pd.DataFrame:
    return pd.DataFrame(columns=[C.FILE, C.SHEET, C.ROW, C.RESPONDENT, C.TOUCHPOINT, "touchpoint_source", C.COMMENT,
                                 "theme_id", "theme_label", "sentiment", "language", "score_0_100"])


def _empty_matrix() -> pd.DataFrame:
    return pd.DataFrame(columns=["theme_id", C.TOUCHPOINT, "volume", "share_negative", "mean_sentiment", "mean_score"])


def worst_themes(themes: list[dict], matrix: list[dict]) -> dict[str, str]:
    """Per touchpoint, the negative theme with the most of its comments (for the curve's hover)."""
    negative = {t["theme_id"]: t["label"] for t in themes if t.get("negative")}
    best: dict[str, tuple[int, str]] = {}
    for row in matrix:
        if row["theme_id"] in negative and row["volume"] > best.get(row[C.TOUCHPOINT], (0, ""))[0]:
            best[row[C.TOUCHPOINT]] = (row["volume"], negative[row["theme_id"]])
    return {t: label for t, (_, label) in best.items()}
