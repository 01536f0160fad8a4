"""End-to-end tests in Debian's Chromium through Playwright (never a downloaded browser).

A real server (run.py) is started as a subprocess on a free loopback port over a fresh SQLite database;
screenshots land in tests/artefak/. Without /usr/bin/chromium the tests skip locally and fail in CI.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTEFAK = ROOT / "tests" / "artefak"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Demo#Kinerja2026"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    for item in items:
        if "e2e" in str(item.fspath):
            if os.environ.get("CI") == "true":
                item.add_marker(pytest.mark.xfail(reason="CI needs /usr/bin/chromium", strict=True, run=False))
            else:
                item.add_marker(pytest.mark.skip(reason="needs Debian chromium (/usr/bin/chromium)"))


def mulai_server(**env_tambahan):
    """Start run.py on a free loopback port over a fresh SQLite database; yields the base URL, then stops it."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    inst = Path(tempfile.mkdtemp(prefix="kinerja-e2e-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(PORT=str(port), HOST="127.0.0.1", DEMO_PEGAWAI="120", INSTANCE_DIR=str(inst), RATELIMIT_ENABLED="0")
    # one day inside the Q4 evaluation window (app.rules.waktu_evaluasi), whatever the real date: the demo then
    # holds drafts the evaluator may rate and sign, and the browser walk does not depend on the calendar
    env.setdefault("KINERJA_JAM_TETAP", "2026-12-29T09:00:00+07:00")
    env.update(env_tambahan)
    log = open(inst / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "run.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        if proc.poll() is not None:
            pytest.fail("server e2e berhenti: " + (inst / "server.log").read_text()[-3000:])
        try:
            urllib.request.urlopen(base + "/login/", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    yield base
    proc.terminate()
    proc.wait(timeout=30)
    log.close()
    shutil.rmtree(inst, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    yield from mulai_server()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield b
        b.close()


@pytest.fixture()
def halaman(browser, server):
    ctx = browser.new_context(base_url=server, locale="id-ID")
    page = ctx.new_page()
    yield page
    ctx.close()


def masuk(page, username: str) -> None:
    page.goto("/login/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_load_state("networkidle")


def buka_evaluasi_draf(page) -> None:
    """Open the first draft evaluation whose rating form the logged-in evaluator may fill (skip if none)."""
    page.goto("/evaluasi/list/?psize_EvaluasiKinerjaView=100")
    urls = [
        a.get_attribute("href")
        for a in page.locator("table tbody tr:has-text('Draf') a[href*='/evaluasi/show/']").all()
    ]
    for u in dict.fromkeys(urls):
        page.goto(u)
        if page.locator("#form-penilaian").count():
            return
    pytest.skip("tidak ada evaluasi draf yang dapat dinilai penilai")


def foto(page, nama: str) -> None:
    ARTEFAK.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFAK / f"{nama}.png"), full_page=True)
