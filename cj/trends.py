"""Change between survey waves, and NPS among each touchpoint's users (METHODS §3.1, §3.4)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from cj import columns as C
from cj.drivers import DriverInputs, driver_inputs
from cj.intake import Journey
from cj.stats import nps_counts, nps_interval, t_quantile, welch_p, welch_se2_df

MIN_N = 30


def wave_order(journey: Journey) -> list[str]:
    """Waves in time order: by their median date when the data has dates, else by name."""
    ratings = journey.ratings.dropna(subset=[C.WAVE])
    waves = [str(w) for w in pd.unique(ratings[C.WAVE].astype(str))]
    if ratings[C.DATE].notna().any():
        median = ratings.groupby(ratings[C.WAVE].astype(str))[C.DATE].median().reindex(sorted(waves))
        return median.sort_values(kind="stable", na_position="last").index.tolist()
    return sorted(waves)


def wave_trends(journey: Journey, waves: list[str] | None = None) -> pd.DataFrame:
    """Per touchpoint, last wave against the one before: means 0–100, change in points (NaN below 30 ratings in
    either wave: no page shows a change on a handful), Welch p-value, its Holm adjustment over the touchpoints,
    and ``significant`` (adjusted p < 0.05, ≥ 30 ratings each side)."""
    waves = wave_order(journey) if waves is None else waves
    columns = [C.TOUCHPOINT, "wave_from", "wave_to", "mean_from", "mean_to", "trend", "p_value", "p_holm",
               "significant"]
    if len(waves) < 2:
        return pd.DataFrame(columns=columns)
    before, after = waves[-2], waves[-1]
    ratings = journey.ratings.assign(_wave=journey.ratings[C.WAVE].astype(str))
    rows = []
    for name, group in ratings.groupby(C.TOUCHPOINT, observed=True, sort=False):
        a = group.loc[group["_wave"] == before, C.SCORE].to_numpy(float)
        b = group.loc[group["_wave"] == after, C.SCORE].to_numpy(float)
        p = welch_p(b.mean(), b.var(ddof=1), b.size, a.mean(), a.var(ddof=1), a.size) if min(a.size, b.size) >= 2 \
            else float("nan")
        enough = min(a.size, b.size) >= MIN_N
        rows.append({C.TOUCHPOINT: str(name), "wave_from": before, "wave_to": after,
                     "mean_from": float(a.mean()) if a.size else np.nan, "mean_to": float(b.mean()) if b.size else np.nan,
                     "trend": float(b.mean() - a.mean()) if enough else np.nan, "p_value": p, "enough": enough})
    frame = pd.DataFrame(rows)
    frame["p_holm"] = holm(frame["p_value"].to_numpy())
    frame["significant"] = (frame["p_holm"] < 0.05) & frame.pop("enough")
    return frame[columns]


def holm(p_values: np.ndarray) -> np.ndarray:
    """Holm–Bonferroni adjusted p-values (one family: the touchpoints compared at once).

    >>> holm(np.array([0.01, 0.04, 0.03])).round(3).tolist()
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(p_values, dtype=float)
    known = ~np.isnan(p)
    out = np.full(p.shape, np.nan)
    order = np.argsort(p[known])
    m = int(known.sum())
    adjusted = np.maximum.accumulate((m - np.arange(m)) * p[known][order])
    values = np.empty(m)
    values[order] = np.minimum(adjusted, 1.0)
    out[known] = values
    return out


def touchpoint_nps(journey: Journey, inputs: DriverInputs | None = None) -> pd.DataFrame:
    """NPS (−100..100) with its adjusted-Wald 95 % interval among the respondents who rated each touchpoint;
    only for a native 0–10 recommend outcome."""
    columns = [C.TOUCHPOINT, "nps", "nps_low", "nps_high", "nps_n"]
    if journey.outcome_kind != "nps":
        return pd.DataFrame(columns=columns)
    inputs = inputs or driver_inputs(journey)
    outcome = inputs.outcome.to_numpy(float)
    rows = []
    for name in inputs.touchpoints:
        used = inputs.raw[name].notna().to_numpy()
        if not used.any():
            continue
        counts = nps_counts(outcome[used])
        interval = nps_interval(*counts)
        rows.append({C.TOUCHPOINT: name, "nps": interval.estimate if sum(counts) else np.nan,
                     "nps_low": interval.low, "nps_high": interval.high, "nps_n": int(sum(counts))})
    return pd.DataFrame(rows, columns=columns)


def non_usage_effects(journey: Journey, *, max_reach: float = 0.95, inputs: DriverInputs | None = None) -> pd.DataFrame:
    """For touchpoints that not everyone used: outcome of users minus non-users (0–100), Welch 95 % interval
    (METHODS §1.3: a separate signal, never folded into importance)."""
    columns = [C.TOUCHPOINT, "reach", "users_mean", "non_users_mean", "difference", "ci_low", "ci_high"]
    if journey.respondents[C.OVERALL].notna().sum() < 2 * MIN_N:
        return pd.DataFrame(columns=columns)
    inputs = inputs or driver_inputs(journey)
    outcome = inputs.outcome_0_100.to_numpy(float)
    known = ~np.isnan(outcome)
    rows = []
    for name in inputs.touchpoints:
        used = inputs.raw[name].notna().to_numpy()
        if not used.any():
            continue
        reach = float(used.mean())
        a, b = outcome[used & known], outcome[~used & known]
        if reach >= max_reach or min(a.size, b.size) < MIN_N:
            continue
        se2, df = welch_se2_df(a.var(ddof=1), a.size, b.var(ddof=1), b.size)
        diff, se = a.mean() - b.mean(), np.sqrt(se2)
        half = t_quantile(0.975, df) * se if se > 0 else 0.0
        rows.append({C.TOUCHPOINT: name, "reach": reach, "users_mean": float(a.mean()),
                     "non_users_mean": float(b.mean()), "difference": float(diff), "ci_low": float(diff - half),
                     "ci_high": float(diff + half)})
    return pd.DataFrame(rows, columns=columns)


def handoffs(metrics: pd.DataFrame) -> pd.DataFrame:
    """Where the owning team changes between consecutive touchpoints (seed 003's gap between sales and
    service): the two teams, the two touchpoints and the change in score across the handoff (0–100)."""
    rated = metrics[metrics["n"] > 0].reset_index(drop=True)
    rows = []
    for before, after in zip(rated.index[:-1], rated.index[1:]):
        a, b = rated.loc[before], rated.loc[after]
        if pd.notna(a[C.OWNER]) and pd.notna(b[C.OWNER]) and a[C.OWNER] != b[C.OWNER]:
            rows.append({"from_owner": a[C.OWNER], "to_owner": b[C.OWNER], "from_touchpoint": a[C.TOUCHPOINT],
                         "to_touchpoint": b[C.TOUCHPOINT], "change": float(b["mean_0_100"] - a["mean_0_100"])})
    return pd.DataFrame(rows, columns=["from_owner", "to_owner", "from_touchpoint", "to_touchpoint", "change"])
