"""Stage models and lenses: the same journey grouped the ways the seed articles group it.

Each touchpoint first gets a *phase* — a fine step of the journey found from the words of its name, then of
its stage, then from its moment (METHODS §4.2, with the positional rule as the last resort). Every lens then
maps phases to its own stages, in its own order:

- ``cycle`` (seed 002): momento cero de la verdad, conciencia, consideración, evaluación, compra, lealtad —
  the default stage model when the sheet has no stage column;
- ``funnel`` (seed 000): captación, interés, compra, and what comes after the purchase;
- the five lenses of seed 003: ``functional`` (marketing → ventas → servicio; from the owner's name when it
  says so), ``target`` (adquisición → conversión → retención), ``engagement`` (awareness → interés →
  consideración → compra → post-compra → recompra), ``activities`` (the customer's own steps: the
  touchpoints) and ``goal`` (marco de decisión → toma de decisión → transacción → evaluación);
- ``moments`` (seed 004): the six moments of truth, 0 ZMOT to 6 the memorable experience — which by the
  peak-end rule (METHODS §4.3) is the curve's peak and its end;
- ``stages``: the user's own stage column, always first when there is one.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cj import columns as C
from cj.text import fold

# First matching row wins. Whole words, accent-insensitive, EN and ES.
PHASE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("failure", ("complaint", "complaints", "claim", "claims", "incident", "incidents", "breakdown", "repair", "return",
                 "returns", "refund", "fault", "failure", "problem", "warranty", "queja", "quejas", "reclamacion",
                 "reclamaciones", "incidencia", "incidencias", "averia", "reparacion", "devolucion", "reembolso",
                 "fallo", "garantia", "problema")),
    ("later", ("billing", "invoice", "invoicing", "statement", "follow-up", "followup", "newsletter", "facturacion",
               "factura", "cobro", "cobros", "recibo", "seguimiento")),
    ("advocacy", ("advocacy", "review", "reviews", "referral", "share", "recommend", "recommendation", "recomendacion",
                  "resena", "resenas", "opinion", "opiniones", "referido", "compartir", "valoracion")),
    ("loyalty", ("retention", "renewal", "loyalty", "repurchase", "retencion", "renovacion", "fidelizacion", "recompra",
                 "lealtad")),
    ("purchase", ("purchase", "buy", "booking", "checkout", "sign-up", "signup", "contract", "payment", "order", "compra",
                  "reserva", "pago", "contratacion", "alta", "suscripcion", "pedido", "transaction", "transaccion")),
    ("awareness", ("trigger", "awareness", "discover", "discovery", "inspiration", "ad", "ads", "advertising", "social",
                   "captacion", "descubrimiento", "conocimiento", "inspiracion", "necesidad", "publicidad", "anuncio",
                   "anuncios", "redes", "conciencia", "impulso", "stimulus", "estimulo")),
    ("research", ("research", "search", "web", "website", "blog", "zmot", "busqueda", "investigacion", "informacion")),
    ("consideration", ("consideration", "interest", "interes", "consideracion")),
    ("evaluation", ("evaluation", "compare", "comparison", "quote", "proposal", "demo", "trial", "evaluacion",
                    "comparacion", "cotizacion", "presupuesto", "propuesta", "prueba")),
    ("use", ("onboarding", "delivery", "installation", "use", "usage", "service", "support", "check-in", "in-flight",
             "arrival", "stay", "post-stay", "post-purchase", "after-sales", "entrega", "instalacion", "uso",
             "servicio", "atencion", "soporte", "estancia", "postventa", "posventa", "smot", "fmot")),
)
_MOMENT_PHASE = {"Stimulus": "awareness", "ZMOT": "research", "FMOT": "purchase", "SMOT": "use", "UMOT": "advocacy"}
_OWNER_KEYWORDS = {"marketing": ("marketing", "mkt", "comunicacion", "communication", "communications", "brand", "marca",
                                 "publicidad", "advertising"),
                   "sales": ("ventas", "venta", "sales", "comercial", "commercial"),
                   "service": ("servicio", "service", "atencion", "soporte", "support", "care", "postventa",
                               "posventa", "after-sales")}


def _words(name: object) -> set[str]:
    if not isinstance(name, str) or not name.strip():
        return set()
    return set(re.split(r"[^\w-]+", fold(name, keep_enye=False)))


def phase_of(name: object) -> str | None:
    """The phase a touchpoint or stage name points to by its words, or None.

    >>> phase_of("Checkout & billing"), phase_of("Reclamación de avería"), phase_of("Búsqueda web"), phase_of("Otra")
    ('later', 'failure', 'research', None)
    """
    words = _words(name)
    return next((phase for phase, keywords in PHASE_KEYWORDS if words & set(keywords)), None)


def assign_phases(touchpoints: pd.DataFrame, moments: pd.Series) -> pd.Series:
    """Each touchpoint's phase: from its own name, else its stage, else its moment (which has the positional
    rule of METHODS §4.2 behind it)."""
    by_name = touchpoints[C.TOUCHPOINT].map(phase_of)
    by_stage = (touchpoints[C.STAGE].map(phase_of) if C.STAGE in touchpoints
                else pd.Series(None, index=touchpoints.index, dtype=object))
    by_moment = pd.Series(np.asarray(moments, dtype=object), index=touchpoints.index).map(_MOMENT_PHASE)
    return by_name.where(by_name.notna(), by_stage).where(lambda s: s.notna(), by_moment).fillna("use")


def _stages(*rows: tuple[str, str, str, tuple[str, ...]]) -> list[dict]:
    return [{"id": i, "en": en, "es": es, "phases": phases} for i, en, es, phases in rows]


LENSES: dict[str, dict] = {
    "cycle": {"en": "Journey stages", "es": "Etapas del viaje", "stages": _stages(
        ("zmot", "Zero moment of truth", "Momento cero de la verdad", ("research",)),
        ("awareness", "Awareness", "Conciencia", ("awareness",)),
        ("consideration", "Consideration", "Consideración", ("consideration",)),
        ("evaluation", "Evaluation", "Evaluación", ("evaluation",)),
        ("purchase", "Purchase", "Compra", ("purchase",)),
        ("loyalty", "Loyalty", "Lealtad", ("use", "later", "failure", "loyalty", "advocacy")))},
    "funnel": {"en": "Sales funnel", "es": "Embudo de venta", "stages": _stages(
        ("capture", "Lead capture", "Captación", ("awareness",)),
        ("interest", "Interest", "Interés", ("research", "consideration", "evaluation")),
        ("purchase", "Purchase", "Compra", ("purchase",)),
        ("after", "After the purchase", "Después de la compra", ("use", "later", "failure", "loyalty", "advocacy")))},
    "functional": {"en": "Functional: by department", "es": "Funcional: por departamento", "stages": _stages(
        ("marketing", "Marketing", "Marketing", ("awareness", "research", "consideration")),
        ("sales", "Sales", "Ventas", ("evaluation", "purchase")),
        ("service", "Service", "Servicio", ("use", "later", "failure", "loyalty", "advocacy")))},
    "target": {"en": "Target: business goals", "es": "Target: objetivos de negocio", "stages": _stages(
        ("acquisition", "Acquisition", "Adquisición", ("awareness", "research", "consideration")),
        ("conversion", "Conversion", "Conversión", ("evaluation", "purchase")),
        ("retention", "Retention", "Retención", ("use", "later", "failure", "loyalty", "advocacy")))},
    "engagement": {"en": "Engagement", "es": "Engagement", "stages": _stages(
        ("awareness", "Awareness", "Awareness", ("awareness",)),
        ("interest", "Interest", "Interés", ("research",)),
        ("consideration", "Consideration", "Consideración", ("consideration", "evaluation")),
        ("purchase", "Purchase", "Compra", ("purchase",)),
        ("post_purchase", "Post-purchase", "Post-compra", ("use", "later", "failure")),
        ("repurchase", "Repurchase", "Recompra", ("loyalty", "advocacy")))},
    "activities": {"en": "Activities: the customer's steps", "es": "Actividades: los pasos del cliente", "stages": []},
    "goal": {"en": "Goal: the customer's decision", "es": "Meta: la decisión del cliente", "stages": _stages(
        ("frame", "Decision frame", "Marco de la decisión", ("awareness", "research")),
        ("decision", "Decision making", "Toma de decisión", ("consideration", "evaluation")),
        ("transaction", "Transaction", "Transacción", ("purchase",)),
        ("evaluation", "Evaluation", "Evaluación", ("use", "later", "failure", "loyalty", "advocacy")))},
    "moments": {"en": "Moments of truth", "es": "Momentos de la verdad", "stages": _stages(
        ("m0", "0 · ZMOT: looks for information", "0 · ZMOT: busca información", ("awareness", "research")),
        ("m1", "1 · Wants to buy", "1 · Quiere comprar", ("consideration", "evaluation")),
        ("m2", "2 · Buys and uses", "2 · Compra y usa", ("purchase", "use")),
        ("m3", "3 · Later interactions (billing)", "3 · Interacciones futuras (cobros)", ("later", "loyalty")),
        ("m4", "4 · When something fails", "4 · Cuando algo falla", ("failure",)),
        ("m5", "5 · Talks about us", "5 · Habla de nosotros", ("advocacy",)),
        ("m6", "6 · Memorable experience: peak and end", "6 · Experiencia memorable: pico y final", ()))},
}
LENS_ORDER = ("stages", "cycle", "funnel", "functional", "target", "engagement", "activities", "goal", "moments")
STAGES_LENS = {"en": "Your stages", "es": "Tus etapas"}


def owner_department(owner: object) -> str | None:
    """'marketing', 'sales' or 'service' when the owning team's name says so.

    >>> owner_department("Dpto. Comercial"), owner_department("Atención al cliente"), owner_department("IT")
    ('sales', 'service', None)
    """
    words = _words(owner)
    return next((dept for dept, keywords in _OWNER_KEYWORDS.items() if words & set(keywords)), None)


def lens_groups(touchpoints: pd.DataFrame, phases: pd.Series, lens: str, *, peak_end: tuple = ()) -> dict[str, list[str]]:
    """Stage id → its touchpoints (journey order), for one lens; empty stages left out, the lens's order kept.

    ``peak_end`` names the curve's peak and end touchpoints, the members of the memorable-experience moment.
    """
    names = touchpoints[C.TOUCHPOINT].astype(str).tolist()
    if lens == "stages":
        stages = touchpoints[C.STAGE] if C.STAGE in touchpoints else pd.Series(None, index=touchpoints.index)
        groups: dict[str, list[str]] = {}
        for name, stage in zip(names, stages):
            if isinstance(stage, str) and stage.strip():
                groups.setdefault(stage, []).append(name)
        return groups
    if lens == "activities":
        return {name: [name] for name in names}
    stage_of_phase = {p: s["id"] for s in LENSES[lens]["stages"] for p in s["phases"]}
    assigned = [stage_of_phase.get(p) for p in phases]
    if lens == "functional" and C.OWNER in touchpoints:
        assigned = [owner_department(o) or a for o, a in zip(touchpoints[C.OWNER], assigned)]
    groups = {s["id"]: [n for n, a in zip(names, assigned) if a == s["id"]] for s in LENSES[lens]["stages"]}
    if lens == "moments":
        groups["m6"] = [n for n in dict.fromkeys(peak_end) if n in names]
    return {k: v for k, v in groups.items() if v}


def stage_label(lens: str, stage: str, lang: str) -> str:
    """The stage's name in the language ('es' or 'en'); the user's own stages and activities as written."""
    for s in LENSES.get(lens, {}).get("stages", []):
        if s["id"] == stage:
            return s["es" if lang == "es" else "en"]
    return stage


def lens_label(lens: str, lang: str) -> str:
    source = STAGES_LENS if lens == "stages" else LENSES[lens]
    return source["es" if lang == "es" else "en"]
