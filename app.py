"""Data page: pick a sample or upload files, see how cj read them and every row it could not use."""
import pandas as pd
import streamlit as st

import ui
from cj.export import csv_bytes

lang = ui.page("title")
st.title(ui.t("title"))
ui.source_picker()
journey = ui.current_journey()
if journey is None:
    st.info(ui.t("nothing"))
    st.stop()

report = journey.validation
st.caption(f"{ui.t('showing')}: {ui.plain(st.session_state.get(ui.LOADED_FROM, ''))}")
cols = st.columns(4)
for col, key in zip(cols, ("rows_read", "rows_used", "rows_rejected", "touchpoints_read")):
    col.metric(ui.t(key), f"{getattr(report, key):,}".replace(",", "." if lang == "es" else ","))

st.subheader(ui.t("mapping"))
mapping = pd.DataFrame({ui.t("field"): list(report.mapping), ui.t("header"): list(report.mapping.values())})
st.dataframe(mapping, hide_index=True)

st.subheader(ui.t("rejected"))
rejected = report.rejected_rows(lang)
if rejected.empty:
    st.success(ui.t("no_rejected"))
else:
    st.dataframe(rejected, hide_index=True)
    st.download_button(ui.t("download_rejected"), csv_bytes(rejected), "rejected_rows.csv", "text/csv")

st.subheader(ui.t("warnings"))
warnings = pd.DataFrame({ui.t("message"): [w.message(lang) for w in report.warnings]})
if len(warnings):
    st.dataframe(warnings, hide_index=True)
else:
    st.success(ui.t("no_warnings"))

st.subheader(ui.t("template"))
left, right = st.columns(2)
left.download_button(ui.t("template_es"), ui.template("es"), "plantilla_cj_es.xlsx", key="template_es")
right.download_button(ui.t("template_en"), ui.template("en"), "template_cj_en.xlsx", key="template_en")
