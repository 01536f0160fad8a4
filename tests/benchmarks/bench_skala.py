"""Performance at regency scale (issue 10): build a 50 000-employee database and print figures.

Not part of the pytest run (no test_ prefix). Usage, ideally against PostgreSQL:

    DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m tests.benchmarks.bench_skala --pegawai 50000

Prints, per scenario, the median and spread of several runs, SQL statement counts, and the ratio against
the floor where the issue names one (xlsxwriter constant_memory for exports). Needs the ``bench`` extra.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PASSWORD = os.environ.get("KINERJA_DEMO_PASSWORD", "Demo#Kinerja2026")


def ringkas(nama: str, waktu: list[float], extra: str = "") -> None:
    ms = sorted(w * 1000 for w in waktu)
    print(f"{nama:<46} median {statistics.median(ms):8.1f} ms   min {ms[0]:8.1f}   max {ms[-1]:8.1f}  {extra}",
          flush=True)


def siapkan(url: str, pegawai: int):
    from app import create_app
    from app.cli import siapkan_data
    from app.extensions import db
    from schema.models import Pegawai
    from sqlalchemy import func, select

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        n = db.session.scalar(select(func.count()).select_from(Pegawai))
        if not n:
            t = time.perf_counter()
            siapkan_data(app, pegawai=pegawai, seed=7, password=PASSWORD)
            print(f"data demo {pegawai} pegawai dibuat dalam {time.perf_counter() - t:.1f} s", flush=True)
        else:
            print(f"basis data sudah berisi {n} pegawai", flush=True)
    return app


def halaman(app, ulang: int) -> None:
    from app.extensions import db
    from sqlalchemy import event

    c = app.test_client()
    assert c.post("/login/", data={"username": "operator", "password": PASSWORD}).status_code == 302
    with app.app_context():
        engine = db.engine
    urls = ["/pegawaiview/list/", "/pegawaiview/list/?psize_PegawaiView=100", "/jabatanview/list/",
            "/unitkerjaview/list/", "/pegawaiview/list/?_flt_0_nama=Sri", "/pegawaiview/add",
            "/skpview/list/", "/timpemantauview/list/", "/cakupanpemantauanview/list/"]
    for url in urls:
        if c.get(url).status_code != 200:
            print(f"{url:<46} (tidak tersedia)")
            continue
        waktu, jumlah = [], []
        for _ in range(ulang):
            n = [0]

            def hit(*_a, **_k):
                n[0] += 1

            event.listen(engine, "before_cursor_execute", hit)
            t = time.perf_counter()
            r = c.get(url)
            waktu.append(time.perf_counter() - t)
            event.remove(engine, "before_cursor_execute", hit)
            jumlah.append(n[0])
            assert r.status_code == 200
        ringkas(url, waktu, f"SQL {max(jumlah)}  (target p50 < 150 ms, ≤ 6 SQL)")


EKSPOR_ANAK = r'''
import os, sys, threading, time, io
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from app import create_app
app = create_app({{"SQLALCHEMY_DATABASE_URI": {url!r}, "AUTO_MIGRATE": False}})
from app.extensions import db
from app.queries.pegawai import register_pegawai, KOLOM_REGISTER_PEGAWAI
from schema.models import Pegawai
from sqlalchemy import select
with app.app_context():
    db.session.execute(select(1))
    idle = rss(); puncak = [idle]; jalan = [True]
    def sampel():
        while jalan[0]:
            puncak[0] = max(puncak[0], rss()); time.sleep(0.02)
    th = threading.Thread(target=sampel); th.start()
    t = time.perf_counter()
    f = register_pegawai(select(Pegawai.id).subquery(), pengekspor="bench")
    t_openpyxl = time.perf_counter() - t
    jalan[0] = False; th.join()
    ukuran = len(f.read())
    # the floor: the same cells with xlsxwriter constant_memory
    import xlsxwriter, tempfile
    from app.queries import pegawai as q
    rows = list  # noqa
    t = time.perf_counter()
    out = tempfile.NamedTemporaryFile(suffix=".xlsx")
    wb = xlsxwriter.Workbook(out.name, {{"constant_memory": True}})
    ws = wb.add_worksheet("Pegawai")
    from sqlalchemy import text
    stmt = q.register_pegawai.__globals__["select"]
    from schema.models import Golongan, Jabatan, UnitKerja
    s = (select(Pegawai.nip, Pegawai.nama, Pegawai.gelar_depan, Pegawai.gelar_belakang, Pegawai.tanggal_lahir,
                Pegawai.tmt_cpns, Pegawai.jenis_kelamin, Pegawai.jenis_asn, Golongan.kode, Golongan.pangkat,
                Jabatan.nama, Jabatan.jenis, UnitKerja.nama, Pegawai.status)
         .outerjoin(Golongan, Golongan.id == Pegawai.golongan_id).outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
         .outerjoin(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id).order_by(UnitKerja.nama, Pegawai.nama, Pegawai.id))
    datefmt = wb.add_format({{"num_format": "dd-mm-yyyy"}})
    for i, k in enumerate(KOLOM_REGISTER_PEGAWAI):
        ws.write(6, i, k.judul)
    r = 7
    for row in db.session.execute(s.execution_options(yield_per=2000)):
        ws.write_number(r, 0, r - 6); ws.write_string(r, 1, row[0])
        for j, v in enumerate(row[1:], 2):
            if v is None: continue
            if hasattr(v, "year"): ws.write_datetime(r, j, v, datefmt)
            else: ws.write_string(r, j, str(v))
        r += 1
    wb.close()
    t_xlsxwriter = time.perf_counter() - t
    print(f"{{t_openpyxl:.3f}} {{t_xlsxwriter:.3f}} {{idle:.1f}} {{puncak[0]:.1f}} {{ukuran}} {{r - 7}}")
'''


def ekspor(url: str, ulang: int) -> None:
    hasil = []
    for _ in range(ulang):
        out = subprocess.run([sys.executable, "-c", EKSPOR_ANAK.format(root=str(ROOT), url=url)],
                             capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            print("ekspor gagal:", out.stderr[-2000:])
            return
        hasil.append([float(x) for x in out.stdout.strip().splitlines()[-1].split()])
    t_o = [h[0] for h in hasil]
    t_x = [h[1] for h in hasil]
    tumbuh = max(h[3] - h[2] for h in hasil)
    ringkas(f"ekspor register pegawai ({int(hasil[0][5])} baris)", t_o,
            f"RSS +{tumbuh:.0f} MB (target < 100)")
    ringkas("  lantai: xlsxwriter constant_memory", t_x,
            f"rasio {statistics.median(t_o) / statistics.median(t_x):.2f}× (target ≤ 1.5×)")


def impor(app, ulang: int) -> None:
    """Re-import every employee (upsert by NIP) with full validation, then roll back."""
    import io

    from openpyxl import Workbook
    from sqlalchemy import select

    from app.excel.impor import JENIS, impor as jalankan_impor
    from app.extensions import db
    from schema.models import Golongan, Jabatan, Pegawai, UnitKerja

    with app.app_context():
        rows = db.session.execute(
            select(Pegawai.nip, Pegawai.nama, Pegawai.tanggal_lahir, Pegawai.tmt_cpns, Pegawai.jenis_kelamin,
                   Pegawai.jenis_asn, Pegawai.status, Golongan.kode, Jabatan.kode, UnitKerja.kode)
            .outerjoin(Golongan, Golongan.id == Pegawai.golongan_id).outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        ).all()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(JENIS["pegawai"][2])
        for r in rows:
            ws.append([r[0], r[1], None, None, r[2].strftime("%d-%m-%Y"), r[3].strftime("%d-%m-%Y"), r[4], r[5], r[6],
                       r[7], r[8], r[9], None])
        buf = io.BytesIO()
        wb.save(buf)
        waktu = []
        for _ in range(ulang):
            buf.seek(0)
            t = time.perf_counter()
            hasil = jalankan_impor(db.session, "pegawai", buf)
            db.session.flush()
            waktu.append(time.perf_counter() - t)
            db.session.rollback()
        ringkas(f"impor {len(rows)} pegawai (validasi penuh, lalu rollback)", waktu,
                f"{hasil} (target ≤ 60 s)")


def bagi_unit(ulang: int) -> None:
    import random

    from app.rules import bagi_unit_ke_tim

    rng = random.Random(1)
    unit = {u: rng.randint(5, 60) for u in range(2000)}
    tim = {t: {rng.randrange(2000) for _ in range(rng.randint(3, 7))} for t in range(50)}
    waktu = []
    for _ in range(ulang):
        t = time.perf_counter()
        hasil = bagi_unit_ke_tim(tim, unit)
        waktu.append(time.perf_counter() - t)
    ringkas("bagi_unit_ke_tim 2 000 unit × 50 tim", waktu,
            f"{len(hasil)} unit dibagi, beban maks {max(hasil.beban.values())} (target ≤ 1 s)")


def explain(app) -> None:
    from sqlalchemy import text

    from app.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            print("EXPLAIN: dilewati (bukan PostgreSQL)")
            return
        qs = {
            "daftar pegawai (urut nama)": "SELECT id FROM pegawai ORDER BY nama LIMIT 25",
            "pegawai per unit": "SELECT id FROM pegawai WHERE unit_kerja_id = 5 ORDER BY nama LIMIT 25",
            "cari NIP": "SELECT id FROM pegawai WHERE nip = '198001012005011001'",
            "SKP per penilai": "SELECT id FROM skp WHERE penilai_id = 5 AND tahun = 2026",
        }
        for nama, sql in qs.items():
            plan = "\n".join(r[0] for r in db.session.execute(text("EXPLAIN " + sql)))
            seq = "Seq Scan" in plan
            print(f"EXPLAIN {nama:<30} {'SEQ SCAN!' if seq else 'indeks'}  | {plan.splitlines()[0][:70]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pegawai", type=int, default=50000)
    ap.add_argument("--ulang", type=int, default=5)
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    print(f"Mesin: {os.cpu_count()} inti; basis data: {url.split('@')[-1]}")
    app = siapkan(url, args.pegawai)
    halaman(app, args.ulang)
    ekspor(url, max(2, args.ulang // 2))
    impor(app, 2)
    bagi_unit(args.ulang)
    explain(app)


if __name__ == "__main__":
    main()
