"""Bounded load test (issue 9): 20 users doing the deadline-week mix against gunicorn, loopback only.

Not run by CI. Usage (after `bench_skala` built the 50 000-employee database):

    DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m tests.benchmarks.beban --pengguna 20 --detik 60

Starts gunicorn on 127.0.0.1 (a free port), logs every virtual user in, runs the mix for a fixed duration and
stops by itself; prints requests/s, p50/p95/p99 and the error count. Targets: 0 errors, p95 < 500 ms.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = os.environ.get("KINERJA_DEMO_PASSWORD", "Demo#Kinerja2026")

# (weight, username, method, path) — the deadline-week mix; paths that 404 in this build are dropped
CAMPURAN = [
    (5, "operator", "GET", "/pegawaiview/list/"),
    (3, "operator", "GET", "/pegawaiview/list/?_flt_0_nama=Sri"),
    (3, "penilai", "GET", "/skpview/list/"),
    (3, "pegawai", "GET", "/skpview/list/"),
    (2, "penilai", "GET", "/bawahan/list/"),
    (2, "penilai", "GET", "/evaluasikinerjaview/list/"),
    (1, "operator", "GET", "/bawahan/ekspor/"),
    (1, "pyb", "GET", "/pegawaiview/ekspor/?_flt_0_status=tugas_belajar"),
]


def port_bebas() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def klien(base: str, username: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/login/", timeout=30).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrf_token": token}).encode()
    opener.open(base + "/login/", data=data, timeout=30).read()
    return opener


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pengguna", type=int, default=20)
    ap.add_argument("--detik", type=int, default=60)
    ap.add_argument("--worker", type=int, default=3)
    args = ap.parse_args()
    port = port_bebas()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, RATELIMIT_ENABLED="0", AUTO_MIGRATE="0")
    g = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(args.worker), "--threads", "4",
                          "-b", f"127.0.0.1:{port}", "run:app"], cwd=ROOT, env=env)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        campuran = []
        probe = {}
        for w, u, m, p in CAMPURAN:
            if u not in probe:
                probe[u] = klien(base, u)
            try:
                probe[u].open(base + p, timeout=60).read()
                campuran.append((w, u, m, p))
            except urllib.error.HTTPError as e:
                print(f"lewati {p} ({e.code})")
        bobot = [c[0] for c in campuran]
        hasil: list[tuple[float, bool]] = []
        kunci = threading.Lock()
        akhir = time.time() + args.detik

        def pengguna(i: int) -> None:
            rng = random.Random(i)
            sesi = {}
            while time.time() < akhir:
                _w, u, _m, p = rng.choices(campuran, weights=bobot)[0]
                if u not in sesi:
                    sesi[u] = klien(base, u)
                t = time.perf_counter()
                ok = True
                try:
                    sesi[u].open(base + p, timeout=60).read()
                except Exception:  # noqa: BLE001 - every failure counts as an error
                    ok = False
                with kunci:
                    hasil.append((time.perf_counter() - t, ok))

        th = [threading.Thread(target=pengguna, args=(i,)) for i in range(args.pengguna)]
        mulai = time.time()
        for t in th:
            t.start()
        for t in th:
            t.join()
        durasi = time.time() - mulai
        ms = sorted(h[0] * 1000 for h in hasil)
        q = statistics.quantiles(ms, n=100)
        galat = sum(1 for h in hasil if not h[1])
        print(f"{len(hasil)} permintaan dalam {durasi:.0f} s = {len(hasil) / durasi:.1f} req/s; "
              f"p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, p99 {q[98]:.0f} ms; galat {galat}")
    finally:
        g.terminate()
        g.wait(timeout=30)


if __name__ == "__main__":
    main()
