"""The downloadable input template (.xlsx, Spanish or English): instructions, touchpoints, responses."""
from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

_TEXT = {
    "es": {
        "sheets": ("Instrucciones", "Puntos de contacto", "Respuestas"),
        "touchpoints": ("Orden", "Punto de contacto", "Etapa", "Canal", "Responsable", "Momento de la verdad",
                        "Esfuerzo", "Valoración interna", "Objetivo", "Clave"),
        "responses": ("ID encuestado", "Fecha", "Segmento", "Canal", "Punto de contacto", "Puntuación",
                      "Comentario", "Satisfacción general"),
        "tp_rows": ((1, "Web", "Interés", "Web", "Marketing", "ZMOT", 2, 4, 4, "Sí"),
                    (2, "Llamada telefónica", "Interés", "Teléfono", "Comercial", "FMOT", 1, 4, 4, "Sí"),
                    (3, "Facturación", "Compra", "Email", "Administración", "SMOT", 2, 4, 4, "No")),
        "resp_rows": ((101, "Pyme", "Web", "Web", 4, "La web es clara.", 5),
                      (101, "Pyme", "Web", "Facturación", 2, "La factura no se entiende.", 5),
                      (102, "Gran empresa", "Teléfono", "Llamada telefónica", "NS/NC", None, 4)),
        "lines": (
            "Plantilla de cj — análisis del customer journey",
            "1. Hoja 'Puntos de contacto': una fila por punto de contacto, en orden cronológico (opcional).",
            "2. Hoja 'Respuestas': una fila por encuestado y punto de contacto (o una columna por punto de contacto).",
            "Obligatorio: 'Punto de contacto' y 'Puntuación' — o solo una columna 'Comentario'. Lo demás es opcional.",
            "Escalas admitidas: 1–5, 1–7, 0–10, 1–10, −2..+2, −3..+3 y etiquetas ('Muy satisfecho', 'Very dissatisfied'…).",
            "Indique la escala en la cabecera si quiere fijarla: 'Puntuación (1-5)'.",
            "No aplica: deje la celda vacía o escriba NS/NC, N/A o No aplica (también 0 en una escala 1–5, o 99).",
            "Esfuerzo: 1 (muy fácil) a 5 (muy difícil), o en días con la cabecera 'Esfuerzo (días)'.",
            "Satisfacción general: 1–5, 0–10 de recomendación (NPS) o dos respuestas como Sí/No.",
            "Fechas: dd/mm/aaaa o aaaa-mm-dd. Los nombres de columna pueden estar en español o en inglés."),
    },
    "en": {
        "sheets": ("Instructions", "Touchpoints", "Responses"),
        "touchpoints": ("Order", "Touchpoint", "Stage", "Channel", "Owner", "Moment of truth", "Effort",
                        "Internal score", "Target", "Key"),
        "responses": ("Respondent ID", "Date", "Segment", "Channel", "Touchpoint", "Score", "Comment",
                      "Overall satisfaction"),
        "tp_rows": ((1, "Website", "Consideration", "Web", "Marketing", "ZMOT", 2, 4, 4, "Yes"),
                    (2, "Phone call", "Consideration", "Phone", "Sales", "FMOT", 1, 4, 4, "Yes"),
                    (3, "Billing", "Purchase", "Email", "Finance", "SMOT", 2, 4, 4, "No")),
        "resp_rows": ((101, "SMB", "Web", "Website", 4, "The website is clear.", 5),
                      (101, "SMB", "Web", "Billing", 2, "I could not understand the invoice.", 5),
                      (102, "Enterprise", "Phone", "Phone call", "N/A", None, 4)),
        "lines": (
            "cj template — customer-journey analytics",
            "1. Sheet 'Touchpoints': one row per touchpoint, in chronological order (optional).",
            "2. Sheet 'Responses': one row per respondent and touchpoint (or one column per touchpoint).",
            "Required: 'Touchpoint' and 'Score' — or only a 'Comment' column. Everything else is optional.",
            "Scales: 1–5, 1–7, 0–10, 1–10, −2..+2, −3..+3 and labels ('Very satisfied', 'Muy insatisfecho'…).",
            "To fix the scale, write it in the header: 'Score (1-5)'.",
            "Not applicable: leave the cell empty or write N/A (also 0 on a 1–5 scale, or 99).",
            "Effort: 1 (very easy) to 5 (very hard), or in days with the header 'Effort (days)'.",
            "Overall: 1–5 satisfaction, 0–10 likelihood to recommend (NPS) or two answers such as Yes/No.",
            "Dates: dd/mm/yyyy or yyyy-mm-dd. Headers may be in Spanish or English."),
    },
}


def build_template(lang: str = "es") -> bytes:
    """The template workbook in ``lang`` ('es' or 'en') as .xlsx bytes.

    >>> build_template("en")[:2]
    b'PK'
    """
    text = _TEXT["es" if lang == "es" else "en"]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": dt.datetime(2026, 11, 1), "title": text["lines"][0]})
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF7"})
    notes, touchpoints, responses = (book.add_worksheet(name) for name in text["sheets"])
    notes.set_column(0, 0, 110)
    for r, line in enumerate(text["lines"]):
        notes.write_string(r, 0, line, bold if r == 0 else None)
    _table(touchpoints, text["touchpoints"], text["tp_rows"], bold)
    day = book.add_format({"num_format": "dd/mm/yyyy" if lang == "es" else "yyyy-mm-dd"})
    rows = [(r[0], dt.datetime(2026, 3, 2 + i), *r[1:]) for i, r in enumerate(text["resp_rows"])]
    _table(responses, text["responses"], rows, bold, {1: day})
    book.close()
    return buffer.getvalue()


def _table(sheet, header: tuple, rows, bold, formats: dict | None = None) -> None:
    sheet.write_row(0, 0, header, bold)
    sheet.set_column(0, len(header) - 1, 18)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, (formats or {}).get(c))
            else:
                sheet.write(r, c, value)
