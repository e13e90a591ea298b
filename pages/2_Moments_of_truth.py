"""Moments of truth: one card per moment of seed 004, the data-driven moments, the lenses and the handoffs."""
import streamlit as st

import ui

preload = ui.preload_charts()  # before the engine's imports (ruff E402 is off in pages/)

import pandas as pd

from cj.charts import fig_handoffs, fig_lens

lang, analysis = ui.analysis_page("moments_title", preload)
result = analysis.result

st.caption(ui.t("moments_intro"))
moments = {m["stage"]: m for m in result["lenses"].get("moments", {}).get("stages", [])}
from cj.lenses import LENSES, stage_label  # noqa: E402 — the seed-004 moments in their order
from cj.trends import MIN_N  # noqa: E402

cards = st.columns(4)
for number, stage in enumerate(s["id"] for s in LENSES["moments"]["stages"]):
    card = cards[number % 4].container(border=True)
    moment = moments.get(stage)
    if moment is None:
        card.metric(stage_label("moments", stage, lang), "–")
        card.caption(ui.t("no_moment"))
        continue
    if moment["mean_0_100"] is None:  # its touchpoints have no valid rating
        card.metric(moment["label"], "–")
        card.caption(ui.t("no_ratings"))
        continue
    trend = moment["trend"]
    few = 0 < moment.get("trend_n", 0) < MIN_N  # a change on a handful of ratings: the engine leaves it unsaid
    still = trend is not None and round(trend, 1) == 0  # no arrow for no change
    delta = None if trend is None else ui.decimal(0.0 if still else trend, ".1f" if still else "+.1f", lang)
    card.metric(moment["label"], f"{moment['mean_0_100']:.0f}",
                None if delta is None else delta + (" *" if moment["significant"] else ""),
                delta_arrow="off" if still else "auto", delta_color="off" if still else "normal")
    worst = ui.plain(moment["worst_touchpoint"] or "–")
    card.caption(f"n = {ui.number(moment['n'], lang)} {ui.t('ratings')} · {ui.t('worst')}: {worst}"
                 + (f" · {ui.t('few_for_change')}" if few else ""))

st.subheader(ui.t("data_driven"))
st.caption(ui.t("data_driven_intro"))
found = result["moments_of_truth"]
if found:
    ui.table(pd.DataFrame([{"touchpoint": m["touchpoint"], ui.t("kind"): ui.t(m["kind"]),
                            ui.t("share"): f"{100 * m['share']:.0f} %", ui.t("valence"): round(m["valence"], 2),
                            ui.t("moment"): m["moment"]} for m in found]), hide_index=True, width="stretch",
             column_config={"touchpoint": ui.t("plan_touchpoint")})
else:
    st.write(ui.t("none_found"))

st.subheader(ui.t("lens"))
lenses = result["lenses"]
lens = st.selectbox(ui.t("lens"), list(lenses), key="lens", format_func=lambda k: lenses[k]["label"])
st.plotly_chart(fig_lens(lenses[lens]["stages"], lang=lang, title=lenses[lens]["label"]), width="stretch",
                key="lens_chart")

st.subheader(ui.t("handoffs_title"))
if result["handoffs"]:
    st.plotly_chart(fig_handoffs(result["handoffs"], lang=lang), width="stretch", key="handoffs_chart")
else:
    st.write(ui.t("no_handoffs"))
