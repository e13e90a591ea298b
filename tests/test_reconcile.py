"""Touchpoint names across sheets: folded when equal up to case/accents/spaces; typos warned, never merged."""
from __future__ import annotations

from cj import columns as C
from cj import load_journey
from tests.builders import write_xlsx

TABLE = [["Punto de contacto", "Etapa"], ["Facturación", "Compra"], ["Newsletter", "Postventa"], ["Web", "Interés"]]


def load(tmp_path, names: list[str]):
    responses = [["ID", "Punto de contacto", "Puntuación"]] + [[i, n, 3] for i, n in enumerate(names)]
    return load_journey([write_xlsx(tmp_path / "r.xlsx", {"Puntos de contacto": TABLE, "Respuestas": responses})])


def test_case_accent_and_space_variants_are_the_same_touchpoint(tmp_path) -> None:
    journey = load(tmp_path, ["Facturación", "facturacion ", "FACTURACIÓN", "  Web"])
    assert journey.ratings[C.TOUCHPOINT].astype(str).tolist() == ["Facturación"] * 3 + ["Web"]
    folded = sorted((w.value, w.params["n"]) for w in journey.validation.warnings if w.code == "touchpoint_folded")
    assert folded == [("FACTURACIÓN", 1), ("facturacion", 1)]
    assert journey.touchpoints[C.TOUCHPOINT].tolist() == ["Facturación", "Newsletter", "Web"]


def test_likely_typo_is_warned_with_the_suggestion_and_kept_apart(tmp_path) -> None:
    journey = load(tmp_path, ["Newsletter", "Newsleter", "Newsleter"])
    typo = [w for w in journey.validation.warnings if w.code == "touchpoint_typo"]
    assert [w.message() for w in typo] == [
        "'Newsleter' (2 row(s)) is not in the touchpoints table; did you mean 'Newsletter'? Kept apart, not merged."]
    assert typo[0].message("es") == ("'Newsleter' (2 fila(s)) no está en la tabla de puntos de contacto; "
                                     "¿quiso decir 'Newsletter'? Se mantiene aparte, sin fusionar.")
    assert journey.ratings[C.TOUCHPOINT].astype(str).tolist() == ["Newsletter", "Newsleter", "Newsleter"]
    row = journey.touchpoints.set_index(C.TOUCHPOINT).loc["Newsleter"]
    assert not row[C.IN_TABLE] and row[C.ORDER] == 4


def test_two_real_touchpoints_with_close_names_are_not_merged(tmp_path) -> None:
    table = [["Punto de contacto"], ["Email de bienvenida"], ["Email de despedida"]]
    responses = [["ID", "Punto de contacto", "Puntuación"], [1, "Email de bienvenida", 4], [1, "Email de despedida", 2]]
    journey = load_journey([write_xlsx(tmp_path / "t.xlsx", {"Puntos de contacto": table, "Respuestas": responses})])
    assert journey.ratings[C.TOUCHPOINT].astype(str).tolist() == ["Email de bienvenida", "Email de despedida"]
    assert not [w for w in journey.validation.warnings if w.code.startswith("touchpoint_")]


def test_unknown_touchpoint_without_close_match_is_added_and_said(tmp_path) -> None:
    journey = load(tmp_path, ["Web", "Aplicación móvil"])
    unknown = [w.message() for w in journey.validation.warnings if w.code == "touchpoint_unknown"]
    assert unknown == ["'Aplicación móvil' (1 row(s)) is not in the touchpoints table; added after the listed ones."]


def test_typo_among_derived_touchpoints_points_at_the_frequent_spelling(tmp_path) -> None:
    responses = [["ID", "Touchpoint", "Score"]] + [[i, "Check-in", 4] for i in range(5)] + [[9, "Chek-in", 2]]
    journey = load_journey([write_xlsx(tmp_path / "d.xlsx", {"R": responses})])
    typo = [w for w in journey.validation.warnings if w.code == "touchpoint_typo"]
    assert [(w.value, w.params["name"]) for w in typo] == [("Chek-in", "Check-in")]
