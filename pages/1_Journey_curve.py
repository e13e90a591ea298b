"""The emotion curve (curva de la emoción) and the stage funnel.

The curve is drawn from the touchpoint metrics first, then again with the worst theme of each touchpoint once
the whole analysis (drivers, themes) is there; on later runs the analysis is cached and it is drawn once."""
import streamlit as st

import ui

preload = ui.preload_charts()  # before the engine's imports (pages may import after code: ruff E402 is off here)

import pandas as pd

from cj.charts import fig_emotion_curve, fig_stage_funnel
from cj.metrics import SMALL_N_HIDDEN

lang = ui.analysis_frame("curve_title")
choice = st.radio(ui.t("overlay"), ui.overlay_choices(), horizontal=True, key="curve_overlay",
                  format_func=lambda c, code=lang: ui.text(f"overlay_{c}", code))
slot = st.empty()
if not ui.analysis_ready():
    view = ui.current_curve(choice if choice != "none" else None)
    if view is not None:
        slot.plotly_chart(fig_emotion_curve(view["touchpoints"], lang=lang, curve=view["curve"],
                                            overlays=view.get(choice)), width="stretch", key="curve_early")
analysis = ui.current_analysis(preload)
if analysis is None:
    st.stop()
from cj.feedback import worst_themes  # the text engine, after the first curve is out

result = analysis.result
overlays = result[choice] if choice != "none" else None
hidden = [t["touchpoint"] for t in result["touchpoints"] if t["n"] < SMALL_N_HIDDEN]
if result["touchpoints"] and len(hidden) == len(result["touchpoints"]):  # an empty chart would say nothing
    slot.warning(ui.t("curve_all_small"))
else:
    figure = fig_emotion_curve(result["touchpoints"], lang=lang, curve=result["curve"], overlays=overlays,
                               worst_theme=worst_themes(result["themes"], result["theme_touchpoints"]))
    slot.plotly_chart(figure, width="stretch", key="curve_chart")

curve = result["curve"]
cols = st.columns(3)
for col, key in zip(cols, ("peak", "trough", "end")):
    point = next((p for p in curve["points"] if p["touchpoint"] == curve[key]), None)
    col.metric(ui.t(key), ui.plain(curve[key]) if curve[key] else "–")  # a metric's value is Markdown
    if point:
        col.caption(f"{ui.t('score')}: {point['score']:.0f} · n = {ui.number(point['n'], lang)}")
if hidden:
    st.caption(ui.t("small_base").format(names=", ".join(ui.plain(h) for h in hidden)))

st.subheader(ui.t("stages_title"))
if result["stages_derived"]:
    st.info(ui.t("stages_derived"))
respondents = result["respondents"]
st.plotly_chart(fig_stage_funnel(result["stages"], respondents, lang=lang), width="stretch",
                key="funnel_chart")


def tenth(value: float | None) -> float | None:  # a stage whose touchpoints have no valid rating has no score
    return None if value is None else round(value, 1)


table = pd.DataFrame([{ui.t("stage"): s.get("label", s["stage"]), ui.t("score"): tenth(s["mean_0_100"]),
                       "n": s["n"], ui.t("reach"): f"{100 * s['reach']:.0f} %",
                       ui.t("negative"): tenth(s["pct_negative"]), ui.t("worst"): s["worst_touchpoint"],
                       ui.t("trend"): tenth(s["trend"])} for s in result["stages"]])
ui.table(table, hide_index=True, width="stretch")
