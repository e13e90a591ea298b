"""Clustering quality measures against METHODS O22 (scikit-learn's published docstring values and the
hand-computed toy)."""
from __future__ import annotations

import pytest
from sklearn.metrics import v_measure_score

from cj.quality import matched_accuracy, purity, scores


@pytest.mark.parametrize("labels,clusters,ari", [
    ([0, 0, 1, 1], [0, 0, 1, 1], 1.0), ([0, 0, 1, 2], [0, 0, 1, 1], 4 / 7), ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
])
def test_ari_published(labels, clusters, ari) -> None:
    assert scores(labels, clusters)["ari"] == pytest.approx(ari, abs=1e-6)


def test_nmi_and_v_measure_published() -> None:
    assert scores([0, 0, 0, 0], [0, 1, 2, 3])["nmi"] == pytest.approx(0.0, abs=1e-6)
    assert v_measure_score([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(0.8, abs=1e-6)
    assert scores([0, 0, 1, 2], [0, 0, 1, 1])["nmi"] == pytest.approx(0.8, abs=1e-6)  # NMI = V-measure
    assert scores([0, 1, 2, 3], [0, 0, 1, 1])["nmi"] == pytest.approx(0.67, abs=5e-3)


def test_toy_by_hand() -> None:
    y, c = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2], [1, 1, 0, 0, 0, 0, 2, 2, 2, 1]
    # clusters 0 {0,1,1,1}, 1 {0,0,2}, 2 {2,2,2}: majorities 3 + 2 + 3 = 8 of 10; the one-to-one map is the same
    assert purity(y, c) == pytest.approx(0.8) and matched_accuracy(y, c) == pytest.approx(0.8)
    result = scores(y, c)
    assert result["nmi"] == pytest.approx(0.618066, abs=1e-6) and result["ari"] == pytest.approx(0.431818, abs=1e-6)


def test_accuracy_is_one_to_one_where_purity_is_not() -> None:
    # every item in its own cluster: purity is 1, but only one item per class can be matched
    assert purity([0, 0, 1, 1], [0, 1, 2, 3]) == 1.0 and matched_accuracy([0, 0, 1, 1], [0, 1, 2, 3]) == 0.5


@pytest.mark.parametrize("seed", range(20))
def test_scores_do_not_depend_on_the_names_of_clusters_or_labels(seed: int) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    y, c = rng.integers(0, 5, 200), rng.integers(0, 6, 200)
    renamed_y, renamed_c = rng.permutation(5)[y], rng.permutation(6)[c] + 10
    assert scores(renamed_y, renamed_c) == pytest.approx(scores(y, c), abs=1e-12)
