"""Where one list request spends its server time: SQL, the list widget, the navbar and the rest.

Not part of the pytest run (no test_ prefix). In-process with Flask's test client, ~40 requests per page:

    .venv/bin/python -m tests.benchmarks.rincian_permintaan --db sqlite:////tmp/demo.db --pegawai 3000
    DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m tests.benchmarks.rincian_permintaan
    … --banding main   # the same figures for a git revision too (checked out into a temporary directory)

An empty database is filled first (tests/benchmarks/bench_skala.py ``siapkan``). Buckets are exclusive: SQL is
the time inside the driver's cursor (SQLAlchemy before/after_cursor_execute), the list widget and the navbar are
their templates' rendering without the SQL they send, the rest is everything else (routing, login, the view's
Python, the page template). Times vary with the machine's load: compare runs made one after the other, and
the minimum columns when the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PASSWORD = os.environ.get("KINERJA_DEMO_PASSWORD", "Demo#Kinerja2026")

# (user, url): a supervisor's SKP list (row scope over subordinates) and the operator's employee register
HALAMAN = [("penilai", "/skp/list/"), ("operator", "/pegawaiview/list/")]
BAGIAN = ("total", "sql", "widget_daftar", "navbar", "lainnya")
LABEL = {
    "total": "total server",
    "sql": "SQL (kursor)",
    "widget_daftar": "widget daftar",
    "navbar": "navbar",
    "lainnya": "lainnya",
}


class Pencatat:
    """Exclusive timers: a bucket's time excludes the time of buckets entered inside it (SQL inside the list
    widget counts as SQL only)."""

    def __init__(self):
        self.tumpukan: list[list] = []  # [bucket, start of its current slice]
        self.waktu: dict[str, float] = {}

    def masuk(self, bucket: str) -> None:
        t = time.perf_counter()
        if self.tumpukan:
            atas = self.tumpukan[-1]
            self.waktu[atas[0]] = self.waktu.get(atas[0], 0.0) + t - atas[1]
        self.tumpukan.append([bucket, t])

    def keluar(self) -> None:
        t = time.perf_counter()
        bucket, mulai = self.tumpukan.pop()
        self.waktu[bucket] = self.waktu.get(bucket, 0.0) + t - mulai
        if self.tumpukan:
            self.tumpukan[-1][1] = t

    def reset(self) -> None:
        self.tumpukan, self.waktu = [], {}


PENCATAT = Pencatat()


def _bungkus_generator(fn, bucket: str):
    """A template's root render function, timed on each step (an include consumes it lazily)."""

    def render(context):
        it = fn(context)
        while True:
            PENCATAT.masuk(bucket)
            try:
                bagian = next(it)
            except StopIteration:
                PENCATAT.keluar()
                return
            PENCATAT.keluar()
            yield bagian

    return render


def pasang_pengukur(app) -> None:
    """Timers around the SQL cursor, FAB's list widget and the navbar template (both app revisions have them)."""
    from flask_appbuilder.widgets import ListWidget
    from sqlalchemy import event

    from app.extensions import db

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", lambda *a: PENCATAT.masuk("sql"))
    event.listen(engine, "after_cursor_execute", lambda *a: PENCATAT.keluar())
    asli = ListWidget.__call__

    def widget(self, **kwargs):
        PENCATAT.masuk("widget_daftar")
        try:
            return asli(self, **kwargs)
        finally:
            PENCATAT.keluar()

    ListWidget.__call__ = widget
    # Jinja keeps the compiled template (auto_reload only when the file changes): wrap its render function
    tpl = app.jinja_env.get_template("appbuilder/navbar.html")
    tpl.root_render_func = _bungkus_generator(tpl.root_render_func, "navbar")


def ukur_halaman(app, user: str, url: str, ulang: int) -> dict[str, list[float]]:
    c = app.test_client()
    r = c.post("/login/", data={"username": user, "password": PASSWORD})
    assert r.status_code == 302, (user, r.status_code)
    for _ in range(3):  # warm-up: compiled templates, the navbar cache, SQLAlchemy's statement cache
        assert c.get(url).status_code == 200, url
    hasil: dict[str, list[float]] = {b: [] for b in BAGIAN}
    for _ in range(ulang):
        PENCATAT.reset()
        PENCATAT.masuk("lainnya")
        r = c.get(url)
        PENCATAT.keluar()
        assert r.status_code == 200, (url, r.status_code)
        w = PENCATAT.waktu
        for b in BAGIAN[1:]:
            hasil[b].append(w.get(b, 0.0) * 1000)
        hasil["total"].append(sum(w.values()) * 1000)
    return hasil


def _kuartil(xs: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], statistics.median(xs), q[2]


def cetak(judul: str, hasil: dict[str, dict[str, list[float]]], banding: dict | None = None) -> None:
    """Median, quartiles and minimum (the least load-sensitive figure on a shared machine), in ms."""
    print(f"\n== {judul}")
    for halaman, kolom in hasil.items():
        lama = (banding or {}).get(halaman)
        print(f"{halaman} ({len(kolom['total'])} permintaan)")
        kepala = f"  {'bagian':<16}{'p50':>8}  {'p25–p75':>13}{'min':>8}"
        print(kepala + (f"{'sebelum p50':>13}{'min':>8}" if lama else ""))
        for b in BAGIAN:
            q1, p50, q3 = _kuartil(kolom[b])
            baris = f"  {LABEL[b]:<16}{p50:8.2f}  {q1:6.2f}–{q3:<6.2f}{min(kolom[b]):8.2f}"
            if lama:
                baris += f"{statistics.median(lama[b]):13.2f}{min(lama[b]):8.2f}"
            print(baris, flush=True)


def jalankan(db_url: str, pegawai: int, ulang: int) -> dict[str, dict[str, list[float]]]:
    from tests.benchmarks.bench_skala import siapkan

    app = siapkan(db_url, pegawai)
    pasang_pengukur(app)
    return {f"{url} [{user}]": ukur_halaman(app, user, url, ulang) for user, url in HALAMAN}


def revisi_lain(rev: str, db_url: str, pegawai: int, ulang: int) -> dict:
    """The same measurement with the application of git revision ``rev`` (this script, that app/), over the same
    database, never migrated by it (AUTO_MIGRATE=0): fair between revisions whose schemas read alike."""
    with tempfile.TemporaryDirectory(prefix="rincian-") as d:
        arsip = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", d], input=arsip, check=True)
        keluaran = Path(d) / "hasil.json"
        perintah = [sys.executable, str(Path(__file__).resolve()), "--akar", d, "--db", db_url]
        perintah += ["--pegawai", str(pegawai), "--ulang", str(ulang), "--json", str(keluaran)]
        subprocess.run(perintah, cwd=d, check=True, env={**os.environ, "AUTO_MIGRATE": "0"})
        return json.loads(keluaran.read_text())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=os.environ.get("DATABASE_URL"), help="URL basis data (bawaan: SQLite baru)")
    ap.add_argument("--pegawai", type=int, default=3000, help="jumlah pegawai bila basis data masih kosong")
    ap.add_argument("--ulang", type=int, default=40)
    ap.add_argument("--banding", metavar="REV", help="revisi git pembanding (mis. main)")
    ap.add_argument("--akar", help=argparse.SUPPRESS)  # the checked-out revision whose app/ is measured
    ap.add_argument("--json", help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, args.akar or str(ROOT))
    db_url = args.db or f"sqlite:///{tempfile.mkdtemp()}/rincian.db"
    if args.json:
        Path(args.json).write_text(json.dumps(jalankan(db_url, args.pegawai, args.ulang)))
        return
    print(f"Mesin: {os.cpu_count()} inti, beban {os.getloadavg()[0]:.2f}; basis data: {db_url.split('@')[-1]}")
    if args.banding and not args.db:
        sys.exit("--banding perlu --db (atau DATABASE_URL): kedua revisi diukur pada basis data yang sama")
    ini = jalankan(db_url, args.pegawai, args.ulang)  # first: fills and migrates an empty database
    lama = revisi_lain(args.banding, db_url, args.pegawai, args.ulang) if args.banding else None
    if lama:
        cetak(f"revisi {args.banding}", lama)
    cetak("revisi ini", ini, lama)
    print(f"beban akhir {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
