"""What each table is: touchpoints, responses or notes; and which header holds which field."""
from __future__ import annotations

from typing import Iterable

from cj import columns as C
from cj.headers import FIELDS, map_headers
from cj.issues import CjReadError
from cj.rawtable import RawTable
from cj.text import fold, header_key

NOTES_SHEETS = frozenset(fold(s) for s in (
    "notas", "nota", "léeme", "leeme", "readme", "read me", "instrucciones", "instructions", "notes", "about",
    "info", "ayuda", "help", "acerca de", "leyenda", "legend", "glosario", "glossary"))
TOUCHPOINT_SHEETS = frozenset(fold(s) for s in (
    "touchpoints", "touchpoint", "puntos de contacto", "puntos", "journey", "mapa", "journey map", "customer journey"))
RESPONSE_SIGNS = (C.SCORE, C.OVERALL, C.RESPONDENT, C.COMMENT, C.DATE)
TOUCHPOINT_SIGNS = (C.STAGE, C.ORDER, C.OWNER, C.MOMENT, C.EFFORT, C.INTERNAL_SCORE, C.TARGET, C.KEY)


def check_user_mapping(user: dict[str, str] | None, tables: list[RawTable]) -> dict[str, str]:
    """The user's field -> header choices, each checked against the fields and the headers present."""
    if not user:
        return {}
    headers = [h for t in tables for h in t.headers]
    for name, header in user.items():
        if name not in FIELDS:
            raise CjReadError("map_unknown_field", field=name, fields=", ".join(FIELDS))
        if header and not any(header_key(h) == header_key(header) for h in headers):
            raise CjReadError("map_unknown_header", field=name, header=header, columns=_shown(headers))
    return dict(user)


def _shown(headers: list[str], limit: int = 30) -> str:
    unique = list(dict.fromkeys(headers))
    return str(unique[:limit]) + (" …" if len(unique) > limit else "")


def table_mapping(table: RawTable, user: dict[str, str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """Automatic mapping of this table's headers, then the user's overrides on top."""
    headers = list(table.headers)
    forced = {name: next((h for h in headers if header_key(h) == header_key(header)), None)
              for name, header in user.items() if header}
    forced = {k: v for k, v in forced.items() if v}
    free = [h for h in headers if h not in forced.values()]
    auto = map_headers(free, [f for f in FIELDS if f not in user], reserved)
    merged = {**auto, **forced}
    order = {h: i for i, h in enumerate(headers)}
    return dict(sorted(merged.items(), key=lambda item: order[item[1]]))


def classify(table: RawTable, mapping: dict[str, str]) -> str:
    """'touchpoints', 'responses' or 'ignored'."""
    sheet = fold(table.sheet)
    if sheet in NOTES_SHEETS:
        return "ignored"
    has_response = any(f in mapping for f in RESPONSE_SIGNS)
    if C.TOUCHPOINT in mapping and not has_response:
        if any(f in mapping for f in TOUCHPOINT_SIGNS) or sheet in TOUCHPOINT_SHEETS or _unique(table, mapping):
            return "touchpoints"
    if has_response or C.TOUCHPOINT in mapping:
        return "responses"
    return "candidate"  # maybe a wide sheet: decided once touchpoint names are known


def _unique(table: RawTable, mapping: dict[str, str]) -> bool:
    names = table.series(mapping[C.TOUCHPOINT]).dropna()
    return len(names) > 0 and names.map(lambda v: fold(str(v))).is_unique
