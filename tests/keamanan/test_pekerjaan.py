"""Leftovers after a crash: a job whose process died is failed (start-up, status read), its input is deleted,
a live job is not touched; every file the app writes under instance/ is owner-only (0600, folders 0700)."""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from flask import g
from sqlalchemy import create_engine, delete, func, select, text

from app import pekerjaan
from schema.models import Pegawai, UnitKerja
from schema.models.pekerjaan import Pekerjaan
from tests import bantu
from tests.conftest import PASSWORD, make_app

AKAR = Path(__file__).resolve().parents[2]
BATAS = 2  # PEKERJAAN_BATAS_DETAK in these tests (seconds)
DETAK = 0.2  # PEKERJAAN_DETAK_DETIK


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@pytest.fixture()
def latar(app, tmp_path):
    """Jobs in a private folder, a fast heartbeat and a short silence limit; restored afterwards."""
    kunci = (
        "PEKERJAAN_FOLDER",
        "PEKERJAAN_SINKRON",
        "PEKERJAAN_DETAK_DETIK",
        "PEKERJAAN_BATAS_DETAK",
        "EKSPOR_LATAR_AMBANG",
    )
    lama = {k: app.config.get(k) for k in kunci}
    folder = tmp_path / "pekerjaan"
    app.config.update(
        PEKERJAAN_FOLDER=str(folder), PEKERJAAN_SINKRON=True, PEKERJAAN_DETAK_DETIK=DETAK, PEKERJAAN_BATAS_DETAK=BATAS
    )
    yield folder
    app.config.update(lama)


def _sebagai(username):
    from flask_appbuilder.security.sqla.models import User

    from app.extensions import db

    g.user = db.session.scalar(select(User).where(User.username == username))


def _baris(database_url, pid):
    eng = create_engine(database_url)
    try:
        with eng.connect() as c:
            return c.execute(select(Pekerjaan.__table__).where(Pekerjaan.id == pid)).mappings().one()
    finally:
        eng.dispose()


def _status(c, pid):
    r = c.get(f"/pekerjaan/{pid}/status")
    assert r.status_code == 200, r.status_code
    return r.get_json()


def _uid(db_session, username="operator"):
    from flask_appbuilder.security.sqla.models import User

    return db_session.scalar(select(User.id).where(User.username == username))


# --- a job whose process died ------------------------------------------------------------------------------------

NIP_DASAR = 197001012000011000
HEADER_PEGAWAI = [
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "tanggal_lahir",
    "tmt",
    "jenis_kelamin",
    "jenis_asn",
    "status",
    "golongan",
    "kode_jabatan",
    "kode_unit",
    "email",
]

PROSES_IMPOR = textwrap.dedent("""
    import sys, time
    from tests.conftest import make_app, PASSWORD
    url, folder, berkas = sys.argv[1:4]
    app = make_app(url, PEKERJAAN_FOLDER=folder, PEKERJAAN_DETAK_DETIK=0.2)
    c = app.test_client()
    r = c.post("/login/", data={"username": "operator", "password": PASSWORD})
    assert r.status_code == 302, r.status_code
    with open(berkas, "rb") as f:
        r = c.post("/impor/unggah", data={"jenis": "pegawai", "berkas": (f, "pegawai.xlsx")},
                   content_type="multipart/form-data")
    print("JOB", r.headers.get("Location"), flush=True)
    time.sleep(600)
""")


def test_impor_dibunuh_sigkill_ditandai_gagal_saat_mulai_dan_masukan_dihapus(database_url, db_session, tmp_path):
    """A real server process is killed with SIGKILL in the middle of an import; the next start-up cleans up."""
    unit = db_session.scalar(select(UnitKerja.kode).limit(1))
    n = 4000
    baris = [
        [
            str(NIP_DASAR + i),
            f"Pegawai Impor {i}",
            None,
            None,
            "01-01-1970",
            "01-01-2000",
            "L",
            "pns",
            "aktif",
            None,
            None,
            unit,
            None,
        ]
        for i in range(n)
    ]
    berkas = tmp_path / "pegawai.xlsx"
    berkas.write_bytes(bantu.xlsx_dari_baris([HEADER_PEGAWAI, *baris]).getvalue())
    folder = tmp_path / "pekerjaan"
    env = dict(os.environ, PYTHONPATH=str(AKAR), INSTANCE_DIR=str(tmp_path / "instance"))
    proses = subprocess.Popen(
        [sys.executable, "-c", PROSES_IMPOR, database_url, str(folder), str(berkas)],
        cwd=AKAR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    eng = create_engine(database_url)
    pid = None
    try:
        akhir = time.monotonic() + 60
        while time.monotonic() < akhir and proses.poll() is None:
            with eng.connect() as c:
                pid = c.scalar(
                    text(
                        "SELECT max(id) FROM pekerjaan WHERE judul = 'Impor Pegawai dari pegawai.xlsx'"
                        " AND status = 'berjalan'"
                    )
                )
            if pid is not None:
                break
            time.sleep(0.02)
        assert pid is not None, (
            f"pekerjaan tidak mulai: {proses.poll()} {proses.stderr.read() if proses.poll() else ''}"
        )
        masukan = list(folder.glob(f"{pid}-*.unggah"))
        os.kill(proses.pid, signal.SIGKILL)  # the server dies in the middle of the import
        proses.wait(10)
    finally:
        if proses.poll() is None:
            proses.kill()
            proses.wait(10)
        eng.dispose()
    assert len(masukan) == 1 and mode(masukan[0]) == 0o600  # the uploaded personal data: owner-only
    assert mode(folder) == 0o700
    sebelum = _baris(database_url, pid)
    assert sebelum["status"] == "berjalan", dict(sebelum)  # killed before it could finish
    time.sleep(BATAS + 0.5)
    kedua = make_app(database_url, PEKERJAAN_FOLDER=str(folder), PEKERJAAN_BATAS_DETAK=BATAS)  # the restart
    sesudah = _baris(database_url, pid)
    assert sesudah["status"] == "gagal" and sesudah["pesan_galat"] == pekerjaan.PESAN_YATIM
    assert not masukan[0].exists(), "berkas unggahan tertinggal sesudah pekerjaan mati"
    db_session.rollback()
    assert (
        db_session.scalar(select(func.count()).select_from(Pegawai).where(Pegawai.nama.like("Pegawai Impor %"))) == 0
    )  # nothing half-written
    # the owner sees why, in Indonesian
    c = kedua.test_client()
    assert c.post("/login/", data={"username": "operator", "password": PASSWORD}).status_code == 302
    s = _status(c, pid)
    assert s["status"] == "gagal" and s["akhir"] and "silakan ulangi" in s["pesan_galat"]


def test_pekerjaan_basi_ditandai_gagal_saat_dibaca(app, login, db_session, latar):
    """Status read of a job silent for longer than PEKERJAAN_BATAS_DETAK (a sibling worker died)."""
    uid = _uid(db_session)
    latar.mkdir(parents=True, exist_ok=True)
    sekarang = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    basi = Pekerjaan(
        jenis="impor",
        judul="Mati",
        user_id=uid,
        status="berjalan",
        progres=80,
        tahap="Menyimpan ke basis data",
        dibuat_pada=sekarang,
        diperbarui_pada=sekarang - dt.timedelta(seconds=BATAS + 5),
    )
    segar = Pekerjaan(
        jenis="impor",
        judul="Hidup di proses lain",
        user_id=uid,
        status="berjalan",
        progres=40,
        dibuat_pada=sekarang,
        diperbarui_pada=sekarang + dt.timedelta(seconds=60),
    )
    db_session.add_all([basi, segar])
    db_session.commit()
    masukan_basi = latar / f"{basi.id}-{secrets.token_hex(16)}.unggah"
    masukan_segar = latar / f"{segar.id}-{secrets.token_hex(16)}.unggah"
    for f in (masukan_basi, masukan_segar):
        f.write_bytes(b"NIP, nama, tanggal lahir")
    op = login("operator")
    s = _status(op, basi.id)
    assert (s["status"], s["akhir"]) == ("gagal", True)
    assert s["pesan_galat"] == pekerjaan.PESAN_YATIM
    assert not masukan_basi.exists()
    s = _status(op, segar.id)  # a job that still beats elsewhere is not touched, nor its input
    assert s["status"] == "berjalan" and masukan_segar.exists()
    assert "Pekerjaan terhenti" in op.get(f"/pekerjaan/{basi.id}").get_data(as_text=True)
    db_session.rollback()
    db_session.execute(delete(Pekerjaan).where(Pekerjaan.id.in_([basi.id, segar.id])))
    db_session.commit()


def test_pekerjaan_hidup_berdetak_tidak_ditandai(app, login, database_url, latar):
    """A live job that reports nothing for longer than the limit keeps beating: neither a restart of another
    worker (start-up) nor a status read through that worker marks it."""
    app.config["PEKERJAAN_SINKRON"] = False
    lanjut, di_tengah = threading.Event(), threading.Event()

    def kerja(lapor):
        lapor(10, "Menunggu lama tanpa laporan")
        di_tengah.set()
        assert lanjut.wait(60)
        return pekerjaan.Hasil(rincian={"ringkasan": "Beres."})

    with app.test_request_context("/"):
        _sebagai("operator")
        pid = pekerjaan.mulai("uji", "Uji hidup", kerja)
    try:
        assert di_tengah.wait(30)
        awal = _baris(database_url, pid)["diperbarui_pada"]
        time.sleep(BATAS + 1)  # silent job, well past the limit
        assert _baris(database_url, pid)["diperbarui_pada"] > awal  # the heartbeat, not lapor
        lain = make_app(database_url, PEKERJAAN_FOLDER=str(latar), PEKERJAAN_BATAS_DETAK=BATAS)  # sibling start-up
        assert _baris(database_url, pid)["status"] == "berjalan"
        c = lain.test_client()
        assert c.post("/login/", data={"username": "operator", "password": PASSWORD}).status_code == 302
        s = _status(c, pid)  # read through the sibling (it does not run the job itself)
        assert (s["status"], s["progres"]) == ("berjalan", 10)
    finally:
        lanjut.set()
    op = login("operator")
    akhir = time.monotonic() + 30
    while (s := _status(op, pid))["akhir"] is False and time.monotonic() < akhir:
        time.sleep(0.05)
    assert s["status"] == "selesai"


# --- input files go when the job ends ----------------------------------------------------------------------------


@pytest.mark.parametrize("hasil", ["selesai", "gagal", "galat"])
def test_berkas_masukan_0600_dan_dihapus_di_akhir(app, login, latar, hasil):
    dilihat = {}

    def kerja(lapor, masukan):
        p = Path(masukan)
        dilihat.update(ada=p.read_bytes(), mode=mode(p), folder=mode(p.parent), nama=p.name)
        if hasil == "gagal":
            raise pekerjaan.GagalPekerjaan("Ditolak.")
        if hasil == "galat":
            raise RuntimeError("boom")
        return pekerjaan.Hasil(rincian={"ringkasan": "Beres."})

    lama = os.umask(0o022)
    try:
        with app.test_request_context("/"):
            _sebagai("operator")
            pid = pekerjaan.mulai("uji", "Uji masukan", kerja, masukan=io.BytesIO(b"198001012005011001;Nama"))
    finally:
        os.umask(lama)
    assert dilihat["ada"] == b"198001012005011001;Nama"
    assert (dilihat["mode"], dilihat["folder"]) == (0o600, 0o700)
    assert dilihat["nama"].startswith(f"{pid}-")
    assert not list(latar.glob("*.unggah")), "berkas masukan tertinggal"
    s = _status(login("operator"), pid)
    assert s["status"] == ("selesai" if hasil == "selesai" else "gagal")


def test_impor_http_berkas_unggahan_dihapus(login, latar):
    """The real import page: the uploaded file is gone after a refused import too."""
    c = login("operator")
    r = c.post(
        "/impor/unggah",
        data={"jenis": "unit_kerja", "berkas": (io.BytesIO(b"bukan excel"), "x.xlsx")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 302
    pid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert _status(c, pid)["status"] == "gagal"
    assert not list(latar.glob("*.unggah"))


# --- owner-only files ---------------------------------------------------------------------------------------------


def test_berkas_hasil_pekerjaan_0600(app, login, latar):
    app.config["EKSPOR_LATAR_AMBANG"] = 0  # the register is written by a background job
    lama = os.umask(0o022)
    try:
        r = login("operator").get("/pegawaiview/ekspor/")
    finally:
        os.umask(lama)
    assert r.status_code == 302
    hasil = list(latar.glob("*.xlsx"))
    assert len(hasil) == 1 and mode(hasil[0]) == 0o600 and mode(latar) == 0o700


def test_basis_data_sqlite_dan_folder_instance_hanya_pemilik(tmp_path):
    """A new installation under the usual umask: the SQLite file (and its WAL files) 0600, instance/ 0700; an
    older installation's 0644 files and 0755 folders are tightened at start-up."""
    inst = tmp_path / "instance"
    (inst / "pekerjaan").mkdir(parents=True)
    (inst / "berkas").mkdir()
    for d in (inst, inst / "pekerjaan", inst / "berkas"):
        d.chmod(0o755)
    lama_hasil = inst / "pekerjaan" / f"{secrets.token_hex(16)}.xlsx"
    lama_hasil.write_bytes(b"register lama")
    lama_hasil.chmod(0o644)
    db = inst / "kinerja.db"
    url = f"sqlite:///{db}"
    lama = os.umask(0o022)
    try:
        app2 = make_app(
            url, INSTANCE_DIR=inst, UPLOAD_FOLDER=str(inst / "berkas"), PEKERJAAN_FOLDER=str(inst / "pekerjaan")
        )
        from app.extensions import db as _db

        with app2.app_context():
            with _db.engine.connect() as c:
                c.exec_driver_sql("PRAGMA journal_mode=WAL")
                c.exec_driver_sql("CREATE TABLE uji_wal (id INTEGER)")
                c.commit()
                wal = [p for p in (Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]
                modes = {p.name: mode(p) for p in wal}
            _db.engine.dispose()
    finally:
        os.umask(lama)
    assert mode(db) == 0o600
    assert wal and set(modes.values()) == {0o600}, modes
    assert mode(lama_hasil) == 0o600
    assert {mode(d) for d in (inst, inst / "pekerjaan", inst / "berkas")} == {0o700}


def test_secret_key_dan_instance_dibuat_hanya_pemilik(tmp_path):
    inst = tmp_path / "instance-baru"
    kode = "import os; os.umask(0o022); import config"
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(INSTANCE_DIR=str(inst), PYTHONPATH=str(AKAR))
    subprocess.run([sys.executable, "-c", kode], cwd=AKAR, env=env, check=True, timeout=60)
    assert mode(inst) == 0o700
    assert mode(inst / "secret_key") == 0o600 and len((inst / "secret_key").read_text()) >= 32


def test_unggahan_bukti_dukung_0600(app, tmp_path):
    from werkzeug.datastructures import FileStorage

    from app.berkas import Unggahan

    lama_cfg, lama = app.config["UPLOAD_FOLDER"], os.umask(0o022)
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "berkas")
    try:
        with app.test_request_context("/"):
            with Unggahan() as u:
                b = u.simpan(FileStorage(io.BytesIO(b"%PDF-1.4\n" + b"0" * 100), filename="bukti.pdf"))
    finally:
        app.config["UPLOAD_FOLDER"] = lama_cfg
        os.umask(lama)
    assert mode(tmp_path / "berkas" / b.nama_simpan) == 0o600
    assert mode(tmp_path / "berkas") == 0o700
