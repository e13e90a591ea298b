"""Column mapping: Spanish and English synonyms from SPEC, insensitive to case, accents, spaces, units."""
from __future__ import annotations

import pytest

from cj import CjReadError, Source, load_journey
from cj import columns as C
from cj.headers import find_header_row, map_headers, scale_hint, unit_hint
from tests.builders import csv_bytes

# SPEC "Inputs": every Spanish header listed there must map.
SPEC_HEADERS = [
    ("punto de contacto", C.TOUCHPOINT), ("etapa", C.STAGE), ("fase", C.STAGE), ("orden", C.ORDER),
    ("posición", C.ORDER), ("canal", C.CHANNEL), ("responsable", C.OWNER), ("departamento", C.OWNER),
    ("área", C.OWNER), ("momento de la verdad", C.MOMENT), ("esfuerzo", C.EFFORT), ("coste", C.EFFORT),
    ("valoración interna", C.INTERNAL_SCORE), ("puntuación interna", C.INTERNAL_SCORE), ("objetivo", C.TARGET),
    ("meta", C.TARGET), ("clave", C.KEY), ("encuestado", C.RESPONDENT), ("cliente", C.RESPONDENT), ("id", C.RESPONDENT),
    ("puntuación", C.SCORE), ("valoración", C.SCORE), ("nota", C.SCORE), ("comentario", C.COMMENT),
    ("observaciones", C.COMMENT), ("texto", C.COMMENT), ("fecha", C.DATE), ("segmento", C.SEGMENT),
    ("persona", C.SEGMENT), ("tipo de cliente", C.SEGMENT), ("satisfacción general", C.OVERALL),
    ("recomendación", C.OVERALL), ("NPS", C.OVERALL), ("¿nos recomendarías?", C.OVERALL),
    ("touchpoint", C.TOUCHPOINT), ("Overall satisfaction", C.OVERALL), ("Comments", C.COMMENT),
]


@pytest.mark.parametrize("header,field", SPEC_HEADERS)
def test_spec_synonym_maps_whatever_its_case_accents_and_spacing(header: str, field: str) -> None:
    for variant in (header, header.upper(), f"  {header.title()}\n", header.replace(" ", "  ")):
        assert map_headers([variant]) == {field: variant}


def test_headers_with_line_breaks_and_units() -> None:
    headers = ["ID\nencuestado", "Punto de\ncontacto", "Puntuación (1-5)", "Esfuerzo (días)", "NPS [0–10]"]
    assert map_headers(headers) == {C.RESPONDENT: headers[0], C.TOUCHPOINT: headers[1], C.SCORE: headers[2],
                                    C.EFFORT: headers[3], C.OVERALL: headers[4]}
    assert scale_hint("Puntuación (1-5)") == (1.0, 5.0)
    assert scale_hint("Emoción (-2 a +2)") == (-2.0, 2.0)
    assert scale_hint("NPS [0–10]") == (0.0, 10.0)
    assert unit_hint("Esfuerzo (días)") == "days" and unit_hint("Esfuerzo (1-5)") == ""


def test_exact_synonym_beats_contained_one_and_each_header_used_once() -> None:
    headers = ["Valoración", "Valoración interna", "Canal de reserva"]
    assert map_headers(headers) == {C.SCORE: "Valoración", C.INTERNAL_SCORE: "Valoración interna",
                                    C.CHANNEL: "Canal de reserva"}


def test_header_row_is_found_below_title_lines() -> None:
    rows = [["Informe trimestral", "", ""], ["Generado 2026-01-01", "", ""], ["ID", "Touchpoint", "Score"], [1, "Web", 4]]
    assert find_header_row(rows) == 2


def test_user_override_and_mapping_shown() -> None:
    data = csv_bytes([["cliente", "paso", "valor", "nota"], [1, "Web", 4, "bien"]])
    journey = load_journey([Source("o.csv", data)], mapping={"touchpoint": "paso", "score": "valor", "comment": "nota"})
    assert journey.validation.mapping == {C.RESPONDENT: "cliente", C.TOUCHPOINT: "paso", C.SCORE: "valor",
                                          C.COMMENT: "nota"}
    assert journey.ratings[C.SCORE_RAW].tolist() == [4.0]
    assert journey.comments[C.COMMENT].tolist() == ["bien"]


def test_override_naming_a_missing_header_is_one_clear_sentence() -> None:
    data = csv_bytes([["id", "nps", "comment"], [1, 9, "ok"]])
    with pytest.raises(CjReadError) as err:
        load_journey([Source("responses.csv", data)], mapping={"score": "Puntos"})
    assert err.value.message() == ("--map score=Puntos: no column is named 'Puntos'. "
                                   "Columns found: ['id', 'nps', 'comment'].")
    with pytest.raises(CjReadError) as err:
        load_journey([Source("responses.csv", data)], mapping={"puntos": "nps"})
    assert err.value.code == "map_unknown_field"


def test_file_without_score_or_touchpoint_columns_names_what_it_found() -> None:
    data = csv_bytes([["id", "fecha", "segmento"], [1, "2026-01-01", "Pyme"]])
    with pytest.raises(CjReadError) as err:
        load_journey([Source("responses.csv", data)])
    assert err.value.message() == ("responses.csv: no column maps to 'score' or to touchpoints. "
                                   "Columns found: ['id', 'fecha', 'segmento'].")
    assert err.value.message("es").startswith("responses.csv: ninguna columna corresponde a 'score'")
