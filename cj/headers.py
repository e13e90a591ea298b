"""Column mapping: which header holds which field, in English and Spanish, and where the header row is."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from cj import columns as C
from cj.exports import is_import_id_row
from cj.text import bracketed, header_key, is_number

# field -> synonyms as header_key() forms. Exact matches win; then the longest synonym found
# as whole words inside a header ("booking channel" -> channel).
SYNONYMS: dict[str, tuple[str, ...]] = {
    C.RESPONDENT: ("respondent id", "respondent", "id", "encuestado", "id encuestado", "cliente", "id cliente",
                   "customer id", "customer", "response id", "responseid", "id respuesta", "participante",
                   "participant id", "user id", "id usuario", "record id", "complaint id", "ticket id", "case id",
                   "id caso", "id ticket", "id reclamacion", "id de respuesta", "id del encuestado", "id de encuestado"),
    C.TOUCHPOINT: ("touchpoint", "touch point", "touchpoints", "punto de contacto", "puntos de contacto",
                   "punto contacto", "touchpoint name", "nombre del punto de contacto", "interaction point"),
    C.SCORE: ("score", "rating", "puntuacion", "valoracion", "nota", "calificacion", "satisfaction score",
              "touchpoint score", "puntuacion del punto", "evaluacion"),
    C.COMMENT: ("comment", "comments", "comentario", "comentarios", "observaciones", "observacion", "texto",
                "text", "feedback", "verbatim", "open text", "respuesta abierta", "opinion", "remarks", "narrative",
                "complaint narrative", "consumer complaint narrative", "complaint", "queja", "reclamacion",
                "descripcion", "description", "motivo", "reason", "why"),
    C.DATE: ("date", "fecha", "response date", "fecha respuesta", "fecha de respuesta", "submitted at",
             "submission date", "submit date", "fecha de envio", "completion date", "timestamp",
             "recorded date", "marca temporal", "start date", "end date", "completion time", "start time",
             "hora de finalizacion", "hora de inicio", "fecha registrada", "fecha de registro", "fecha de inicio",
             "fecha de finalizacion"),
    C.SEGMENT: ("segment", "segmento", "persona", "tipo de cliente", "customer type", "customer segment",
                "tipo cliente", "perfil", "profile"),
    C.CHANNEL: ("channel", "canal", "submitted via", "via", "medio"),
    C.WAVE: ("wave", "oleada", "ola", "survey wave", "periodo", "period", "edicion", "ronda", "round"),
    C.OVERALL: ("overall", "overall satisfaction", "satisfaccion general", "satisfaccion global", "recomendacion",
                "recommend", "recommendation", "likelihood to recommend", "nps", "nos recomendarias",
                "recomendarias", "would you recommend", "would you recommend us", "satisfaction", "satisfaccion",
                "csat", "overall score", "puntuacion global", "valoracion global", "ltr"),
    C.STAGE: ("stage", "etapa", "fase", "phase", "journey stage", "etapa del journey"),
    C.ORDER: ("order", "orden", "posicion", "position", "step", "paso", "n", "no", "nº", "sequence", "secuencia"),
    C.OWNER: ("owner", "responsable", "departamento", "area", "team", "equipo", "department", "owning team"),
    C.MOMENT: ("moment of truth", "momento de la verdad", "moment", "momento", "mot"),
    C.EFFORT: ("effort", "esfuerzo", "coste", "cost", "effort to improve", "esfuerzo de mejora"),
    C.INTERNAL_SCORE: ("internal score", "internal rating", "valoracion interna", "puntuacion interna",
                       "nota interna", "company rating", "internal"),
    C.TARGET: ("target", "objetivo", "meta", "goal", "target score"),
    C.KEY: ("key", "clave", "key to the business", "clave para el negocio", "critical", "critico"),
}

FIELDS = tuple(SYNONYMS)
_RANGE = re.compile(r"(-?\d+)\s*(?:-|–|a|to|al|hasta)\s*\+?(-?\d+)")


def _contains(header: str, synonym: str) -> bool:
    return f" {synonym} " in f" {header} "


def field_scores(header: str, fields: Iterable[str] = FIELDS) -> dict[str, int]:
    """How strongly a header names each field: 1000+ for an exact synonym, word-count for a contained one."""
    key = header_key(header)
    short = len(key.split()) <= 6  # a sentence in a notes sheet names no field
    scores: dict[str, int] = {}
    for name in fields:
        best = 0
        for syn in SYNONYMS[name]:
            if key == syn:
                best = max(best, 1000 + len(syn))
            elif short and len(syn) > 2 and _contains(key, syn):
                best = max(best, len(syn))
        if best:
            scores[name] = best
    return scores


def map_headers(headers: Sequence[str], fields: Iterable[str] = FIELDS,
                reserved: Iterable[str] = ()) -> dict[str, str]:
    """Assign each field at most one header and each header at most one field, strongest matches first.

    ``reserved`` are header keys (e.g. touchpoint names of a wide layout) that map to no field.

    >>> map_headers(["ID", "Punto de contacto", "Puntuación (1-5)", "Valoración interna"])  # doctest: +NORMALIZE_WHITESPACE
    {'respondent_id': 'ID', 'touchpoint': 'Punto de contacto', 'score': 'Puntuación (1-5)',
     'internal_score': 'Valoración interna'}
    """
    reserved = set(reserved)
    pairs = [(score, -i, name, h) for i, h in enumerate(headers) if header_key(h) not in reserved
             for name, score in field_scores(h, fields).items()]
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, name, h in sorted(pairs, reverse=True):
        if name not in mapping and h not in taken:
            mapping[name] = h
            taken.add(h)
    order = {h: i for i, h in enumerate(headers)}
    return dict(sorted(mapping.items(), key=lambda item: order[item[1]]))


def scale_hint(header: str) -> tuple[float, float] | None:
    """A scale declared in the header's brackets: 'Puntuación (1-5)' -> (1, 5); '(-2 a +2)' -> (-2, 2)."""
    found = _RANGE.search(bracketed(header))
    if not found:
        return None
    low, high = float(found.group(1)), float(found.group(2))
    return (low, high) if low < high else None


def unit_hint(header: str) -> str:
    """'days' when the header says the values are days ('Effort (days)', 'Esfuerzo (días)')."""
    return "days" if re.search(r"\b(days|dias|dia|day|jornadas)\b", header_key(header) + " " + bracketed(header)) else ""


def _filled(row: Sequence[object]) -> list[object]:
    return [v for v in row if v is not None and not (isinstance(v, str) and not v.strip())
            and not (isinstance(v, float) and v != v)]


def find_header_row(rows: Sequence[Sequence[object]], scan: int = 30) -> int:
    """Index of the header row among the first ``scan`` rows.

    Candidates hold no numbers or dates and fill at least half the table's width (so a one-cell title,
    a merged title or a date line is never the header). The candidate naming the most known fields
    wins, the earliest on ties; without any known field, the first candidate. A row above a Qualtrics row of
    import ids is the header (its question texts), whatever the rows above it hold.

    >>> find_header_row([["Encuesta 2026", "", ""], ["id", "touchpoint", "score"], ["1", "Web", "4"]])
    1
    """
    for i in range(1, min(scan, len(rows) - 1) + 1):
        if is_import_id_row(rows[i]) and all(isinstance(v, str) and not is_number(v) for v in _filled(rows[i - 1])):
            return i - 1
    filled = [_filled(r) for r in rows[:scan]]
    widest = max((len(f) for f in filled), default=0)
    candidates = [i for i, f in enumerate(filled) if f and len(f) >= max(1, widest / 2)
                  and all(isinstance(v, str) and not is_number(v) for v in f)]
    if not candidates:
        return 0
    matched = {i: sum(1 for v in filled[i] if field_scores(str(v))) for i in candidates}
    best = max(matched.values())
    return min(i for i in candidates if matched[i] == best)
