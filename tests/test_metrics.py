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
    # the t-interval 65 ± 2.7764·28.5044/√5 runs to 100.39: cut at the top of the 0–100 scale (as METHODS clips
    # the NPS interval to ±100)
    assert 65 + 2.7764 * 28.5044 / np.sqrt(5) > 100
    assert (web["ci_low"], web["ci_high"]) == (pytest.approx(65 - 2.7764 * 28.5044 / np.sqrt(5), abs=1e-3), 100.0)
    assert (web["pct_negative"], web["pct_positive"]) == (20.0, 60.0)  # {2} of 5; {4, 5, 4} of 5
    assert web["perception_gap"] == pytest.approx(100 - 65)            # internal 5 on 1–5 = 100
    assert web["target_gap"] == pytest.approx(75 - 65)                 # target 4 on 1–5 = 75
    assert web["small_n"] == "hidden"
    assert (blog["n"], blog["reach"], blog["target_gap"]) == (1, pytest.approx(1 / 5), pytest.approx(80 - 0))


def test_box_intervals_are_wilson_as_in_o16() -> None:
    # Tienda: 60 ratings, 45 of them 4 or 5 (top-2-box) and none 1 or 2; Caja: 10 ratings, none in the bottom box
    rows = [["id", "Punto de contacto", "Puntuación (1-5)"]]
    rows += [[i, "Tienda", 5 if i < 45 else 3] for i in range(60)] + [[i, "Caja", 4] for i in range(10)]
    journey = load_journey(Source("r.csv", csv_bytes(rows)))  # one source, not a list
    tienda, caja = touchpoint_metrics(journey).to_dict("records")
    assert tienda["pct_positive"] == 75.0
    assert (tienda["pct_positive_low"], tienda["pct_positive_high"]) == (pytest.approx(62.77, abs=1e-2),
                                                                         pytest.approx(84.22, abs=1e-2))
    assert (tienda["pct_negative_low"], tienda["pct_negative"]) == (0.0, 0.0)
    assert (caja["pct_negative_low"], caja["pct_negative_high"]) == (0.0, pytest.approx(27.75, abs=1e-2))


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


def test_per_segment_metrics_and_curves_by_hand() -> None:
    from cj.metrics import curves_by, emotion_curve

    # 40 'Pyme' respondents rate Web 4 and Factura 2; 30 'Gran empresa' rate Web 5 and, 15 of them, Factura 1
    rows = [["id", "Segmento", "Punto de contacto", "Puntuación (1-5)"]]
    rows += [r for i in range(40) for r in ([i, "Pyme", "Web", 4], [i, "Pyme", "Factura", 2])]
    rows += [[100 + i, "Gran empresa", "Web", 5] for i in range(30)]
    rows += [[100 + i, "Gran empresa", "Factura", 1] for i in range(15)]
    journey = load_journey([Source("s.csv", csv_bytes(rows))])
    groups = {g["group"]: g for g in curves_by(journey, "segment")}
    assert sorted(groups) == ["Gran empresa", "Pyme"]
    pyme = {t["touchpoint"]: t for t in groups["Pyme"]["touchpoints"]}
    big = {t["touchpoint"]: t for t in groups["Gran empresa"]["touchpoints"]}
    assert (pyme["Web"]["mean_0_100"], pyme["Factura"]["mean_0_100"]) == (75.0, 25.0)
    assert (big["Web"]["mean_0_100"], big["Factura"]["mean_0_100"]) == (100.0, 0.0)
    assert (groups["Gran empresa"]["respondents"], big["Factura"]["reach"]) == (30, 0.5)  # 15 of the group's 30
    assert big["Factura"]["small_n"] == "hidden" and pyme["Factura"]["small_n"] == "indicative"
    # the curve leaves n < 30 out: for 'Gran empresa' only Web is drawn
    assert [p["touchpoint"] for p in groups["Gran empresa"]["curve"]["points"]] == ["Web"]
    whole = emotion_curve(touchpoint_metrics(journey))
    assert (whole["peak"], whole["trough"], whole["end"]) == ("Web", "Factura", "Factura")
    # valence of Web overall: top-2-box 70/70, bottom-2-box 0 -> 1.0
    assert whole["points"][0]["valence"] == 1.0
