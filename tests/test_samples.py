"""The bundled samples: generated from the seed, consistent with their planted truth, read exactly by cj."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cj import columns as C
from cj import load_journey
from cj.samples import SAMPLE_DIR, SAMPLES

TRUTH = json.loads((SAMPLE_DIR / "truth.json").read_text(encoding="utf-8"))
CSV = [SAMPLE_DIR / "oficina_tecnica_csv" / "puntos_de_contacto.csv", SAMPLE_DIR / "oficina_tecnica_csv" / "respuestas.csv"]


@pytest.fixture(scope="module")
def office():
    return load_journey(SAMPLES["oficina_tecnica"])


@pytest.fixture(scope="module")
def hotel():
    return load_journey(SAMPLES["hotel_stay"])


def test_generator_is_deterministic_and_the_shipped_files_are_its_output(tmp_path: Path) -> None:
    from sample_data.generate import generate

    generate(tmp_path)
    for name in ("oficina_tecnica.xlsx", "hotel_stay.xlsx", "oficina_tecnica_csv/respuestas.csv", "truth.json"):
        assert (tmp_path / name).read_bytes() == (SAMPLE_DIR / name).read_bytes(), name


def test_office_rows_are_accounted_exactly_as_planted(office) -> None:
    truth = TRUTH["oficina_tecnica"]
    report = office.validation
    assert report.rows_read == truth["response_rows"] == 18140
    planted = truth["planted_rows"]
    expected_rejected = sorted(planted["bad_score"] + planted["out_of_range"] + planted["missing_touchpoint"])
    assert sorted(report.rejected[C.ROW].tolist()) == expected_rejected
    assert report.rows_used == report.rows_read - len(expected_rejected)
    na = next(w for w in report.warnings if w.code == "na_codes")
    assert na.params["n"] == len(planted["not_applicable"]) == 10
    typo = [w for w in report.warnings if w.code == "touchpoint_typo"]
    assert [(w.value, w.params["name"], w.params["n"]) for w in typo] == [("Newsleter", "Newsletter", 2)]
    assert ("hidden_sheet", "Cálculos") in {(w.code, w.sheet) for w in report.warnings}
    assert report.touchpoints_read == 10


def test_spelling_variants_of_billing_are_one_touchpoint(office) -> None:
    billing = office.ratings[office.ratings[C.TOUCHPOINT] == "Facturación"]
    assert len(billing) == 2398  # every respondent but the one whose score was made unreadable
    assert "facturacion" not in office.touchpoints[C.TOUCHPOINT].tolist()


def test_csv_variant_reads_to_the_same_ratings_as_the_workbook(office) -> None:
    from_csv = load_journey(CSV)
    columns = [C.ROW, C.RESPONDENT, C.TOUCHPOINT, C.SCORE_RAW, C.WAVE, C.SEGMENT]
    left = office.ratings[columns].astype(str).reset_index(drop=True)
    right = from_csv.ratings[columns].astype(str).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)
    assert (office.ratings[C.DATE].to_numpy() == from_csv.ratings[C.DATE].to_numpy()).all()
    assert from_csv.touchpoints[C.INTERNAL_SCORE].equals(office.touchpoints[C.INTERNAL_SCORE])


def _ols(journey) -> dict[str, float]:
    """OLS of the outcome on every touchpoint's centred score (0 where not used), by numpy.

    That is the generating model of planted.py, so the estimates must land near the planted
    coefficients (rounding the outcome to whole points and clipping it to the scale add noise).
    """
    wide = journey.ratings.pivot_table(index=C.RESPONDENT, columns=C.TOUCHPOINT, values=C.SCORE_RAW, observed=True)
    names = [t for t in journey.touchpoints[C.TOUCHPOINT] if journey.touchpoints.set_index(C.TOUCHPOINT).at[t, C.IN_TABLE]]
    centred = (wide[names] - wide[names].mean()).fillna(0.0)
    data = centred.join(journey.respondents.set_index(C.RESPONDENT)[C.OVERALL_RAW]).dropna()
    x = np.column_stack([np.ones(len(data)), data[names].to_numpy()])
    beta, *_ = np.linalg.lstsq(x, data[C.OVERALL_RAW].to_numpy(), rcond=None)
    return dict(zip(names, beta[1:]))


@pytest.mark.parametrize("key", ["oficina_tecnica", "hotel_stay"])
def test_planted_drivers_are_recovered_by_plain_ols(key: str, office, hotel) -> None:
    beta = _ols(office if key == "oficina_tecnica" else hotel)
    truth = TRUTH[key]["coefficients"]
    for name, value in beta.items():
        assert value == pytest.approx(truth[name], abs=0.12), name
    top = sorted(beta, key=beta.get, reverse=True)[:3]
    assert set(top) == set(TRUTH[key]["true_driver_order"][:3])


def test_hotel_wide_layout_is_read_whole(hotel) -> None:
    report = hotel.validation
    assert (report.rows_read, report.rows_used, report.rows_rejected) == (3000, 3000, 0)
    assert report.tables[0].layout == "wide"
    reach = hotel.ratings.groupby(C.TOUCHPOINT, observed=True)[C.RESPONDENT].nunique() / 3000
    assert reach["Trip preparation"] == pytest.approx(TRUTH["hotel_stay"]["reach"]["Trip preparation"], abs=0.04)
    assert reach["Room"] == 1.0
    assert hotel.touchpoints[C.EFFORT_UNIT].unique().tolist() == ["days"]
    assert len(hotel.comments) == sum(TRUTH["hotel_stay"]["theme_counts"].values())


def test_planted_themes_are_in_the_comments(office) -> None:
    truth = TRUTH["oficina_tecnica"]
    by_row = office.comments.set_index(C.ROW)[C.COMMENT]
    rows = truth["comment_rows"]["factura_confusa"]
    assert len(rows) == truth["theme_counts"]["factura_confusa"] > 50
    assert all("factur" in by_row[r].lower() or "cobr" in by_row[r].lower() or "cargo" in by_row[r].lower()
               or "importe" in by_row[r].lower() for r in rows)


@pytest.mark.parametrize("lang,field_header", [("es", "Punto de contacto"), ("en", "Touchpoint")])
def test_template_is_read_back_without_a_single_problem(lang: str, field_header: str) -> None:
    name = {"es": "plantilla_cj_es.xlsx", "en": "template_cj_en.xlsx"}[lang]
    journey = load_journey([SAMPLE_DIR / name])
    report = journey.validation
    assert (report.rows_read, report.rows_used, report.rows_rejected, report.touchpoints_read) == (3, 3, 0, 3)
    assert report.mapping[C.TOUCHPOINT] == field_header
    assert {C.RESPONDENT, C.DATE, C.SEGMENT, C.CHANNEL, C.SCORE, C.COMMENT, C.OVERALL, C.STAGE, C.EFFORT,
            C.INTERNAL_SCORE, C.TARGET, C.KEY, C.MOMENT, C.OWNER, C.ORDER} <= set(report.mapping)
    assert len(journey.ratings) == 2 and len(journey.comments) == 2
    assert not [w for w in report.warnings if w.code.startswith("touchpoint_") or w.code == "sheet_ignored"
                and w.sheet not in ("Instrucciones", "Instructions")]
