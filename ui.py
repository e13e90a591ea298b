"""The one UI module: session-state keys, cached loading on bytes, translations and shared widgets.

Pages import this and ``cj``; ``cj`` never imports Streamlit. No module-level mutable state.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

import streamlit as st

from cj import CjReadError, Journey, Source, load_journey
from cj.samples import DEFAULT_SAMPLE, SAMPLE_TITLES, SAMPLES
from cj.template import build_template

# session-state keys
LANG = "lang"
SAMPLE = "sample"
UPLOADS = "uploads"
JOURNEY = "journey"
LOADED_FROM = "loaded_from"
LOAD_ERROR = "load_error"

TEXT = {
    "title": ("cj — customer journey analytics", "cj — análisis del customer journey"),
    "language": ("Language", "Idioma"),
    "sample": ("Sample journey", "Journey de ejemplo"),
    "upload": ("…or upload your files (.xlsx, .csv, .tsv, .txt)", "…o suba sus archivos (.xlsx, .csv, .tsv, .txt)"),
    "showing": ("Showing", "Mostrando"),
    "rows_read": ("Rows read", "Filas leídas"),
    "rows_used": ("Rows used", "Filas usadas"),
    "rows_rejected": ("Rows rejected", "Filas rechazadas"),
    "touchpoints_read": ("Touchpoints listed", "Puntos de contacto listados"),
    "mapping": ("Columns as read", "Columnas leídas"),
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
    "message": ("Message", "Mensaje"),
    "reading": ("Reading and validating…", "Leyendo y validando…"),
    "internal": ("cj could not read these files because of an internal error ({error}); please report it.",
                 "cj no pudo leer estos archivos por un error interno ({error}); por favor, infórmenos."),
}
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def lang() -> str:
    return st.session_state.get(LANG, "es")


def t(key: str) -> str:
    """A UI text in the current language."""
    en, es = TEXT[key]
    return es if lang() == "es" else en


def plain(text: str) -> str:
    """User-provided text made inert for Markdown (it is never HTML: unsafe_allow_html stays off)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def language_switch() -> str:
    st.sidebar.radio(t("language"), ["es", "en"], key=LANG, horizontal=True,
                     format_func=lambda code: {"es": "Español", "en": "English"}[code])
    return lang()


@st.cache_data(max_entries=8, show_spinner=False)
def _load(files: tuple[tuple[str, bytes], ...]) -> Journey:
    return load_journey([Source(name, data) for name, data in files])


@st.cache_data(max_entries=2, show_spinner=False)
def template(lang_code: str) -> bytes:
    """The input template workbook (built once per language)."""
    return build_template(lang_code)


def sample_files(key: str) -> tuple[tuple[str, bytes], ...]:
    return tuple((Path(p).name, Path(p).read_bytes()) for p in SAMPLES[key])


def load_files(files: Sequence[tuple[str, bytes]], label: str) -> None:
    """Load files into the session; a file that cannot be read leaves the previous journey in place."""
    try:
        with st.spinner(t("reading")):
            journey = _load(tuple(files))
    except CjReadError as err:
        st.session_state[LOAD_ERROR] = err.message(lang())
        return
    except Exception as err:  # noqa: BLE001 — a bug must still reach the user as one sentence, not a traceback
        st.session_state[LOAD_ERROR] = t("internal").format(error=type(err).__name__)
        return
    st.session_state[JOURNEY] = journey
    st.session_state[LOADED_FROM] = label
    st.session_state.pop(LOAD_ERROR, None)


def source_picker() -> None:
    """Sample picker and uploader side by side; loads what they point at."""
    left, right = st.columns(2)
    key = left.selectbox(t("sample"), list(SAMPLES), key=SAMPLE, index=list(SAMPLES).index(DEFAULT_SAMPLE),
                         format_func=SAMPLE_TITLES.get)
    uploads = right.file_uploader(t("upload"), type=["xlsx", "xlsm", "csv", "tsv", "txt"],
                                  accept_multiple_files=True, key=UPLOADS)
    if uploads:
        load_files([(f.name, f.getvalue()) for f in uploads], ", ".join(f.name for f in uploads))
    else:
        load_files(sample_files(key), SAMPLE_TITLES[key])
    if st.session_state.get(LOAD_ERROR):
        st.error(plain(st.session_state[LOAD_ERROR]))
        if st.session_state.get(JOURNEY) is not None:
            st.caption(t("kept"))


def current_journey() -> Journey | None:
    return st.session_state.get(JOURNEY)
