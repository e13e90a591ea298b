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
from collections import Counter, defaultdict
from typing import Sequence

import numpy as np
import pandas as pd

from cj import columns as C
from cj.cells import Coded
from cj.scales import INVALID, OK, parse_scale, parse_scores
from cj.text import header_key, is_number, stripped

IMPORT_ID = '{"importid"'

# header_key() forms of the columns platforms add around the answers
METADATA = frozenset((
    "status", "response type", "ip address", "ipaddress", "progress", "duration", "finished", "recipient last name",
    "recipient first name", "recipient email", "recipientlastname", "recipientfirstname", "recipientemail",
    "external data reference", "externalreference", "location latitude", "location longitude", "locationlatitude",
    "locationlongitude", "user language", "userlanguage", "q recaptchascore", "q relevantidduplicate",
    "q relevantidduplicatescore", "q relevantidfraudscore", "email address", "correo electronico",
    "direccion de correo electronico", "network id", "tags", "ending", "collector id", "collectorid",
    "latitude", "longitude", "estado", "tipo de respuesta", "direccion ip", "progreso", "duracion",
    "duracion en segundos", "finalizado", "finalizada", "apellido del destinatario", "nombre del destinatario",
    "correo electronico del destinatario", "referencia de datos externos", "referencia externa",
    "latitud de ubicacion", "longitud de ubicacion", "latitud", "longitud", "idioma del usuario", "idioma",
    "id del recopilador", "direccion de correo electronico del encuestado", "stage date", "timing first click",
    "timing last click", "timing page submit", "timing click count",
))

_SEPARATORS = (" - ", " – ", " — ", " | ", ": ")  # 'Question - Item' (Qualtrics, SurveyMonkey as joined here)
_ARTICLES = frozenset(("the", "your", "our", "a", "an", "el", "la", "los", "las", "su", "sus", "tu", "tus", "nuestro",
                       "nuestra", "de", "del", "with", "con", "of"))
_OVERALL = re.compile(r"\b(recommend\w*|recomi?end\w*|overall|en general|satisfaccion general|satisfaccion global|"
                      r"experiencia global|overall experience)\b")
# what a rating grid's question asks (header_key() forms): a grid about anything else is no set of touchpoints
_RATING = re.compile(r"\b(rate|rating|ratings|satisf\w*|valor\w*|valuar\w*|puntu\w*|calific\w*|evalu\w*|"
                     r"experienc\w*|opinion|score|quality|calidad|how was|how were|how would|how did|como fue|"
                     r"como fueron|que tal|easy|easily|facil\w*|effort\w*|esfuerzo|happy|pleased|contento)\b")
_IMPORTANCE = re.compile(r"\b(importan\w*)\b")  # stated importance: about the touchpoints, not their scores
_SEGMENT = re.compile(r"\b(type of|kind of|tipo de|which \w+ are you|what \w+ are you|que tipo|segment\w*|perfil|"
                      r"profile|category|categoria|persona|traveller|traveler|viajero)\b")
_OPEN = re.compile(r"\b(why|reason\w*|comment\w*|improve\w*|better|suggest\w*|anything else|tell us|feedback|"
                   r"describe|explain|por que|motivo\w*|razon\w*|comentario\w*|mejorar|mejora\w*|sugerencia\w*|"
                   r"algo mas|cuentenos|describa|explique|observacion\w*|opinion\w*)\b")


def is_import_id_row(row: Sequence[object]) -> bool:
    """A Qualtrics row of import ids: at least half its filled cells are ``{"ImportId":…}``."""
    filled = [text for v in row if (text := stripped(v))]
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
    """SurveyMonkey's two header rows as one: under each question its answers' label ('Response'), or, under a
    grid's question spread over several columns, the grid's items. None unless ``below`` reads so: text only, no
    answer in it (a score, a Likert label), and an answer label in it or, under the first column's name (the
    respondent id) nothing, with an item under a grid's blank continuation cell."""
    texts = [stripped(v) for v in top]
    labels = [stripped(v) for v in below]
    labels += [""] * (len(texts) - len(labels))
    filled = [b for b in labels if b]
    if not filled or any(not isinstance(v, str) for v in below if stripped(v)):
        return None
    _, states, _ = parse_scores(pd.Series(filled, dtype=object)).distinct
    if (states == OK).any():  # '5', 'Very satisfied': a respondent's answers, not labels
        return None
    leads_blank = bool(texts) and bool(texts[0]) and not labels[0]
    out, question, signs = [], "", 0
    for text, label in zip(texts, labels):
        if text:
            question = text
        if not label:
            out.append(text)
        elif header_key(label) in _ANSWER_LABELS:
            out.append(question)
            signs += 1
        elif question and (not text or is_question(question) or leads_blank):
            out.append(f"{question} - {label}")
            signs += not text and leads_blank and (is_question(question) or bool(_RATING.search(header_key(question))))
        else:
            return None
    return out if signs else None


def is_metadata(header: str) -> bool:
    return header_key(header) in METADATA


def is_question(header: str) -> bool:
    """A header written as a survey question rather than a column name."""
    text = str(header).strip()
    return "?" in text or len(header_key(text).split()) > 6 or (text.endswith("]") and text.rfind("[") > 0)


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
    if text.endswith("]") and (i := text.rfind("[")) > 0:  # 'Question [Item]' (Google Forms)
        question, item = text[:i].strip(), text[i + 1:-1].strip()
        if question and item and parse_scale(item) is None:
            return question, item
    at, sep = max((text.rfind(sep), sep) for sep in _SEPARATORS)
    if at > 0:
        question, item = text[:at].strip(), text[at + len(sep):].strip()
        if question and item and parse_scale(item) is None:
            return question, item
    return None


def touchpoint_names(headers: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Touchpoint names for score columns, and the question columns that are no touchpoint.

    A column headed by a name keeps it ('Web (1-5)' -> 'Web'). Columns of a grid are grouped by its question
    ('Rate each step [Item]'; 'How satisfied were you? - Item' when the part before ' - ' asks something), and
    questions that begin with the same two words and share words that ask for a rating ('How would you rate the
    booking?', '… the check-in?'); each column of a grid is named by what differs (Booking, Check-in).
    A grid whose items repeat an earlier grid's, or that asks for importance, is no set of touchpoints. Beside a
    grid, a question that is in none (e.g. 'Which type of traveller are you?', coded 1/2) is no touchpoint; without
    any grid, every column is one, named as written.

    >>> touchpoint_names(["How would you rate the booking?", "How would you rate your room?", "Age group?"])
    ({'How would you rate the booking?': 'Booking', 'How would you rate your room?': 'Room'}, ['Age group?'])
    """
    groups: dict[str, list[str]] = defaultdict(list)
    asks: dict[str, str] = {}  # each group's question, as written
    for h in headers:
        item = grid_item(h)
        if item:
            key = "grid " + header_key(item[0])
            asks[key] = item[0]
        else:
            key = "words " + " ".join(header_key(h).split()[:2]) if is_question(h) else "name " + h
        groups[key].append(h)
    names: dict[str, str] = {}
    taken: set[str] = set()
    lone: list[str] = []
    grids = 0
    for key, members in groups.items():
        if len(members) < 2:
            continue
        if key.startswith("grid "):  # 'Question [Item]' is a grid; 'Web - Booking' only when it asks something
            question = key[len("grid "):]
            brackets = all(str(m).rstrip().endswith("]") for m in members)
            if not (brackets or is_question(asks[key]) or _RATING.search(question)):
                continue
        else:  # questions beginning alike ('How would you rate the booking?', '¿Cómo valorarías la reserva?')
            question = _shared(members)
            if not _RATING.search(question):
                continue
        grids += 1
        differing = _differing(members)
        folded = [header_key(n) for n in differing]
        if _IMPORTANCE.search(question) or taken & set(folded) or len(set(folded)) < len(folded):
            lone += members  # a second grid on the same items (importance, expectations…): said, not merged
            continue
        names.update(zip(members, differing))
        taken.update(folded)
    rest = [h for h in headers if h not in names and h not in lone]
    for h in rest:
        if grids and is_question(h):
            lone.append(h)
        elif header_key(plain_name(h)) not in taken:
            names[h] = plain_name(h)
            taken.add(header_key(plain_name(h)))
        else:
            lone.append(h)
    order = {h: i for i, h in enumerate(headers)}
    return dict(sorted(names.items(), key=lambda kv: order[kv[0]])), sorted(lone, key=order.get)


def _shared(headers: list[str]) -> str:
    """The words the headers begin with in common, as header_key() forms."""
    words = [header_key(h).split() for h in headers]
    common = []
    for column in zip(*words):
        if len(set(column)) > 1:
            break
        common.append(column[0])
    return " ".join(common)


def plain_name(header: str) -> str:
    """'Web (1-5)' -> 'Web'; 'Booking [1-5]' -> 'Booking'."""
    return " ".join(re.sub(r"[(\[][^()\[\]]*[)\]]", " ", str(header)).split()) or str(header)


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
    if not text:
        return name
    return text[:1].upper() + text[1:] if words[0].islower() else text  # 'iPhone app' stays as written


def question_fields(headers: Sequence[str], columns: dict[str, Coded], mapping: dict[str, str],
                    in_grid: set[str]) -> dict[str, str]:
    """The overall outcome, the segment and the comment among question headers, when no header names them; and
    Typeform's '#' column of response tokens as the respondent. A grid's columns (``in_grid``, from
    ``grid_members``) are none of them.

    Overall: a question about recommending or overall satisfaction answered in numbers (0–10 or a 1–n scale, the
    leading number of '10 - Extremely likely' included); of several, the one reaching the highest number (the
    0–10 recommend question before a yes/no coded 1/0), also over a question a synonym already named. Comment:
    a question answered in text (not numbers, not e-mail addresses) that asks for it ('why', 'anything else',
    'what could we improve', 'motivo', 'mejorar'…), or, without such words, at least 20 distinct answers of 20
    characters on average; of several, the longest.
    Segment: a question about the respondent's type or profile ('Which type of traveller are you?', '¿Qué tipo de
    cliente es?') answered from a short list of words by most respondents.
    """
    found: dict[str, str] = {}
    taken = set(mapping.values())
    if C.RESPONDENT not in mapping and "#" in headers and _distinct(columns["#"]):
        found[C.RESPONDENT] = "#"  # Typeform's response token
    free = [h for h in headers if h not in taken and is_question(h) and not is_metadata(h) and h not in in_grid]
    current = mapping.get(C.OVERALL)
    if current is None or (current and is_question(current)):  # a question a synonym named may yield to another
        asked = free + [current] if current else free
        scored = [(top, -headers.index(h), h) for h in asked
                  if _OVERALL.search(header_key(h)) and (top := _top_number(columns[h])) is not None]
        if scored and max(scored)[2] != current:
            found[C.OVERALL] = max(scored)[2]
    if C.SEGMENT not in mapping:
        kinds = [h for h in free if h not in found.values() and _SEGMENT.search(header_key(h)) and _few(columns[h])]
        if kinds:
            found[C.SEGMENT] = kinds[0]
    if C.COMMENT not in mapping:
        texts = [(asks, length, h) for h in free if h not in found.values()
                 for asks in [bool(_OPEN.search(header_key(h)))] if (length := _free_text(columns[h], asks))]
        if texts:
            found[C.COMMENT] = max(texts)[2]
    return found


def grid_members(headers: Sequence[str]) -> set[str]:
    """The headers that are one of several columns of a grid ('Satisfaction [Web]', 'Satisfaction [App]')."""
    questions = {h: header_key(item[0]) for h in headers if (item := grid_item(h))}
    counts = Counter(questions.values())
    return {h for h, q in questions.items() if counts[q] > 1}


def _distinct(column: Coded) -> bool:
    return bool(column.filled.all()) and len(column.uniques) == len(column)


def _used(column: Coded) -> list[object]:
    """The distinct values some cell holds (a column cut to fewer rows keeps all its distinct values)."""
    return [u for u, n in zip(column.uniques, column.counts[:-1]) if n]


def _few(column: Coded) -> bool:
    """Answers in words from a short list (2 to 12 of them), given by most respondents: a segment."""
    used = _used(column)
    texts = [v for v in used if isinstance(v, str) and v.strip() and not is_number(v)]
    filled = int(np.count_nonzero(column.filled))
    return 2 <= len(texts) <= 12 and len(texts) == len(used) and filled >= 0.5 * len(column) and len(texts) < filled


def _top_number(column: Coded) -> float | None:
    """The highest answer of a column answered in numbers between -10 and 10 (not-applicable codes aside)."""
    numbers, states, counts = parse_scores(column).distinct
    used = counts > 0
    used[-1] = False  # the blank cells
    if not used.any() or (used & (states == INVALID)).any():
        return None
    ok = used & (states == OK)
    values = numbers[ok]
    return float(values.max()) if values.size and np.all(np.abs(values) <= 10) else None


def _free_text(column: Coded, asked: bool) -> float:
    """Mean length of the distinct answers when the column reads as free text, else 0."""
    texts = [v.strip() for v in _used(column) if isinstance(v, str) and v.strip()]
    words = [t for t in texts if not is_number(t)]
    if not words or len(words) < 0.8 * len(texts) or sum("@" in t for t in words) > 0.5 * len(words):
        return 0.0
    mean = float(np.mean([len(t) for t in words]))
    if asked:  # an open question: any answer in words is a comment ('Great', 'Slow')
        return mean
    filled = int(np.count_nonzero(column.filled))
    return mean if len(words) >= 20 and len(words) >= 0.5 * filled and mean >= 20 else 0.0
