"""Bounded load test: 20 users doing the deadline-week mix against gunicorn, loopback only.

Not run by CI. Usage (after ``bench_skala`` built the 50 000-employee database):

    DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m tests.benchmarks.beban --pengguna 20 --detik 60

Starts gunicorn on 127.0.0.1 (a free port), logs every virtual user in, runs the mix for a fixed duration and
stops by itself (gunicorn too); prints requests/s, p50/p95/p99 per kind and overall, and the error count.
With ``--banding REV`` the same load runs alternately against a checkout of ``REV`` (``git worktree`` in a temp
dir, same interpreter, same database) and the working tree, ``--ulang`` times each; the medians, spreads and the
ratio are printed from that one run. Targets: 0 errors, p95 < 500 ms. The mix: open a list (pegawai, SKP, evaluasi, name search), open an SKP,
save an evaluation (the form read back and posted unchanged: validation, optimistic lock, audit, commit — each
virtual user on its own evaluations, so no lost-update refusal is expected) and export a filtered register.
An error is any HTTP error, a network failure, or a save that does not answer "Penilaian disimpan.".
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
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PASSWORD = os.environ.get("KINERJA_DEMO_PASSWORD", "Demo#Kinerja2026")

# (weight, kind, username, path) — {skp} / {ev} are filled per request
CAMPURAN = [
    (4, "daftar", "operator", "/pegawaiview/list/"),
    (2, "daftar", "operator", "/pegawaiview/list/?_flt_0_nama=Sri"),
    (3, "daftar", "penilai", "/skp/list/"),
    (2, "daftar", "pegawai", "/skp/list/"),
    (2, "daftar", "penilai", "/evaluasi/list/"),
    (2, "daftar", "admin", "/evaluasi/list/"),
    (1, "daftar", "penilai", "/bawahan/list/"),
    (5, "buka_skp", "admin", "/skp/show/{skp}"),
    (4, "simpan_evaluasi", "admin", "/evaluasi/show/{ev}"),
    (1, "ekspor", "penilai", "/bawahan/ekspor/"),
    (1, "ekspor", "pyb", "/pegawaiview/ekspor/?_flt_0_status=tugas_belajar"),
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
    r = opener.open(base + "/login/", data=data, timeout=30)
    r.read()
    if "/login" in r.geturl():
        raise RuntimeError(f"login {username} gagal")
    return opener


def pilih_data(url: str, n_pengguna: int) -> tuple[list[int], list[int]]:
    """SKP ids to open, and draft evaluations to save (probed later: the form must be open to Admin)."""
    from sqlalchemy import create_engine, select

    from schema.models import SKP
    from schema.models import EvaluasiKinerja as E

    eng = create_engine(url)
    try:
        with eng.connect() as c:
            skp = list(c.scalars(select(SKP.id).where(SKP.aktif.is_(True)).order_by(SKP.id).limit(2000)))
            ev = list(
                c.scalars(
                    select(E.id)
                    .where(E.aktif.is_(True), E.status_dokumen == "draf")
                    .order_by(E.id)
                    .limit(n_pengguna * 12)
                )
            )
    finally:
        eng.dispose()
    return skp, ev


def buka_evaluasi(opener, base: str, path: str) -> dict:
    """The evaluation form's fields with their current values (raise if the form is not offered)."""
    from tests.benchmarks.bench_skala import isian_formulir

    data = isian_formulir(opener.open(base + path, timeout=60).read().decode(), "form-penilaian")
    if not data:
        raise RuntimeError(f"{path}: formulir penilaian tidak tersedia")
    return data


def simpan_evaluasi(opener, base: str, path: str, data: dict) -> None:
    """Post the form back unchanged (and follow the redirect, as a browser does); raise unless saved."""
    ev = path.rsplit("/", 1)[1]
    r = opener.open(base + f"/evaluasi/simpan/{ev}", data=urllib.parse.urlencode(data).encode(), timeout=60)
    if "Penilaian disimpan." not in r.read().decode():
        raise RuntimeError(f"{path}: simpan tidak berhasil")


def argumen(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pengguna", type=int, default=20)
    ap.add_argument("--detik", type=int, default=60)
    # sync workers as deployed (deploy/kinerja-web.service): the work is CPU-bound Python, and threads of one
    # worker only queue on its GIL (measured on 2 cores: 3 × 4 threads 66,9 req/s, p95 720 ms; 3 sync 75,2, 486 ms)
    ap.add_argument("--worker", type=int, default=3, help="gunicorn workers (cores + 1)")
    ap.add_argument("--thread", type=int, default=1)
    ap.add_argument(
        "--pemanasan",
        type=int,
        default=10,
        help="seconds of the same mix before measuring (every worker compiles its templates once)",
    )
    ap.add_argument(
        "--jeda", type=float, default=0.0, help="mean think time between a user's requests, seconds (0 = back to back)"
    )
    ap.add_argument("--banding", default="", help="git revision to measure against, alternately, in the same run")
    ap.add_argument("--ulang", type=int, default=1, help="runs per code version (median and spread printed)")
    return ap.parse_args(argv)


def ukur(akar: Path, args: argparse.Namespace, url: str, skp_ids: list[int], ev_calon: list[int]) -> dict:
    """One timed run of the mix against gunicorn serving the code in ``akar``; prints and returns the figures."""
    port = port_bebas()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, RATELIMIT_ENABLED="0", AUTO_MIGRATE="0", PYTHONPATH=str(akar))
    g = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(args.worker),
            "--threads",
            str(args.thread),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "run:app",
        ],
        cwd=akar,
        env=env,
    )
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        return _beban(base, args, skp_ids, ev_calon)
    finally:
        g.terminate()
        g.wait(timeout=30)


def _beban(base: str, args: argparse.Namespace, skp_ids: list[int], ev_calon: list[int]) -> dict:
    # evaluations whose form Admin is offered (an evaluator exists), split per virtual user: no two users
    # save the same evaluation, so the optimistic lock never refuses one (that case is tests/test_integritas.py)
    admin = klien(base, "admin")
    ev_ok = []
    for e in ev_calon:
        try:
            buka_evaluasi(admin, base, f"/evaluasi/show/{e}")
        except RuntimeError:  # no evaluator (vacant position): Admin is not offered the form
            continue
        ev_ok.append(e)
    ev_per_pengguna = [ev_ok[i :: args.pengguna] for i in range(args.pengguna)]
    bobot = [c[0] for c in CAMPURAN]
    hasil: list[tuple[str, float, bool]] = []
    galat_contoh: list[str] = []
    kunci = threading.Lock()
    akhir = [0.0]
    ukur_mulai = [0.0]

    def mulai_jam():  # once every user is logged in, before anyone is released
        ukur_mulai[0] = time.time() + args.pemanasan
        akhir[0] = ukur_mulai[0] + args.detik

    siap = threading.Barrier(args.pengguna + 1, action=mulai_jam)

    def pengguna(i: int) -> None:
        rng = random.Random(i)
        sesi = {u: klien(base, u) for u in {c[2] for c in CAMPURAN}}  # logins are not measured
        evs = ev_per_pengguna[i] or [0]
        siap.wait()
        while time.time() < akhir[0]:
            _w, jenis, u, p = rng.choices(CAMPURAN, weights=bobot)[0]
            p = p.format(skp=rng.choice(skp_ids), ev=rng.choice(evs))
            t = time.perf_counter()
            ok = True
            try:
                if jenis == "simpan_evaluasi":
                    data = buka_evaluasi(sesi[u], base, p)
                    if time.time() >= ukur_mulai[0]:
                        with kunci:
                            hasil.append(("buka_evaluasi", time.perf_counter() - t, True))
                    t = time.perf_counter()
                    simpan_evaluasi(sesi[u], base, p, data)
                else:
                    sesi[u].open(base + p, timeout=60).read()
            except Exception as e:  # noqa: BLE001 - every failure counts as an error
                ok = False
                with kunci:  # errors count in the warm-up too
                    if time.time() < ukur_mulai[0]:
                        hasil.append((jenis, time.perf_counter() - t, False))
                    if len(galat_contoh) < 5:
                        galat_contoh.append(f"{p}: {e}")
            if time.time() >= ukur_mulai[0]:
                with kunci:
                    hasil.append((jenis, time.perf_counter() - t, ok))
            if args.jeda:
                time.sleep(rng.expovariate(1 / args.jeda))

    th = [threading.Thread(target=pengguna, args=(i,)) for i in range(args.pengguna)]
    for t in th:
        t.start()
    siap.wait()
    for t in th:
        t.join()
    durasi = time.time() - ukur_mulai[0]
    galat = sum(1 for h in hasil if not h[2])
    print(
        f"{args.pengguna} pengguna, {args.detik} s, gunicorn {args.worker} worker × {args.thread} thread, "
        f"jeda rata-rata {args.jeda} s, pemanasan {args.pemanasan} s; beban mesin {os.getloadavg()[0]:.2f}"
    )

    def baris(nama, ms):
        q = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
        print(f"  {nama:<16} {len(ms):6d} permintaan  p50 {q[49]:6.0f} ms  p95 {q[94]:6.0f} ms  p99 {q[98]:6.0f} ms")
        return q

    for jenis in ("daftar", "buka_skp", "buka_evaluasi", "simpan_evaluasi", "ekspor"):
        ms = sorted(h[1] * 1000 for h in hasil if h[0] == jenis)
        if ms:
            baris(jenis, ms)
    q = baris("semua", sorted(h[1] * 1000 for h in hasil))
    rps = len(hasil) / durasi
    print(f"{len(hasil)} permintaan dalam {durasi:.0f} s = {rps:.1f} req/s; galat {galat}")
    for c in galat_contoh:
        print("  galat:", c)
    return {"rps": rps, "p95": q[94], "galat": galat}


def _ringkas(nama: str, hasil: list[dict]) -> float:
    rps = [h["rps"] for h in hasil]
    p95 = [h["p95"] for h in hasil]
    print(
        f"{nama:<24} req/s median {statistics.median(rps):6.1f} (rentang {min(rps):.1f}–{max(rps):.1f}), "
        f"p95 median {statistics.median(p95):5.0f} ms ({min(p95):.0f}–{max(p95):.0f}), "
        f"galat {sum(h['galat'] for h in hasil)}"
    )
    return statistics.median(rps)


def main(argv: list[str] | None = None) -> None:
    args = argumen(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        sys.exit("DATABASE_URL harus PostgreSQL dengan data demo 50 000 pegawai (lihat bench_skala)")
    skp_ids, ev_calon = pilih_data(url, args.pengguna)
    if not args.banding:
        hasil = [ukur(ROOT, args, url, skp_ids, ev_calon) for _ in range(args.ulang)]
        if args.ulang > 1:
            _ringkas("kini", hasil)
        return
    lama = Path(tempfile.mkdtemp(prefix="beban-banding-")) / "kode"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(lama), args.banding], check=True)
    try:
        sebelum: list[dict] = []
        sesudah: list[dict] = []
        for i in range(args.ulang):  # alternate, so drift of the machine affects both alike
            print(f"\n== putaran {i + 1}: {args.banding}")
            sebelum.append(ukur(lama, args, url, skp_ids, ev_calon))
            print(f"\n== putaran {i + 1}: pohon kerja")
            sesudah.append(ukur(ROOT, args, url, skp_ids, ev_calon))
        print()
        a = _ringkas(f"sebelum ({args.banding})", sebelum)
        b = _ringkas("sesudah (pohon kerja)", sesudah)
        print(f"rasio req/s sesudah/sebelum: {b / a:.2f}×")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(lama)], check=False)


if __name__ == "__main__":
    main()
