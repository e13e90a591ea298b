"""The emotion curve alone: what the curve page draws while the whole analysis (``cj.analysis.run``) is computed.

Kept apart from ``cj.analysis`` so drawing it first needs only the metrics and the moments, not the driver and
text engines (their imports are a tenth of a second on a server's first page).
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from cj import columns as C
from cj.intake import Journey
from cj.metrics import curves_by, emotion_curve, touchpoint_metrics
from cj.moments import assign_moments


def curve_view(journey: Journey, *, overlay: str | None = None) -> dict[str, Any]:
    """The emotion curve alone: ``touchpoints`` (the metrics), ``curve`` and, for ``overlay``
    "segments" or "waves", that list; the same values as ``run`` gives them, in a fraction of its time, so a
    page can draw the curve while the rest (drivers, themes, priorities) is computed."""
    metrics = touchpoint_metrics(journey)
    metrics["moment"] = assign_moments(journey.touchpoints).to_numpy()
    view = {"touchpoints": metrics.to_dict("records"), "curve": emotion_curve(metrics)}
    if overlay in ("segments", "waves"):
        view[overlay] = curves_by(journey, C.SEGMENT if overlay == "segments" else C.WAVE)
    return plain(view)


def plain(value: Any) -> Any:
    """Numpy scalars to Python, NaN to None, recursively (JSON has no NaN)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if value is pd.NaT or value is pd.NA:
        return None
    return value
