"""Priorities: the impact–effort matrix, efforts and weights editable in place, and the ranked quick wins."""
import streamlit as st

import ui

preload = ui.preload_charts()  # before the engine's imports (ruff E402 is off in pages/)

import pandas as pd

from cj.charts import QUADRANT_NAMES, fig_importance_performance, fig_priority_matrix
from cj.plan import STATUSES, PlanError, plan_csv, plan_xlsx, read_plan

lang, analysis = ui.analysis_page("priorities_title", preload)
if analysis.parts is None or analysis.parts.empty:
    st.info(ui.t("no_priorities"))
    st.stop()

with st.sidebar.expander(ui.t("weights"), expanded=False):
    st.caption(ui.t("weights_help"))
    for name in ui.WEIGHT_NAMES:
        ui.restore(f"w_{name}", 1.0)
        st.slider(ui.t(f"w_{name}"), 0.0, 2.0, step=0.25, key=f"w_{name}", on_change=ui.keep, args=(f"w_{name}",))
st.sidebar.button(ui.t("reset"), key="reset_priorities", on_click=ui.reset_priorities)

parts = analysis.parts
efforts = ui.current_efforts()
typed = efforts | ui.pending_efforts([str(t) for t in parts.index])  # this run's edit, so "From" says it at once
table = pd.DataFrame({"touchpoint": [str(t) for t in parts.index],
                      ui.t("effort_col"): [round(float(efforts.get(str(t), 100 * e)), 1)
                                           for t, e in zip(parts.index, parts["effort01"])],
                      ui.t("source_col"): [ui.t("from_" + ("user" if str(t) in typed else s))
                                           for t, s in zip(parts.index, parts["effort_source"])]})
st.subheader(ui.t("efforts"))
edited = st.data_editor(table, hide_index=True, key=ui.effort_editor_key(), disabled=["touchpoint", ui.t("source_col")],
                        column_config={"touchpoint": ui.t("plan_touchpoint"),
                                       ui.t("effort_col"): st.column_config.NumberColumn(min_value=0, max_value=100,
                                                                                          step=1)})
changed = {t: float(e) for t, e, base in zip(edited["touchpoint"], edited[ui.t("effort_col")], table[ui.t("effort_col")])
           if pd.notna(e) and float(e) != float(base)}
if changed:  # used in this same run (no second run): the grid already shows the new values
    st.session_state["_efforts"] = efforts | changed

ranked = ui.current_priorities(analysis)
matrix, ipa = st.tabs([ui.t("tab_matrix"), ui.t("tab_ipa")])
matrix.plotly_chart(fig_priority_matrix(ranked, lang=lang), width="stretch", key="matrix_chart")
ipa.plotly_chart(fig_importance_performance(ranked, lang=lang), width="stretch", key="ipa_chart")

st.subheader(ui.t("quick_wins"))
wins = [p for p in ranked if p["quadrant"] == "quick_win"]
if not wins:
    st.write(ui.t("no_quick_wins"))
for p in wins:  # the explanation ends with the rank stability ("top 3 in 92 % of weightings")
    st.markdown(ui.quick_win_line(p, len(ranked)))

st.subheader(ui.t("ranking"))
ui.table(pd.DataFrame([{ui.t("rank_col"): p["rank"], "touchpoint": p["touchpoint"],
                        ui.t("quadrant_col"): QUADRANT_NAMES[p["quadrant"]][lang == "es"],
                        ui.t("impact_col"): p["impact"], ui.t("effort_col"): p["effort"],
                        ui.t("why_col"): p["explanation"]} for p in ranked]), hide_index=True, width="stretch",
         column_config={"touchpoint": ui.t("plan_touchpoint")})

st.subheader(ui.t("plan"))
st.caption(ui.t("plan_help"))
plan = ui.current_plan(ranked, analysis.result["touchpoints"])
edited_plan = st.data_editor(
    plan, num_rows="dynamic", hide_index=True, key="plan_editor", width="stretch",
    column_config={  # headers and statuses in the user's language; the values (and the files) stay as cj reads them
        "touchpoint": st.column_config.SelectboxColumn(ui.t("plan_touchpoint"),
                                                       options=[p["touchpoint"] for p in ranked]),
        "improvement": st.column_config.TextColumn(ui.t("plan_improvement")),
        "owner": st.column_config.TextColumn(ui.t("plan_owner")),
        "status": st.column_config.SelectboxColumn(ui.t("plan_status"), options=list(STATUSES), default="to do",
                                                   format_func=lambda s, code=lang: ui.text(f"status_{s}", code)),
        "due": st.column_config.DateColumn(ui.t("plan_due"), format="YYYY-MM-DD")})
if any(st.session_state.get("plan_editor", {}).values()):  # an edit: kept in the session, so it outlives a page
    st.session_state[ui.PLAN] = edited_plan                # switch (Streamlit drops an unrendered grid's edits)
    st.session_state.pop("plan_editor", None)
    st.rerun()
left, right = st.columns(2)
left.download_button(ui.t("plan_csv"), plan_csv(edited_plan), "action_plan.csv", "text/csv", key="plan_csv")
right.download_button(ui.t("plan_xlsx"), plan_xlsx(edited_plan), "action_plan.xlsx", key="plan_xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
saved = st.file_uploader(ui.t("plan_upload"), type=["csv", "xlsx"], key="plan_upload")
if saved is not None and st.session_state.get("_plan_file") != saved.file_id:
    st.session_state["_plan_file"] = saved.file_id
    try:
        st.session_state[ui.PLAN] = read_plan(saved.getvalue(), saved.name)
        st.session_state.pop("plan_editor", None)
        st.rerun()
    except PlanError as err:
        st.error(ui.plain(err.message(lang)))
