"""Comment themes (METHODS §5.1): deterministic, on the CPU, no downloads.

Pipeline, chosen by measurement on BANKING77 (bench/themes.py): PII masked; each comment's language; words
folded keeping ñ, stop words out but negators and evaluative words kept, Snowball stems plus bigrams
(``cj.textprep``); TF-IDF (sublinear) → LSA (SVD) → unit length → k-means. On BANKING77 at k = 77 these
tokens lift NMI from the plain baseline's 0.55 to 0.63; spectral and Ward clustering on the same vectors
were measured and gained nothing worth their cost.

- Repeated comments are fitted once and assigned back to every copy; empty answers and "no comments" are
  counted, never clustered.
- k is chosen in 4 … min(15, ⌊√(n/2)⌋) by stability × coherence (mean pairwise ARI over 5 seeds, times
  (1 + NPMI of each theme's top-10 terms) / 2), among the k whose smallest theme holds ≥ max(5, 2 % of n);
  never by silhouette. The user may set k.
- Fewer than 20 distinct comments: one theme, labelled by its top terms (no "everything is an outlier").
- Large inputs: fitted on a random sample of ``fit_size`` distinct comments, then every comment is
  assigned to its nearest theme in linear time.
- Labels: the top c-TF-IDF terms (``cj.ctfidf``) written as customers wrote them; 3 representative comments
  (nearest the centre).
- Edits that last (rename, merge, split) are in ``cj.theme_edits``; the words of a theme in ``cj.theme_terms``.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from cj.dictionary import Dictionary
from cj.sentiment import NEGATIVE_AT, Scorer, combine
from cj.text import fold
from cj.textprep import NO_CONTENT, Tokenizer
from cj.theme_terms import defining_words, npmi, readable_label, surface_forms, term_counts, top_terms, written

if TYPE_CHECKING:  # scikit-learn is imported where it is used: a journey whose comments all fall into
    # dictionary themes (the samples) never needs it, and the dashboard's first page draws sooner
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

MIN_COMMENTS = 20
MAX_K = 15
MIN_K = 4  # stability always peaks at 2 on short texts (measured on BANKING77); fewer than 4 themes hides too much
SEEDS = 5
SELECT_SIZE = 3000   # distinct comments used to choose k
FIT_SIZE = 20000     # distinct comments the model is fitted on
LSA_DIMS = 100
DESCRIBE_SIZE = 100_000  # distinct comments the labels are computed from
SURFACE_SIZE = 500       # comments of each theme whose words as written (accents kept) spell its label
NO_THEME = -1


@dataclass
class Themes:
    """The themes of a list of comments. ``theme`` has one id per comment (−1: no content); ``table`` one
    row per theme, largest first; ``k_scores`` how k was chosen for the discovered themes."""

    theme: np.ndarray
    sentiment: np.ndarray
    language: np.ndarray
    masked: list[str]
    table: list[dict]
    k_scores: list[dict] = field(default_factory=list)
    k_source: str = "automatic"
    no_content: int = 0
    stems: list[list[str]] = field(default_factory=list, repr=False)  # per comment, for splits


@dataclass
class _Model:
    vectorizer: TfidfVectorizer
    svd: TruncatedSVD | None
    kmeans: KMeans | None

    def embed(self, docs: list[list[str]]) -> np.ndarray:
        from sklearn.preprocessing import normalize

        x = self.vectorizer.transform(docs)
        z = self.svd.transform(x) if self.svd is not None else x.toarray()
        return normalize(z)


def _identity(doc):
    return doc


def find_themes(texts, *, k: int | None = None, dictionary: Dictionary | None = None, lang: str | None = None,
                ratings=None, random_state: int = 0, fit_size: int = FIT_SIZE) -> Themes:
    """Themes of ``texts`` (str or missing, one per comment): dictionary themes first, the rest clustered.

    ``k`` fixes the number of discovered themes; ``ratings`` (0–100 or NaN per comment) are blended into the
    sentiment; ``lang`` picks the labels' language (default: most comments' language).
    """
    texts = pd.Series(list(texts), dtype=object)
    known = texts.map(lambda t: isinstance(t, str) and bool(t.strip()))
    codes, unique = pd.factorize(texts.where(known).map(lambda t: t.strip() if isinstance(t, str) else t))
    masked_u, lang_u, docs, empty_u, text_sentiment_u, entry_u = _prepare_all(list(unique), dictionary)
    theme_u = np.full(len(unique), NO_THEME)
    used_entries = sorted(set(entry_u[entry_u >= 0].tolist()))
    for number, entry in enumerate(used_entries):
        theme_u[entry_u == entry] = number
    residual = np.flatnonzero(~empty_u & (entry_u < 0))
    offset = len(used_entries)
    rng = np.random.default_rng(random_state)
    k_scores: list[dict] = []
    k_source = "user" if k else "automatic"
    model = None
    if len(residual) and (len(residual) < MIN_COMMENTS or k == 1):
        theme_u[residual] = offset
        k_source = "too_few" if len(residual) < MIN_COMMENTS else k_source
    elif len(residual):
        from sklearn.cluster import KMeans

        fit = np.sort(rng.choice(residual, fit_size, replace=False)) if len(residual) > fit_size else residual
        model, z_fit = fit_space([docs[i] for i in fit], random_state)
        if k is None:
            select = (np.sort(rng.choice(len(fit), SELECT_SIZE, replace=False)) if len(fit) > SELECT_SIZE
                      else np.arange(len(fit)))
            k, k_scores = choose_k(z_fit[select], [docs[fit[i]] for i in select], random_state)
        k = min(int(k), len(fit))
        model.kmeans = KMeans(k, n_init=10 if len(fit) <= 5000 else 3, random_state=random_state).fit(z_fit)
        theme_u[fit] = offset + model.kmeans.labels_
        rest = np.setdiff1d(residual, fit)
        for start in range(0, len(rest), 50_000):  # the rest assigned in linear time, in chunks
            chunk = rest[start:start + 50_000]
            theme_u[chunk] = offset + model.kmeans.predict(model.embed([docs[i] for i in chunk]))
    origin = [("dictionary", dictionary.entries[e]) for e in used_entries] + [("discovered", None)] * (
        int(theme_u.max()) + 1 - offset if theme_u.max() >= offset else 0)
    theme_u, order = _renumber_by_size(theme_u, codes)
    origin = [origin[i] for i in order]
    safe = np.maximum(codes, 0)
    theme = np.where(codes >= 0, theme_u[safe], NO_THEME)
    sentiment = np.where(codes >= 0, text_sentiment_u[safe], np.nan)
    if ratings is not None:
        sentiment = combine(sentiment, np.asarray(ratings, dtype=float))
    language = np.where(codes >= 0, lang_u[safe], None)
    lang = lang or _main_language(language)
    table = _describe(theme, theme_u, codes, docs, masked_u, sentiment, language, model, origin, lang)
    if dictionary is not None and dictionary.names:  # the user's labels of discovered themes (same comments)
        found = [i for i, row in enumerate(table) if row["source"] == "discovered"]
        named = {found[p]: label for p, label in dictionary.labels_for([table[i]["words"] for i in found]).items()}
        for position, label in named.items():
            table[position]["label"] = label
        joins = _joins(table, named)
        if joins:  # a merge: themes named alike become one, each bringing all its comments
            target = np.arange(len(table))
            target[list(joins)] = list(joins.values())
            labels = {target[t]: label for t, label in named.items()}
            theme_u, order = _renumber_by_size(np.where(theme_u >= 0, target[np.maximum(theme_u, 0)], NO_THEME), codes)
            origin = [origin[i] for i in order]
            theme = np.where(codes >= 0, theme_u[safe], NO_THEME)
            table = _describe(theme, theme_u, codes, docs, masked_u, sentiment, language, model, origin, lang)
            for new, old in enumerate(order):
                if old in labels:
                    table[new]["label"] = labels[old]
    no_content = int(((codes < 0) | empty_u[safe]).sum())
    return Themes(theme, sentiment, language, [masked_u[c] if c >= 0 else None for c in codes], table, k_scores,
                  k_source, no_content, [docs[c] if c >= 0 else [] for c in codes])


PARALLEL_FROM = 200_000  # distinct comments from which text preparation runs in worker processes


def _prepare(texts: list[str], dictionary: Dictionary | None) -> tuple:
    """Masked text, language, stems (with bigrams), 'nothing to say', text sentiment and dictionary entry of each
    comment."""
    tokenizer = Tokenizer()
    scorer = Scorer(tokenizer)
    masked, langs, docs, empty, sentiment, entry = [], [], [], [], [], []
    for text in texts:
        m, lang, words, stems = tokenizer.comment(text)
        nothing = not stems or " ".join(words) in NO_CONTENT
        masked.append(m)
        langs.append(lang)
        docs.append(stems)
        empty.append(nothing)
        sentiment.append(scorer.score_words(words, lang))
        entry.append(dictionary.match(stems) if dictionary is not None and not nothing else -1)
    return masked, langs, docs, empty, sentiment, entry


def _prepare_all(texts: list[str], dictionary: Dictionary | None) -> tuple:
    """``_prepare`` in this process, or split over worker processes (spawned, not forked: the dashboard runs
    threads) for many comments."""
    workers = min(os.cpu_count() or 1, 8)
    if len(texts) < PARALLEL_FROM or workers < 2:
        parts = [_prepare(texts, dictionary)]
    else:
        size = -(-len(texts) // workers)
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            parts = list(pool.map(_prepare, chunks, [dictionary] * len(chunks)))
    joined = [[x for part in parts for x in part[i]] for i in range(6)]
    return (joined[0], np.array(joined[1], dtype=object), joined[2], np.array(joined[3], dtype=bool),
            np.array(joined[4], dtype=float), np.array(joined[5], dtype=int))


def _main_language(language: np.ndarray) -> str:
    values = pd.Series(language).dropna()
    es, en = int((values == "es").sum()), int((values == "en").sum())
    return "es" if es > en else "en"


def fit_space(docs: list[list[str]], random_state: int) -> tuple[_Model, np.ndarray]:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    n = len(docs)
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=2 if n >= 50 else 1,
                                 max_df=0.5 if n >= 50 else 1.0)
    try:
        x = vectorizer.fit_transform(docs)
    except ValueError:  # every term pruned: fall back to all terms
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
        x = vectorizer.fit_transform(docs)
    dims = min(LSA_DIMS, x.shape[1] - 1, n - 1)
    svd = TruncatedSVD(dims, random_state=random_state) if dims >= 2 else None
    z = svd.fit_transform(x) if svd is not None else x.toarray()
    return _Model(vectorizer, svd, None), normalize(z)


def choose_k(z: np.ndarray, docs: list[list[str]], random_state: int = 0) -> tuple[int, list[dict]]:
    """The k in 4 … min(15, ⌊√(n/2)⌋) with the best stability × (1 + coherence) / 2 among those whose smallest
    theme has at least max(5, 2 % of n) comments; near ties go to the more diverse top terms.

    Stability is the mean pairwise ARI of k-means over 5 seeds; coherence the mean NPMI of each theme's top-10
    single words over the comments. Both favour k = 2 on short texts whatever their structure (measured on
    BANKING77, where two themes score NMI 0.20), so the search starts at 4 (at 2 when n is too small)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    n = len(z)
    top = max(2, min(MAX_K, int(np.sqrt(n / 2))))
    low = min(MIN_K, top)
    counts, vocabulary = term_counts(docs)
    present = (counts > 0).astype(np.float32).tocsc()
    single = np.array([" " not in str(v) for v in vocabulary])
    rows = []
    for k in range(low, top + 1):
        runs = [KMeans(k, n_init=1, random_state=random_state + s).fit_predict(z) for s in range(SEEDS)]
        stability = float(np.mean([adjusted_rand_score(a, b) for a, b in combinations(runs, 2)]))
        labels = runs[0]
        tops = top_terms(counts, labels, k, 40)
        terms = [t[single[t]][:10] for t in tops]  # single words, as NPMI is defined
        coherence = float(np.mean([npmi(present, t) for t in terms if len(t) >= 2] or [0.0]))
        flat = [t for group in tops for t in group[:25]]  # the top 25 of each: a prefix of the top 40
        sizes = np.bincount(labels, minlength=k)
        rows.append({"k": k, "stability": stability, "coherence": coherence,
                     "diversity": len(set(flat)) / max(len(flat), 1), "smallest": int(sizes.min()),
                     "eligible": bool(sizes.min() >= max(5, 0.02 * n)),
                     "score": stability * (1 + coherence) / 2})
    eligible = [r for r in rows if r["eligible"]] or rows[:1]
    best = max(r["score"] for r in eligible)
    close = [r for r in eligible if r["score"] >= best - 0.01]  # a near tie: the more diverse terms win
    chosen = max(close, key=lambda r: (r["diversity"], -r["k"]))["k"]
    for r in rows:
        r["chosen"] = r["k"] == chosen
    return chosen, rows


def _joins(table: list[dict], named: dict[int, str]) -> dict[int, int]:
    """Themes to fold into another (theme → the one it joins): discovered themes given one label by the user's
    names, with the dictionary theme of that label when there is one (which they join), else the largest."""
    groups: dict[str, list[int]] = {}
    for position, label in named.items():
        groups.setdefault(fold(label), []).append(position)
    for position, row in enumerate(table):
        if row["source"] == "dictionary" and fold(row["label"]) in groups:
            groups[fold(row["label"])].insert(0, position)
    joins = {}
    for members in groups.values():
        if len(members) > 1:
            into = members[0] if table[members[0]]["source"] == "dictionary" else min(members)
            joins.update({m: into for m in members if m != into})
    return joins


def _renumber_by_size(theme_u: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Theme 0 is the largest (counting repeated comments), then 1, …; ties by the old number. Returns the new
    numbers and, for each new number, the old one."""
    if not (theme_u >= 0).any():
        return theme_u, np.array([], dtype=int)
    assigned = theme_u[codes[codes >= 0]]
    sizes = np.bincount(assigned[assigned >= 0], minlength=int(theme_u.max()) + 1)
    order = np.argsort(-sizes, kind="stable")
    order = order[sizes[order] > 0]
    new = np.full(len(sizes), NO_THEME)
    new[order] = np.arange(len(order))
    return np.where(theme_u >= 0, new[np.maximum(theme_u, 0)], NO_THEME), order


def _describe(theme, theme_u, codes, docs, masked_u, sentiment, language, model, origin, lang) -> list[dict]:
    """Label, words, size, share, negativity, mean sentiment, language and 3 representative comments of each
    theme; where it comes from (the dictionary or discovered)."""
    k = len(origin)
    if not k:
        return []
    weight = np.bincount(codes[codes >= 0], minlength=len(theme_u)).astype(float)  # copies of each comment
    themed = np.flatnonzero(theme_u >= 0)
    if len(themed) > DESCRIBE_SIZE:  # terms and labels from a random sample of the distinct comments
        themed = np.sort(np.random.default_rng(0).choice(themed, DESCRIBE_SIZE, replace=False))
    counts, vocabulary = term_counts([docs[i] for i in themed])
    counts = sparse.diags(weight[themed]) @ counts
    surface = surface_forms([masked_u[i] for t in range(k) for i in themed[theme_u[themed] == t][:SURFACE_SIZE]])
    top = top_terms(counts.tocsr(), theme_u[themed], k, 12)
    on = theme >= 0
    sizes = np.bincount(theme[on], minlength=k).astype(float)
    negative = np.bincount(theme[on], weights=(sentiment[on] <= NEGATIVE_AT).astype(float), minlength=k)
    known = on & ~np.isnan(sentiment)
    sentiment_sum = np.bincount(theme[known], weights=sentiment[known], minlength=k)
    sentiment_n = np.bincount(theme[known], minlength=k)
    out = []
    for t in range(k):
        members = themed[theme_u[themed] == t]
        stems = [str(vocabulary[i]) for i in top[t]]
        terms = [written(term, surface) for term in stems]
        source, entry = origin[t]
        languages = pd.Series(language[theme == t]).value_counts()
        out.append({"theme_id": t, "label": entry.name(lang) if entry is not None else readable_label(terms),
                    "source": source, "dictionary_id": entry.id if entry is not None else None,
                    "terms": terms[:5], "words": defining_words(terms), "size": int(sizes[t]), "share": sizes[t] / sizes.sum(),
                    "share_negative": negative[t] / sizes[t] if sizes[t] else np.nan,
                    "mean_sentiment": sentiment_sum[t] / sentiment_n[t] if sentiment_n[t] else np.nan,
                    "language": str(languages.index[0]) if len(languages) else "",
                    "examples": _examples(members, masked_u, docs, model if source == "discovered" else None,
                                          weight)})
    return out


def _examples(members: np.ndarray, masked_u: list[str], docs, model: _Model | None, weight: np.ndarray) -> list[str]:
    """Three distinct comments nearest the theme's centre (the most repeated ones when there is no model)."""
    if model is None or model.kmeans is None or len(members) <= 3:
        order = members[np.argsort(-weight[members], kind="stable")]
        return [masked_u[i] for i in order[:3]]
    from sklearn.preprocessing import normalize

    sample = members if len(members) <= 5000 else members[:: int(np.ceil(len(members) / 5000))]
    z = model.embed([docs[i] for i in sample])
    centre = normalize(z.mean(axis=0, keepdims=True))
    best = sample[np.argsort(-(z @ centre.T).ravel(), kind="stable")[:3]]
    return [masked_u[i] for i in best]
