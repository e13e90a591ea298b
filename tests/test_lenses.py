"""Stage models and lenses (seeds 000, 002, 003, 004): which stage each touchpoint lands in, roll-ups checked
against pooled ratings computed by hand, and the default stage model when the sheet has no stages."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from cj import Source, load_journey
from cj import columns as C
from cj.analysis import analyze
from cj.lenses import LENS_ORDER, LENSES, assign_phases, lens_groups, phase_of
from cj.moments import assign_moments, lens_rollups, rollup
from cj.samples import SAMPLES
from cj.stats import mean_interval
from tests.builders import csv_bytes


def _groups(key: str, lens: str, **kw) -> dict[str, list[str]]:
    table = load_journey(SAMPLES[key]).touchpoints
    table = table[table[C.IN_TABLE].astype(bool)]
    return lens_groups(table, assign_phases(table, assign_moments(table)), lens, **kw)


def test_every_lens_of_seed_003_and_the_stage_models_have_their_stages_in_order() -> None:
    names = {lens: [s["es"] for s in LENSES[lens]["stages"]] for lens in LENSES}
    assert names["cycle"] == ["Momento cero de la verdad", "Conciencia", "Consideración", "Evaluación", "Compra",
                              "Lealtad"]
    assert names["funnel"][:3] == ["Captación", "Interés", "Compra"]
    assert names["functional"] == ["Marketing", "Ventas", "Servicio"]
    assert names["target"] == ["Adquisición", "Conversión", "Retención"]
    assert names["engagement"] == ["Awareness", "Interés", "Consideración", "Compra", "Post-compra", "Recompra"]
    assert names["goal"] == ["Marco de la decisión", "Toma de decisión", "Transacción", "Evaluación"]
    assert len(names["moments"]) == 7 and names["moments"][4] == "4 · Cuando algo falla"
    assert set(LENS_ORDER) - set(LENSES) == {"stages"}


@pytest.mark.parametrize("name,phase", [
    ("Reclamación por avería", "failure"), ("Complaint handling", "failure"), ("Facturación", "later"),
    ("Checkout & billing", "later"), ("Follow-up email", "later"), ("Reseña en Google", "advocacy"),
    ("Renovación del contrato", "loyalty"), ("Reserva online", "purchase"), ("Redes sociales", "awareness"),
    ("Búsqueda web", "research"), ("Consideration", "consideration"), ("Presupuesto", "evaluation"),
    ("Arrival & check-in", "use"), ("Llamada telefónica", None), ("Ad-hoc", None),
])
def test_phase_of_names(name: str, phase: str | None) -> None:
    assert phase_of(name) == phase


def test_oficina_tecnica_through_each_lens() -> None:
    # the touchpoint's own words first (Facturación, Seguimiento, Newsletter: later interactions; Redes sociales:
    # awareness; Blog, Web: research), then its stage (Llamada telefónica in Interés: consideration; Emails and
    # Proyecto in Compra: purchase), then its moment
    assert _groups("oficina_tecnica", "cycle") == {
        "zmot": ["Blog", "Web"], "awareness": ["Redes sociales"], "consideration": ["Llamada telefónica"],
        "purchase": ["Emails", "Proyecto"], "loyalty": ["Seguimiento", "Facturación", "Post servicio", "Newsletter"]}
    assert _groups("oficina_tecnica", "funnel") == {
        "capture": ["Redes sociales"], "interest": ["Blog", "Web", "Llamada telefónica"],
        "purchase": ["Emails", "Proyecto"], "after": ["Seguimiento", "Facturación", "Post servicio", "Newsletter"]}
    # functional: the owner's name decides where it says a department (Marketing, Comercial = sales); the
    # phase decides for Ingeniería and Administración
    assert _groups("oficina_tecnica", "functional") == {
        "marketing": ["Redes sociales", "Blog", "Web", "Newsletter"],
        "sales": ["Llamada telefónica", "Emails", "Proyecto", "Post servicio"],
        "service": ["Seguimiento", "Facturación"]}
    assert _groups("oficina_tecnica", "stages")["Compra"] == ["Emails", "Proyecto", "Seguimiento", "Facturación"]
    assert list(_groups("oficina_tecnica", "activities"))[:3] == ["Redes sociales", "Blog", "Web"]
    moments = _groups("oficina_tecnica", "moments", peak_end=("Blog", "Newsletter"))
    assert moments["m3"] == ["Seguimiento", "Facturación", "Newsletter"] and moments["m6"] == ["Blog", "Newsletter"]
    assert "m4" not in moments  # no touchpoint about failures: the empty moment is left out


def test_hotel_through_the_goal_and_engagement_lenses() -> None:
    assert _groups("hotel_stay", "goal") == {
        "frame": ["Search"], "decision": ["Trip preparation"], "transaction": ["Booking"],
        "evaluation": ["Arrival & check-in", "Room", "Restaurant & breakfast", "Wi-Fi", "Staff service",
                       "Checkout & billing", "Follow-up email"]}
    engagement = _groups("hotel_stay", "engagement")
    assert engagement["interest"] == ["Search"] and "repurchase" not in engagement


def _two_wave_journey(stage: bool = True):
    header = ["Punto de contacto", "Etapa", "Responsable"] if stage else ["Punto de contacto"]
    table = [header] + [[t, s, o][: len(header)] for t, s, o in (
        ("Búsqueda web", "Interés", "Marketing"), ("Reserva", "Compra", "Ventas"),
        ("Reclamación", "Postventa", "Atención al cliente"), ("Factura", "Postventa", "Finanzas"))]
    rng = np.random.default_rng(7)
    rows = [["id", "Ola", "Punto de contacto", "Puntuación (1-5)"]]
    for r in range(80):
        wave = "2026-1" if r < 40 else "2026-2"
        for name in ("Búsqueda web", "Reserva", "Reclamación", "Factura"):
            low = 1 if name == "Reclamación" and wave == "2026-1" else 2
            rows.append([f"R{r}", wave, name, int(rng.integers(low, 6))])
    journey = load_journey([Source("tp.csv", csv_bytes(table)), Source("r.csv", csv_bytes(rows))])
    return journey, rows[1:]


def test_lens_rollup_pools_ratings_and_tests_the_trend_like_scipy() -> None:
    journey, rows = _two_wave_journey()
    lenses = lens_rollups(journey, _metrics(journey), lang="es")
    service = {s["stage"]: s for s in lenses["functional"]["stages"]}["service"]
    assert service["touchpoints"] == ["Reclamación", "Factura"] and service["label"] == "Servicio"
    pooled = np.array([(v - 1) * 25.0 for _, _, t, v in rows if t in ("Reclamación", "Factura")])
    interval = mean_interval(pooled)
    assert service["n"] == 160 and service["mean_0_100"] == pytest.approx(interval.estimate)
    assert (service["ci_low"], service["ci_high"]) == pytest.approx((interval.low, interval.high))
    a = np.array([(v - 1) * 25.0 for _, w, t, v in rows if t in ("Reclamación", "Factura") and w == "2026-1"])
    b = np.array([(v - 1) * 25.0 for _, w, t, v in rows if t in ("Reclamación", "Factura") and w == "2026-2"])
    assert service["trend"] == pytest.approx(b.mean() - a.mean())
    assert service["p_value"] == pytest.approx(stats.ttest_ind(b, a, equal_var=False).pvalue)
    assert service["wave_from"] == "2026-1" and service["wave_to"] == "2026-2" and service["reach"] == 1.0
    moments = {s["stage"]: s for s in lenses["moments"]["stages"]}
    assert moments["m4"]["touchpoints"] == ["Reclamación"] and moments["m4"]["worst_touchpoint"] == "Reclamación"
    # the complaint touchpoint was planted 1–5 in wave 1 and 2–5 in wave 2: a rise the test must see
    assert moments["m4"]["trend"] > 0


def _metrics(journey):
    from cj.metrics import touchpoint_metrics

    metrics = touchpoint_metrics(journey)
    metrics[C.MOMENT] = assign_moments(journey.touchpoints).to_numpy()
    return metrics


def test_moment_rollup_has_kpi_n_trend_and_worst_touchpoint() -> None:
    journey, rows = _two_wave_journey()
    smot = {m["moment"]: m for m in rollup(journey, C.MOMENT)}["SMOT"]
    values = {t: np.array([(v - 1) * 25.0 for _, _, n, v in rows if n == t]) for t in ("Reclamación", "Factura")}
    assert smot["n"] == 160 and smot["mean_0_100"] == pytest.approx(np.concatenate(list(values.values())).mean())
    assert smot["worst_touchpoint"] == min(values, key=lambda t: values[t].mean())
    before = np.concatenate([[(v - 1) * 25.0 for _, w, n, v in rows if n == t and w == "2026-1"] for t in values])
    after = np.concatenate([[(v - 1) * 25.0 for _, w, n, v in rows if n == t and w == "2026-2"] for t in values])
    assert smot["trend"] == pytest.approx(after.mean() - before.mean())
    assert smot["p_value"] == pytest.approx(stats.ttest_ind(after, before, equal_var=False).pvalue)


def test_without_a_stage_column_the_seed_002_model_is_the_default() -> None:
    journey, _ = _two_wave_journey(stage=False)
    result = analyze(journey, lang="en")
    assert result["stages_derived"] is True and "stages" not in result["lenses"]
    assert [s["label"] for s in result["stages"]] == ["Zero moment of truth", "Purchase", "Loyalty"]
    assert any("classic customer-journey cycle" in note for note in result["notes"])
    with_stages = analyze(_two_wave_journey()[0], lang="en")
    assert with_stages["stages_derived"] is False
    assert [s["stage"] for s in with_stages["stages"]] == ["Interés", "Compra", "Postventa"]
    assert [c["owner"] for c in with_stages["owners"]] == ["Marketing", "Ventas", "Atención al cliente", "Finanzas"]
