"""Themes of the comments: volume × negativity, theme × touchpoint, the comments themselves, and edits that
last (rename, merge, split), kept in the theme dictionary."""
import streamlit as st

import ui

preload = ui.preload_charts()  # before the engine's imports (ruff E402 is off in pages/)

import pandas as pd

from cj import theme_edits as edits
from cj.charts import fig_theme_heatmap, fig_themes
from cj.dictionary import DictionaryError

lang, analysis = ui.analysis_page("themes_title", preload)
result, feedback = analysis.result, analysis.feedback
if not result["themes"]:
    st.info(ui.t("no_comments"))
    st.stop()

info = result["themes_info"]
st.caption(ui.t("themes_info").format(n=ui.number(info['comments'], lang), empty=ui.number(info['no_content'], lang),
                                      how=ui.t(f"k_{info['k_source']}") if info["k_source"] else "–"))
left, right = st.columns(2)
left.plotly_chart(fig_themes(result["themes"], lang=lang), width="stretch", key="themes_chart")
right.plotly_chart(fig_theme_heatmap(result["themes"], result["theme_touchpoints"], lang=lang), width="stretch",
                   key="heatmap_chart")

labels = {t["theme_id"]: t["label"] for t in result["themes"]}
sizes = {t["theme_id"]: t["size"] for t in result["themes"]}
chosen = st.selectbox(ui.t("theme"), list(labels), key=ui.theme_key("theme_pick"),
                      format_func=lambda i, names=labels, n=sizes: f"{names.get(i, '–')} ({ui.number(n.get(i, 0), lang)})")
query = st.text_input(ui.t("search"), key="theme_search")
comments = feedback.comments[feedback.comments["theme_id"] == chosen]
if query:
    comments = comments[comments["comment"].str.contains(query, case=False, regex=False, na=False)]
st.dataframe(pd.DataFrame({ui.t("comment_col"): comments["comment"], "touchpoint": comments["touchpoint"],
                           ui.t("sentiment_col"): comments["sentiment"].round(2), ui.t("row_col"): comments["row"]}).head(500),
             hide_index=True, width="stretch",  # a table shows user text as text, never as HTML
             column_config={"touchpoint": ui.t("plan_touchpoint")})

with st.expander(ui.t("edit_themes"), expanded=False):
    found = feedback.result
    a, b, c = st.columns(3)
    name = lambda i: labels.get(i, "–")  # noqa: E731 — an id an edit removed, still in the browser: no crash
    target = a.selectbox(ui.t("rename"), list(labels), key=ui.theme_key("rename_pick"), format_func=name,
                         placeholder=ui.t("choose"))
    new_label = a.text_input(ui.t("new_label"), key=ui.theme_key("rename_label"))
    merged = b.multiselect(ui.t("merge_which"), list(labels), key=ui.theme_key("merge_pick"), format_func=name,
                           placeholder=ui.t("choose"))
    merged_label = b.text_input(ui.t("new_label"), key=ui.theme_key("merge_label"))
    to_split = c.selectbox(ui.t("split"), list(labels), key=ui.theme_key("split_pick"), format_func=name,
                           placeholder=ui.t("choose"))
    try:
        if a.button(ui.t("rename"), key="rename_button") and new_label.strip():
            ui.save_dictionary(edits.rename(found, target, new_label.strip(), ui.dictionary()))
            ui.edited_themes()
        if b.button(ui.t("merge"), key="merge_button") and len(merged) >= 2 and merged_label.strip():
            ui.save_dictionary(edits.merge(found, merged, merged_label.strip(), ui.dictionary()))
            ui.edited_themes()
        if c.button(ui.t("split"), key="split_button"):
            ui.save_dictionary(edits.split(found, to_split, ui.dictionary()))
            ui.edited_themes()
    except DictionaryError as err:
        st.error(ui.t("edit_failed").format(error=ui.plain(err.message(lang))))
    except ValueError as err:  # anything else an edit meets still reaches the user as one sentence
        st.error(ui.t("edit_failed").format(error=ui.plain(str(err))))
    st.download_button(ui.t("download_dictionary"), ui.dictionary().to_json().encode("utf-8"),
                       "theme_dictionary.json", "application/json", key="dictionary_download")
    uploaded = st.file_uploader(ui.t("upload_dictionary"), type=["json"], key="dictionary_upload")
    if uploaded is not None and st.session_state.get("_dictionary_file") != uploaded.file_id:
        st.session_state["_dictionary_file"] = uploaded.file_id
        try:
            from cj.dictionary import Dictionary

            ui.save_dictionary(Dictionary.from_json(uploaded.getvalue()))
            st.rerun()
        except DictionaryError as err:
            st.error(ui.plain(err.message(lang)))
