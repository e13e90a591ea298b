"""Files a stakeholder opens: analysis.json, comments.csv, report.xlsx and a self-contained report.html.

Every exported text cell is neutralised against formula injection; every user text in HTML is escaped.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pandas as pd

from cj import columns as C
from cj.charts import fig_emotion_curve
from cj.export import csv_bytes, neutralised
from cj.feedback import Feedback, worst_themes
from cj.intake import Journey

COMMENT_EXPORT = [C.FILE, C.SHEET, C.ROW, C.TOUCHPOINT, "theme_id", "theme_label", "sentiment"]


def write_outputs(analysis: dict[str, Any], journey: Journey, out: Path, lang: str = "en",
                  feedback: Feedback | None = None) -> list[Path]:
    """Write the four SPEC files into ``out`` (created if needed) and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "analysis.json", out / "comments.csv", out / "report.xlsx", out / "report.html"]
    paths[0].write_text(json.dumps(analysis, ensure_ascii=False, indent=1), encoding="utf-8")
    paths[1].write_bytes(csv_bytes(comment_table(journey, feedback)))
    write_xlsx(analysis, journey, paths[2], lang, feedback)
    paths[3].write_text(report_html(analysis, lang), encoding="utf-8")
    return paths


def comment_table(journey: Journey, feedback: Feedback | None = None) -> pd.DataFrame:
    """One row per comment (SPEC ``comments.csv``): where it is, its touchpoint, theme and sentiment."""
    if feedback is None or feedback.comments.empty:
        table = journey.comments.reindex(columns=[C.FILE, C.SHEET, C.ROW, C.TOUCHPOINT]).copy()
        for name in ("theme_id", "theme_label", "sentiment"):
            table[name] = None
        return table[COMMENT_EXPORT]
    table = feedback.comments[COMMENT_EXPORT].copy()
    table["sentiment"] = table["sentiment"].round(4)
    table["theme_id"] = table["theme_id"].astype("Int64").where(table["theme_id"] >= 0)
    return table


def xlsx_bytes(analysis: dict[str, Any], journey: Journey, lang: str, feedback: Feedback | None = None) -> bytes:
    """The xlsx report in memory (for a download button): the same sheets as ``write_xlsx``."""
    import io

    buffer = io.BytesIO()
    write_xlsx(analysis, journey, buffer, lang, feedback)
    return buffer.getvalue()


def write_xlsx(analysis: dict[str, Any], journey: Journey, path, lang: str,
               feedback: Feedback | None = None) -> None:
    comments = (feedback.comments[[C.FILE, C.SHEET, C.ROW, C.TOUCHPOINT, "touchpoint_source", C.COMMENT, "theme_id",
                                   "theme_label", "sentiment", "language"]]
                if feedback is not None and len(feedback.comments) else pd.DataFrame())
    sheets = {
        "priorities": pd.DataFrame([{k: v for k, v in p.items() if k != "components"} | p["components"]
                                    for p in analysis["priorities"]]),
        "touchpoints": pd.DataFrame(analysis["touchpoints"]),
        "drivers": pd.DataFrame(analysis["drivers"]["items"]),
        "stages": pd.DataFrame(analysis["stages"]).drop(columns="touchpoints", errors="ignore"),
        "moments": pd.DataFrame(analysis["moments"]).drop(columns="touchpoints", errors="ignore"),
        "moments_of_truth": pd.DataFrame(analysis.get("moments_of_truth", [])),
        "themes": pd.DataFrame([{k: (" | ".join(v) if isinstance(v, list) else v) for k, v in t.items()}
                                for t in analysis.get("themes", [])]),
        "theme_touchpoints": pd.DataFrame(analysis.get("theme_touchpoints", [])),
        "comments": comments,
        "lenses": pd.DataFrame([{"lens": lens, "lens_label": v["label"]} | {k: x for k, x in row.items()
                                                                          if k != "touchpoints"}
                                | {"touchpoints": ", ".join(row["touchpoints"])}
                                for lens, v in analysis.get("lenses", {}).items() for row in v["stages"]]),
        "channels": pd.DataFrame(analysis.get("channels", [])).drop(columns="touchpoints", errors="ignore"),
        "owners": pd.DataFrame(analysis.get("owners", [])).drop(columns="touchpoints", errors="ignore"),
        "handoffs": pd.DataFrame(analysis.get("handoffs", [])),
        "segments": pd.DataFrame([{"segment": g["group"]} | t for g in analysis.get("segments", [])
                                  for t in g["touchpoints"]]),
        "waves": pd.DataFrame([{"wave": g["group"]} | t for g in analysis.get("waves", []) for t in g["touchpoints"]]),
        "rejected": journey.validation.rejected_rows(lang),
        "mapping": pd.DataFrame({"field": list(journey.validation.mapping),
                                 "header": list(journey.validation.mapping.values())}),
    }
    with pd.ExcelWriter(path, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as book:
        for name, frame in sheets.items():
            neutralised(frame if len(frame.columns) else pd.DataFrame({"": []})).to_excel(book, sheet_name=name,
                                                                                        index=False)


def report_html(analysis: dict[str, Any], lang: str = "en") -> str:
    """A one-page, offline report: counts, the emotion curve (plotly embedded) and the ranked priorities."""
    es = lang == "es"
    metrics = pd.DataFrame(analysis["touchpoints"])
    curve = fig_emotion_curve(metrics, lang=lang, curve=analysis.get("curve"),
                              worst_theme=worst_themes(analysis.get("themes", []), analysis.get("theme_touchpoints", []))
                              ) if len(metrics) else None
    chart = curve.to_html(full_html=False, include_plotlyjs=True) if curve is not None else ""
    v = analysis["validation"]
    head = ("Filas leídas {0}, usadas {1}, rechazadas {2}." if es else "Rows read {0}, used {1}, rejected {2}.").format(
        v["rows_read"], v["rows_used"], v["rows_rejected"])
    rows = "".join(f"<tr><td>{p['rank']}</td><td>{html.escape(p['touchpoint'])}</td><td>{html.escape(p['quadrant'])}</td>"
                   f"<td>{p['impact']:.0f}</td><td>{p['effort']:.0f}</td><td>{html.escape(p['explanation'])}</td></tr>"
                   for p in analysis["priorities"])
    labels = ("Rango", "Punto de contacto", "Cuadrante", "Impacto", "Esfuerzo", "Por qué") if es else (
        "Rank", "Touchpoint", "Quadrant", "Impact", "Effort", "Why")
    title = "Informe del customer journey" if es else "Customer journey report"
    negative = sorted((t for t in analysis.get("themes", []) if t.get("negative")), key=lambda t: -t["size"])[:5]
    theme_rows = "".join(
        f"<tr><td>{html.escape(t['label'])}</td><td>{t['size']}</td><td>{100 * t['share_negative']:.0f} %</td>"
        f"<td>{html.escape(', '.join(t['touchpoints']))}</td><td>{html.escape(t['examples'][0] if t['examples'] else '')}"
        "</td></tr>" for t in negative)
    theme_labels = (("Tema", "Comentarios", "Negativos", "Touchpoints", "Ejemplo") if es else
                    ("Theme", "Comments", "Negative", "Touchpoints", "Example"))
    theme_table = (f"<h2>{'Temas negativos principales' if es else 'Top negative themes'}</h2><table><tr>"
                   + "".join(f"<th>{label}</th>" for label in theme_labels) + f"</tr>{theme_rows}</table>"
                   if negative else "")
    moments = analysis.get("lenses", {}).get("moments", {}).get("stages", [])
    moment_rows = "".join(
        f"<tr><td>{html.escape(m['label'])}</td><td>{_number(m['mean_0_100'])}</td><td>{m['n']}</td>"
        f"<td>{_number(m['trend'], signed=True)}{' *' if m['significant'] else ''}</td>"
        f"<td>{html.escape(str(m['worst_touchpoint'] or ''))}</td></tr>" for m in moments)
    moment_labels = (("Momento", "Puntuación 0–100", "n", "Cambio", "Peor touchpoint") if es else
                     ("Moment", "Score 0–100", "n", "Change", "Worst touchpoint"))
    moment_table = (f"<h2>{'Momentos de la verdad' if es else 'Moments of truth'}</h2><table><tr>"
                    + "".join(f"<th>{label}</th>" for label in moment_labels) + f"</tr>{moment_rows}</table>"
                    if moments else "")
    return (f"<!doctype html><html lang='{'es' if es else 'en'}'><head><meta charset='utf-8'><title>{title}</title>"
            "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse}"
            "td,th{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left}</style></head><body>"
            f"<h1>{title}</h1><p>{html.escape(head)}</p>{chart}"
            f"<h2>{'Prioridades' if es else 'Priorities'}</h2><table><tr>"
            + "".join(f"<th>{label}</th>" for label in labels) + f"</tr>{rows}</table>{moment_table}{theme_table}</body></html>")


def _number(value: object, *, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return f"{value:+.1f}" if signed else f"{value:.1f}"
