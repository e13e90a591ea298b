"""Data page: pick a sample or upload files, see how cj read them and every row it could not use."""
import pandas as pd
import streamlit as st

import ui
from cj.export import csv_bytes
from cj.headers import FIELDS
from cj.issues import where

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
for col, key in zip(cols, ("rows_read", "rows_used", "rows_rejected")):
    col.metric(ui.t(key), ui.number(getattr(report, key), lang))
cols[3].metric(ui.t("touchpoints_count"), ui.number(len(journey.touchpoints), lang))
listed = int(journey.touchpoints["in_table"].sum())  # kept from the list (duplicates and nameless rows aside)
extra = len(journey.touchpoints) - listed  # named only in the responses
if len(journey.touchpoints):  # a comments-only file has none to say anything of
    cols[3].caption(ui.t("touchpoints_from_responses") if not listed else
                    ui.t("touchpoints_listed").format(n=ui.number(listed, lang))
                    + (ui.t("touchpoints_more").format(n=ui.number(extra, lang)) if extra else ""))

st.subheader(ui.t("mapping"))
st.caption(ui.t("mapping_help"))
fields = list(dict.fromkeys([*FIELDS, *report.mapping]))  # one order, whatever was mapped: edits stay on their row
table = pd.DataFrame({ui.t("field"): [ui.field_name(f) for f in fields],
                      ui.t("header"): [report.mapping.get(f, "") for f in fields]})
edited = st.data_editor(table, hide_index=True, key="mapping_editor", disabled=[ui.t("field")],
                        column_config={ui.t("header"): st.column_config.SelectboxColumn(
                            ui.t("header"), options=["", *report.headers], required=False)})
if st.button(ui.t("apply_mapping"), key="apply_mapping"):
    # rows in order; a cleared cell ("" or None) is the field unmapped, which the intake then leaves unread
    chosen = {f: h if isinstance(h, str) else "" for f, h in zip(fields, edited[ui.t("header")])}
    ui.reload_with_mapping({f: h for f, h in chosen.items() if report.mapping.get(f, "") != h})
    st.rerun()

if report.scales:  # which columns were read as scores, as which touchpoint, on which scale
    st.subheader(ui.t("score_columns"))
    files = {(e["file"], e["sheet"]) for e in report.scales}
    place = {ui.t("file_col"): [where(e["file"], e["sheet"]) for e in report.scales]}
    st.dataframe(pd.DataFrame({**(place if len(files) > 1 else {}), ui.t("header"): [e["column"] for e in report.scales],
                               ui.t("plan_touchpoint"): [e["touchpoint"] or ui.t("all_touchpoints")
                                                         for e in report.scales],
                               ui.t("scale"): [e["scale"] for e in report.scales],
                               ui.t("ratings_n"): [e["n"] for e in report.scales]}), hide_index=True)

st.subheader(ui.t("rejected"))
rejected = ui.rejected_table(report)
if rejected.empty:
    st.success(ui.t("no_rejected"))
else:
    st.dataframe(rejected, hide_index=True)
    st.download_button(ui.t("download_rejected"), csv_bytes(rejected, lang == "es"), "rejected_rows.csv", "text/csv")

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
