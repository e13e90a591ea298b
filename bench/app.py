"""Benchmark: the dashboard in a real browser (Debian's chromium through Playwright, as the browser tests).

    python bench/app.py                 # the sample, then an upload of 1,048,575 rows (.xlsx, generated once)
    python bench/app.py --quick         # the sample, then 100,000 rows
    python bench/app.py --startup-only  # only the start, five times each (--runs N)

Prints: seconds from starting ``streamlit run`` to the emotion curve drawn on the sample (target ≤ 5 s; five
fresh servers, with the same time for a one-chart Streamlit page beside it: the floor of this machine), from
choosing the 1M-row .xlsx in the uploader to the curve drawn on its data (target ≤ 25 s), from typing an effort
in the priorities grid to its point moving in the matrix on those 1M rows (target ≤ 1 s), and the peak memory
of the server's process tree (sampled every 100 ms). The plain baseline beside them: ``read_excel`` with
calamine on the same file, in this process.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CHROMIUM = "/usr/bin/chromium"
CURVE_DRAWN = ("() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .js-plotly-plot .scatterlayer "
               "path.point').length >= 3")
MATRIX_DRAWN = ("() => document.querySelector('h1') && document.querySelector('h1').innerText.includes('Prioridades') "
                "&& document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .scatterlayer .textpoint text').length >= 3")
LABEL_X = ("() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')[0].querySelectorAll("
           "'.scatterlayer .textpoint text')].map(t => [t.textContent, t.getAttribute('x')])")
MOVED = ("([name, old]) => { const t = [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')[0]"
         ".querySelectorAll('.scatterlayer .textpoint text')].find(e => e.textContent === name);"
         " return t && Math.abs(parseFloat(t.getAttribute('x')) - old) > 20; }")


def tree_rss_mb(pid: int) -> float:
    from themes import _tree_rss_mb  # the same /proc walk as bench/themes.py

    return _tree_rss_mb(pid)


TRIVIAL_PAGE = """import plotly.graph_objects as go
import streamlit as st

st.title("Baseline")
st.plotly_chart(go.Figure(go.Scatter(x=["a", "b", "c", "d"], y=[1, 3, 2, 4], mode="lines+markers")))
"""


@contextmanager
def serving(cwd: Path):
    """``streamlit run app.py`` in ``cwd`` on a free port: yields (url, seconds at start, peak MB so far — a list
    whose one value a thread keeps raising, sampling the server's process tree every 100 ms); stopped after."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                               "--server.headless", "true", "--browser.gatherUsageStats", "false"],
                              cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], tree_rss_mb(server.pid))

    threading.Thread(target=sample, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}", started, peak
    finally:
        done.set()
        server.terminate()
        server.wait(timeout=30)


def first_curve(browser, cwd: Path, path: str) -> tuple[float, float, float]:
    """Seconds from starting ``streamlit run`` in ``cwd`` to a chart with three points drawn at ``path``; the
    seconds until the server answered; the peak memory of its process tree until then (MB)."""
    with serving(cwd) as (url, started, peak):
        healthy = wait_healthy(url) - started
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        page.goto(f"{url}{path}", wait_until="domcontentloaded")
        page.wait_for_function(CURVE_DRAWN, timeout=120_000)
        first = time.perf_counter() - started
        page.close()
        return first, healthy, peak[0]


def wait_healthy(url: str) -> float:
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                return time.perf_counter()
        except OSError:
            time.sleep(0.05)


def startup(browser, runs: int = 5) -> None:
    """Server start to the first curve on the sample, and to the one chart of a trivial page, ``runs`` times each
    (alternating, so both see the same machine)."""
    import statistics
    import tempfile

    ours, floor, answered, memory = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "app.py").write_text(TRIVIAL_PAGE, encoding="utf-8")
        for _ in range(runs):
            first, healthy, peak = first_curve(browser, ROOT, "/Journey_curve")
            ours.append(first)
            answered.append(healthy)
            memory.append(peak)
            floor.append(first_curve(browser, Path(tmp), "/")[0])
    median, base = statistics.median(ours), statistics.median(floor)
    print(f"server start -> curve drawn on the sample: median {median:4.1f} s (runs {', '.join(f'{x:.1f}' for x in ours)}; "
          f"target ≤ 5 s: {'PASS' if median <= 5 else 'MISS'}); the server answered after "
          f"{statistics.median(answered):.1f} s; memory then {max(memory):,.0f} MB")
    print(f"baseline: server start -> the one chart of a trivial Streamlit page drawn: median {base:4.1f} s "
          f"(runs {', '.join(f'{x:.1f}' for x in floor)}); ratio {median / base:.2f}")


def launch(playwright):
    """Debian's chromium, started as DEVELOPERS.md asks."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--runs", type=int, default=5, help="fresh servers per start measurement (this machine's "
                                                              "starts vary by about half a second)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if args.startup_only:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            startup(browser, args.runs)
            browser.close()
        return
    rows = 100_000 if args.quick else 1_048_575
    from intake import generate

    upload = generate(rows, ROOT / "bench" / "out")["xlsx"]
    from cj import load_journey
    from cj.analysis import run

    order = [str(t) for t in run(load_journey(upload)).parts.index]  # the effort grid's rows (not timed)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        startup(browser, args.runs)
        with serving(ROOT) as (url, _, peak):
            wait_healthy(url)
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector('[data-testid="stMetricValue"]', timeout=120_000)
            begin = time.perf_counter()
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
            page.wait_for_function(
                "() => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
                f".some(e => e.innerText.replace(/[.,]/g, '').trim() === '{rows}')", timeout=600_000)
            loaded = time.perf_counter() - begin
            page.get_by_role("link", name="Curva de la emoción").click()
            page.wait_for_function("() => document.querySelector('h1') && "
                                   "document.querySelector('h1').innerText.includes('Curva')", timeout=60_000)
            page.wait_for_function(CURVE_DRAWN, timeout=600_000)
            charts = time.perf_counter() - begin
            text = page.inner_text("body")
            assert "Traceback" not in text, "the page shows a traceback"

            # interaction: on the priorities page, type an effort of 0 for the rightmost point and time until it moves
            page.get_by_role("link", name="Prioridades").click()
            page.wait_for_function(MATRIX_DRAWN, timeout=600_000)
            name, old = max(page.evaluate(LABEL_X), key=lambda item: float(item[1]))
            box = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
            page.mouse.dblclick(box["x"] + box["width"] * 0.5, box["y"] + 35 + 35 * order.index(name) + 17)
            editor = page.locator("input.gdg-input")
            editor.fill("0")
            t0 = time.perf_counter()
            editor.press("Enter")
            page.wait_for_function(MOVED, arg=[name, float(old)], timeout=120_000)
            latency = time.perf_counter() - t0
        browser.close()

    import pandas as pd

    t = time.perf_counter()
    pd.read_excel(upload, engine="calamine")
    bare = time.perf_counter() - t
    print(f"upload {rows:,} rows (.xlsx, {upload.stat().st_size / 1e6:.0f} MB) -> validated: {loaded:6.1f} s; "
          f"-> curve drawn: {charts:6.1f} s   (target ≤ 25 s: {'PASS' if charts <= 25 else 'MISS'})")
    print(f"effort typed in the grid -> its point moved in the matrix ({rows:,} rows loaded): {latency:6.2f} s "
          f"(target ≤ 1 s: {'PASS' if latency <= 1 else 'MISS'})")
    print(f"peak memory of the server's process tree: {peak[0]:,.0f} MB")
    print(f"baseline: pandas.read_excel(calamine) of the same file: {bare:6.1f} s (ratio {charts / bare:.2f})")


if __name__ == "__main__":
    main()
