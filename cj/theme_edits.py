"""Edits of themes that last: each one changes the theme dictionary, so it re-applies to the next run and the
next wave (issue 4; METHODS §5.1.7)."""
from __future__ import annotations

from cj.dictionary import Dictionary, DictionaryError
from cj.theme_terms import defining_words, readable_label, surface_forms, term_counts, top_terms, written
from cj.themes import SURFACE_SIZE, Themes, fit_space


def pin(themes: Themes, theme_id: int, dictionary: Dictionary, label: str | None = None) -> Dictionary:
    """Keep a theme under a label (its current one when none is given), with the same comments: a discovered
    theme's label is kept among the dictionary's names (given again to the theme of the same words on the next
    run); a dictionary theme is renamed."""
    row = themes.table[theme_id]
    if row["source"] == "dictionary":  # with the discovered themes a merge joined to it, named alike
        if label:
            dictionary.relabel(row["label"], label)
            dictionary.rename(row["dictionary_id"], label)
        return dictionary
    if label and dictionary.relabel(row["label"], label):  # already named (several, when merged): renamed
        return dictionary
    return dictionary.name(label or row["label"], row["words"])


def rename(themes: Themes, theme_id: int, label: str, dictionary: Dictionary) -> Dictionary:
    return pin(themes, theme_id, dictionary, label)


def merge(themes: Themes, theme_ids: list[int], label: str, dictionary: Dictionary) -> Dictionary:
    """The themes joined under ``label``, each keeping all its comments: the dictionary ones merged into one entry of
    that label, the discovered ones named with it (the next run joins them, and joins them to that entry)."""
    rows = [themes.table[i] for i in theme_ids]
    entries = [r["dictionary_id"] for r in rows if r["source"] == "dictionary"]
    if len(entries) > 1:
        dictionary.merge(entries, label)
    elif entries:
        dictionary.rename(entries[0], label)
    for row in rows:
        if row["source"] != "dictionary":
            pin(themes, row["theme_id"], dictionary, label)
    return dictionary


def split(themes: Themes, theme_id: int, dictionary: Dictionary, parts: int = 2, random_state: int = 0) -> Dictionary:
    """The theme's comments clustered in ``parts``; each part becomes a dictionary theme with the words that set
    it apart (top c-TF-IDF terms not among another part's), labelled by them."""
    from sklearn.cluster import KMeans

    members = [i for i, t in enumerate(themes.theme) if t == theme_id]
    docs = [themes.stems[i] for i in members]
    if len({tuple(d) for d in docs}) < parts:
        raise DictionaryError("split_too_few", theme=theme_id, parts=parts)
    _, z = fit_space(docs, random_state)
    labels = KMeans(parts, n_init=10, random_state=random_state).fit_predict(z)
    counts, vocabulary = term_counts(docs)
    top = top_terms(counts, labels, parts, 20)
    surface = surface_forms([themes.masked[i] for i in members[:SURFACE_SIZE]])
    chosen = []
    for part in range(parts):
        others = {int(i) for other in range(parts) if other != part for i in top[other][:8]}
        words = defining_words([written(str(vocabulary[i]), surface) for i in top[part] if int(i) not in others])
        chosen.append((readable_label(words), words))
    row = themes.table[theme_id]
    dictionary.forget(row["label"])  # the theme's name (or a merge's) no longer joins anything: its parts are new
    if row["source"] == "dictionary":
        return dictionary.replace(row["dictionary_id"], chosen)
    for label, words in chosen:
        dictionary.add(label, words)
    return dictionary
