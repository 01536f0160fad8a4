"""Several app nodes, one truth — run for real on loopback: two gunicorn nodes with different instance
directories, one Celery worker, one Celery beat, Redis (Debian's ``redis-server``, started here) and a fresh
PostgreSQL database (the one ``.ci/run`` provides).

Checked: both nodes started at once on an empty database migrate once; a session from node A works on node B;
an export started on A is run by the worker and downloaded from B; an upload on A is served by B; failed logins
spread over A and B are throttled together; the worker killed with SIGKILL in the middle of an import leaves no
imported row and the job failed with a message (a redelivered message does not run it again); the daily task
fired many times by beat runs once. Every process is stopped at the end, whatever happens.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import jadwal
from tests import bantu
from tests.conftest import PASSWORD, is_postgres

pytestmark = pytest.mark.postgres

AKAR = Path(__file__).resolve().parents[2]
BATAS_DETAK = 4  # PEKERJAAN_BATAS_DETAK of every process here (seconds)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tunggu(syarat, batas: float, pesan: str, jeda: float = 0.1):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = syarat()
        if hasil:
            return hasil
        time.sleep(jeda)
    pytest.fail(pesan)


class Proses:
    """A child process with its output in a file; stopped (SIGTERM, then SIGKILL) by ``henti``."""

    def __init__(self, nama: str, argv: list[str], env: dict, folder: Path):
        self.nama, self.log = nama, folder / f"{nama}.log"
        self._f = open(self.log, "wb")  # noqa: SIM115 — closed in henti()
        self.p = subprocess.Popen(argv, cwd=AKAR, env=env, stdout=self._f, stderr=subprocess.STDOUT)

    def teks(self) -> str:
        return self.log.read_text(errors="replace")

    def henti(self, sinyal=signal.SIGTERM) -> None:
        if self.p.poll() is None:
            self.p.send_signal(sinyal)
            try:
                self.p.wait(15)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(15)
        self._f.close()


@pytest.fixture(scope="module")
def klaster(database_url, tmp_path_factory):
    if not is_postgres(database_url):
        pytest.skip("needs PostgreSQL")
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        if os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1":
            pytest.fail("redis-server tidak terpasang (.ci/run memasangnya)")
        pytest.skip("needs redis-server")
    folder = tmp_path_factory.mktemp("simpul")
    proses: list[Proses] = []
    nama_db = f"kinerja_simpul_{secrets.token_hex(4)}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{nama_db}"'))
    url = make_url(database_url).set(database=nama_db).render_as_string(hide_password=False)
    try:
        port_redis = _port()
        proses.append(
            Proses(
                "redis",
                [redis_server, "--port", str(port_redis), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                dict(os.environ),
                folder,
            )
        )
        env = dict(
            os.environ,
            PYTHONPATH=str(AKAR),
            DATABASE_URL=url,
            REDIS_URL=f"redis://127.0.0.1:{port_redis}/0",
            SECRET_KEY=secrets.token_hex(32),
            RATELIMIT_ENABLED="1",
            PEKERJAAN_BATAS_DETAK=str(BATAS_DETAK),
            PEKERJAAN_DETAK_DETIK="0.5",
            EKSPOR_LATAR_AMBANG="0",
            JADWAL_SETIAP_DETIK="1",
            CELERY_VISIBILITY_TIMEOUT="6",  # a message of a killed worker comes back quickly
        )
        env.pop("KINERJA_JAM_TETAP", None)

        def env_simpul(nama: str) -> dict:
            d = folder / f"instance-{nama}"  # a different instance directory per node
            return dict(env, INSTANCE_DIR=str(d))

        simpul = {}
        for nama in ("a", "b"):  # started at once, on an empty database
            port = _port()
            simpul[nama] = f"http://127.0.0.1:{port}"
            argv = [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "--timeout", "120"]
            proses.append(Proses(f"web-{nama}", [*argv, "run:app"], env_simpul(nama), folder))
        for nama, base in simpul.items():
            _tunggu(lambda b=base: _sehat(b), 180, f"node {nama} tidak siap:\n{proses[-1].teks()[-3000:]}", 0.5)
        # demo data and users, through the CLI as an operator would
        r = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "run", "seed", "demo", "--pegawai", "50"],
            cwd=AKAR,
            env=env_simpul("cli"),
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert r.returncode == 0, r.stderr[-3000:]
        celery = [sys.executable, "-m", "celery", "-A", "app.pekerja"]
        pekerja = Proses(
            "pekerja",
            [*celery, "worker", "--pool=solo", "-n", "w1@%h", "--without-gossip", "--without-mingle", "-l", "INFO"],
            env_simpul("pekerja"),
            folder,
        )
        proses.append(pekerja)
        beat_dir = folder / "instance-beat"
        beat_dir.mkdir()
        proses.append(
            Proses(
                "beat",
                [*celery, "beat", "-s", str(beat_dir / "jadwal"), "--pidfile=", "-l", "INFO"],
                env_simpul("beat"),
                folder,
            )
        )
        _tunggu(lambda: "ready" in pekerja.teks(), 120, f"pekerja tidak siap:\n{pekerja.teks()[-3000:]}", 0.3)
        yield {"a": simpul["a"], "b": simpul["b"], "url": url, "env": env_simpul, "proses": proses, "folder": folder}
    finally:
        for p in reversed(proses):
            p.henti()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{nama_db}" WITH (FORCE)'))
        admin.dispose()


def _sehat(base: str) -> bool:
    try:
        r = requests.get(f"{base}/sehat", timeout=5)
    except requests.RequestException:
        return False
    return r.status_code == 200 and r.json() == {"status": "sehat", "basis_data": "ok", "antrean": "ok"}


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert m, "csrf_token tidak ada di halaman"
    return m.group(1)


def _masuk(s: requests.Session, base: str, username: str, password: str = PASSWORD) -> requests.Response:
    token = _csrf(s.get(f"{base}/login/", timeout=30).text)
    return s.post(
        f"{base}/login/",
        data={"username": username, "password": password, "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )


def _sql(klaster, sql: str, **p):
    eng = create_engine(klaster["url"])
    try:
        with eng.connect() as c:
            return c.execute(text(sql), p).all()
    finally:
        eng.dispose()


def _status(s, base, pid) -> dict:
    r = s.get(f"{base}/pekerjaan/{pid}/status", timeout=30)
    assert r.status_code == 200, r.status_code
    return r.json()


def _pid(r) -> int:
    assert r.status_code == 302 and "/pekerjaan/" in r.headers["Location"], (r.status_code, r.headers)
    return int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def test_dua_simpul_serentak_memigrasi_sekali(klaster):
    teks = [p.teks() for p in klaster["proses"] if p.nama.startswith("web-")]
    migrasi = [t.count("skema basis data dimigrasikan kosong →") for t in teks]
    assert sorted(migrasi) == [0, 1], teks  # one node migrated; the other waited and found it current
    assert all("Traceback" not in t for t in teks), teks
    assert _sql(klaster, "SELECT count(*) FROM alembic_version")[0][0] == 1


def test_sesi_dari_a_berlaku_di_b(klaster):
    s = requests.Session()
    assert _masuk(s, klaster["a"], "operator").status_code == 302
    r = s.get(f"{klaster['b']}/pegawaiview/list/", allow_redirects=False, timeout=30)
    assert r.status_code == 200 and "Pegawai" in r.text  # signed by A, read by B: one SECRET_KEY


def test_ekspor_dimulai_di_a_dikerjakan_pekerja_diunduh_dari_b(klaster):
    s = requests.Session()
    assert _masuk(s, klaster["a"], "operator").status_code == 302
    pid = _pid(s.get(f"{klaster['a']}/pegawaiview/ekspor/", allow_redirects=False, timeout=60))
    st = _tunggu(lambda: (x := _status(s, klaster["b"], pid))["akhir"] and x, 120, "ekspor tidak selesai")
    assert st["status"] == "selesai", st
    assert _sql(klaster, "SELECT pelari FROM pekerjaan WHERE id = :p", p=pid)[0][0] == "celery"
    pekerja = next(p for p in klaster["proses"] if p.nama == "pekerja")
    assert re.search(r"Task kinerja\.pekerjaan\[[^\]]+\] succeeded", pekerja.teks())
    r = s.get(f"{klaster['b']}{st['unduh_url']}", timeout=60)
    assert r.status_code == 200 and r.content[:2] == b"PK" and "attachment" in r.headers["Content-Disposition"]


def test_unggahan_di_a_dilayani_b(klaster):
    # an employee's SKP in force (the demo supervisor's own); its owner records a realisation on A, then uploads its evidence
    baris = _sql(
        klaster,
        """SELECT s.id, h.id FROM skp s JOIN rencana_hasil_kerja h ON h.skp_id = s.id
           JOIN pegawai p ON p.id = s.pegawai_id JOIN ab_user u ON u.id = p.user_id
           WHERE u.username = 'penilai' AND s.aktif AND s.status = 'ditetapkan' ORDER BY s.tahun DESC, h.id LIMIT 1""",
    )
    assert baris, "data demo tanpa SKP pegawai yang berlaku"
    skp, rhk = baris[0]
    s = requests.Session()
    assert _masuk(s, klaster["a"], "penilai").status_code == 302
    halaman = s.get(f"{klaster['a']}/pelaksanaan/skp/{skp}", timeout=30)
    assert halaman.status_code == 200
    token = _csrf(halaman.text)
    r = s.post(
        f"{klaster['a']}/pelaksanaan/skp/{skp}/realisasi",
        data={"rhk_id": rhk, "periode": "1", "nilai": "3", "uraian": "Laporan bulanan", "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    assert r.status_code == 302
    rid = _sql(klaster, "SELECT max(id) FROM realisasi WHERE skp_id = :s", s=skp)[0][0]
    assert rid, "realisasi tidak tersimpan"
    isi = b"%PDF-1.4\n" + secrets.token_bytes(300_000)  # more than one stored chunk
    r = s.post(
        f"{klaster['a']}/pelaksanaan/skp/{skp}/bukti/{rid}",
        data={"keterangan": "Laporan", "csrf_token": token},
        files={"berkas": ("laporan.pdf", io.BytesIO(isi), "application/pdf")},
        allow_redirects=False,
        timeout=60,
    )
    assert r.status_code == 302, r.text[-2000:]
    bid = _sql(klaster, "SELECT max(id) FROM bukti_dukung WHERE realisasi_id = :r", r=rid)[0][0]
    assert bid
    unduh = s.get(f"{klaster['b']}/pelaksanaan/berkas/{bid}", timeout=60)
    assert unduh.status_code == 200 and unduh.content == isi
    assert unduh.headers["X-Content-Type-Options"] == "nosniff"


def test_login_gagal_di_a_dan_b_dibatasi_bersama(klaster):
    hasil = []
    for i in range(10):
        base = klaster["a"] if i % 2 else klaster["b"]
        hasil.append(_masuk(requests.Session(), base, "konselor", "Salah#Sandi2026").status_code)
    # 5 failures per account in 15 minutes, counted in Redis for both nodes: the rest are refused unchecked
    assert 429 not in hasil[:5] and hasil[5:] == [429] * 5, hasil
    assert _masuk(requests.Session(), klaster["a"], "konselor").status_code == 429  # even the right password


def test_pekerja_dibunuh_di_tengah_impor_tanpa_baris_dan_gagal_berpesan(klaster):
    unit = _sql(klaster, "SELECT kode FROM unit_kerja ORDER BY id LIMIT 1")[0][0]
    baris = []
    for i in range(20_000):  # valid, distinct NIPs: birth date and sequence agree with the row
        lahir = dt.date(1969, 1, 1) + dt.timedelta(days=i // 900)
        nip = f"{lahir:%Y%m%d}2000011{i % 900 + 1:03d}"
        baris.append([nip, f"Pegawai Simpul {i}", None, None, f"{lahir:%d-%m-%Y}", "01-01-2000", "L", "pns", "aktif"])
        baris[-1] += [None, None, unit, None]
    berkas = bantu.xlsx_dari_baris([bantu.KOLOM_IMPOR_PEGAWAI, *baris])
    s = requests.Session()
    assert _masuk(s, klaster["a"], "operator").status_code == 302
    token = _csrf(s.get(f"{klaster['a']}/impor/", timeout=30).text)
    pid = _pid(
        s.post(
            f"{klaster['a']}/impor/unggah",
            data={"jenis": "pegawai", "csrf_token": token},
            files={"berkas": ("pegawai.xlsx", berkas, "application/octet-stream")},
            allow_redirects=False,
            timeout=120,
        )
    )
    eng = create_engine(klaster["url"])
    try:

        def menulis():
            with eng.connect() as c:
                st, tahap, galat = c.execute(
                    text("SELECT status, tahap, pesan_galat FROM pekerjaan WHERE id = :p"), {"p": pid}
                ).one()
            assert st in ("antri", "berjalan"), (st, galat)
            return tahap == "Menyimpan ke basis data"

        _tunggu(menulis, 180, "impor tidak sampai tahap menyimpan", 0.02)
        pekerja = next(p for p in klaster["proses"] if p.nama == "pekerja")
        pekerja.henti(signal.SIGKILL)  # the worker dies while the import writes
    finally:
        eng.dispose()
    jumlah = "SELECT count(*) FROM pegawai WHERE nama LIKE 'Pegawai Simpul %'"
    assert _sql(klaster, jumlah)[0][0] == 0  # its transaction died with it
    time.sleep(BATAS_DETAK + 1)
    st = _status(s, klaster["b"], pid)  # any node notices the silence
    assert st["status"] == "gagal" and "silakan ulangi" in st["pesan_galat"], st
    assert _sql(klaster, "SELECT masukan FROM pekerjaan WHERE id = :p", p=pid)[0][0] is None  # input deleted
    # a new worker receives the unacknowledged message again (acks_late): the job is not run a second time
    baru = Proses(
        "pekerja-2",
        [sys.executable, "-m", "celery", "-A", "app.pekerja", "worker", "--pool=solo", "-n", "w2@%h", "-l", "INFO"],
        klaster["env"]("pekerja-2"),
        klaster["folder"],
    )
    klaster["proses"].append(baru)
    diterima_lagi = re.compile(r"Task kinerja\.pekerjaan\[[^\]]+\] succeeded in [^:]+: False")
    _tunggu(lambda: diterima_lagi.search(baru.teks()), 60, "pesan pekerjaan tidak dikirim ulang", 0.3)
    assert _sql(klaster, jumlah)[0][0] == 0
    assert _status(s, klaster["b"], pid)["status"] == "gagal"


def test_jadwal_harian_dari_beat_sekali_sehari(klaster):
    beat = next(p for p in klaster["proses"] if p.nama == "beat")
    _tunggu(lambda: beat.teks().count("Sending due task") >= 3, 60, beat.teks()[-3000:], 0.3)
    baris = _sql(klaster, "SELECT nama, tanggal, selesai_pada FROM jadwal_jalan ORDER BY nama")
    assert [b[0] for b in baris] == sorted(jadwal.TUGAS) and all(b[2] is not None for b in baris), baris
