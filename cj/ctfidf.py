"""Class-based TF-IDF (Grootendorst 2022, as BERTopic implements it; METHODS §5.2) for theme labels, and
the VADER-style normalisation of a sentiment sum (METHODS §5.4)."""
from __future__ import annotations

import numpy as np


def class_tfidf(counts: np.ndarray) -> np.ndarray:
    """W = (class rows L1-normalised) · ln(1 + A / tf_t), A = int(mean words per class), tf_t over all classes.

    >>> class_tfidf(np.array([[2, 0], [0, 2]])).round(6).tolist()
    [[0.693147, 0.0], [0.0, 0.693147]]
    """
    counts = np.asarray(counts, dtype=float)
    rows = counts.sum(axis=1, keepdims=True)
    tf = counts / np.where(rows == 0, 1, rows)
    total = counts.sum(axis=0)
    average = int(counts.sum(axis=1).mean())
    idf = np.log(1 + average / np.where(total == 0, np.inf, total))
    return tf * idf


def normalise_sentiment(score: float, alpha: float = 15.0) -> float:
    """x / √(x² + α), VADER's compound normalisation into (−1, 1)."""
    return float(score / np.sqrt(score * score + alpha))
