"""Figures built from cj's results (titles, axes, colours, hover, in Spanish or English); pages and reports only
place them. User text (touchpoint, stage and theme names) goes into plotly as data, which plotly renders as
text, never as HTML markup: names are escaped before they reach a label or hover template.
"""
from __future__ import annotations

import functools
import html
import json
from importlib import resources

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cj.labels import label_positions, room_for_labels
from cj.metrics import SMALL_N_HIDDEN as MIN_N  # the curve hides what the metrics call an insufficient base

BLUE, GOLD, GREEN, RED, GREY = "#1f6feb", "#9a6700", "#1a7f37", "#cf222e", "#8c959f"
OVERLAY_COLOURS = ("#8250df", "#bf3989", "#0a7ea4", "#bc4c00", "#57606a", "#116329")

LABELS = {
    "curve": ("Emotion curve", "Curva de la emoción"),
    "customers": ("Customers", "Clientes"),
    "band": ("95 % interval", "Intervalo del 95 %"),
    "internal": ("Internal view", "Visión interna"),
    "target": ("Target", "Objetivo"),
    "neutral": ("neutral", "neutro"),
    "peak": ("peak", "pico"),
    "trough": ("pain point", "punto de dolor"),
    "end": ("end", "final"),
    "score": ("score", "puntuación"),
    "reach": ("reach", "alcance"),
    "negative": ("negative", "negativas"),
    "theme": ("worst theme", "peor tema"),
    "stage_funnel": ("Respondents reaching each stage", "Encuestados que llegan a cada etapa"),
    "respondents": ("respondents", "encuestados"),
    "handoffs": ("Change in score across handoffs between teams", "Cambio de puntuación en los traspasos entre equipos"),
    "change": ("change (points)", "cambio (puntos)"),
    "worst": ("worst touchpoint", "peor touchpoint"),
    "trend": ("change since last wave", "cambio desde la ola anterior"),
    "matrix": ("Impact and effort", "Impacto y esfuerzo"),
    "impact": ("impact 0–100", "impacto 0–100"),
    "effort": ("effort 0–100", "esfuerzo 0–100"),
    "ipa": ("Importance and performance", "Importancia y desempeño"),
    "importance": ("importance (% of R²)", "importancia (% del R²)"),
    "performance": ("performance 0–100", "desempeño 0–100"),
    "importance_short": ("importance", "importancia"),
    "gap": ("gap", "brecha"),
    "dictionary": ("from the dictionary", "del diccionario"),
    "discovered": ("discovered", "descubiertos"),
    "severity": ("severity", "severidad"),
    "themes": ("Themes: volume and negativity", "Temas: volumen y negatividad"),
    "comments": ("comments", "comentarios"),
    "share_negative": ("% negative", "% negativos"),
    "heatmap": ("Themes by touchpoint (comments)", "Temas por touchpoint (comentarios)"),
}


TRACE_TYPES = ("scatter", "bar", "heatmap", "funnel")  # the traces cj draws


@functools.cache
def _plotly_white() -> dict:
    try:
        return json.loads((resources.files("plotly") / "package_data" / "templates" / "plotly_white.json")
                          .read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a plotly that keeps its templates elsewhere: ask it for the named one
        import plotly.io as pio

        return pio.templates["plotly_white"].to_plotly_json()


def template(*kinds: str) -> dict:
    """Plotly's 'plotly_white' look with the defaults of the trace types ``kinds`` only (all cj draws if none).

    The named template holds defaults for every trace type plotly knows (carpets, maps, 3-D…): checking it
    costs 0.2 s at a server's first chart, on the path to the first curve. Read once from plotly's own file;
    ``tests/test_charts.py`` holds it to the named template.
    """
    raw = _plotly_white()
    return {"layout": raw["layout"], "data": {k: v for k, v in raw["data"].items() if k in (kinds or TRACE_TYPES)}}


def figure(*kinds: str) -> go.Figure:
    """An empty figure in cj's look, for traces of types ``kinds``. The template goes in when the figure is made:
    set later, plotly merges it property by property (0.2 s a figure)."""
    return go.Figure(layout={"template": template(*kinds)})


def label(key: str, lang: str) -> str:
    en, es = LABELS[key]
    return es if lang == "es" else en


def _safe(values) -> list[str]:
    """Names as plotly text: '<' and '&' escaped so a name can never become markup in a label or hover."""
    return [html.escape(str(v), quote=False) for v in values]


def _numbers(data: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``columns`` as floats, a missing value (None, as analysis.json gives it back) as NaN."""
    return data.assign(**{c: pd.to_numeric(data[c], errors="coerce").astype(float) for c in columns if c in data})


def curve_points(touchpoints) -> pd.DataFrame:
    """The touchpoints on the curve: n ≥ 30 (METHODS §3.4), in journey order."""
    data = pd.DataFrame(touchpoints)
    if data.empty:
        return data
    data = data[data["n"] >= MIN_N]
    return data.sort_values("order", kind="stable") if "order" in data else data


def fig_emotion_curve(touchpoints, *, lang: str = "en", curve: dict | None = None, overlays: list[dict] | None = None,
                      worst_theme: dict[str, str] | None = None, title: str | None = None) -> go.Figure:
    """The emotion curve: customers' score 0–100 in journey order with its 95 % band, stage bands behind it, the
    neutral line, peak / pain point / end marked, the internal view and the target beside the customers', and
    optional overlays (``analysis['segments']`` or ``['waves']`` entries: {group, touchpoints})."""
    data = curve_points(touchpoints)
    fig = figure("scatter")
    fig.update_layout(title=title or label("curve", lang), hovermode="closest",
                      yaxis={"title": "0–100", "range": [0, 105]}, margin={"l": 50, "r": 20, "t": 70, "b": 90},
                      legend={"orientation": "h", "y": -0.2})
    if data.empty:
        return fig
    x = _safe(data["touchpoint"])
    shapes, notes = _stage_bands(data)
    fig.add_trace(go.Scatter(x=x + x[::-1], y=data["ci_high"].tolist() + data["ci_low"].tolist()[::-1],
                             fill="toself", line={"width": 0}, fillcolor="rgba(31,111,235,0.15)", hoverinfo="skip",
                             name=label("band", lang)))
    themes = _safe((worst_theme or {}).get(str(t), "–") for t in data["touchpoint"])
    custom = np.column_stack([data["n"], data["reach"], data["pct_negative"], themes])
    fig.add_trace(go.Scatter(
        x=x, y=data["mean_0_100"], mode="lines+markers", name=label("customers", lang),
        line={"color": BLUE, "width": 3}, marker={"size": 9}, customdata=custom,
        hovertemplate=(f"%{{x}}<br>{label('score', lang)} %{{y:.1f}}<br>n %{{customdata[0]}}<br>"
                       f"{label('reach', lang)} %{{customdata[1]:.0%}}<br>{label('negative', lang)} "
                       f"%{{customdata[2]:.0f}} %<br>{label('theme', lang)}: %{{customdata[3]}}<extra></extra>")))
    internal = data["perception_gap"] + data["mean_0_100"] if "perception_gap" in data else pd.Series(dtype=float)
    if internal.notna().any():
        fig.add_trace(go.Scatter(x=x, y=internal, mode="lines+markers", name=label("internal", lang),
                                 line={"color": GOLD, "dash": "dash"}))
    target = data["target_gap"] + data["mean_0_100"] if "target_gap" in data else pd.Series(dtype=float)
    if target.notna().any():
        fig.add_trace(go.Scatter(x=x, y=target, mode="markers", name=label("target", lang),
                                 marker={"symbol": "line-ew", "size": 22, "line": {"width": 3, "color": GREEN}}))
    for number, group in enumerate(overlays or []):
        points = curve_points(group["touchpoints"])
        if len(points):
            fig.add_trace(go.Scatter(x=_safe(points["touchpoint"]), y=points["mean_0_100"], mode="lines+markers",
                                     name=html.escape(str(group["group"]), quote=False),
                                     line={"color": OVERLAY_COLOURS[number % len(OVERLAY_COLOURS)], "width": 1.5}))
    # shapes and notes written out and set at once: plotly's add_vrect / add_hline cost 0.15 s on a first chart
    shapes.append(_line_shape("y", 50, color=GREY, dash="dot"))
    notes.append({"text": label("neutral", lang), "xref": "x domain", "x": 1, "yref": "y", "y": 50,
                  "xanchor": "right", "yanchor": "top", "showarrow": False})
    for key, arrow in (("peak", -40), ("trough", 40), ("end", -40)):
        name = (curve or {}).get(key)
        if name is not None and name in set(data["touchpoint"].astype(str)):
            y = float(data.loc[data["touchpoint"].astype(str) == name, "mean_0_100"].iloc[0])
            notes.append({"x": html.escape(name, quote=False), "y": y, "text": label(key, lang), "showarrow": True,
                          "arrowhead": 2, "ay": arrow,
                          "font": {"color": RED if key == "trough" else GREEN if key == "peak" else GREY}})
    fig.update_layout(shapes=shapes, annotations=notes)
    return fig


def _stage_bands(data: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """Shaded bands behind consecutive touchpoints of the same stage, and their names at the top left."""
    shapes: list[dict] = []
    notes: list[dict] = []
    if "stage" not in data or data["stage"].isna().all():
        return shapes, notes
    stages = data["stage"].tolist()
    start = 0
    for i in range(1, len(stages) + 1):
        if i == len(stages) or stages[i] != stages[start]:
            if isinstance(stages[start], str):
                shapes.append({"type": "rect", "xref": "x", "x0": start - 0.5, "x1": i - 0.5, "yref": "y domain",
                               "y0": 0, "y1": 1, "fillcolor": "#f3f6fb" if len(shapes) % 2 else "#e8eef7",
                               "opacity": 0.6, "line": {"width": 0}, "layer": "below"})
                notes.append({"text": html.escape(stages[start], quote=False), "xref": "x", "x": start - 0.5,
                              "yref": "y domain", "y": 1, "xanchor": "left", "yanchor": "top", "showarrow": False,
                              "font": {"size": 11, "color": "#57606a"}})
            start = i
    return shapes, notes


def _line_shape(axis: str, at: float, **line: str) -> dict:
    """A line across the plot at ``at`` on ``axis`` ("x": vertical, "y": horizontal), as plotly's add_hline /
    add_vline draw it, without their search of every subplot (a tenth of a second on a first chart)."""
    across = "y" if axis == "x" else "x"
    return {"type": "line", f"{axis}ref": axis, f"{axis}0": at, f"{axis}1": at, f"{across}ref": f"{across} domain",
            f"{across}0": 0, f"{across}1": 1, "line": line}


def _rule(fig: go.Figure, axis: str, at: float, **line: str) -> None:
    fig.add_shape(_line_shape(axis, at, **line))


def fig_stage_funnel(stages: list[dict], respondents: int, *, lang: str = "en") -> go.Figure:
    """How many respondents reach each stage (rated any of its touchpoints), with the stage's score."""
    data = _numbers(pd.DataFrame(stages), "reach", "mean_0_100")
    fig = figure("funnel")
    if not data.empty:
        name = "label" if "label" in data else "stage"
        fig.add_trace(go.Funnel(  # stages need not nest (a respondent may skip one), so no '% of the previous'
            y=_safe(data[name]), x=(data["reach"] * respondents).round().astype(int),
            text=[f"{r:.0%} · {label('score', lang)} {s:.0f}" if s == s else f"{r:.0%}"
                  for r, s in zip(data["reach"], data["mean_0_100"])],
            textinfo="value+text", marker={"color": BLUE}))
    fig.update_layout(title=label("stage_funnel", lang),
                      margin={"l": 160, "r": 20, "t": 60, "b": 30})
    return fig


def fig_lens(stages: list[dict], *, lang: str = "en", title: str = "") -> go.Figure:
    """A lens's stages: score 0–100 with its interval, coloured by share negative; hover n, trend, worst touchpoint."""
    data = _numbers(pd.DataFrame(stages), "mean_0_100", "ci_low", "ci_high", "trend", "pct_negative")
    fig = figure("bar")
    if not data.empty:
        name = "label" if "label" in data else "stage"
        trend = data["trend"].map(lambda v: "–" if v != v else f"{v:+.1f}")
        custom = np.column_stack([data["n"], trend, _safe(data["worst_touchpoint"].fillna("–")), data["pct_negative"]])
        fig.add_trace(go.Bar(
            x=data["mean_0_100"], y=_safe(data[name]), orientation="h", customdata=custom,
            error_x={"type": "data", "symmetric": False, "array": data["ci_high"] - data["mean_0_100"],
                     "arrayminus": data["mean_0_100"] - data["ci_low"]},
            marker={"color": data["pct_negative"], "colorscale": [[0, "#8cc0ff"], [1, RED]], "cmin": 0, "cmax": 60,
                    "colorbar": {"title": f"% {label('negative', lang)}"}},
            hovertemplate=(f"%{{y}}<br>{label('score', lang)} %{{x:.1f}}<br>n %{{customdata[0]}}<br>"
                           f"{label('trend', lang)} %{{customdata[1]}}<br>{label('worst', lang)}: %{{customdata[2]}}"
                           "<extra></extra>")))
        fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=html.escape(title, quote=False), xaxis={"range": [0, 100]},
                      margin={"l": 200, "r": 20, "t": 60, "b": 40})
    return fig


def fig_handoffs(handoffs: list[dict], *, lang: str = "en") -> go.Figure:
    """The change in score (0–100 points) where the owning team changes between consecutive touchpoints."""
    data = pd.DataFrame(handoffs)
    fig = figure("bar")
    if not data.empty:
        names = [f"{a} → {b}<br>({c} → {d})" for a, b, c, d in zip(
            _safe(data["from_owner"]), _safe(data["to_owner"]), _safe(data["from_touchpoint"]),
            _safe(data["to_touchpoint"]))]
        fig.add_trace(go.Bar(x=names, y=data["change"], marker={"color": np.where(data["change"] < 0, RED, GREEN)},
                             hovertemplate="%{x}<br>%{y:+.1f}<extra></extra>"))
        _rule(fig, "y", 0, color=GREY)
    fig.update_layout(title=label("handoffs", lang), yaxis={"title": label("change", lang)},
                      margin={"l": 50, "r": 20, "t": 60, "b": 120})
    return fig


QUADRANT_COLOURS = {"quick_win": GREEN, "major_project": BLUE, "fill_in": GREY, "thankless": RED, "unscored": "#d0d7de"}
QUADRANT_NAMES = {"quick_win": ("Quick wins", "Quick wins"), "major_project": ("Major projects", "Proyectos mayores"),
                  "fill_in": ("Fill-ins", "Rellenos"), "thankless": ("Thankless tasks", "Tareas ingratas"),
                  "unscored": ("Effort unknown", "Esfuerzo desconocido")}


MATRIX_X, MATRIX_Y = [-8, 108], [-8, 115]  # effort and impact, with room for the quadrants' names and labels
MATRIX_PLOT = (800.0, 300.0)  # pixels of its plot area across a 1400-pixel page, for placing the labels


def fig_priority_matrix(priorities: list[dict], *, lang: str = "en") -> go.Figure:
    """One bubble per touchpoint: effort (x) against impact (y), size = reach, colour = quadrant; the quadrant
    lines (impact at the median, effort at 50) named in their corners; hover with the components of impact."""
    data = pd.DataFrame(priorities)
    fig = figure("scatter")
    es = lang == "es"
    if not data.empty:
        parts = pd.DataFrame(list(data["components"]))
        size = 12 + 38 * parts["reach"].to_numpy(float)
        data["position"] = label_positions(data["effort"].to_numpy(float), data["impact"].to_numpy(float), size,
                                           [str(t) for t in data["touchpoint"]], MATRIX_X, MATRIX_Y, *MATRIX_PLOT)
        for quadrant, rows in data.groupby("quadrant", sort=False):
            idx = rows.index
            custom = np.column_stack([parts.loc[idx, c] for c in ("importance", "gap", "reach", "severity")]
                                     + [rows["rank"]])
            fig.add_trace(go.Scatter(
                x=rows["effort"], y=rows["impact"], mode="markers+text", text=_safe(rows["touchpoint"]),
                textposition=rows["position"].tolist(), name=QUADRANT_NAMES[quadrant][es], customdata=custom,
                cliponaxis=False, marker={"size": size[idx], "color": QUADRANT_COLOURS[quadrant],
                        "opacity": 0.75, "line": {"width": 1, "color": "white"}},
                hovertemplate=("%{text}<br>" + label("impact", lang) + " %{y:.0f} · " + label("effort", lang)
                               + " %{x:.0f}<br>#%{customdata[4]}<br>" + label("importance_short", lang)
                               + " %{customdata[0]:.1f} · " + label("gap", lang) + " %{customdata[1]:.0f} · "
                               + label("reach", lang) + " %{customdata[2]:.0%} · " + label("severity", lang)
                               + " %{customdata[3]:.0%}<extra></extra>")))
        split = float(data["impact"].median()) if len(data) >= 4 else 50.0
        _rule(fig, "y", split, color=GREY, dash="dash")
        _rule(fig, "x", 50, color=GREY, dash="dash")
        for name, x, y in (("quick_win", 2, 102), ("major_project", 98, 102), ("fill_in", 2, -4),
                           ("thankless", 98, -4)):
            fig.add_annotation(x=x, y=y, text=QUADRANT_NAMES[name][es], showarrow=False,
                               xanchor="left" if x < 50 else "right", font={"color": QUADRANT_COLOURS[name]})
    fig.update_layout(title=label("matrix", lang), legend={"orientation": "h", "y": -0.15},
                      xaxis={"title": label("effort", lang), "range": MATRIX_X},
                      yaxis={"title": label("impact", lang), "range": MATRIX_Y},
                      margin={"l": 60, "r": 40, "t": 60, "b": 60})
    return fig


def fig_importance_performance(priorities: list[dict], *, lang: str = "en") -> go.Figure:
    """The importance–performance view: performance 0–100 (x) against importance (% of R², y), split at the means."""
    data = pd.DataFrame(priorities)
    fig = figure("scatter")
    if not data.empty:
        parts = pd.DataFrame(list(data["components"]))
        fig.add_trace(go.Scatter(x=parts["performance"], y=parts["importance"], mode="markers+text",
                                 text=_safe(data["touchpoint"]), textposition="top center",
                                 marker={"size": 14, "color": BLUE}, hovertemplate="%{text}<br>%{x:.0f} · %{y:.1f}"
                                                                                  "<extra></extra>"))
        _rule(fig, "x", float(parts["performance"].mean()), color=GREY, dash="dash")
        _rule(fig, "y", float(parts["importance"].mean()), color=GREY, dash="dash")
    fig.update_layout(title=label("ipa", lang), xaxis={"title": label("performance", lang)},
                      yaxis={"title": label("importance", lang)}, margin={"l": 60, "r": 20, "t": 60, "b": 50})
    return fig


Y_RANGE = [-8, 108]  # the themes chart's share negative (%), with room for the labels at 0 and 100


def fig_themes(themes: list[dict], *, lang: str = "en") -> go.Figure:
    """One bubble per theme: comments (x) against share negative (y), size = comments; dictionary and discovered
    themes in two colours."""
    data = pd.DataFrame(themes)
    fig = figure("scatter")
    x_range = [0, 1]
    if not data.empty:
        data = data.assign(y=100 * data["share_negative"].astype(float).fillna(0),
                           bubble=10 + 40 * np.sqrt(data["size"] / data["size"].max()))
        logs = np.log10(data["size"].clip(lower=1).astype(float)).to_numpy()
        names = [str(v) for v in data["label"]]
        x_range = room_for_labels(logs, names)
        data["position"] = label_positions(logs, data["y"].to_numpy(), data["bubble"].to_numpy(), names, x_range,
                                           Y_RANGE)
        for source, rows in data.groupby("source", sort=False):
            fig.add_trace(go.Scatter(
                x=rows["size"], y=rows["y"], mode="markers+text",
                text=_safe(rows["label"]), textposition=rows["position"].tolist(), name=label(source, lang),
                marker={"size": rows["bubble"], "color": BLUE if source == "dictionary" else GOLD, "opacity": 0.7},
                hovertemplate="%{text}<br>%{x} " + label("comments", lang) + "<br>%{y:.0f} % "
                              + label("negative", lang) + "<extra></extra>"))
        _rule(fig, "y", 50, color=GREY, dash="dot")
    fig.update_layout(title=label("themes", lang),
                      xaxis={"title": label("comments", lang), "type": "log", "range": x_range},
                      yaxis={"title": label("share_negative", lang), "range": Y_RANGE},
                      margin={"l": 60, "r": 20, "t": 60, "b": 50})
    return fig


def fig_theme_heatmap(themes: list[dict], matrix: list[dict], *, lang: str = "en") -> go.Figure:
    """Theme × touchpoint: the number of comments in each cell, coloured by it; hover with % negative."""
    data = pd.DataFrame(matrix)
    fig = figure("heatmap")
    if not data.empty:
        labels = {t["theme_id"]: t["label"] for t in themes}
        volume = data.pivot_table(index="theme_id", columns="touchpoint", values="volume", aggfunc="sum", fill_value=0)
        negative = data.pivot_table(index="theme_id", columns="touchpoint", values="share_negative", aggfunc="mean")
        negative = negative.reindex_like(volume)
        fig.add_trace(go.Heatmap(
            z=volume.to_numpy(), x=_safe(volume.columns), y=_safe(labels.get(i, str(i)) for i in volume.index),
            customdata=(100 * negative.to_numpy(dtype=float)).round(0), colorscale="Blues",
            hovertemplate="%{y} · %{x}<br>%{z} " + label("comments", lang) + "<br>%{customdata:.0f} % "
                          + label("negative", lang) + "<extra></extra>"))
        fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=label("heatmap", lang), margin={"l": 200, "r": 20, "t": 60, "b": 120})
    return fig
