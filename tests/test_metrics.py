"""Touchpoint metrics against hand computations and the samples' planted truth (issue 3 groundwork)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from cj import Source, load_journey
from cj.metrics import touchpoint_metrics
from cj.samples import SAMPLE_DIR, SAMPLES
from tests.builders import csv_bytes


def test_metrics_by_hand_on_a_small_journey() -> None:
    touchpoints = csv_bytes([["Punto de contacto", "Valoración interna (1-5)", "Objetivo"], ["Web", 5, 4],
                             ["Blog", 3, 80]])
    rows = [["id", "Punto de contacto", "Puntuación (1-5)"], [1, "Web", 4], [2, "Web", 5], [3, "Web", 3],
            [4, "Web", 2], [1, "Blog", 1], [5, "Web", 4]]
    journey = load_journey([Source("tp.csv", touchpoints), Source("r.csv", csv_bytes(rows))])
    web, blog = touchpoint_metrics(journey).to_dict("records")
    # Web: 4, 5, 3, 2, 4 on 1–5 -> 75, 100, 50, 25, 75 on 0–100; mean 65; s = √(3250/4) = 28.504; t(4) = 2.7764
    assert (web["n"], web["mean"], web["mean_0_100"]) == (5, 3.6, 65.0)
    assert web["reach"] == pytest.approx(5 / 5)
    assert (web["ci_low"], web["ci_high"]) == (pytest.approx(65 - 2.7764 * 28.5044 / np.sqrt(5), abs=1e-3),
                                               pytest.approx(65 + 2.7764 * 28.5044 / np.sqrt(5), abs=1e-3))
    assert (web["pct_negative"], web["pct_positive"]) == (20.0, 60.0)  # {2} of 5; {4, 5, 4} of 5
    assert web["perception_gap"] == pytest.approx(100 - 65)            # internal 5 on 1–5 = 100
    assert web["target_gap"] == pytest.approx(75 - 65)                 # target 4 on 1–5 = 75
    assert web["small_n"] == "hidden"
    assert (blog["n"], blog["reach"], blog["target_gap"]) == (1, pytest.approx(1 / 5), pytest.approx(80 - 0))


def test_office_sample_means_and_the_planted_perception_gap() -> None:
    journey = load_journey(SAMPLES["oficina_tecnica"])
    metrics = touchpoint_metrics(journey).set_index("touchpoint")
    plain = journey.ratings.groupby("touchpoint", observed=True)["score_raw"].mean()
    assert metrics.loc[plain.index, "mean"].to_numpy() == pytest.approx(plain.to_numpy())
    truth = json.loads((SAMPLE_DIR / "truth.json").read_text(encoding="utf-8"))["oficina_tecnica"]
    in_table = metrics.drop(index="Newsleter")
    assert in_table["perception_gap"].idxmax() == truth["perception_gap_largest"] == "Facturación"
    assert metrics.loc["Newsleter", "small_n"] == "hidden" and metrics.loc["Proyecto", "small_n"] == ""
    assert metrics.loc["Facturación", "reach"] == pytest.approx(2398 / journey.respondents.shape[0])
