"""The whole analysis of a journey as one plain object (SPEC ``analysis.json``), shared by the CLI and pages.

Themes (issue 4) are not computed yet: ``themes`` is an empty list and the object says so in ``notes``.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from cj import columns as C
from cj.drivers import bootstrap_parts, driver_inputs, key_drivers
from cj.intake import Journey
from cj.lenses import assign_phases
from cj.metrics import curves_by, emotion_curve, touchpoint_metrics
from cj.moments import assign_moments, data_driven_moments, lens_rollups, rating_sums, rollup
from cj.priority import Weights
from cj.ranking import components, priorities
from cj.trends import handoffs, non_usage_effects, touchpoint_nps, wave_trends


def analyze(journey: Journey, *, lang: str = "en", weights: Weights | None = None) -> dict[str, Any]:
    """validation, touchpoints, drivers (with the non-usage effects), themes, priorities, stages, moments
    and handoffs between owning teams — JSON-ready."""
    metrics = touchpoint_metrics(journey)
    inputs = driver_inputs(journey)
    metrics["moment"] = assign_moments(journey.touchpoints).to_numpy()
    trends = wave_trends(journey)[[C.TOUCHPOINT, "wave_from", "wave_to", "trend", "p_holm", "significant"]]
    metrics = metrics.merge(trends, on=C.TOUCHPOINT, how="left").merge(touchpoint_nps(journey, inputs), on=C.TOUCHPOINT,
                                                                        how="left")
    drivers = key_drivers(journey, inputs=inputs)
    drivers["non_usage"] = non_usage_effects(journey, inputs=inputs).to_dict("records")
    parts = components(metrics, drivers, journey.touchpoints)
    boot = bootstrap_parts(inputs, drivers) if len(parts) >= 2 and len(inputs.raw) else None
    notes = [] if drivers["available"] else [_no_drivers(lang)]
    notes.append("themes: not computed yet" if lang == "en" else "temas: aún no calculados")
    curve = emotion_curve(metrics)
    metrics["phase"] = assign_phases(journey.touchpoints, metrics[C.MOMENT]).to_numpy()
    known = {"sums": rating_sums(journey), "reach_matrix": inputs.raw}
    lenses = lens_rollups(journey, metrics, lang=lang, peak_end=(curve["peak"], curve["end"]), **known)
    stages = lenses.get("stages", lenses.get("cycle", {"stages": []}))["stages"]
    if "stages" not in lenses and stages:
        notes.append(_derived_stages(lang))
    result = {
        "touchpoints": metrics.to_dict("records"),
        "curve": curve,
        "segments": curves_by(journey, C.SEGMENT),
        "waves": curves_by(journey, C.WAVE),
        "drivers": drivers,
        "themes": [],
        "priorities": priorities(parts, weights, lang, boot) if len(parts) else [],
        "stages": stages,
        "stages_derived": "stages" not in lenses,
        "moments": rollup(journey, C.MOMENT, metrics, **known) if len(journey.touchpoints) else [],
        "lenses": lenses,
        "channels": rollup(journey, C.CHANNEL, metrics, **known),
        "owners": rollup(journey, C.OWNER, metrics, **known),
        "moments_of_truth": data_driven_moments(metrics, drivers).to_dict("records"),
        "handoffs": handoffs(metrics).to_dict("records"),
        "notes": notes,
    }
    return {"validation": journey.validation.to_dict(lang)} | plain(result)  # the report is plain already


def _derived_stages(lang: str) -> str:
    if lang == "es":
        return ("sin columna de etapa: las etapas siguen el modelo del artículo 002 (momento cero, conciencia, "
                "consideración, evaluación, compra, lealtad), deducidas de los nombres de los touchpoints")
    return ("no stage column: stages follow the seed 002 model (zero moment of truth, awareness, consideration, "
            "evaluation, purchase, loyalty), derived from the touchpoint names")


def _no_drivers(lang: str) -> str:
    if lang == "es":
        return "sin resultado global: el impacto se calcula con brecha × alcance × severidad"
    return "no overall outcome: impact falls back to gap × reach × severity"


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
