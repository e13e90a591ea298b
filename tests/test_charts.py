"""Figures without Streamlit: order, bands and marks equal the engine's numbers; names stay text."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from cj import load_journey
from cj.analysis import analyze
from cj.charts import fig_emotion_curve, fig_handoffs, fig_lens, fig_priority_matrix, fig_stage_funnel
from cj.samples import SAMPLES


def _touchpoints() -> pd.DataFrame:
    return pd.DataFrame({
        "touchpoint": ["Pago", "Web", "<b>Tienda</b>", "Caja"], "order": [3, 1, 2, 4], "stage": ["Compra", "Interés",
                                                                                               "Interés", "Compra"],
        "n": [100, 200, 150, 12], "reach": [0.5, 1.0, 0.75, 0.1], "pct_negative": [30.0, 5.0, 10.0, 50.0],
        "mean_0_100": [40.0, 80.0, 65.0, 20.0], "ci_low": [35.0, 77.0, 60.0, 0.0], "ci_high": [45.0, 83.0, 70.0, 50.0],
        "perception_gap": [30.0, -5.0, None, None], "target_gap": [35.0, None, 10.0, None]})


def test_curve_in_journey_order_with_the_engines_band_and_marks() -> None:
    fig = fig_emotion_curve(_touchpoints(), curve={"peak": "Web", "trough": "Pago", "end": "Pago"},
                            worst_theme={"Pago": "Cobros <script>"})
    band, line, internal, target = fig.data
    assert list(line.x) == ["Web", "&lt;b&gt;Tienda&lt;/b&gt;", "Pago"]    # by 'order'; Caja (n < 30) left off
    assert list(line.y) == [80.0, 65.0, 40.0]
    assert list(band.y) == [83.0, 70.0, 45.0, 35.0, 60.0, 77.0]              # high in order, low reversed
    assert list(internal.y)[0] == 75.0 and list(internal.y)[2] == 70.0       # score + perception gap
    assert list(target.y)[1:] == [75.0, 75.0]
    assert line.customdata[2][3] == "Cobros &lt;script&gt;"                   # the worst theme, as text
    marks = {a.text: a.x for a in fig.layout.annotations if a.text in ("peak", "pain point", "end")}
    assert marks == {"peak": "Web", "pain point": "Pago", "end": "Pago"}
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(b.x0, b.x1) for b in bands] == [(-0.5, 1.5), (1.5, 2.5)]        # Interés (2 touchpoints), Compra
    assert any(s.type == "line" and s.y0 == 50 for s in fig.layout.shapes)   # the neutral line


@pytest.mark.parametrize("key", list(SAMPLES))
def test_sample_curve_matches_the_analysis(key: str) -> None:
    result = analyze(load_journey(SAMPLES[key]), lang="es")
    fig = fig_emotion_curve(result["touchpoints"], lang="es", curve=result["curve"])
    line = next(d for d in fig.data if d.name == "Clientes")
    points = result["curve"]["points"]
    assert list(line.x) == [p["touchpoint"].replace("&", "&amp;") for p in points]
    assert list(line.y) == pytest.approx([p["score"] for p in points])
    assert fig.layout.title.text == "Curva de la emoción"


def test_stage_funnel_counts_respondents_reaching_each_stage() -> None:
    stages = [{"stage": "a", "label": "Interés", "reach": 1.0, "mean_0_100": 70.0},
              {"stage": "b", "label": "Compra", "reach": 0.45, "mean_0_100": 40.0}]
    fig = fig_stage_funnel(stages, 1000, lang="es")
    assert list(fig.data[0].x) == [1000, 450] and list(fig.data[0].y) == ["Interés", "Compra"]
    assert list(fig.data[0].text) == ["100% · puntuación 70", "45% · puntuación 40"]


def test_stages_without_a_score_as_analysis_json_writes_them() -> None:
    """A stage nobody rated has no score: NaN from the engine, null (None) once through analysis.json."""
    for missing in (float("nan"), None):
        stages = [{"stage": "a", "label": "Interés", "reach": 0.2, "mean_0_100": missing, "ci_low": missing,
                   "ci_high": missing, "n": 0, "trend": None, "worst_touchpoint": None, "pct_negative": 0.0}]
        assert list(fig_stage_funnel(stages, 1000, lang="es").data[0].text) == ["20%"]
        bar = fig_lens(stages, title="Embudo").data[0]
        assert bar.y == ("Interés",) and bar.customdata[0][1] == "–" and bar.customdata[0][2] == "–"


def test_lens_and_handoff_figures() -> None:
    lens = fig_lens([{"stage": "m", "label": "Marketing", "mean_0_100": 60.0, "ci_low": 55.0, "ci_high": 66.0, "n": 90,
                      "trend": 2.5, "worst_touchpoint": "Web", "pct_negative": 12.0}], title="Funcional")
    bar = lens.data[0]
    assert list(bar.x) == [60.0] and list(bar.error_x.array) == [6.0] and list(bar.error_x.arrayminus) == [5.0]
    assert bar.customdata[0][1] == "+2.5"
    hand = fig_handoffs([{"from_owner": "Ventas", "to_owner": "Servicio", "from_touchpoint": "Pago",
                          "to_touchpoint": "Entrega", "change": -12.0}], lang="es")
    assert list(hand.data[0].y) == [-12.0] and hand.data[0].x[0].startswith("Ventas → Servicio")
    assert list(hand.data[0].marker.color) == ["#cf222e"]


def test_priority_matrix_hover_speaks_the_language() -> None:
    priorities = [{"touchpoint": "Web", "impact": 80.0, "effort": 20.0, "quadrant": "quick_win", "rank": 1,
                   "components": {"importance": 30.0, "gap": 40.0, "reach": 0.9, "severity": 0.2}}]
    spanish = fig_priority_matrix(priorities, lang="es").data[0].hovertemplate
    assert "importancia %{customdata[0]:.1f} · brecha" in spanish and "severidad" in spanish and "gap" not in spanish
    assert "gap %{customdata[1]:.0f} · reach" in fig_priority_matrix(priorities, lang="en").data[0].hovertemplate


def test_theme_chart_legend_speaks_the_language() -> None:
    from cj.charts import fig_themes

    themes = [{"label": "Facturación", "size": 40, "share_negative": 0.6, "source": "dictionary"},
              {"label": "envío · tarde", "size": 12, "share_negative": 0.2, "source": "discovered"}]
    assert [d.name for d in fig_themes(themes, lang="es").data] == ["del diccionario", "descubiertos"]
    assert [d.name for d in fig_themes(themes, lang="en").data] == ["from the dictionary", "discovered"]


def test_chart_template_is_plotly_white_for_the_traces_drawn() -> None:
    import plotly.io as pio

    from cj.charts import TRACE_TYPES, template

    named = pio.templates["plotly_white"]
    ours = go.layout.Template(template())
    assert ours.layout.to_plotly_json() == named.layout.to_plotly_json()
    for kind in TRACE_TYPES:
        assert [t.to_plotly_json() for t in ours.data[kind]] == [t.to_plotly_json() for t in named.data[kind]]
    assert len(named.data.to_plotly_json()) > 20 and set(ours.data.to_plotly_json()) == {"scatter", "bar", "heatmap"}
    fig = fig_emotion_curve(_touchpoints())
    assert set(fig.layout.template.data.to_plotly_json()) == {"scatter"}  # the curve carries its one trace type
    assert fig.layout.template.layout.plot_bgcolor == named.layout.plot_bgcolor == "white"
    assert {trace.type for trace in fig.data} <= set(TRACE_TYPES)
