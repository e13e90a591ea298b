"""The words of a theme (METHODS §5.1.8–9, §5.2): term counts, each theme's top terms by c-TF-IDF, their
coherence (NPMI), and the label and defining words written as customers wrote them."""
from __future__ import annotations

from itertools import combinations

import numpy as np
from scipy import sparse

from cj.ctfidf import class_tfidf
from cj.textprep import KEEP, Tokenizer


def term_counts(docs: list[list[str]]) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Documents × terms counts of token lists, and the terms in column order."""
    vocabulary: dict[str, int] = {}
    indices, indptr = [], [0]
    for doc in docs:
        indices.extend(vocabulary.setdefault(t, len(vocabulary)) for t in doc)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sparse.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)),
                               shape=(len(docs), len(vocabulary)))
    matrix.sum_duplicates()
    return matrix, np.array(list(vocabulary), dtype=object)


def top_terms(counts: sparse.csr_matrix, labels: np.ndarray, k: int, size: int) -> list[np.ndarray]:
    """Each theme's top term indices by c-TF-IDF (terms of weight 0 left out)."""
    members = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    weights = class_tfidf((members @ counts).toarray())
    tops = [np.argsort(-row, kind="stable")[:size] for row in weights]
    return [top[row[top] > 0] for top, row in zip(tops, weights)]


def npmi(present: sparse.csc_matrix, terms: np.ndarray) -> float:
    """Mean normalised PMI over pairs of terms, from the documents they appear in together (Röder et al.)."""
    n = present.shape[0]
    columns = present[:, terms]
    together = (columns.T @ columns).toarray() / n
    single = np.diag(together)
    values = []
    for i, j in combinations(range(len(terms)), 2):
        p = together[i, j]
        if p <= 0:
            values.append(-1.0)
        elif p >= 1:
            values.append(1.0)
        else:
            values.append(float(np.log(p / (single[i] * single[j])) / -np.log(p)))
    return float(np.mean(values))


def surface_forms(texts: list[str]) -> dict[str, str]:
    """Stem → the word customers wrote most often for it (lower-case, accents kept)."""
    tracker = Tokenizer()
    tracker.track_surface = True
    for text in texts:
        tracker.comment(text)
    return {stem: max(seen.items(), key=lambda kv: (kv[1], -len(kv[0])))[0] for stem, seen in tracker.surface.items()}


def defining_words(terms: list[str], size: int = 8) -> list[str]:
    """The words that can define a theme in the dictionary: no lone negator or intensifier ('no', 'muy'),
    which would pull in any comment.

    >>> defining_words(["factura", "no", "factura no", "muy", "errores", "factura"])
    ['factura', 'factura no', 'errores']
    """
    return list(dict.fromkeys(t for t in terms if not set(t.split()) <= KEEP))[:size]


def written(term: str, surface: dict[str, str]) -> str:
    return " ".join(surface.get(part, part) for part in term.split(" "))


def readable_label(terms: list[str]) -> str:
    """Up to three terms, none repeating a word of an earlier one, no lone negator or intensifier:
    'factura · errores', 'no funciona · wifi'."""
    chosen: list[str] = []
    for term in terms:
        words = set(term.split())
        if words <= KEEP or any(words & set(c.split()) for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == 3:
            break
    label = " · ".join(chosen) if chosen else "—"
    return label[:1].upper() + label[1:]
