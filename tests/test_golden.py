"""Golden outputs of the whole analysis on both samples. Refresh with `pytest --refresh-golden`, which
rewrites the files and then fails, so the flag can never be left on; review the diff before committing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cj import load_journey
from cj.analysis import analyze
from cj.samples import SAMPLES

GOLDEN = Path(__file__).parent / "golden"


def summary(key: str) -> dict:
    result = analyze(load_journey(SAMPLES[key]))
    v = result["validation"]
    return {
        "counts": [v["rows_read"], v["rows_used"], v["rows_rejected"], v["touchpoints_read"]],
        "drivers": [[i["touchpoint"], round(i["importance"], 1)] for i in result["drivers"]["items"]],
        "r2": round(result["drivers"]["r2"], 3),
        "priorities": [[p["rank"], p["touchpoint"], p["quadrant"], round(p["impact"], 1)] for p in result["priorities"]],
        "touchpoints": [[t["touchpoint"], t["n"], round(t["mean_0_100"], 2) if t["mean_0_100"] is not None else None,
                         t["moment"], t["significant"]] for t in result["touchpoints"]],
        "stages": [[s["stage"], s["n"], round(s["mean_0_100"], 2)] for s in result["stages"]],
        "handoffs": [[h["from_owner"], h["to_owner"], round(h["change"], 1)] for h in result["handoffs"]],
    }


@pytest.mark.parametrize("key", list(SAMPLES))
def test_analysis_matches_the_golden_file(key: str, refresh_golden: bool) -> None:
    path = GOLDEN / f"{key}.json"
    current = summary(key)
    if refresh_golden:
        path.write_text(json.dumps(current, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.fail(f"{path.name} rewritten; review `git diff tests/golden` and rerun without --refresh-golden")
    assert current == json.loads(path.read_text(encoding="utf-8"))
