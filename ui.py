"""The one UI module: session-state keys, cached loading on bytes, translations and shared widgets.

Pages import this and ``cj``; ``cj`` never imports Streamlit. No module-level mutable state.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import streamlit as st

from cj import columns as C
from cj.samples import DEFAULT_SAMPLE, SAMPLE_TITLES, SAMPLES

if TYPE_CHECKING:
    import pandas as pd

    from cj import Journey
    from cj.analysis import Analysis
    from cj.filters import Filters

# The engine (pandas, numpy, scipy, plotly) is imported inside the functions that use it, so a page can send
# ``preload_charts`` to the browser before paying for those imports (see ``preload_charts``).

# session-state keys
LANG = "lang"
SAMPLE = "sample"
UPLOADS = "uploads"
JOURNEY = "journey"
LOADED_FROM = "loaded_from"
LOAD_ERROR = "load_error"
FILES = "files"                 # the (name, bytes) of the loaded journey
FILES_KEY = "files_key"         # their digest: the key of every cache
MAPPING = "mapping"             # the user's column choices for those files, as sorted (field, header) pairs
SAMPLE_CHOICE = "_sample"        # copies that outlive a page switch (Streamlit drops state of unrendered widgets)
FILTER_KEYS = {C.SEGMENT: "f_segment", C.WAVE: "f_wave", C.CHANNEL: "f_channel"}
DATES = "f_dates"
PLAN = "_plan"                  # the action plan, as the user last left it
DICTIONARY = "_theme_dictionary"  # the theme dictionary as JSON (None: the built-in one), edited on the themes page

TEXT = {
    "title": ("cj — customer journey analytics", "cj — análisis del customer journey"),
    "nav_data": ("Data", "Datos"),
    "language": ("Language", "Idioma"),
    "sample": ("Sample journey", "Journey de ejemplo"),
    "upload": ("…or upload your files (.xlsx, .csv, .tsv, .txt)", "…o suba sus archivos (.xlsx, .csv, .tsv, .txt)"),
    "showing": ("Showing", "Mostrando"),
    "rows_read": ("Rows read", "Filas leídas"),
    "rows_used": ("Rows used", "Filas usadas"),
    "rows_rejected": ("Rows rejected", "Filas rechazadas"),
    "touchpoints_count": ("Touchpoints", "Touchpoints"),
    "score_columns": ("Score columns", "Columnas de puntuación"),
    "all_touchpoints": ("(each row's touchpoint)", "(el touchpoint de cada fila)"),
    "scale": ("Scale", "Escala"),
    "ratings_n": ("Ratings used", "Valoraciones usadas"),
    "touchpoints_listed": ("{n} from your touchpoints list", "{n} de su lista de touchpoints"),
    "touchpoints_more": (", {n} more only in the responses (see the warnings)",
                         ", {n} más solo en las respuestas (vea los avisos)"),
    "touchpoints_from_responses": ("taken from the responses (no touchpoints list)",
                                   "tomados de las respuestas (sin lista de touchpoints)"),
    "mapping": ("Columns as read", "Columnas leídas"),
    "mapping_help": ("Change the column of any field and apply: the files are read again with your choice.",
                     "Cambie la columna de cualquier campo y aplique: los archivos se vuelven a leer con su elección."),
    "apply_mapping": ("Apply these columns", "Aplicar estas columnas"),
    "k_automatic": ("number of themes chosen by stability and coherence", "número de temas elegido por estabilidad y coherencia"),
    "k_user": ("number of themes set by you", "número de temas fijado por usted"),
    "k_too_few": ("too few comments left to cluster", "quedan muy pocos comentarios para agrupar"),
    "row_col": ("Row", "Fila"),
    "file_col": ("File", "Archivo"),
    "sheet_col": ("Sheet", "Hoja"),
    "column_col": ("Column", "Columna"),
    "value_col": ("Value", "Valor"),
    "reason_col": ("Reason", "Motivo"),
    "from_user": ("you", "usted"),
    "from_touchpoints sheet": ("touchpoints sheet", "hoja de touchpoints"),
    "from_default": ("default (50)", "por defecto (50)"),
    "field": ("Field", "Campo"),
    "header": ("Column in your file", "Columna en su archivo"),
    "rejected": ("Rejected rows", "Filas rechazadas"),
    "no_rejected": ("No row was rejected.", "No se rechazó ninguna fila."),
    "warnings": ("Warnings", "Avisos"),
    "no_warnings": ("No warnings.", "Sin avisos."),
    "download_rejected": ("Download rejected rows (CSV)", "Descargar filas rechazadas (CSV)"),
    "template": ("Input template", "Plantilla de entrada"),
    "template_es": ("Template (Spanish)", "Plantilla (español)"),
    "template_en": ("Template (English)", "Plantilla (inglés)"),
    "kept": ("The data loaded before is still shown.", "Se siguen mostrando los datos cargados antes."),
    "nothing": ("Pick a sample or upload a file to start.", "Elija un ejemplo o suba un archivo para empezar."),
    "your_files": ("— your uploaded files —", "— sus archivos subidos —"),
    "no_responses": ("These files hold no survey responses (a list of touchpoints alone): there is nothing to analyse. "
                     "Upload the responses with it.",
                     "Estos archivos no tienen respuestas de encuesta (solo una lista de touchpoints): no hay nada que "
                     "analizar. Súbalos junto con las respuestas."),
    "message": ("Message", "Mensaje"),
    "reading": ("Reading and validating…", "Leyendo y validando…"),
    "internal": ("cj could not read these files because of an internal error ({error}); please report it.",
                 "cj no pudo leer estos archivos por un error interno ({error}); por favor, infórmenos."),
    "internal_analysis": ("cj could not analyse this journey because of an internal error ({error}); please report it.",
                          "cj no pudo analizar este journey por un error interno ({error}); por favor, infórmenos."),
    "analysing": ("Analysing: metrics, drivers, comment themes…", "Analizando: métricas, drivers, temas de comentarios…"),
    "filters": ("Filters", "Filtros"),
    "segment": ("Segment", "Segmento"),
    "wave": ("Survey wave", "Ola de encuesta"),
    "channel": ("Channel", "Canal"),
    "dates": ("Dates", "Fechas"),
    "all": ("all", "todos"),
    "choose": ("Choose…", "Elija…"),
    "active": ("Active filters", "Filtros activos"),
    "no_filters": ("No filters: every respondent.", "Sin filtros: todos los encuestados."),
    "filtered_out": ("No respondent passes these filters; clear one in the sidebar.",
                     "Ningún encuestado pasa estos filtros; quite alguno en la barra lateral."),
    "respondents": ("respondents", "encuestados"),
    "curve_title": ("Journey curve", "Curva de la emoción"),
    "overlay": ("Compare", "Comparar"),
    "overlay_none": ("everyone", "todos"),
    "overlay_segments": ("segments", "segmentos"),
    "overlay_waves": ("waves", "olas"),
    "peak": ("Peak", "Pico"),
    "trough": ("Pain point", "Punto de dolor"),
    "end": ("End", "Final"),
    "stages_title": ("Stages and funnel", "Etapas y embudo"),
    "stages_derived": ("Your data has no stages: they follow the classic journey cycle (zero moment of truth, awareness, "
                       "consideration, evaluation, purchase, loyalty), from the touchpoint names.",
                       "Sus datos no tienen etapas: siguen el ciclo clásico del journey (momento cero, conciencia, "
                       "consideración, evaluación, compra, lealtad), según los nombres de los touchpoints."),
    "stage": ("Stage", "Etapa"),
    "score": ("Score 0–100", "Puntuación 0–100"),
    "reach": ("Reach", "Alcance"),
    "negative": ("% negative", "% negativas"),
    "worst": ("Worst touchpoint", "Peor touchpoint"),
    "trend": ("Change", "Cambio"),
    "curve_all_small": ("No touchpoint has 30 ratings yet, so the curve is not drawn: a line through so few answers "
                        "would show chance, not the journey. The stages below use every rating.",
                        "Ningún touchpoint tiene aún 30 valoraciones, así que la curva no se dibuja: una línea con tan "
                        "pocas respuestas mostraría el azar, no el journey. Las etapas de abajo usan todas las "
                        "valoraciones."),
    "small_base": ("Touchpoints with fewer than 30 ratings are left off the curve: {names}.",
                   "Los touchpoints con menos de 30 valoraciones no aparecen en la curva: {names}."),
    "moments_title": ("Moments of truth", "Momentos de la verdad"),
    "moments_intro": ("The seven moments of truth, from ZMOT (0) to the memorable experience (6): score 0–100, "
                      "change since the previous wave, ratings and the worst touchpoint of each.",
                      "Los siete momentos de la verdad, del ZMOT (0) a la experiencia memorable (6): "
                      "puntuación 0–100, cambio desde la ola anterior, valoraciones y el peor touchpoint de cada uno."),
    "ratings": ("ratings", "valoraciones"),
    "no_moment": ("no touchpoint", "sin touchpoint"),
    "no_ratings": ("no valid rating", "ninguna valoración válida"),
    "few_for_change": ("change not shown: under 30 ratings in a wave", "cambio no mostrado: menos de 30 valoraciones en una ola"),
    "page_failed": ("This page could not be drawn with these data ({error}). Your data is still loaded and the other "
                    "pages still work; please tell us, with the file if you can.",
                    "Esta página no se ha podido dibujar con estos datos ({error}). Sus datos siguen cargados y las "
                    "demás páginas funcionan; avísenos, con el archivo si puede."),
    "data_driven": ("Moments of truth found in the data", "Momentos de la verdad según los datos"),
    "data_driven_intro": ("Touchpoints holding at least 1.5 / p of the outcome's explained variance.",
                          "Touchpoints con al menos 1,5 / p de la varianza explicada del resultado."),
    "none_found": ("None stands out.", "Ninguno destaca."),
    "lens": ("Lens", "Lente"),
    "handoffs_title": ("Handoffs between teams", "Traspasos entre equipos"),
    "no_handoffs": ("No owning team is given, or it never changes along the journey.",
                    "No se indica el equipo responsable, o no cambia a lo largo del journey."),
    "kind": ("Kind", "Tipo"),
    "valence": ("Valence (top − bottom box)", "Valencia (top − bottom box)"),
    "priorities_title": ("Priorities", "Prioridades"),
    "no_priorities": ("No touchpoint has the 30 ratings a priority needs.",
                      "Ningún touchpoint tiene las 30 valoraciones que necesita una prioridad."),
    "weights": ("Weights of impact", "Pesos del impacto"),
    "weights_help": ("Each component of impact is raised to its weight: 0 leaves it out, 2 doubles its say.",
                     "Cada componente del impacto se eleva a su peso: 0 lo excluye, 2 duplica su peso."),
    "w_importance": ("Importance (drivers)", "Importancia (drivers)"),
    "w_gap": ("Gap to the top", "Brecha hasta el máximo"),
    "w_reach": ("Reach", "Alcance"),
    "w_severity": ("Severity (negative ratings and themes)", "Severidad (valoraciones y temas negativos)"),
    "w_key": ("Key to the business", "Clave para el negocio"),
    "reset": ("Reset efforts and weights", "Restablecer esfuerzos y pesos"),
    "efforts": ("Effort of each touchpoint (0 easy – 100 hard)", "Esfuerzo de cada touchpoint (0 fácil – 100 difícil)"),
    "effort_col": ("Effort 0–100", "Esfuerzo 0–100"),
    "source_col": ("From", "Origen"),
    "tab_matrix": ("Impact × effort", "Impacto × esfuerzo"),
    "tab_ipa": ("Importance × performance", "Importancia × desempeño"),
    "quick_wins": ("Quick wins, in order", "Quick wins, por orden"),
    "no_quick_wins": ("No touchpoint is a quick win with these efforts and weights.",
                      "Ningún touchpoint es un quick win con estos esfuerzos y pesos."),
    "ranking": ("Every touchpoint, ranked", "Todos los touchpoints, por orden"),
    "rank_col": ("Rank", "Orden"),
    "rank_of": ("rank {rank} of {n}", "puesto {rank} de {n}"),
    "quadrant_col": ("Quadrant", "Cuadrante"),
    "impact_col": ("Impact", "Impacto"),
    "why_col": ("Why", "Por qué"),
    "plan": ("Action plan", "Plan de acción"),
    "plan_touchpoint": ("Touchpoint", "Touchpoint"),
    "plan_improvement": ("Improvement", "Mejora"),
    "plan_owner": ("Owner", "Responsable"),
    "plan_due": ("Due", "Fecha límite"),
    "plan_status": ("Status", "Estado"),
    "status_to do": ("to do", "pendiente"),
    "status_in progress": ("in progress", "en curso"),
    "status_done": ("done", "hecho"),
    "plan_help": ("For each touchpoint you will act on: the improvement, who owns it, by when, and how far it got "
                  "(the action plan, last step of the journey work). It starts from the quick wins; add or remove rows.",
                  "Para cada touchpoint en que se actuará: la mejora, el responsable, la fecha y el estado (el plan de "
                  "acción, último paso del trabajo con el journey). Empieza con los quick wins; añada o quite filas."),
    "plan_csv": ("Download the plan (CSV)", "Descargar el plan (CSV)"),
    "plan_xlsx": ("Download the plan (Excel)", "Descargar el plan (Excel)"),
    "plan_upload": ("Restore a saved plan", "Recuperar un plan guardado"),
    "plan_restored": ("Plan restored: {n} rows.", "Plan recuperado: {n} filas."),
    "themes_title": ("Themes", "Temas"),
    "no_comments": ("This journey has no comments.", "Este journey no tiene comentarios."),
    "themes_info": ("{n} comments, {empty} with nothing to say; themes from the dictionary first, the rest "
                    "clustered ({how}).",
                    "{n} comentarios, {empty} sin nada que decir; primero los temas del diccionario, el resto "
                    "agrupado ({how})."),
    "theme": ("Theme", "Tema"),
    "search": ("Search in the comments", "Buscar en los comentarios"),
    "comment_col": ("Comment", "Comentario"),
    "sentiment_col": ("Sentiment −1…1", "Sentimiento −1…1"),
    "edit_themes": ("Edit themes (saved in the theme dictionary)", "Editar temas (se guardan en el diccionario)"),
    "rename": ("Rename", "Renombrar"),
    "new_label": ("New name", "Nombre nuevo"),
    "merge": ("Merge", "Fusionar"),
    "merge_which": ("Themes to merge", "Temas a fusionar"),
    "split": ("Split in two", "Dividir en dos"),
    "download_dictionary": ("Download the theme dictionary (JSON)", "Descargar el diccionario de temas (JSON)"),
    "upload_dictionary": ("…or upload a saved one", "…o suba uno guardado"),
    "dictionary_loaded": ("Theme dictionary loaded.", "Diccionario de temas cargado."),
    "edit_failed": ("That edit could not be made: {error}", "No se pudo hacer ese cambio: {error}"),
    "report_title": ("Report", "Informe"),
    "report_intro": ("A one-page summary for stakeholders, with the efforts and weights set on the priorities page.",
                     "Un resumen de una página para los responsables, con los esfuerzos y pesos fijados en Prioridades."),
    "kpi_respondents": ("Respondents", "Encuestados"),
    "kpi_touchpoints": ("Touchpoints", "Touchpoints"),
    "kpi_quick_wins": ("Quick wins", "Quick wins"),
    "kpi_comments": ("Comments", "Comentarios"),
    "top_quick_wins": ("Top quick wins", "Principales quick wins"),
    "worst_moments": ("Worst moments of truth", "Peores momentos de la verdad"),
    "top_negative": ("Top negative themes", "Principales temas negativos"),
    "downloads": ("Downloads", "Descargas"),
    "download_html": ("Report (HTML, opens offline)", "Informe (HTML, se abre sin conexión)"),
    "download_xlsx": ("Report (Excel)", "Informe (Excel)"),
    "download_csv": ("Table {name} (CSV)", "Tabla {name} (CSV)"),
    "png_hint": ("Each chart downloads as PNG from its camera button.",
                 "Cada gráfico se descarga como PNG con su botón de cámara."),
    "moment": ("Moment", "Momento"),
    "share": ("Share of R²", "Parte del R²"),
    "pain_point": ("pain point", "punto de dolor"),
    "magic_moment": ("magic moment", "momento mágico"),
    "critical": ("critical", "crítico"),
}
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def lang() -> str:
    return st.session_state.get(LANG, "es")


def t(key: str) -> str:
    """A UI text in the current language."""
    return text(key, lang())


def text(key: str, code: str) -> str:
    """A UI text in a given language — for a widget's ``format_func``, which may be called outside the page run
    (by AppTest), where the session's language is not at hand."""
    en, es = TEXT[key]
    return es if code == "es" else en


def plain(text: str) -> str:
    """User-provided text made inert for Markdown (it is never HTML: unsafe_allow_html stays off)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def number(value: int, lang_code: str | None = None) -> str:
    """A count as written in the language: 18.140 in Spanish, 18,140 in English."""
    return f"{int(value):,}".replace(",", "." if (lang_code or lang()) == "es" else ",")


def decimal(value: float, form: str = ".1f", lang_code: str | None = None) -> str:
    """A number with decimals as written in the language (a decimal comma in Spanish): -0,3 / -0.3."""
    text = format(value, form)
    return text.replace(".", ",") if (lang_code or lang()) == "es" else text


def table(frame: pd.DataFrame, **kwargs) -> None:
    """``st.dataframe`` of an analysis table, its numbers written as the language writes them: in Spanish 1.234
    and 72,5. The cells stay numbers underneath (a column sorts as numbers); only what is shown changes."""
    import pandas as pd

    if lang() == "es" and len(frame) <= 2_000:  # written cell by cell: kept to tables a person reads through
        numeric = [c for c in frame.columns
                   if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])]
        if numeric:
            frame = frame.style.format(spanish_number, subset=numeric, na_rep="")
    st.dataframe(frame, **kwargs)


def spanish_number(value: float) -> str:
    """A table's number the Spanish way, with up to four decimals as shown in English: 1.234,5 / -0,3 / 18.140.

    >>> spanish_number(1234.5), spanish_number(-0.3), spanish_number(18140), spanish_number(72.0)
    ('1.234,5', '-0,3', '18.140', '72')
    """
    if isinstance(value, int) or getattr(getattr(value, "dtype", None), "kind", "f") in ("i", "u"):
        return number(value, "es")
    text = f"{float(value):,.4f}".rstrip("0").rstrip(".")
    return ("0" if text == "-0" else text).translate(str.maketrans(",.", ".,"))


def language_switch() -> str:
    restore(LANG, "es")
    st.sidebar.radio(t("language"), ["es", "en"], key=LANG, horizontal=True, on_change=keep, args=(LANG,),
                     format_func=lambda code: {"es": "Español", "en": "English"}[code])
    return lang()


def under_navigation() -> None:
    """Make sure ``app.py`` and its navigation run this page (a page's first call).

    Until some session's run reaches ``st.navigation``, Streamlit treats an app with a ``pages/`` folder as one
    of its older folder apps (a process-wide flag, ``PagesManager.uses_pages_directory``): a first visit to a
    page's own address after the server starts runs that page's script alone, under a menu made from the file
    names ('app', English names, no icons). The flag is cleared and the run starts again through ``app.py``,
    once per session at most (never a loop; AppTest sets the flag again before each of its runs)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not st.session_state.get("_navigation_set"):
        st.session_state["_navigation_set"] = True
        PagesManager.uses_pages_directory = False
        st.rerun()


def restore(widget: str, default: object) -> None:
    """Give a widget the value kept for it in ``_<widget>`` before it is drawn (at first its own value, or
    ``default``); draw it with ``on_change=keep, args=(widget,)``. The kept copy, not the widget, is what holds
    across pages: a widget that a page does not draw loses its value, and under AppTest a page switch starts
    even the sidebar's widgets at their defaults (a browser sends their values along)."""
    value = st.session_state.get(f"_{widget}", st.session_state.get(widget, default))
    st.session_state[widget] = st.session_state[f"_{widget}"] = value


def keep(widget: str) -> None:
    """A widget's change, kept for the next page (``restore``). A change the browser sends for a filter that new
    files have just removed (``load_files`` drops the old filters) has nothing to keep: it was a KeyError and a
    traceback on the data page, now and then, when a file was uploaded right after another."""
    if widget in st.session_state:
        st.session_state[f"_{widget}"] = st.session_state[widget]


def page(title_key: str, filters: bool = True) -> str:
    """What every page starts with: page settings, language, the journey (the sample on first visit) and the
    sidebar filters (``filters=False``: drawn by ``current_analysis``; pages read their values from the copies
    kept in the session, set before any widget is drawn). Returns the language."""
    under_navigation()
    # a Material icon: an emoji icon makes Streamlit load its emoji table, 0.2 s on the first page
    st.set_page_config(page_title=f"cj · {t(title_key)}", page_icon=":material/show_chart:", layout="wide")
    code = language_switch()
    if current_journey() is None:
        first = st.session_state.get(SAMPLE_CHOICE) or DEFAULT_SAMPLE
        load_files(sample_files(first), SAMPLE_TITLES[first])
    if filters:
        filter_sidebar()
    return code


# Journeys and analyses are cached as shared objects (cache_resource), not copied on every call (cache_data
# would pickle a 1M-row journey in and out on each page run); nothing downstream mutates them.
@st.cache_resource(max_entries=4, show_spinner=False)
def _load(key: str, _files: tuple[tuple[str, bytes], ...], mapping: tuple[tuple[str, str], ...] = ()) -> Journey:
    """``key`` is the files' digest: Streamlit hashes it, not the megabytes of ``_files`` (not hashed: '_')."""
    from cj import Source, load_journey

    return load_journey([Source(name, data) for name, data in _files], mapping=dict(mapping) or None)


def files_key(files: Sequence[tuple[str, bytes]]) -> str:
    """A digest of the files' names and bytes, computed once per load: the key of every cache."""
    import hashlib

    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _files() -> tuple[str, tuple[tuple[str, bytes], ...]] | None:
    files = st.session_state.get(FILES)
    return (st.session_state.get(FILES_KEY) or files_key(files), files) if files else None


@st.cache_data(max_entries=2, show_spinner=False)
def template(lang_code: str) -> bytes:
    """The input template workbook (built once per language)."""
    from cj.template import build_template  # xlsxwriter: imported when the data page asks, not at start

    return build_template(lang_code)


def sample_files(key: str) -> tuple[tuple[str, bytes], ...]:
    return tuple((Path(p).name, Path(p).read_bytes()) for p in SAMPLES[key])


def load_files(files: Sequence[tuple[str, bytes]], label: str, mapping: dict[str, str] | None = None) -> None:
    """Load files into the session; a file that cannot be read leaves the previous journey in place."""
    from cj import CjReadError

    pairs = tuple(sorted((mapping or {}).items()))
    key = files_key(files)
    try:
        with st.spinner(t("reading")):
            journey = _load(key, tuple(files), pairs)
    except CjReadError as err:
        st.session_state[LOAD_ERROR] = err.message(lang())
        return
    except Exception as err:  # noqa: BLE001 — a bug must still reach the user as one sentence, not a traceback
        st.session_state[LOAD_ERROR] = t("internal").format(error=type(err).__name__)
        return
    if journey.validation.rows_read == 0:  # no response rows at all (rejected rows are shown, not refused)
        st.session_state[LOAD_ERROR] = t("no_responses")
        return
    st.session_state[JOURNEY] = journey
    st.session_state[FILES] = tuple(files)
    st.session_state[FILES_KEY] = key
    st.session_state[MAPPING] = pairs
    st.session_state[LOADED_FROM] = label
    st.session_state.pop(LOAD_ERROR, None)
    for keep in ("_f_segment", "_f_wave", "_f_channel", "_f_dates", *FILTER_KEYS.values(), DATES,
                 "_efforts", "effort_editor", PLAN, "plan_editor"):
        st.session_state.pop(keep, None)  # filters, efforts and the action plan of the previous data do not apply


FIELD_NAMES = {  # the intake's fields (cj.headers.FIELDS) as the mapping table names them
    "respondent_id": ("Respondent id", "ID de encuestado"), "touchpoint": ("Touchpoint", "Touchpoint"),
    "score": ("Touchpoint score", "Puntuación del touchpoint"), "comment": ("Comment", "Comentario"),
    "date": ("Date", "Fecha"), "segment": ("Segment", "Segmento"), "channel": ("Channel", "Canal"),
    "wave": ("Survey wave", "Ola de encuesta"),
    "overall": ("Overall outcome (NPS, satisfaction)", "Resultado global (NPS, satisfacción)"),
    "stage": ("Stage", "Etapa"), "order": ("Order in the journey", "Orden en el journey"),
    "owner": ("Owning team", "Equipo responsable"), "moment": ("Moment of truth", "Momento de la verdad"),
    "effort": ("Effort to improve", "Esfuerzo de mejora"), "internal_score": ("Internal score", "Puntuación interna"),
    "target": ("Target", "Objetivo"), "key": ("Key touchpoint", "Touchpoint clave"),
}


def field_name(field: str) -> str:
    names = FIELD_NAMES.get(field)
    return names[1 if lang() == "es" else 0] if names else field


def rejected_table(report) -> pd.DataFrame:
    """The rejected rows with their headers in the session's language (file, sheet, Excel row, column, value,
    reason), for the data page and its CSV download."""
    frame = report.rejected_rows(lang())
    return frame.rename(columns={C.FILE: t("file_col"), C.SHEET: t("sheet_col"), C.ROW: t("row_col"),
                                 C.COLUMN: t("column_col"), C.VALUE: t("value_col"), C.REASON: t("reason_col")})


def report_tables(result: dict) -> dict[str, pd.DataFrame]:
    """The report page's CSV tables: priorities (with their components), touchpoints and themes (a theme's terms,
    words and touchpoints as comma-separated text, not Python lists)."""
    import pandas as pd

    return {"priorities": pd.DataFrame([{k: v for k, v in p.items() if k != "components"} | p["components"]
                                        for p in result["priorities"]]),
            "touchpoints": pd.DataFrame(result["touchpoints"]),
            "themes": pd.DataFrame([{k: ", ".join(map(str, v)) if isinstance(v, list) else v
                                     for k, v in t.items() if k not in ("examples", "stems")}
                                    for t in result["themes"]])}


YOURS = ""  # the sample picker's entry for the user's own files, chosen by an upload: any sample is then a change


def _on_sample() -> None:
    key = st.session_state[SAMPLE]
    st.session_state[SAMPLE_CHOICE] = key
    if key == YOURS:  # the files still in the uploader; the picker names what is shown when they cannot be read
        shown = next((k for k, title in SAMPLE_TITLES.items() if title == st.session_state.get(LOADED_FROM)), YOURS)
        if st.session_state.get(UPLOADS):
            _on_upload()
        if st.session_state.get(LOAD_ERROR) or not st.session_state.get(UPLOADS):
            st.session_state[SAMPLE_CHOICE] = shown
    else:
        load_files(sample_files(key), SAMPLE_TITLES[key])


def _on_upload() -> None:
    uploads = st.session_state.get(UPLOADS)
    if uploads:
        load_files([(f.name, f.getvalue()) for f in uploads], ", ".join(f.name for f in uploads))
        if not st.session_state.get(LOAD_ERROR):
            st.session_state[SAMPLE_CHOICE] = YOURS


def source_picker() -> None:
    """Sample picker and uploader side by side; a change loads what they point at (and only a change, so coming
    back to this page never replaces what was loaded)."""
    left, right = st.columns(2)
    restore(SAMPLE, DEFAULT_SAMPLE)  # its copy, SAMPLE_CHOICE, is kept by _on_sample and _on_upload
    yours = t("your_files")  # in the language of this run (AppTest formats options later, outside it)
    left.selectbox(t("sample"), [YOURS, *SAMPLES], key=SAMPLE, on_change=_on_sample,
                   format_func=lambda key: SAMPLE_TITLES.get(key) or yours)
    right.file_uploader(t("upload"), type=["xlsx", "xlsm", "csv", "tsv", "txt"], accept_multiple_files=True,
                        key=UPLOADS, on_change=_on_upload)
    if st.session_state.get(LOAD_ERROR):
        st.error(plain(st.session_state[LOAD_ERROR]))
        if st.session_state.get(JOURNEY) is not None:
            st.caption(t("kept"))


def reload_with_mapping(mapping: dict[str, str]) -> None:
    """Read the loaded files again with the user's column choices (a bad choice keeps the data as it was)."""
    files = st.session_state.get(FILES)
    if files:
        load_files(files, st.session_state.get(LOADED_FROM, ""), dict(st.session_state.get(MAPPING, ())) | mapping)


def current_journey() -> Journey | None:
    return st.session_state.get(JOURNEY)


@st.cache_data(max_entries=4, show_spinner=False)
def _options(key: str, _files: tuple[tuple[str, bytes], ...], mapping: tuple[tuple[str, str], ...]
             ) -> dict[str, list[str]]:
    from cj.filters import options

    return options(_load(key, _files, mapping))


def filter_sidebar() -> None:
    """Segment, wave, channel and date filters in the sidebar; they hold across pages."""
    files = st.session_state.get(FILES)
    if not files:
        return
    choices = _options(*_files(), st.session_state.get(MAPPING, ()))
    if not any(choices.values()):  # no segment, wave, channel or date in these files: no heading over nothing
        return
    st.sidebar.subheader(t("filters"))
    for field, key in FILTER_KEYS.items():
        if choices[field]:
            restore(key, [])
            st.sidebar.multiselect(t(field), choices[field], key=key, placeholder=t("all"), on_change=keep,
                                   args=(key,))
    if choices[C.DATE]:
        import datetime as dt

        low, high = (dt.date.fromisoformat(d) for d in choices[C.DATE])
        restore(DATES, (low, high))
        st.sidebar.date_input(t("dates"), key=DATES, min_value=low, max_value=high, on_change=keep, args=(DATES,))


def quick_win_line(priority: dict, ranked: int) -> str:
    """A quick win as one Markdown line: its name in bold, its place in the whole ranking (quick wins need not be
    1, 2, 3 there: a numbered list skipping 3 read as a mistake), then why. The explanation starts with the name,
    already in bold: left out."""
    why = priority["explanation"].removeprefix(f"{priority['touchpoint']}: ")
    place = t("rank_of").format(rank=priority["rank"], n=ranked)
    return f"**{plain(priority['touchpoint'])}** · {place} — {plain(why)}"


def overlay_choices() -> list[str]:
    """The curve's overlays these files allow: segments and waves only where they hold two values or more."""
    files = _files()
    choices = _options(*files, st.session_state.get(MAPPING, ())) if files else {}
    allowed = ["none"] + [overlay for overlay, field in (("segments", C.SEGMENT), ("waves", C.WAVE))
                          if len(choices.get(field, [])) >= 2]
    if st.session_state.get("curve_overlay") not in allowed:  # new files without them: back to the plain curve
        st.session_state.pop("curve_overlay", None)
    return allowed


def current_filters() -> Filters:
    from cj.filters import Filters

    state = st.session_state  # the values kept beside the widgets: set before a page draws them
    files = state.get(FILES)
    dates = state.get(f"_{DATES}") or ()
    bounds = _options(*_files(), state.get(MAPPING, ()))[C.DATE] if files else []
    date_from = dates[0].isoformat() if len(dates) >= 1 and bounds and dates[0].isoformat() != bounds[0] else None
    date_to = dates[1].isoformat() if len(dates) == 2 and bounds and dates[1].isoformat() != bounds[1] else None
    chosen = {field: tuple(state.get(f"_{key}") or ()) for field, key in FILTER_KEYS.items()}
    return Filters(chosen[C.SEGMENT], chosen[C.WAVE], chosen[C.CHANNEL], date_from, date_to)


def filter_chips() -> None:
    """The active filters, shown above a page's content."""
    f = current_filters()
    parts = [f"{t(name)}: {', '.join(values)}" for name, values in
             ((C.SEGMENT, f.segments), (C.WAVE, f.waves), (C.CHANNEL, f.channels)) if values]
    if f.date_from or f.date_to:
        parts.append(f"{t('dates')}: {f.date_from or '…'} – {f.date_to or '…'}")
    st.caption(f"🔎 {t('active')}: " + " · ".join(plain(p) for p in parts) if parts else t("no_filters"))


@st.cache_resource(max_entries=16, show_spinner=False)
def _analysis(key: str, _files: tuple[tuple[str, bytes], ...], mapping: tuple[tuple[str, str], ...],
              filters: Filters, lang_code: str, dictionary: str | None = None) -> Analysis | None:
    from cj.analysis import run
    from cj.dictionary import Dictionary
    from cj.filters import apply

    journey = apply(_load(key, _files, mapping), filters)
    if journey.respondents.empty:
        return None
    return run(journey, lang=lang_code, dictionary=Dictionary.from_json(dictionary) if dictionary else None)


def preload_charts():
    """A page's first call: on a session's first page, an invisible chart goes to the browser at once, so it
    loads and compiles the chart library (about two seconds in a cold browser) while Python imports the engine
    and analyses; ``current_analysis`` clears it. Returns its slot."""
    under_navigation()
    slot = st.empty()
    if not st.session_state.get("_charts_preloaded"):
        import plotly.graph_objects as go

        st.session_state["_charts_preloaded"] = True
        hidden = {"visible": False}
        slot.plotly_chart(go.Figure(layout={"height": 10, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "xaxis": hidden,
                                            "yaxis": hidden}), config={"displayModeBar": False, "staticPlot": True},
                          key="_preload_chart")
    return slot


def analysis_frame(title_key: str) -> str:
    """``page``, the title and the active filters: what an analysis page shows before its analysis."""
    code = page(title_key, filters=False)
    st.title(t(title_key))
    filter_chips()
    return code


def analysis_page(title_key: str, preload=None) -> tuple[str, Analysis]:
    """The start of every analysis page: ``analysis_frame`` and the analysis; the page stops here (after the
    sentence ``current_analysis`` shows) when there is nothing to analyse."""
    code = analysis_frame(title_key)
    analysis = current_analysis(preload)
    if analysis is None:
        st.stop()
    return code, analysis


def _analysis_args() -> tuple:
    key, files = _files()
    return key, files, st.session_state.get(MAPPING, ()), current_filters(), lang(), st.session_state.get(DICTIONARY)


def analysis_ready() -> bool:
    """Whether this session already has the analysis of what is loaded, under these filters and language."""
    if not st.session_state.get(FILES):
        return False
    key, _, *rest = _analysis_args()
    return st.session_state.get("_analysed") == (key, *rest)


def current_analysis(preload=None) -> Analysis | None:
    """The analysis of the loaded journey under the sidebar filters (cached on the file bytes and filters);
    None with a sentence on the page when there is nothing to analyse. ``preload_charts``' slot is cleared and
    the sidebar filters are drawn after it."""
    try:
        result = _current_analysis()
    finally:
        if preload is not None:
            preload.empty()
    # the sidebar's filters after the analysis: in a cold browser, the page's first chart is drawn before them
    # (drawn at once, their widgets' code would make the chart wait about 0.2 s)
    filter_sidebar()
    return result


def _current_analysis() -> Analysis | None:
    if not st.session_state.get(FILES):
        st.info(t("nothing"))
        return None
    args = _analysis_args()
    try:
        with st.spinner(t("analysing")):
            result = _analysis(*args)
    except Exception as err:  # noqa: BLE001 — one sentence, never a traceback
        st.error(t("internal_analysis").format(error=type(err).__name__))
        return None
    st.session_state["_analysed"] = (args[0], *args[2:])
    if result is None:
        st.warning(t("filtered_out"))
    return result


@st.cache_resource(max_entries=16, show_spinner=False)
def _curve(key: str, _files: tuple[tuple[str, bytes], ...], mapping: tuple[tuple[str, str], ...], filters: Filters,
           overlay: str | None) -> dict | None:
    from cj.curve import curve_view
    from cj.filters import apply

    journey = apply(_load(key, _files, mapping), filters)
    return None if journey.respondents.empty else curve_view(journey, overlay=overlay)


def current_curve(overlay: str | None = None) -> dict | None:
    """The emotion curve alone (``cj.curve.curve_view``): what the curve page draws while the whole analysis
    runs. None when nothing is loaded or no respondent passes the filters (``current_analysis`` says so)."""
    if not st.session_state.get(FILES):
        return None
    key, files, mapping, filters, _, _ = _analysis_args()
    try:
        return _curve(key, files, mapping, filters, overlay)
    except Exception:  # noqa: BLE001 — the whole analysis follows and reports any failure in one sentence
        return None


# no slider for the moment-of-truth weight: every moment weighs 1 (cj.priority.MOMENT_WEIGHTS), so its exponent
# would move nothing
WEIGHT_NAMES = ("importance", "gap", "reach", "severity", "key")


def current_weights():
    """The impact weights set on the priorities page (1 each until changed)."""
    from cj.priority import Weights

    return Weights(**{name: float(st.session_state.get(f"_w_{name}", 1.0)) for name in WEIGHT_NAMES})


def current_efforts() -> dict[str, float]:
    """Efforts (0–100) the user typed on the priorities page, by touchpoint."""
    return dict(st.session_state.get("_efforts", {}))


def pending_efforts(touchpoints: list[str]) -> dict[str, float]:
    """The efforts typed in the grid that this run has not read yet (its edited rows, by row position)."""
    edits = (st.session_state.get(effort_editor_key()) or {}).get("edited_rows", {})
    pending = {}
    for row, cells in edits.items():
        value = cells.get(t("effort_col"))
        if isinstance(value, (int, float)) and value == value and 0 <= int(row) < len(touchpoints):
            pending[touchpoints[int(row)]] = float(value)
    return pending


def reset_priorities() -> None:
    for name in WEIGHT_NAMES:
        st.session_state[f"w_{name}"] = 1.0
        st.session_state[f"_w_{name}"] = 1.0
    st.session_state["_efforts"] = {}
    # a grid under a new key: the browser would otherwise send its old edits again with the next one
    renew_keys("_effort_grid", "effort_editor")


def fresh_key(name: str, counter: str) -> str:
    """A widget's key that ``renew_keys(counter, …)`` replaces: ``name``, then ``name_1``, ``name_2``… A widget
    under a new key is drawn afresh by the browser, which otherwise keeps showing (and sending back) its old value
    even after the session forgot it."""
    generation = st.session_state.get(counter, 0)
    return name if not generation else f"{name}_{generation}"


def renew_keys(counter: str, *names: str) -> None:
    """Forget the widgets ``names`` and give them new keys (``fresh_key``)."""
    for name in names:
        st.session_state.pop(fresh_key(name, counter), None)
    st.session_state[counter] = st.session_state.get(counter, 0) + 1


def effort_editor_key() -> str:
    """The efforts grid's widget key: a new one after each reset."""
    return fresh_key("effort_editor", "_effort_grid")


def current_priorities(analysis: Analysis) -> list[dict]:
    """The priorities re-scored with the user's efforts and weights (aggregates only: instant at any size)."""
    from cj.ranking import rescore

    if analysis.parts is None:
        return analysis.result["priorities"]
    return rescore(analysis.parts, efforts=current_efforts(), weights=current_weights(), lang=lang(),
                   boot=analysis.boot)


def dictionary():
    """The session's theme dictionary (the built-in one until the user edits or uploads one)."""
    from cj.dictionary import Dictionary

    text = st.session_state.get(DICTIONARY)
    return Dictionary.from_json(text) if text else Dictionary.built_in()


THEME_WIDGETS = ("theme_pick", "rename_pick", "rename_label", "merge_pick", "merge_label", "split_pick")


def theme_key(name: str) -> str:
    """The key of a theme picker or label box (``THEME_WIDGETS``): a new one after each theme edit. Under its old
    key the browser kept showing, and sending back, its old choice: a theme id that an edit gives to another theme,
    and the labels of themes merged away."""
    return fresh_key(name, "_theme_edits")


def edited_themes() -> None:
    """After a theme edit: the theme pickers and label boxes start afresh under new keys (their themes changed),
    and the page runs again on the edited dictionary."""
    renew_keys("_theme_edits", *THEME_WIDGETS)
    st.rerun()


def save_dictionary(edited) -> None:
    st.session_state[DICTIONARY] = edited.to_json()


def current_plan(priorities: list[dict], touchpoints: list[dict]):
    """The session's action plan; the quick wins with their owners until the user edits or restores one."""
    from cj.plan import starting_plan

    if st.session_state.get(PLAN) is None:
        owners = {t["touchpoint"]: t.get("owner") for t in touchpoints if isinstance(t.get("owner"), str)}
        st.session_state[PLAN] = starting_plan(priorities, owners)
    return st.session_state[PLAN]
