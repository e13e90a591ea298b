"""One shape for every input problem, and the one exception for a file that cannot be read.

Messages live in one catalogue, in English and Spanish, keyed by a stable code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# code: (English, Spanish). Placeholders come from the issue's params.
MESSAGES: dict[str, tuple[str, str]] = {
    # files that cannot be read (CjReadError)
    "empty_file": ("the file is empty.", "el archivo está vacío."),
    "header_only": ("the file has a header row but no data rows.",
                    "el archivo tiene fila de cabecera pero ninguna fila de datos."),
    "too_large": ("the file is {size} MB; the limit is {limit} MB.",
                  "el archivo ocupa {size} MB; el límite es {limit} MB."),
    "wrong_format": ("the name says .{ext} but the content is {actual}; save it again as .{ext} or rename it.",
                     "el nombre dice .{ext} pero el contenido es {actual}; guárdelo de nuevo como .{ext} o cambie el nombre."),
    "corrupt_xlsx": ("the workbook is damaged or truncated and cannot be opened.",
                     "el libro está dañado o incompleto y no se puede abrir."),
    "encrypted": ("the workbook is password-protected; save a copy without a password and upload that.",
                  "el libro está protegido con contraseña; guarde una copia sin contraseña y súbala."),
    "legacy_xls": ("this is an Excel 97–2003 (.xls) workbook; open it in Excel and save it as .xlsx or .csv.",
                   "es un libro de Excel 97–2003 (.xls); ábralo en Excel y guárdelo como .xlsx o .csv."),
    "bad_text": ("the text cannot be split into rows and columns (a quote or a line break out of place); save it "
                 "again as CSV from Excel.",
                 "el texto no se puede dividir en filas y columnas (una comilla o un salto de línea fuera de lugar); "
                 "guárdelo de nuevo como CSV desde Excel."),
    "binary": ("this is not a spreadsheet or a text file (binary content).",
               "no es una hoja de cálculo ni un archivo de texto (contenido binario)."),
    "zip_bomb": ("the workbook would expand to {size} MB or more (limit {limit} MB); refused.",
                 "el libro se expandiría a {size} MB o más (límite {limit} MB); rechazado."),
    "zip_ratio": ("the workbook part '{part}' is compressed {ratio}:1 (limit {limit}:1), as zip bombs are; refused.",
                  "la parte '{part}' del libro está comprimida {ratio}:1 (límite {limit}:1), como una bomba zip; rechazado."),
    "too_many_parts": ("the workbook holds {n} parts (limit {limit}); refused.",
                       "el libro contiene {n} partes (límite {limit}); rechazado."),
    "xml_entities": ("the workbook declares XML entities (an attack pattern, never written by Excel); refused.",
                     "el libro declara entidades XML (un patrón de ataque que Excel nunca escribe); rechazado."),
    "unsupported": ("files of type .{ext} are not supported; use .xlsx, .csv, .tsv or .txt.",
                    "los archivos .{ext} no se admiten; use .xlsx, .csv, .tsv o .txt."),
    "too_many_rows": ("{n} rows; the limit is {limit}. Split the file and upload the parts.",
                      "{n} filas; el límite es {limit}. Divida el archivo y suba las partes."),
    "too_many_columns": ("{n} columns; the limit is {limit}.", "{n} columnas; el límite es {limit}."),
    "cell_too_long": ("a cell holds {n} characters; the limit is {limit}.",
                      "una celda contiene {n} caracteres; el límite es {limit}."),
    "duplicate_headers": ("the header '{header}' appears {n} times; rename the copies so each column has its own name.",
                          "la cabecera '{header}' aparece {n} veces; renombre las copias para que cada columna tenga su nombre."),
    "timeout": ("reading took longer than {limit} s; refused.", "la lectura tardó más de {limit} s; rechazado."),
    "no_data": ("no sheet holds touchpoints, scores or comments. Sheets found: {sheets}.",
                "ninguna hoja contiene puntos de contacto, puntuaciones ni comentarios. Hojas encontradas: {sheets}."),
    "no_score": ("no column maps to 'score' or to touchpoints. Columns found: {columns}.",
                 "ninguna columna corresponde a 'score' ni a puntos de contacto. Columnas encontradas: {columns}."),
    "no_touchpoint": ("no column maps to 'touchpoint' and no column is named after a touchpoint. Columns found: {columns}.",
                      "ninguna columna corresponde a 'touchpoint' ni lleva el nombre de un punto de contacto. Columnas encontradas: {columns}."),
    "map_unknown_field": ("--map {field}=…: '{field}' is not a field; fields are {fields}.",
                          "--map {field}=…: '{field}' no es un campo; los campos son {fields}."),
    "map_unknown_header": ("--map {field}={header}: no column is named '{header}'. Columns found: {columns}.",
                           "--map {field}={header}: ninguna columna se llama '{header}'. Columnas encontradas: {columns}."),
    "no_files": ("no file was given.", "no se indicó ningún archivo."),
    "bad_option": ("{option} {value}: write it as name=value.", "{option} {value}: escríbalo como nombre=valor."),
    "not_found": ("the file does not exist.", "el archivo no existe."),
    "bad_scale": ("'{scale}' is not a scale; write it as min-max, e.g. 1-5 or 0-10.",
                  "'{scale}' no es una escala; escríbala como mín-máx, p. ej. 1-5 o 0-10."),
    # rejected rows
    "bad_score": ("expected a number on the {scale} scale, got '{value}'.",
                  "se esperaba un número en la escala {scale}, llegó '{value}'."),
    "out_of_range": ("{value} is outside the {scale} scale.", "{value} está fuera de la escala {scale}."),
    "missing_touchpoint": ("the row has a score but no touchpoint.", "la fila tiene puntuación pero ningún punto de contacto."),
    "empty_response": ("the row has no score, outcome or comment.", "la fila no tiene puntuación, resultado ni comentario."),
    "duplicate_response": ("respondent '{value}' already rated this touchpoint in row {first}.",
                           "el encuestado '{value}' ya valoró este punto de contacto en la fila {first}."),
    "ragged_row": ("the row has {n} values but the header has {m} columns.",
                   "la fila tiene {n} valores pero la cabecera tiene {m} columnas."),
    "missing_name": ("the touchpoint has no name.", "el punto de contacto no tiene nombre."),
    "duplicate_touchpoint": ("'{value}' is listed twice; the first one (row {first}) is kept.",
                             "'{value}' aparece dos veces; se conserva la primera (fila {first})."),
    # warnings
    "hidden_sheet": ("hidden sheet ignored.", "hoja oculta ignorada."),
    "sheet_ignored": ("no column maps to a cj field; sheet ignored (notes or instructions).",
                      "ninguna columna corresponde a un campo de cj; hoja ignorada (notas o instrucciones)."),
    "empty_sheet": ("empty sheet ignored.", "hoja vacía ignorada."),
    "title_rows": ("{n} title row(s) above the header skipped; the header is row {header_row}.",
                   "{n} fila(s) de título sobre la cabecera omitidas; la cabecera es la fila {header_row}."),
    "blank_rows": ("{n} blank row(s) skipped.", "{n} fila(s) en blanco omitidas."),
    "column_ids": ("row 1 holds the survey platform's column ids (Q1, Q2_1…); the header is row {header_row}, the "
                   "questions as asked.",
                   "la fila 1 contiene los identificadores de columna de la plataforma de encuestas (Q1, Q2_1…); la "
                   "cabecera es la fila {header_row}, las preguntas tal como se hicieron."),
    "import_ids": ("the survey platform's import ids (Qualtrics) under the header, not a response; row skipped.",
                   "identificadores de importación de la plataforma de encuestas (Qualtrics) bajo la cabecera, no "
                   "una respuesta; fila omitida."),
    "sub_labels": ("the survey platform's answer labels (SurveyMonkey) under the header, joined to their "
                   "questions; row not a response.",
                   "etiquetas de respuesta de la plataforma de encuestas (SurveyMonkey) bajo la cabecera, unidas a "
                   "sus preguntas; la fila no es una respuesta."),
    "columns_unlisted": ("{n} column(s) of scores not read: they name no touchpoint of your touchpoints list, or "
                         "one already read: {columns}. Add the touchpoint to the list, or rename the column.",
                         "{n} columna(s) de puntuaciones no leídas: no nombran ningún punto de contacto de su lista, "
                         "o uno ya leído: {columns}. Añada el punto a la lista o cambie el nombre de la columna."),
    "questions_skipped": ("{n} column(s) of numbers not read as touchpoints (a question outside the rating grid, "
                          "or a second column for a touchpoint already read): {columns}.",
                          "{n} columna(s) de números no leídas como puntos de contacto (una pregunta fuera de la "
                          "batería de valoración, o una segunda columna para un punto ya leído): {columns}."),
    "na_codes": ("{n} not-applicable value(s) ({values}) read as missing.",
                 "{n} valor(es) de no aplica ({values}) leídos como vacíos."),
    "mixed_scales": ("touchpoints in this column use different scales ({detail}); each is normalised to 0–100 on its own scale.",
                     "los puntos de contacto de esta columna usan escalas distintas ({detail}); cada uno se normaliza a 0–100 en su propia escala."),
    "outcome_rule": ("overall outcome: {rule}.", "resultado global: {rule}."),
    "outcome_unknown": ("'{value}' is not a known outcome answer; read as missing.",
                        "'{value}' no es una respuesta de resultado conocida; se lee como vacía."),
    "outcome_conflict": ("{n} respondent(s) give different overall answers on different rows; the first is kept.",
                         "{n} encuestado(s) dan respuestas globales distintas en filas distintas; se conserva la primera."),
    "bad_date": ("'{value}' is not a date; the row is kept without a date.",
                 "'{value}' no es una fecha; la fila se conserva sin fecha."),
    "dates_day_first": ("no date in this column shows whether the day or the month comes first; all are read day "
                        "first ('{value}' as {read}).",
                        "ninguna fecha de esta columna indica si el día o el mes va primero; todas se leen con el día "
                        "primero ('{value}' como {read})."),
    "cell_ignored": ("'{value}' is not a score on the {scale} scale; this cell is ignored, the rest of the row is used.",
                     "'{value}' no es una puntuación en la escala {scale}; se ignora esta celda y se usa el resto de la fila."),
    "touchpoint_folded": ("'{value}' read as '{name}' ({n} row(s)): same name up to case, accents or spaces.",
                          "'{value}' leído como '{name}' ({n} fila(s)): mismo nombre salvo mayúsculas, tildes o espacios."),
    "touchpoint_typo": ("'{value}' ({n} row(s)) is not in the touchpoints table; did you mean '{name}'? Kept apart, not merged.",
                        "'{value}' ({n} fila(s)) no está en la tabla de puntos de contacto; ¿quiso decir '{name}'? Se mantiene aparte, sin fusionar."),
    "touchpoint_unknown": ("'{value}' ({n} row(s)) is not in the touchpoints table; added after the listed ones.",
                           "'{value}' ({n} fila(s)) no está en la tabla de puntos de contacto; se añade tras los listados."),
    "touchpoints_derived": ("no touchpoints table: {n} touchpoints taken from the responses, in {how} order.",
                            "sin tabla de puntos de contacto: {n} puntos tomados de las respuestas, en orden de {how}."),
    "no_respondent_id": ("no respondent id column: each row is counted as one respondent.",
                         "sin columna de encuestado: cada fila cuenta como un encuestado."),
    "comments_only": ("comments only, no scores: themes can be found, touchpoint metrics cannot.",
                      "solo comentarios, sin puntuaciones: se pueden hallar temas, no métricas por punto de contacto."),
    "wide_layout": ("wide layout: {n} touchpoint columns melted into one row per respondent and touchpoint.",
                    "formato ancho: {n} columnas de puntos de contacto convertidas en una fila por encuestado y punto."),
    "waves_from_dates": ("no survey-wave column: waves derived from dates by quarter.",
                         "sin columna de oleada: oleadas derivadas de las fechas por trimestre."),
    "effort_unit": ("effort read as {unit}.", "esfuerzo leído como {unit}."),
    # a theme dictionary or an edit of one that cannot be used (DictionaryError)
    "dictionary_too_large": ("The theme dictionary is larger than {mb} MB.",
                             "El diccionario de temas ocupa más de {mb} MB."),
    "dictionary_not_json": ("The theme dictionary is not a JSON file.", "El diccionario de temas no es un archivo JSON."),
    "dictionary_not_cj": ("This JSON file is not a cj theme dictionary (it has no 'themes' list).",
                          "Este archivo JSON no es un diccionario de temas de cj (no tiene la lista 'themes')."),
    "dictionary_too_many": ("The theme dictionary has more than {n} themes.",
                            "El diccionario de temas tiene más de {n} temas."),
    "dictionary_no_terms": ("Theme {number} of the dictionary has no list of words ('terms').",
                            "El tema {number} del diccionario no tiene lista de palabras ('terms')."),
    "dictionary_no_label": ("Theme {number} of the dictionary has no label.",
                            "El tema {number} del diccionario no tiene nombre."),
    "dictionary_bad_names": ("The dictionary's 'names' must be a list (at most {n}) of a label and a list of words each.",
                             "Los 'names' del diccionario deben ser una lista (como mucho {n}) de una etiqueta y una "
                             "lista de palabras cada uno."),
    "dictionary_no_theme": ("There is no theme '{id}' in the dictionary.", "No hay ningún tema '{id}' en el diccionario."),
    "dictionary_no_words": ("The theme '{label}' would have no words to find its comments by.",
                            "El tema '{label}' se quedaría sin palabras con las que encontrar sus comentarios."),
    "split_too_few": ("Theme {theme} has fewer than {parts} different comments to split.",
                      "El tema {theme} tiene menos de {parts} comentarios distintos que dividir."),
    "k_range": ("--k must be between 1 and 200.", "--k debe estar entre 1 y 200."),
    # a saved action plan that cannot be read back (PlanError)
    "plan_too_large": ("{name} is larger than {mb} MB; an action plan is much smaller.",
                       "{name} ocupa más de {mb} MB; un plan de acción es mucho menor."),
    "plan_unreadable": ("{name} could not be read as an action plan (CSV or Excel).",
                        "{name} no se pudo leer como plan de acción (CSV o Excel)."),
    "plan_columns": ("{name} is not an action plan: the column(s) {columns} are missing.",
                     "{name} no es un plan de acción: faltan las columnas {columns}."),
    "plan_too_long": ("{name} has more than {n} rows; an action plan is shorter.",
                      "{name} tiene más de {n} filas; un plan de acción es más corto."),
}

_WHERE = {
    "en": ("row", "column"),
    "es": ("fila", "columna"),
}


def render(code: str, lang: str = "en", **params: Any) -> str:
    """The message for ``code`` in ``lang`` with its params filled in; a param given as {"en": …, "es": …}
    is taken in ``lang``."""
    en, es = MESSAGES[code]
    lang = "es" if lang == "es" else "en"
    params = {k: v[lang] if isinstance(v, dict) and lang in v else v for k, v in params.items()}
    return (es if lang == "es" else en).format(**params)


def where(file: str, sheet: str = "", row: int | None = None, column: str = "", lang: str = "en") -> str:
    """'encuesta.xlsx › Respuestas, fila 14, columna 'NPS'' — the place a person can find."""
    row_word, col_word = _WHERE["es" if lang == "es" else "en"]
    text = file + (f" › {sheet}" if sheet else "")
    if row is not None:
        text += f", {row_word} {row}"
    if column:
        text += f", {col_word} '{column}'"
    return text


@dataclass(frozen=True)
class Issue:
    """One input problem: where it is (as the user sees it in Excel), what it is, and its message."""

    code: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        text = render(self.code, lang, value=self.value, **self.params)
        place = where(self.file, self.sheet, self.row, self.column, lang) if self.file else ""
        return f"{place}: {text}" if place else text

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "value": self.value, "message": self.message(lang)}


class CjUsageError(ValueError):
    """A theme dictionary, an action plan or an edit the user gave that cannot be used: one sentence from the
    catalogue, in English as ``str(error)`` and in the user's language from ``message``."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(render(code, "en", **params))

    def message(self, lang: str = "en") -> str:
        return render(self.code, lang, **self.params)

    def __reduce__(self):  # rebuilt from its code and params (an exception is pickled from its args otherwise)
        return _rebuilt, (type(self), self.__dict__)


def _rebuilt(kind: type, state: dict[str, Any]) -> Exception:
    """An error of ``kind`` with its attributes, as it was pickled (across a process pool, for one)."""
    error = Exception.__new__(kind)
    error.__dict__.update(state)
    Exception.__init__(error, error.message("en"))
    return error


class CjReadError(Exception):
    """A file (or the mapping asked for) cannot be read: one sentence, no traceback for the user."""

    def __init__(self, code: str, file: str = "", sheet: str = "", row: int | None = None,
                 column: str = "", **params: Any) -> None:
        self.issue = Issue(code, file, sheet, row, column, str(params.pop("value", "")), params)
        super().__init__(self.issue.message("en"))

    @property
    def code(self) -> str:
        return self.issue.code

    def message(self, lang: str = "en") -> str:
        return self.issue.message(lang)

    def __reduce__(self):
        return _rebuilt, (type(self), self.__dict__)
