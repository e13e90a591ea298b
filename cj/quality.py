"""How well themes recover known labels (METHODS §5.5): NMI and ARI (scikit-learn), AMI, V-measure, purity
and the Hungarian-matched accuracy. Used by the tests and ``bench/themes.py``; nothing here is shown to users.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn import metrics
from sklearn.metrics.cluster import contingency_matrix


def purity(labels, clusters) -> float:
    """Σ over clusters of its largest class, over N.

    >>> purity([0, 0, 0, 1, 1, 1, 2, 2, 2, 2], [1, 1, 0, 0, 0, 0, 2, 2, 2, 1])  # METHODS O22
    0.8
    """
    table = contingency_matrix(labels, clusters)
    return float(table.max(axis=0).sum() / table.sum())


def matched_accuracy(labels, clusters) -> float:
    """The share right under the best one-to-one map of clusters to classes (Hungarian on −C)."""
    table = contingency_matrix(labels, clusters)
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / table.sum())


def scores(labels, clusters) -> dict[str, float]:
    """NMI (arithmetic mean, = V-measure), ARI, AMI, purity and matched accuracy of one clustering."""
    labels, clusters = np.asarray(labels), np.asarray(clusters)
    return {"nmi": float(metrics.normalized_mutual_info_score(labels, clusters)),
            "ari": float(metrics.adjusted_rand_score(labels, clusters)),
            "ami": float(metrics.adjusted_mutual_info_score(labels, clusters)),
            "purity": purity(labels, clusters), "acc": matched_accuracy(labels, clusters)}
