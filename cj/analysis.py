"""The whole analysis of a journey as one plain object (SPEC ``analysis.json``), shared by the CLI and pages.

``run`` also returns the comments with their themes (``cj.feedback.Feedback``) for ``comments.csv`` and the
report; ``analyze`` is the plain object alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from cj import columns as C
from cj.curve import plain
from cj.dictionary import Dictionary
from cj.drivers import bootstrap_parts, driver_inputs, key_drivers
from cj.feedback import Feedback, comment_feedback
from cj.intake import Journey
from cj.lenses import assign_phases
from cj.metrics import curves_by, emotion_curve, touchpoint_metrics
from cj.moments import assign_moments, data_driven_moments, lens_rollups, rating_sums, rollup
from cj.priority import Weights
from cj.ranking import components, priorities
from cj.trends import handoffs, non_usage_effects, touchpoint_nps, wave_order, wave_trends


@dataclass
class Analysis:
    result: dict[str, Any]
    feedback: Feedback
    parts: pd.DataFrame | None = None   # the priority components, for re-scoring (``cj.ranking.rescore``)
    boot: dict | None = None            # their bootstrap replicates


def analyze(journey: Journey, *, lang: str = "en", weights: Weights | None = None,
            dictionary: Dictionary | None = None, k: int | None = None) -> dict[str, Any]:
    """validation, touchpoints, drivers (with the non-usage effects), themes, priorities, stages, moments
    and handoffs between owning teams — JSON-ready."""
    return run(journey, lang=lang, weights=weights, dictionary=dictionary, k=k).result


def run(journey: Journey, *, lang: str = "en", weights: Weights | None = None, dictionary: Dictionary | None = None,
        k: int | None = None) -> Analysis:
    """``analyze`` and the comments with their themes; ``dictionary`` defaults to the built-in one, ``k`` fixes
    the number of discovered themes."""
    feedback = comment_feedback(journey, dictionary=dictionary, k=k, lang=lang)
    metrics = touchpoint_metrics(journey)
    inputs = driver_inputs(journey)
    metrics["moment"] = assign_moments(journey.touchpoints).to_numpy()
    waves = wave_order(journey)
    trends = wave_trends(journey, waves)[[C.TOUCHPOINT, "wave_from", "wave_to", "trend", "p_holm", "significant"]]
    metrics = metrics.merge(trends, on=C.TOUCHPOINT, how="left").merge(touchpoint_nps(journey, inputs), on=C.TOUCHPOINT,
                                                                        how="left")
    drivers = key_drivers(journey, inputs=inputs)
    drivers["non_usage"] = non_usage_effects(journey, inputs=inputs).to_dict("records")
    parts = components(metrics, drivers, journey.touchpoints, theme_negative=feedback.negative_share)
    boot = bootstrap_parts(inputs, drivers) if len(parts) >= 2 and len(inputs.raw) else None
    notes = [] if drivers["available"] else [_no_drivers(lang)]
    if journey.comments.empty:
        notes.append("no comments: no themes" if lang == "en" else "sin comentarios: no hay temas")
    curve = emotion_curve(metrics)
    metrics["phase"] = assign_phases(journey.touchpoints, metrics[C.MOMENT]).to_numpy()
    known = {"sums": rating_sums(journey), "reach_matrix": inputs.raw, "waves": waves}
    lenses = lens_rollups(journey, metrics, lang=lang, peak_end=(curve["peak"], curve["end"]), **known)
    stages = lenses.get("stages", lenses.get("cycle", {"stages": []}))["stages"]
    if "stages" not in lenses and stages:
        notes.append(_derived_stages(lang))
    result = {
        "respondents": int(len(inputs.raw)),
        "touchpoints": metrics.to_dict("records"),
        "curve": curve,
        "segments": curves_by(journey, C.SEGMENT),
        "waves": curves_by(journey, C.WAVE),
        "drivers": drivers,
        "themes": feedback.themes,
        "theme_touchpoints": feedback.matrix.to_dict("records"),
        "themes_info": _themes_info(feedback),
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
    return Analysis({"validation": journey.validation.to_dict(lang)} | plain(result), feedback, parts, boot)


def _themes_info(feedback: Feedback) -> dict[str, Any]:
    """How the themes were found: comments, those with nothing to cluster, how k was chosen."""
    found = feedback.result
    return {"comments": int(len(feedback.comments)), "no_content": found.no_content if found else 0,
            "k_source": found.k_source if found else None, "k_scores": found.k_scores if found else [],
            "linked": feedback.comments["touchpoint_source"].value_counts().to_dict() if len(feedback.comments) else {}}


def _derived_stages(lang: str) -> str:
    if lang == "es":
        return ("sin columna de etapa: las etapas siguen el ciclo clásico del customer journey (momento cero, "
                "conciencia, consideración, evaluación, compra, lealtad), deducidas de los nombres de los touchpoints")
    return ("no stage column: stages follow the classic customer-journey cycle (zero moment of truth, awareness, "
            "consideration, evaluation, purchase, loyalty), derived from the touchpoint names")


def _no_drivers(lang: str) -> str:
    if lang == "es":
        return "sin resultado global: el impacto se calcula con brecha × alcance × severidad"
    return "no overall outcome: impact falls back to gap × reach × severity"
