"""Survey-platform exports (Qualtrics, Google Forms and Sheets, Typeform, SurveyMonkey-like grids): the rows,
columns and question headers they add around the answers, recognised so that such a file reads as it is.

- Qualtrics writes a row of import ids (``{"ImportId":"QID1"}``) under its header: skipped and said.
- Platforms add metadata columns (progress, duration, IP address, latitude…): never touchpoint scores.
- A rating grid comes as one question per column: 'Rate each step [Booking]' (Google), 'How satisfied were you
  with each step? - Booking' (Qualtrics), 'How would you rate the booking?' (Typeform). The touchpoint is the
  part that differs between the grid's columns.
- The recommend / overall question and the open question are headed by whole sentences, which name no field:
  they are found by their words and their answers.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Sequence

import numpy as np

from cj import columns as C
from cj.cells import Coded
from cj.text import header_key

IMPORT_ID = '{"importid"'

# header_key() forms of the columns platforms add around the answers
METADATA = frozenset((
    "status", "response type", "ip address", "ipaddress", "progress", "duration", "finished", "recipient last name",
    "recipient first name", "recipient email", "recipientlastname", "recipientfirstname", "recipientemail",
    "external data reference", "externalreference", "location latitude", "location longitude", "locationlatitude",
    "locationlongitude", "user language", "userlanguage", "q recaptchascore", "q relevantidduplicate",
    "q relevantidduplicatescore", "q relevantidfraudscore", "email address", "correo electronico",
    "direccion de correo electronico", "network id", "tags", "ending", "collector id", "collectorid",
    "latitude", "longitude",
))

_GRID = re.compile(r"^(?P<question>.*\S)\s*\[(?P<item>[^\]]+)\]\s*$")  # 'Question [Item]' (Google Forms)
_SEPARATOR = re.compile(r"^(?P<question>.+)\s[-–—:|]\s(?P<item>.+)$")  # 'Question - Item' (Qualtrics)
_SCALE = re.compile(r"^\s*-?\d+\s*(-|–|to|a)\s*-?\d+\s*$")
_ARTICLES = frozenset(("the", "your", "our", "a", "an", "el", "la", "los", "las", "su", "sus", "tu", "tus", "nuestro",
                       "nuestra", "de", "del", "with", "con", "of"))
_OVERALL = re.compile(r"\b(recommend\w*|recomi?end\w*|overall|en general|satisfaccion general|satisfaccion global|"
                      r"experiencia global|overall experience)\b")


def is_import_id_row(row: Sequence[object]) -> bool:
    """A Qualtrics row of import ids: at least half its filled cells are ``{"ImportId":…}``."""
    filled = [str(v).strip() for v in row if v is not None and str(v).strip() and str(v) != "nan"]
    ids = sum(1 for v in filled if v.replace(" ", "").lower().startswith(IMPORT_ID))
    return bool(filled) and ids * 2 >= len(filled)


def platform_header(rows: Sequence[Sequence[object]], h: int) -> tuple[list[object], str] | None:
    """The header cells and the note's code when the row under the header (``rows[h]``) is a platform's own:
    Qualtrics' import ids ('import_ids'), or SurveyMonkey's answer labels ('sub_labels': 'Response',
    'Open-Ended Response', a grid's item names), which are joined to their question ('Rate each step - Booking').
    None for any other table: its next row is data."""
    if len(rows) <= h + 1:
        return None
    if is_import_id_row(rows[h + 1]):
        return list(rows[h]), "import_ids"
    merged = _with_sub_labels(rows[h], rows[h + 1])
    return (merged, "sub_labels") if merged else None


_ANSWER_LABELS = frozenset(header_key(t) for t in (
    "Response", "Open-Ended Response", "Respuesta", "Respuesta abierta", "Respuesta de texto abierto",
    "Réponse", "Open-ended response"))


def _with_sub_labels(top: Sequence[object], below: Sequence[object]) -> list[object] | None:
    """SurveyMonkey's two header rows as one: under each question its answers' labels ('Response'), or, under a
    grid's question spread over several columns, the grid's items. None unless ``below`` reads so: text only,
    with an answer label or an item under a grid's blank continuation cell."""
    texts = [str(v).strip() if v is not None and str(v).strip() and str(v) != "nan" else "" for v in top]
    labels = [str(v).strip() if v is not None and str(v).strip() and str(v) != "nan" else "" for v in below]
    if not any(labels) or any(not isinstance(v, str) for v in below if v is not None and str(v).strip()):
        return None
    if any(_is_number(b) for b in labels if b):
        return None
    out, question, signs = [], "", 0
    for text, label in zip(texts, labels + [""] * (len(texts) - len(labels))):
        if text:
            question = text
        if not label:
            out.append(text)
        elif header_key(label) in _ANSWER_LABELS:
            out.append(question)
            signs += 1
        elif question and (not text or is_question(question)):
            out.append(f"{question} - {label}")
            signs += not text and is_question(question)
        else:
            return None
    return out if signs else None


def is_metadata(header: str) -> bool:
    return header_key(header) in METADATA


def is_question(header: str) -> bool:
    """A header written as a survey question rather than a column name."""
    text = str(header).strip()
    return text.endswith("?") or len(header_key(text).split()) > 6 or bool(_GRID.match(text)) or "?" in text


def grid_item(header: str) -> tuple[str, str] | None:
    """(question, item) of a grid column's header, or None: 'Rate each step [Booking]' -> ('Rate each step',
    'Booking'); 'How satisfied were you? - Check-in' -> ('How satisfied were you?', 'Check-in').

    >>> grid_item("Please rate each step of your stay [Check-in]")
    ('Please rate each step of your stay', 'Check-in')
    >>> grid_item("How satisfied were you with each step? - Room")
    ('How satisfied were you with each step?', 'Room')
    >>> grid_item("Web (1-5)") is None
    True
    """
    text = " ".join(str(header).split())
    for pattern in (_GRID, _SEPARATOR):
        found = pattern.match(text)
        if found and not _SCALE.match(found["item"]) and found["item"].strip():
            return found["question"].strip(), found["item"].strip()
    return None


def touchpoint_names(headers: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Touchpoint names for score columns, and the question columns that are no touchpoint.

    A column headed by a name keeps it ('Web (1-5)' -> 'Web'). Grid and question columns are grouped: by the
    question of a grid ('… [Item]', '… - Item'), else by their first three words; a group of two or more is a grid
    and each column is named by what differs ('How would you rate the booking?' -> 'Booking'). Beside a grid, a
    question alone in its group (e.g. 'Which type of traveller are you?', coded 1/2) is no touchpoint; without any
    grid, every column is one.

    >>> touchpoint_names(["How would you rate the booking?", "How would you rate your room?", "Age group?"])
    ({'How would you rate the booking?': 'Booking', 'How would you rate your room?': 'Room'}, ['Age group?'])
    """
    names: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for h in headers:
        item = grid_item(h)
        if item:
            groups["grid " + header_key(item[0])].append(h)
        elif is_question(h):
            groups[" ".join(header_key(h).split()[:3])].append(h)
        else:
            names[h] = plain_name(h)
    grids = {key: members for key, members in groups.items() if len(members) >= 2}
    for members in grids.values():
        for h, name in zip(members, _differing(members)):
            names[h] = name
    alone = [h for key, members in groups.items() if key not in grids for h in members]
    names.update({h: plain_name(h) for h in alone if not is_question(h)})  # 'Web - App' alone: a name
    lone = [h for h in alone if is_question(h)]
    if not grids:  # no grid, so no sign of a platform's export: each question is a touchpoint, named as written
        names.update({h: plain_name(h) for h in lone})
        lone = []
    order = {h: i for i, h in enumerate(headers)}
    return dict(sorted(names.items(), key=lambda kv: order[kv[0]])), lone


def plain_name(header: str) -> str:
    """'Web (1-5)' -> 'Web'; 'Booking [1-5]' -> 'Booking'."""
    return re.sub(r"\s*[(\[][^)\]]*[)\]]\s*", " ", str(header)).strip() or str(header)


def _differing(headers: list[str]) -> list[str]:
    items = [grid_item(h) for h in headers]
    if all(items):
        return [_tidy(item) for _, item in items]
    words = [" ".join(str(h).split()).split(" ") for h in headers]
    shared = 0
    while all(len(w) > shared + 1 for w in words) and len({header_key(w[shared]) for w in words}) == 1:
        shared += 1
    return [_tidy(" ".join(w[shared:])) for w in words]


def _tidy(name: str) -> str:
    """Trailing '?' and leading articles off, first letter up: 'your room?' -> 'Room'."""
    words = name.strip().rstrip("?¿!.:").strip().split(" ")
    while len(words) > 1 and words[0].lower() in _ARTICLES:
        words = words[1:]
    text = " ".join(words).strip()
    return text[:1].upper() + text[1:] if text else name


def question_fields(headers: Sequence[str], columns: dict[str, Coded], mapping: dict[str, str]) -> dict[str, str]:
    """The overall outcome and the comment among question headers, when no header names them; and Typeform's
    '#' column of response tokens as the respondent.

    Overall: a question about recommending or overall satisfaction whose answers are numbers (0–10 or a 1–n scale).
    Comment: a question answered in free text (mostly distinct, mostly not numbers, ten characters or more on
    average, no e-mail addresses); of several, the one with the longest answers.
    """
    found: dict[str, str] = {}
    taken = set(mapping.values())
    if C.RESPONDENT not in mapping and "#" in headers and _distinct(columns["#"]):
        found[C.RESPONDENT] = "#"  # Typeform's response token
    free = [h for h in headers if h not in taken and is_question(h) and not is_metadata(h)]
    if C.OVERALL not in mapping:
        for h in free:
            if _OVERALL.search(header_key(h)) and _numbers(columns[h]):
                found[C.OVERALL] = h
                break
    if C.COMMENT not in mapping:
        texts = [(length, h) for h in free if h not in found.values() and (length := _free_text(columns[h]))]
        if texts:
            found[C.COMMENT] = max(texts)[1]
    return found


def _distinct(column: Coded) -> bool:
    return bool(column.filled.all()) and len(column.uniques) == len(column)


def _numbers(column: Coded) -> bool:
    """Filled cells that are numbers between -10 and 10, and nothing else."""
    values = [v for v in column.uniques if not (isinstance(v, float) and v != v)]
    try:
        numbers = [float(str(v).replace(",", ".")) for v in values]
    except ValueError:
        return False
    return bool(numbers) and all(-10 <= x <= 10 for x in numbers)


def _free_text(column: Coded) -> float:
    """Mean answer length when a column reads as free text, else 0."""
    texts = [v for v in column.uniques if isinstance(v, str) and v.strip()]
    filled = int(np.count_nonzero(column.filled))
    if not texts or not filled or len(texts) < 0.5 * filled:
        return 0.0
    words = [t for t in texts if not _is_number(t)]
    if len(words) < 0.8 * len(texts) or sum("@" in t for t in texts) > 0.5 * len(texts):
        return 0.0
    mean = float(np.mean([len(t) for t in words]))
    return mean if mean >= 10 else 0.0


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
        return True
    except ValueError:
        return False
