"""Figures built from cj's results (titles, axes, colours, hover); pages and reports only place them."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def fig_emotion_curve(metrics: pd.DataFrame, *, title: str = "Emotion curve") -> go.Figure:
    """Touchpoints in journey order: customers' score 0–100 with its 95 % band, and the internal view.

    ``metrics`` is ``cj.metrics.touchpoint_metrics`` output (already in journey order).
    """
    data = metrics[metrics["n"] >= 30]  # n < 30: insufficient base, left off the curve (METHODS §3.4)
    x = data["touchpoint"].astype(str).tolist()
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x + x[::-1], y=data["ci_high"].tolist() + data["ci_low"].tolist()[::-1],
                             fill="toself", line={"width": 0}, fillcolor="rgba(31,111,235,0.15)",
                             hoverinfo="skip", name="95 % CI"))
    fig.add_trace(go.Scatter(x=x, y=data["mean_0_100"], mode="lines+markers", name="Customers",
                             line={"color": "#1f6feb", "width": 3},
                             customdata=data[["n", "reach", "pct_negative"]].to_numpy(),
                             hovertemplate="%{x}<br>score %{y:.1f}<br>n %{customdata[0]}<br>reach "
                                           "%{customdata[1]:.0%}<br>negative %{customdata[2]:.0f}%<extra></extra>"))
    internal = data["perception_gap"] + data["mean_0_100"]
    if internal.notna().any():
        fig.add_trace(go.Scatter(x=x, y=internal, mode="lines+markers", name="Internal view",
                                 line={"color": "#9a6700", "dash": "dash"}))
    fig.add_hline(y=50, line={"color": "#8c959f", "dash": "dot"})
    fig.update_layout(title=title, yaxis={"title": "0–100", "range": [0, 100]}, template="plotly_white",
                      margin={"l": 40, "r": 20, "t": 50, "b": 80}, legend={"orientation": "h"})
    return fig
