"""`python -m cj analyze` as SPEC states it: the four files, their keys, neutralised cells, escaped HTML."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd

from cj.charts import fig_emotion_curve
from tests.builders import write_csv

ROOT = Path(__file__).resolve().parents[1]


def analyze(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cj", "analyze", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_analyze_writes_the_spec_files(tmp_path: Path) -> None:
    result = analyze("sample_data/oficina_tecnica.xlsx", "--lang", "es", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    analysis = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert {"validation", "touchpoints", "drivers", "themes", "priorities", "stages", "moments"} <= set(analysis)
    assert analysis["validation"]["rows_read"] == 18140 and analysis["validation"]["rows_rejected"] == 8
    assert analysis["priorities"][0]["touchpoint"] == "Facturación" and analysis["priorities"][0]["rank"] == 1
    spec = {"touchpoint", "stage", "order", "channel", "owner", "moment", "n", "reach", "mean", "mean_0_100",
            "ci_low", "ci_high", "pct_negative", "pct_positive", "internal_score", "perception_gap", "target_gap",
            "small_n"}
    assert all(spec <= set(t) for t in analysis["touchpoints"])
    comments = pd.read_csv(tmp_path / "comments.csv", encoding="utf-8-sig")
    assert list(comments.columns) == ["file", "sheet", "row", "touchpoint", "theme_id", "theme_label", "sentiment"]
    assert len(comments) > 5000 and comments["row"].min() >= 2
    book = openpyxl.load_workbook(tmp_path / "report.xlsx", read_only=True)
    assert book.sheetnames == ["priorities", "touchpoints", "drivers", "stages", "moments", "moments_of_truth",
                               "themes", "theme_touchpoints", "comments", "lenses", "channels", "owners", "handoffs",
                               "segments", "waves", "rejected", "mapping"]
    lenses = pd.read_excel(tmp_path / "report.xlsx", sheet_name="lenses", engine="calamine")
    assert set(lenses["lens"]) == {"stages", "cycle", "funnel", "functional", "target", "engagement", "activities",
                                   "goal", "moments"}
    # the invoicing touchpoint is a later interaction (seed 004, moment 3) and the worst of that moment
    later = lenses[(lenses["lens"] == "moments") & (lenses["stage"] == "m3")].iloc[0]
    assert later["label"] == "3 · Interacciones futuras (cobros)" and later["worst_touchpoint"] == "Facturación"
    segments = pd.read_excel(tmp_path / "report.xlsx", sheet_name="segments", engine="calamine")
    assert sorted(segments["segment"].unique()) == ["Administración pública", "Gran empresa", "Pyme"]
    assert len(segments) == 3 * 11  # eleven touchpoints per segment (the planted typo "Newsleter" is kept apart)
    assert {m["touchpoint"] for m in analysis["moments_of_truth"]} == {"Facturación", "Llamada telefónica", "Proyecto"}
    assert analysis["curve"]["end"] == "Newsletter" and len(analysis["waves"]) == 2
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count("<table>") == 3 and "<td>3 · Interacciones futuras (cobros)</td>" in page
    assert "<td>Facturación y cobros</td>" in page  # among the top negative themes
    # every comment has a theme and a sentiment but the empty answers ('Nada que añadir.'), which have no theme
    labels = {t["theme_id"]: t["label"] for t in analysis["themes"]}
    themed = comments.dropna(subset=["theme_id"])
    assert len(themed) == len(comments) - analysis["themes_info"]["no_content"]
    assert all(labels[int(i)] == label for i, label in zip(themed["theme_id"], themed["theme_label"]))
    assert comments["sentiment"].between(-1, 1).all()
    billing = {t["label"]: t for t in analysis["themes"]}["Facturación y cobros"]
    assert billing["negative"] and billing["touchpoints"] == ["Facturación"]
    assert {h["from_owner"] for h in analysis["handoffs"]} >= {"Marketing", "Comercial"}
    assert {e["touchpoint"] for e in analysis["drivers"]["non_usage"]} >= {"Blog", "Newsletter"}


def test_user_text_is_neutralised_in_xlsx_and_escaped_in_html(tmp_path: Path) -> None:
    rows = [["id", "touchpoint", "score", "NPS"]]
    for i in range(60):
        rows += [[i, "=HYPERLINK(\"http://x\")", i % 5 + 1, i % 11], [i, "<script>alert(1)</script>", (i + 2) % 5 + 1,
                                                                     i % 11]]
    source = write_csv(tmp_path / "evil.csv", rows)
    result = analyze(str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "out" / "report.xlsx")["priorities"]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "'=HYPERLINK(\"http://x\")" in names and all(not str(n).startswith("=") for n in names)
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_analyze_refuses_a_bad_file_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"nope")
    result = analyze(str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stderr.startswith("cj: x.xlsx: the name says .xlsx")


def test_curve_follows_journey_order_and_engine_band() -> None:
    metrics = pd.DataFrame({"touchpoint": ["B", "A", "C"], "n": [100, 100, 10], "reach": [1, 1, 1],
                            "pct_negative": [10, 20, 30], "mean_0_100": [60.0, 40.0, 50.0], "ci_low": [55.0, 35.0, 0.0],
                            "ci_high": [65.0, 45.0, 100.0], "perception_gap": [10.0, None, None]})
    fig = fig_emotion_curve(metrics)
    band, line, internal = fig.data
    assert list(line.x) == ["B", "A"]  # journey order kept; C (n < 30) left off
    assert list(band.y) == [65.0, 45.0, 35.0, 55.0]
    assert list(internal.y)[0] == 70.0


def test_curve_view_is_the_analysis_curve() -> None:
    """The curve page draws ``curve_view`` first: the same metrics, curve and overlays as the whole analysis."""
    from cj import load_journey
    from cj.analysis import run
    from cj.curve import curve_view
    from cj.samples import SAMPLES

    journey = load_journey(SAMPLES["hotel_stay"])
    result = run(journey).result
    for overlay in ("segments", "waves"):
        view = curve_view(journey, overlay=overlay)
        assert view["curve"] == result["curve"]
        assert view[overlay] == result[overlay]
        assert [{k: t[k] for k in view["touchpoints"][0]} for t in result["touchpoints"]] == view["touchpoints"]
    assert set(curve_view(journey)) == {"touchpoints", "curve"}
