"""Shared fixtures: a real `streamlit run` of the app on a free local port, and Debian's chromium."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

# no time limit per example: speed is measured in bench/, and two test workers on two cores make single
# examples slow at random (a 15 ms example once took 263 ms and failed the 200 ms default)
settings.register_profile("cj", deadline=None)
settings.load_profile("cj")

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
OUTPUT = ROOT / "test-output"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--refresh-golden", action="store_true",
                     help="rewrite tests/golden/*.json from the current code (the golden tests then fail on purpose)")


@pytest.fixture(scope="session")
def refresh_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--refresh-golden"))


@contextmanager
def _serving(log_name: str):
    """The dashboard served by a real Streamlit server on 127.0.0.1 (its log in test-output/), stopped after."""
    port = _free_port()
    OUTPUT.mkdir(exist_ok=True)
    log = open(OUTPUT / log_name, "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail(f"streamlit did not answer on /_stcore/health within 60 s (see test-output/{log_name})")
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def app_url():
    """The dashboard, one server for the whole session."""
    with _serving("streamlit.log") as url:
        yield url


@pytest.fixture
def fresh_app_url():
    """A server of its own, that no browser has visited yet."""
    with _serving("streamlit_fresh.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright. Missing chromium fails the browser tests (never a silent skip)."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test` (it installs chromium and chromium-driver).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()
