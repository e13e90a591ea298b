"""Benchmark: the analysis engine (metrics + drivers + priorities + roll-ups) and a re-score after a weight
change, next to a plain pandas groupby-mean of the same ratings as the floor.

    python bench/analyze.py                 # 100,000 and 1,000,000 responses, 10 touchpoints
    python bench/analyze.py --quick         # 20,000 responses

Targets (issue 3): ≤ 5 s for 1M responses; re-score ≤ 50 ms. Reading the file is not timed here
(bench/intake.py measures it); the analysis runs on the loaded journey, fastest of --repeat runs.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOUCHPOINTS = [f"Touchpoint {i}" for i in range(1, 11)]
COEFFICIENTS = np.array([1.0, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05, 0.0, 0.0])


def generate(responses: int, folder: Path) -> Path:
    """Long layout, ~10 ratings per respondent (reach 0.6–1.0), NPS from a known linear model."""
    path = folder / f"analyze_{responses}.csv"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(responses)
    people = int(responses / 8.2)
    mood = rng.normal(0, 1, people)
    scores = np.clip(np.rint(3.2 + 0.6 * mood[:, None] + rng.normal(0, 0.8, (people, 10))), 1, 5)
    used = rng.random((people, 10)) < np.linspace(1.0, 0.64, 10)
    nps = np.clip(np.rint(6.5 + ((scores - 3.2) * COEFFICIENTS).sum(axis=1) + rng.normal(0, 1, people)), 0, 10)
    who, which = np.nonzero(used)
    frame = pd.DataFrame({"id": who + 1, "segment": np.array(["A", "B", "C"])[who % 3],
                          "touchpoint": np.array(TOUCHPOINTS)[which], "score": scores[who, which].astype(int),
                          "nps": nps[who].astype(int)})
    frame.head(responses).to_csv(path, index=False)
    return path


def best(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    from cj import load_journey
    from cj.analysis import analyze
    from cj.drivers import key_drivers
    from cj.metrics import touchpoint_metrics
    from cj.priority import Weights
    from cj.ranking import components, score_priorities

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    sizes = [20_000] if args.quick else args.responses
    print(f"{'responses':>10} {'analyze s':>10} {'re-score ms':>12} {'groupby-mean s':>15} {'ratio':>7}")
    for responses in sizes:
        journey = load_journey([generate(responses, args.out)])
        full = best(lambda j=journey: analyze(j), args.repeat)
        parts = components(touchpoint_metrics(journey), key_drivers(journey), journey.touchpoints)
        rescore = best(lambda p=parts: score_priorities(p, Weights(1.5, 1.0, 0.5, 1.0)), 20)
        floor = best(lambda r=journey.ratings: r.groupby("touchpoint", observed=True)["score"].mean(), args.repeat)
        print(f"{len(journey.ratings):>10,} {full:>10.2f} {1000 * rescore:>12.1f} {floor:>15.3f} {full / floor:>7.0f}",
              flush=True)
        if len(journey.ratings) >= 900_000:
            print(f"  targets: analyze ≤ 5 s {'PASS' if full <= 5 else 'MISS'}; "
                  f"re-score ≤ 50 ms {'PASS' if rescore <= 0.05 else 'MISS'}")


if __name__ == "__main__":
    main()
