"""The stakeholder report: a one-page preview and the downloads (the same cj report functions as the CLI)."""
import streamlit as st

import ui

preload = ui.preload_charts()  # before the engine's imports (ruff E402 is off in pages/)

import pandas as pd

from cj.charts import fig_emotion_curve
from cj.export import csv_bytes
from cj.feedback import worst_themes
from cj.metrics import SMALL_N_HIDDEN
from cj.report import report_html, xlsx_bytes

lang, analysis = ui.analysis_page("report_title", preload)
result = dict(analysis.result, priorities=ui.current_priorities(analysis))  # with the user's efforts and weights
st.caption(ui.t("report_intro"))

wins = [p for p in result["priorities"] if p["quadrant"] == "quick_win"]
cols = st.columns(4)
for col, key, value in zip(cols, ("kpi_respondents", "kpi_touchpoints", "kpi_quick_wins", "kpi_comments"),
                           (result["respondents"], len(result["touchpoints"]), len(wins),
                            result["themes_info"]["comments"])):
    col.metric(ui.t(key), ui.number(value, lang))

st.plotly_chart(fig_emotion_curve(result["touchpoints"], lang=lang, curve=result["curve"],
                                  worst_theme=worst_themes(result["themes"], result["theme_touchpoints"])),
                width="stretch", key="report_curve")
hidden = [t["touchpoint"] for t in result["touchpoints"] if t["n"] < SMALL_N_HIDDEN]
if hidden:  # with every touchpoint below the base, this says why the curve is empty
    st.caption(ui.t("small_base").format(names=", ".join(ui.plain(h) for h in hidden)))
st.subheader(ui.t("top_quick_wins"))
if not wins:
    st.write(ui.t("no_quick_wins"))
for p in wins[:5]:
    st.markdown(ui.quick_win_line(p, len(result["priorities"])))
st.subheader(ui.t("worst_moments"))
moments = sorted((m for m in result["lenses"].get("moments", {}).get("stages", []) if m["mean_0_100"] is not None),
                 key=lambda m: m["mean_0_100"])[:3]
ui.table(pd.DataFrame([{ui.t("moment"): m["label"], ui.t("score"): round(m["mean_0_100"], 1), "n": m["n"],
                        ui.t("worst"): m["worst_touchpoint"]} for m in moments]), hide_index=True, width="stretch")
st.subheader(ui.t("top_negative"))
negative = sorted((t for t in result["themes"] if t.get("negative")), key=lambda t: -t["size"])[:5]
ui.table(pd.DataFrame([{ui.t("theme"): t["label"], ui.t("kpi_comments"): t["size"],
                        ui.t("negative"): f"{100 * t['share_negative']:.0f} %",
                        "touchpoints": ", ".join(t["touchpoints"]),
                        ui.t("comment_col"): t["examples"][0] if t["examples"] else ""} for t in negative]),
         hide_index=True, width="stretch", column_config={"touchpoints": ui.t("kpi_touchpoints")})

st.subheader(ui.t("downloads"))
st.caption(ui.t("png_hint"))
journey = ui.current_journey()
left, right = st.columns(2)
# built when clicked (2 s of work on the sample), not on every run of the page
left.download_button(ui.t("download_html"), lambda: report_html(result, lang).encode("utf-8"), "cj_report.html",
                     "text/html", key="download_html")
right.download_button(ui.t("download_xlsx"), lambda: xlsx_bytes(result, journey, lang, analysis.feedback),
                      "cj_report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      key="download_xlsx")
tables = ui.report_tables(result)
names = {"priorities": ui.t("priorities_title"), "touchpoints": ui.t("kpi_touchpoints"), "themes": ui.t("themes_title")}
for col, (name, frame) in zip(st.columns(len(tables)), tables.items()):
    col.download_button(ui.t("download_csv").format(name=names[name].lower()), csv_bytes(frame, lang == "es"), f"cj_{name}.csv",
                        "text/csv", key=f"download_{name}")
