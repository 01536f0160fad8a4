"""Performance at regency scale: build a 50 000-employee database and print every figure.

Not part of the pytest run (no test_ prefix). Usage, against PostgreSQL (an empty database is filled first):

    DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m tests.benchmarks.bench_skala --pegawai 50000

Ministry scale (PostgreSQL; the 50 000-employee demo copied 20 times inside the server, seeds/massal.py):

    DATABASE_URL=postgresql+psycopg://… .venv/bin/python -m tests.benchmarks.bench_skala --pegawai 1000000 \
        --generator massal

Prints, per scenario, the median and spread of several runs, SQL statement counts, the ratio against the floor
where the issue names one (xlsxwriter constant_memory for the register export), and EXPLAIN of the statements
each list page really sends (flagging a sequential scan on a big table). Needs the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PASSWORD = os.environ.get("KINERJA_DEMO_PASSWORD", "Demo#Kinerja2026")
BESAR = 10_000  # a table with at least this many rows is "big": a Seq Scan on it is flagged
# pages whose query aggregates (nearly) every employee before paging: reading the whole table is the plan an
# index cannot beat. None left: the coverage pages (unit, atasan) read ringkasan_cakupan_* (app/queries/pemantauan.py),
# recomputed by a background job — the warm-up request computes a semester's summary once, the measured ones read it
AGREGAT: dict[str, str] = {}

# (user, label, url) — the large list pages (pegawai, SKP, evaluasi, tim, coverage), as the role that sees every row, plus the scoped views the
# deadline week hits most (a supervisor's and an employee's own lists)
HALAMAN = [
    ("admin", "pegawai", "/pegawaiview/list/"),
    ("admin", "pegawai, 100 per halaman", "/pegawaiview/list/?psize_PegawaiView=100"),
    ("admin", "pegawai, cari nama 'Sri'", "/pegawaiview/list/?_flt_0_nama=Sri"),
    ("admin", "pegawai, cari cepat nama belakang", "/pegawaiview/list/?q=Rahayu"),
    ("admin", "pegawai, cari cepat bagian NIP", "/pegawaiview/list/?q=1985"),
    ("admin", "pegawai, unit beserta sub-unit", "/pegawaiview/list/?unit=2"),
    ("admin", "SKP, cari cepat", "/skp/list/?q=Rahayu"),
    ("admin", "SKP", "/skp/list/"),
    ("admin", "SKP, 100 per halaman", "/skp/list/?psize_SKPView=100"),
    ("admin", "evaluasi", "/evaluasi/list/"),
    ("admin", "evaluasi, 100 per halaman", "/evaluasi/list/?psize_EvaluasiKinerjaView=100"),
    ("admin", "daftar konseling", "/konseling/list/"),
    ("admin", "tim pemantau", "/timpemantau/list/"),
    ("admin", "penugasan tim", "/penugasantim/list/"),
    ("admin", "cakupan pemantauan unit", "/cakupanpemantauan/unit/"),
    ("admin", "cakupan pemantauan atasan", "/cakupanpemantauan/atasan/"),
    ("admin", "RHK", "/rencanahasilkerja/list/"),
    ("admin", "umpan balik", "/umpanbalik/list/"),
    ("admin", "jejak audit", "/auditlogview/list/"),
    ("operator", "jabatan", "/jabatanview/list/"),
    ("operator", "unit kerja", "/unitkerjaview/list/"),
    ("penilai", "SKP (penilai)", "/skp/list/"),
    ("penilai", "evaluasi (penilai)", "/evaluasi/list/"),
    ("penilai", "bawahan (penilai)", "/bawahan/list/"),
    ("pegawai", "SKP (pegawai)", "/skp/list/"),
]


def ringkas(nama: str, waktu: list[float], extra: str = "") -> None:
    ms = sorted(w * 1000 for w in waktu)
    print(f"{nama:<44} p50 {statistics.median(ms):8.1f} ms  (min {ms[0]:7.1f}, max {ms[-1]:7.1f})  {extra}", flush=True)


def siapkan(url: str, pegawai: int, generator: str = "demo", basis: int | None = None):
    from sqlalchemy import func, select

    from app import create_app
    from app.cli import siapkan_data
    from app.extensions import db
    from schema.models import Pegawai

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "EKSPOR_LATAR_AMBANG": None,
        }
    )
    with app.app_context():
        n = db.session.scalar(select(func.count()).select_from(Pegawai))
        if not n:
            t = time.perf_counter()
            if generator == "massal":  # PostgreSQL: a demo base copied inside the server (seeds/massal.py)
                from seeds.massal import bangun_massal

                bangun_massal(app, pegawai, basis, seed=7, password=PASSWORD)
            else:
                siapkan_data(app, pegawai=pegawai, seed=7, password=PASSWORD)
            print(f"data demo {pegawai} pegawai dibuat dalam {time.perf_counter() - t:.1f} s", flush=True)
        else:
            print(f"basis data sudah berisi {n} pegawai", flush=True)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.exec_driver_sql("VACUUM ANALYZE")  # fresh statistics, as autovacuum would have by now
    return app


class Penghitung:
    def __init__(self, engine, simpan: bool = False):
        self.engine, self.simpan, self.n, self.stmts = engine, simpan, 0, []

    def _cb(self, conn, cursor, statement, parameters, context, executemany):
        self.n += 1
        if self.simpan and statement.lstrip().upper().startswith("SELECT"):
            self.stmts.append((statement, parameters))

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._cb)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._cb)


def _klien(app, user: str):
    c = app.test_client()
    assert c.post("/login/", data={"username": user, "password": PASSWORD}).status_code == 302, user
    return c


def ukur(app, c, url: str, ulang: int, simpan: bool = False, method: str = "get", data=None):
    from app.extensions import db

    with app.app_context():
        engine = db.engine
    waktu, jumlah, stmts = [], [], []
    getattr(c, method)(url, data=data)  # warm-up
    for i in range(ulang):
        with Penghitung(engine, simpan and i == 0) as h:
            t = time.perf_counter()
            r = getattr(c, method)(url, data=data)
            waktu.append(time.perf_counter() - t)
        assert r.status_code in (200, 302), (url, r.status_code)
        jumlah.append(h.n)
        stmts = stmts or h.stmts
    return waktu, jumlah, stmts


def halaman(app, ulang: int) -> dict:
    print(f"\n== Halaman daftar (waktu server, {ulang} kali; target p50 < 150 ms, ≤ 6 SQL whatever the page size)")
    klien, rencana = {}, {}
    for user, nama, url in HALAMAN:
        c = klien.get(user) or klien.setdefault(user, _klien(app, user))
        waktu, jumlah, stmts = ukur(app, c, url, ulang, simpan=True)
        ringkas(f"{nama} [{user}]", waktu, f"SQL {max(jumlah)}")
        rencana[f"{nama} [{user}]"] = stmts
    return rencana


def formulir(app, ulang: int) -> None:
    from sqlalchemy import func, select

    from app.extensions import db
    from schema.models import EvaluasiKinerja, RencanaHasilKerja

    with app.app_context():
        siapkan_skp_10_rhk()
        n_rhk = func.count(RencanaHasilKerja.id)
        skp_id, jumlah = db.session.execute(
            select(RencanaHasilKerja.skp_id, n_rhk)
            .group_by(RencanaHasilKerja.skp_id)
            .order_by(func.abs(n_rhk - 10), RencanaHasilKerja.skp_id)
            .limit(1)
        ).one()
        ev_id = db.session.scalar(
            select(EvaluasiKinerja.id)
            .where(
                EvaluasiKinerja.aktif.is_(True),
                EvaluasiKinerja.status_dokumen == "draf",
                EvaluasiKinerja.skp_id.in_(
                    select(RencanaHasilKerja.skp_id).group_by(RencanaHasilKerja.skp_id).having(n_rhk >= min(jumlah, 10))
                ),
            )
            .order_by(EvaluasiKinerja.id)
            .limit(1)
        )
    print("\n== Formulir (target p50 < 250 ms)")
    c = _klien(app, "admin")
    waktu, jumlah_sql, _ = ukur(app, c, f"/skp/show/{skp_id}", ulang)
    ringkas(f"formulir SKP ({jumlah} RHK) /skp/show/{skp_id}", waktu, f"SQL {max(jumlah_sql)}")
    if ev_id:
        waktu, jumlah_sql, _ = ukur(app, c, f"/evaluasi/show/{ev_id}", ulang)
        ringkas(f"formulir evaluasi /evaluasi/show/{ev_id}", waktu, f"SQL {max(jumlah_sql)}")
        html = c.get(f"/evaluasi/show/{ev_id}").get_data(as_text=True)
        data = isian_formulir(html, "form-penilaian")
        if data:
            waktu = []
            for _ in range(ulang):
                data = isian_formulir(c.get(f"/evaluasi/show/{ev_id}").get_data(as_text=True), "form-penilaian")
                t = time.perf_counter()
                r = c.post(f"/evaluasi/simpan/{ev_id}", data=data)
                waktu.append(time.perf_counter() - t)
                assert r.status_code == 302
            ringkas(f"simpan evaluasi /evaluasi/simpan/{ev_id}", waktu)


def siapkan_skp_10_rhk() -> None:
    """The demo gives each SKP up to 4 RHK; the README's figure is the form with 10. Copy a draft SKP's RHK (with their
    IKI) until one has 10 — once, committed (the benchmark database is disposable)."""
    from sqlalchemy import func, insert, select

    from app.extensions import db
    from schema.models import EvaluasiKinerja
    from schema.models import IndikatorKinerja as I
    from schema.models import RencanaHasilKerja as RHK

    n = func.count(RHK.id)
    if db.session.scalar(select(RHK.skp_id).group_by(RHK.skp_id).having(n >= 10).limit(1)):
        return
    skp_id = db.session.scalar(
        select(RHK.skp_id)
        .where(
            RHK.skp_id.in_(
                select(EvaluasiKinerja.skp_id).where(
                    EvaluasiKinerja.aktif.is_(True), EvaluasiKinerja.status_dokumen == "draf"
                )
            )
        )
        .group_by(RHK.skp_id)
        .order_by(n.desc(), RHK.skp_id)
        .limit(1)
    )
    asal = db.session.scalars(select(RHK).where(RHK.skp_id == skp_id).order_by(RHK.urutan)).all()
    kolom_rhk = [c.key for c in RHK.__table__.columns if c.key not in ("id", "urutan")]
    kolom_iki = [c.key for c in I.__table__.columns if c.key not in ("id", "rhk_id")]
    urutan = max(r.urutan for r in asal)
    while len(asal) < 10:
        for r in list(asal)[: 10 - len(asal)]:
            urutan += 1
            baru = db.session.execute(
                insert(RHK).values(**{k: getattr(r, k) for k in kolom_rhk}, urutan=urutan).returning(RHK.id)
            ).scalar_one()
            for i in r.iki:
                db.session.execute(insert(I).values(**{k: getattr(i, k) for k in kolom_iki}, rhk_id=baru))
            asal.append(db.session.get(RHK, baru))
    db.session.commit()
    print(f"(SKP {skp_id}: RHK disalin sampai 10 untuk tolok ukur formulir)")


def isian_formulir(html: str, form_id: str) -> dict:
    """The fields of one form with their current values (what a browser would post back unchanged)."""
    from html.parser import HTMLParser

    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.di, self.data, self.select, self.textarea = False, {}, None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "form":
                self.di = a.get("id") == form_id
            if not self.di:
                return
            if tag == "input" and a.get("name"):
                if a.get("type") == "checkbox" and "checked" not in a:
                    return
                self.data[a["name"]] = a.get("value", "")
            elif tag == "select" and a.get("name"):
                self.select = a["name"]
                self.data.setdefault(self.select, "")
            elif tag == "option" and self.select and "selected" in a:
                self.data[self.select] = a.get("value", "")
            elif tag == "textarea" and a.get("name"):
                self.textarea = a["name"]
                self.data[self.textarea] = ""

        def handle_endtag(self, tag):
            if tag == "form":
                self.di = False
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                self.textarea = None

        def handle_data(self, d):
            if self.textarea:
                self.data[self.textarea] += d

    # only the form itself is parsed (forms do not nest): the load test's client parses the evaluation page
    # on every save, and the whole page costs it CPU the server under test shares
    awal = html.find(f'id="{form_id}"')
    if awal >= 0:
        awal = html.rfind("<form", 0, awal)
        akhir = html.find("</form>", awal)
        html = html[awal : akhir + len("</form>") if akhir >= 0 else len(html)]
    p = P()
    p.feed(html)
    return p.data


EKSPOR_ANAK = r"""
import sys, threading, time
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from app import create_app
app = create_app({{"SQLALCHEMY_DATABASE_URI": {url!r}, "AUTO_MIGRATE": False}})
from app.extensions import db
from app.queries.pegawai import register_pegawai
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
    # the floor: the same rows (same query, same Python row generator) written with xlsxwriter constant_memory
    import tempfile, xlsxwriter
    import app.queries.pegawai as q
    baris_semua = []
    def tangkap(judul, kolom, baris, **kw):
        baris_semua.append((kolom, baris))
    asli = q.tulis_register; q.tulis_register = tangkap
    register_pegawai(select(Pegawai.id).subquery(), pengekspor="bench")
    register_pegawai(select(Pegawai.id).subquery(), pengekspor="bench")
    q.tulis_register = asli
    kolom, baris = baris_semua[0]
    t = time.perf_counter()
    for _ in baris_semua[1][1]:  # the shared part: query + Python rows, written nowhere
        pass
    t_baris = time.perf_counter() - t
    t = time.perf_counter()
    out = tempfile.NamedTemporaryFile(suffix=".xlsx")
    wb = xlsxwriter.Workbook(out.name, {{"constant_memory": True}})
    ws = wb.add_worksheet("Pegawai")
    datefmt = wb.add_format({{"num_format": "dd-mm-yyyy"}})
    for i, k in enumerate(kolom):
        ws.write_string(6, i, k.judul)
    r = 7
    for row in baris:
        for j, v in enumerate(row):
            if v is None: continue
            if hasattr(v, "year"): ws.write_datetime(r, j, v, datefmt)
            elif isinstance(v, int): ws.write_number(r, j, v)
            else: ws.write_string(r, j, str(v))
        r += 1
    wb.close()
    t_xlsxwriter = time.perf_counter() - t
    try:
        import lxml; lx = 1
    except ImportError:
        lx = 0
    print(f"{{t_openpyxl:.3f}} {{t_xlsxwriter:.3f}} {{idle:.1f}} {{puncak[0]:.1f}} {{ukuran}} {{r - 7}} {{lx}} {{t_baris:.3f}}")
"""


def ekspor(url: str, ulang: int) -> None:
    print("\n== Ekspor register semua pegawai (target RSS < +100 MB, ≤ 1,5 × xlsxwriter constant_memory)")
    hasil = []
    for _ in range(ulang):
        out = subprocess.run(
            [sys.executable, "-c", EKSPOR_ANAK.format(root=str(ROOT), url=url)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        if out.returncode != 0:
            print("ekspor gagal:", out.stderr[-2000:])
            return
        hasil.append([float(x) for x in out.stdout.strip().splitlines()[-1].split()])
    t_o = [h[0] for h in hasil]
    t_x = [h[1] for h in hasil]
    tumbuh = max(h[3] - h[2] for h in hasil)
    ringkas(
        f"ekspor openpyxl write_only ({int(hasil[0][5])} baris)",
        t_o,
        f"RSS +{tumbuh:.0f} MB (idle {hasil[0][2]:.0f} MB), {hasil[0][4] / 1e6:.1f} MB, "
        f"lxml {'ya' if hasil[0][6] else 'tidak'}",
    )
    rasio = [o / x for o, x in zip(t_o, t_x)]
    ringkas(
        "  lantai: xlsxwriter constant_memory",
        t_x,
        f"rasio {statistics.median(rasio):.2f}× (min {min(rasio):.2f}, max {max(rasio):.2f}; "
        "query + baris Python termasuk di keduanya)",
    )
    t_b = [h[7] for h in hasil]
    rasio_tulis = [(o - b) / (x - b) for o, x, b in zip(t_o, t_x, t_b)]
    ringkas(
        "  bagian bersama: query + baris Python",
        t_b,
        f"rasio penulis saja {statistics.median(rasio_tulis):.2f}× (min {min(rasio_tulis):.2f}, "
        f"max {max(rasio_tulis):.2f})",
    )


def hitung_predikat(app, ulang: int) -> None:
    from sqlalchemy import func, select

    from app.extensions import db
    from schema.models import EvaluasiKinerja as E

    with app.app_context():
        tahun, jenis, nomor, n = db.session.execute(
            select(E.tahun, E.jenis, E.periode_nomor, func.count())
            .where(E.aktif.is_(True), E.status_dokumen == "draf")
            .group_by(E.tahun, E.jenis, E.periode_nomor)
            .order_by(func.count().desc())
            .limit(1)
        ).one()
    print("\n== Hitung predikat satu periode (target ≤ 2 s pada 50 000, ≤ 10 s pada 1 000 000; berbasis himpunan)")
    c = _klien(app, "admin")
    data = {"tahun": tahun, "jenis": jenis, "periode_nomor": nomor}
    # a whole period is a background job above HITUNG_LATAR_AMBANG: run it inside the request, so the time
    # measured is the computation and no two runs overlap
    sinkron = app.config.get("PEKERJAAN_SINKRON")
    app.config["PEKERJAAN_SINKRON"] = True
    try:
        waktu, jumlah, _ = ukur(app, c, "/evaluasi/hitung_periode/", ulang, method="post", data=data)
    finally:
        app.config["PEKERJAAN_SINKRON"] = sinkron
    ringkas(f"hitung predikat {tahun} {jenis} {nomor} ({n} draf)", waktu, f"SQL {max(jumlah)}")


def impor(app, ulang: int) -> None:
    """Re-import every employee (upsert by NIP) with full validation, then roll back."""
    import io

    from openpyxl import Workbook
    from sqlalchemy import select

    from app.excel.impor import JENIS
    from app.excel.impor import impor as jalankan_impor
    from app.extensions import db
    from schema.models import Golongan, Jabatan, Pegawai, UnitKerja

    print("\n== Impor Excel (target ≤ 60 s, validasi penuh, semua-atau-tidak)")
    with app.app_context():
        rows = db.session.execute(
            select(
                Pegawai.nip,
                Pegawai.nama,
                Pegawai.tanggal_lahir,
                Pegawai.tmt_cpns,
                Pegawai.jenis_kelamin,
                Pegawai.jenis_asn,
                Pegawai.status,
                Golongan.kode,
                Jabatan.kode,
                UnitKerja.kode,
            )
            .outerjoin(Golongan, Golongan.id == Pegawai.golongan_id)
            .outerjoin(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        ).all()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(JENIS["pegawai"][2])
        for r in rows:
            ws.append(
                [
                    r[0],
                    r[1],
                    None,
                    None,
                    r[2].strftime("%d-%m-%Y"),
                    r[3].strftime("%d-%m-%Y"),
                    r[4],
                    r[5],
                    r[6],
                    r[7],
                    r[8],
                    r[9],
                    None,
                ]
            )
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
        ringkas(f"impor {len(rows)} pegawai (lalu rollback)", waktu, f"{hasil}")


def bagi_unit(ulang: int) -> None:
    import random

    from app.rules import bagi_unit_ke_tim

    print("\n== Pembagian unit ke tim (target ≤ 1 s)")
    rng = random.Random(1)
    unit = {u: rng.randint(5, 60) for u in range(2000)}
    tim = {t: {rng.randrange(2000) for _ in range(rng.randint(3, 7))} for t in range(50)}
    waktu = []
    for _ in range(ulang):
        t = time.perf_counter()
        hasil = bagi_unit_ke_tim(tim, unit)
        waktu.append(time.perf_counter() - t)
    ringkas(
        "bagi_unit_ke_tim 2 000 unit × 50 tim",
        waktu,
        f"{len(hasil)} unit dibagi, beban maks {max(hasil.beban.values())}",
    )
    # continuity (R13): a 51st team added to that assignment, and the worst case (every unit on one team before)
    for judul, tim2, sebelumnya in (
        ("+1 tim, dengan pembagian sebelumnya", {**tim, 50: set()}, dict(hasil)),
        ("semua unit sebelumnya di satu tim", tim, {u: 0 for u in unit}),
    ):
        waktu = []
        for _ in range(ulang):
            t = time.perf_counter()
            h2 = bagi_unit_ke_tim(tim2, unit, sebelumnya=sebelumnya)
            waktu.append(time.perf_counter() - t)
        ringkas(f"bagi_unit_ke_tim 2 000 unit, {judul}", waktu, f"{len(h2.pindah)} unit pindah")


SCAN = re.compile(
    r"(Parallel )?(Seq Scan|Bitmap Index Scan|Index Scan Backward|Index Scan|Index Only Scan|Bitmap Heap Scan)"
    r"(?: using (\S+))? on (\S+)"
)


def explain(app, rencana: dict) -> None:
    """EXPLAIN every SELECT the list pages sent (same SQL, same parameters); flag Seq Scans on big tables."""
    from app.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            print("\nEXPLAIN: dilewati (bukan PostgreSQL)")
            return
        with db.engine.connect() as c:
            besar = {
                r[0]: int(r[1])
                for r in c.exec_driver_sql(
                    "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND relnamespace = "
                    "'public'::regnamespace AND reltuples >= %s",
                    (BESAR,),
                )
            }
            print(
                f"\n== EXPLAIN kueri halaman daftar (tabel besar ≥ {BESAR}: "
                + ", ".join(f"{k} {v}" for k, v in sorted(besar.items(), key=lambda x: -x[1]))
                + ")"
            )
            seq_total = 0
            for nama, stmts in rencana.items():
                seq, scans, hitung = [], [], set()
                for sql, params in stmts:
                    plan = [r[0] for r in c.exec_driver_sql("EXPLAIN " + sql, params)]
                    for i, baris in enumerate(plan):
                        for m in SCAN.finditer(baris):
                            jenis, idx, tabel = m.group(2), m.group(3), m.group(4)
                            scans.append(f"{jenis}{' ' + idx if idx else ''} on {tabel}")
                            if jenis != "Seq Scan" or tabel not in besar:
                                continue
                            tanpa_filter = i + 1 >= len(plan) or "Filter:" not in plan[i + 1]
                            if sql.lstrip().startswith("SELECT count(*)") and tanpa_filter:
                                hitung.add(tabel)  # FAB's unfiltered count(*): reads the table whatever the index
                            else:
                                seq.append(tabel)
                status = f"SEQ SCAN pada {', '.join(sorted(set(seq)))}!" if seq else "tanpa seq scan tabel besar"
                if seq and nama in AGREGAT:
                    status = f"seq scan {', '.join(sorted(set(seq)))} — disengaja: {AGREGAT[nama]}"
                    seq = []
                if hitung:
                    status += f"; count(*) seluruh {', '.join(sorted(hitung))} (tanpa filter: dibaca utuh)"
                print(f"EXPLAIN {nama:<40} {status}")
                seq_total += len(seq)
                if seq or os.environ.get("BENCH_RINCI"):
                    for s in dict.fromkeys(scans):
                        print(f"        {s}")
            print(f"EXPLAIN: {seq_total} seq scan tak terduga pada tabel besar")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pegawai", type=int, default=50000)
    ap.add_argument("--ulang", type=int, default=7)
    ap.add_argument(
        "--generator", choices=("demo", "massal"), default="demo", help="massal: PostgreSQL, K salinan basis demo"
    )
    ap.add_argument("--basis", type=int, default=None, help="--generator massal: pegawai basis (bawaan 50 000)")
    ap.add_argument(
        "--hanya", default="", help="bagian dipisah koma: halaman,formulir,ekspor,predikat,impor,bagi,explain"
    )
    args = ap.parse_args()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    bagian = set(filter(None, args.hanya.split(","))) or {
        "halaman",
        "formulir",
        "ekspor",
        "predikat",
        "impor",
        "bagi",
        "explain",
    }
    print(
        f"Mesin: {os.cpu_count()} inti, {os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 2**30:.1f} GiB;"
        f" beban {os.getloadavg()[0]:.2f}; basis data: {url.split('@')[-1]}"
    )
    app = siapkan(url, args.pegawai, args.generator, args.basis)
    rencana = halaman(app, args.ulang) if bagian & {"halaman", "explain"} else {}
    if "formulir" in bagian:
        formulir(app, args.ulang)
    if "ekspor" in bagian:
        ekspor(url, max(3, args.ulang // 2))
    if "predikat" in bagian:
        hitung_predikat(app, args.ulang)
    if "impor" in bagian:
        impor(app, 2)
    if "bagi" in bagian:
        bagi_unit(args.ulang)
    if "explain" in bagian:
        explain(app, rencana)
    print(f"beban akhir {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
