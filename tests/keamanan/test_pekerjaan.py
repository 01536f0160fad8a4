"""Leftovers after a crash: a job whose process died is failed (start-up, status read), its stored input is
deleted, a live job is not touched; inputs, results and evidence live in the database (any node reads them),
never under instance/; what is under instance/ is owner-only (0600, folders 0700)."""

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

from app import pekerjaan, penyimpanan
from app.extensions import db as _db
from schema.models import BerkasData, Pegawai, UnitKerja
from schema.models.pekerjaan import Pekerjaan
from tests import bantu
from tests.conftest import PASSWORD, make_app

AKAR = Path(__file__).resolve().parents[2]
BATAS = 2  # PEKERJAAN_BATAS_DETAK in these tests (seconds)
DETAK = 0.2  # PEKERJAAN_DETAK_DETIK


def mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


@pytest.fixture()
def latar(app):
    """A fast heartbeat and a short silence limit; restored afterwards."""
    kunci = ("PEKERJAAN_SINKRON", "PEKERJAAN_DETAK_DETIK", "PEKERJAAN_BATAS_DETAK", "EKSPOR_LATAR_AMBANG")
    lama = {k: app.config.get(k) for k in kunci}
    app.config.update(PEKERJAAN_SINKRON=True, PEKERJAAN_DETAK_DETIK=DETAK, PEKERJAAN_BATAS_DETAK=BATAS)
    yield app.config
    app.config.update(lama)


def _tersimpan(database_url, nama) -> bool:
    eng = create_engine(database_url)
    try:
        with eng.connect() as c:
            return c.scalar(select(func.count()).select_from(BerkasData).where(BerkasData.nama == nama)) == 1
    finally:
        eng.dispose()


def _masukan_tanpa_pekerjaan(db_session) -> int:
    db_session.rollback()
    dipakai = select(Pekerjaan.masukan).where(Pekerjaan.masukan.is_not(None))
    return db_session.scalar(
        select(func.count())
        .select_from(BerkasData)
        .where(BerkasData.jenis == "masukan", BerkasData.nama.not_in(dipakai))
    )


# Job functions are found again by name by the runner (a worker may be another machine): module level.
LANJUT, DI_TENGAH = threading.Event(), threading.Event()
DILIHAT: dict = {}


def kerja_diam(lapor):
    lapor(10, "Menunggu lama tanpa laporan")
    DI_TENGAH.set()
    assert LANJUT.wait(60)
    return pekerjaan.Hasil(rincian={"ringkasan": "Beres."})


def kerja_masukan(lapor, hasil, masukan):
    masukan.seek(0)
    DILIHAT.update(ada=masukan.read(), seekable=masukan.seekable())
    if hasil == "gagal":
        raise pekerjaan.GagalPekerjaan("Ditolak.")
    if hasil == "galat":
        raise RuntimeError("boom")
    return pekerjaan.Hasil(rincian={"ringkasan": "Beres."})


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
HEADER_PEGAWAI = bantu.KOLOM_IMPOR_PEGAWAI

PROSES_IMPOR = textwrap.dedent("""
    import sys, time
    from tests.conftest import make_app, PASSWORD
    url, berkas = sys.argv[1:3]
    app = make_app(url, PEKERJAAN_DETAK_DETIK=0.2)
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
    env = dict(os.environ, PYTHONPATH=str(AKAR), INSTANCE_DIR=str(tmp_path / "instance"))
    proses = subprocess.Popen(
        [sys.executable, "-c", PROSES_IMPOR, database_url, str(berkas)],
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
        masukan = _baris(database_url, pid)["masukan"]
        os.kill(proses.pid, signal.SIGKILL)  # the server dies in the middle of the import
        proses.wait(10)
    finally:
        if proses.poll() is None:
            proses.kill()
            proses.wait(10)
        eng.dispose()
    assert masukan and _tersimpan(database_url, masukan)  # the uploaded personal data: in the database
    assert not (tmp_path / "instance" / "pekerjaan").exists()  # nothing of it on the node's disk
    sebelum = _baris(database_url, pid)
    assert sebelum["status"] == "berjalan", dict(sebelum)  # killed before it could finish
    time.sleep(BATAS + 0.5)
    kedua = make_app(database_url, PEKERJAAN_BATAS_DETAK=BATAS)  # the restart
    sesudah = _baris(database_url, pid)
    assert sesudah["status"] == "gagal" and sesudah["pesan_galat"] == pekerjaan.PESAN_YATIM
    assert sesudah["masukan"] is None and not _tersimpan(database_url, masukan), "unggahan tertinggal"
    db_session.rollback()
    assert (
        db_session.scalar(select(func.count()).select_from(Pegawai).where(Pegawai.nama.like("Pegawai Impor %"))) == 0
    )  # nothing half-written
    # the owner sees why, in Indonesian
    c = kedua.test_client()
    assert c.post("/login/", data={"username": "operator", "password": PASSWORD}).status_code == 302
    s = _status(c, pid)
    assert s["status"] == "gagal" and s["akhir"] and "silakan ulangi" in s["pesan_galat"]


def test_pekerjaan_basi_ditandai_gagal_saat_dibaca(app, login, db_session, database_url, latar):
    """Status read of a job silent for longer than PEKERJAAN_BATAS_DETAK (a sibling worker died)."""
    uid = _uid(db_session)
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
    with app.app_context():
        basi.masukan, _n = penyimpanan.simpan(io.BytesIO(b"NIP, nama, tanggal lahir"), "masukan", ".unggah")
        segar.masukan, _n = penyimpanan.simpan(io.BytesIO(b"NIP, nama, tanggal lahir"), "masukan", ".unggah")
        _db.session.commit()
    db_session.add_all([basi, segar])
    db_session.commit()
    masukan_basi, masukan_segar = basi.masukan, segar.masukan
    op = login("operator")
    s = _status(op, basi.id)
    assert (s["status"], s["akhir"]) == ("gagal", True)
    assert s["pesan_galat"] == pekerjaan.PESAN_YATIM
    assert not _tersimpan(database_url, masukan_basi)
    s = _status(op, segar.id)  # a job that still beats elsewhere is not touched, nor its input
    assert s["status"] == "berjalan" and _tersimpan(database_url, masukan_segar)
    assert "Pekerjaan terhenti" in op.get(f"/pekerjaan/{basi.id}").get_data(as_text=True)
    db_session.rollback()
    db_session.execute(delete(Pekerjaan).where(Pekerjaan.id.in_([basi.id, segar.id])))
    db_session.commit()
    with app.app_context():
        penyimpanan.hapus(masukan_segar)
        _db.session.commit()


def test_pekerjaan_hidup_berdetak_tidak_ditandai(app, login, database_url, latar):
    """A live job that reports nothing for longer than the limit keeps beating: neither a restart of another
    worker (start-up) nor a status read through that worker marks it."""
    app.config["PEKERJAAN_SINKRON"] = False
    LANJUT.clear(), DI_TENGAH.clear()
    with app.test_request_context("/"):
        _sebagai("operator")
        pid = pekerjaan.mulai("uji", "Uji hidup", kerja_diam)
    try:
        assert DI_TENGAH.wait(30)
        awal = _baris(database_url, pid)["diperbarui_pada"]
        time.sleep(BATAS + 1)  # silent job, well past the limit
        assert _baris(database_url, pid)["diperbarui_pada"] > awal  # the heartbeat, not lapor
        lain = make_app(database_url, PEKERJAAN_BATAS_DETAK=BATAS)  # sibling start-up
        assert _baris(database_url, pid)["status"] == "berjalan"
        c = lain.test_client()
        assert c.post("/login/", data={"username": "operator", "password": PASSWORD}).status_code == 302
        s = _status(c, pid)  # read through the sibling (it does not run the job itself)
        assert (s["status"], s["progres"]) == ("berjalan", 10)
    finally:
        LANJUT.set()
    op = login("operator")
    akhir = time.monotonic() + 30
    while (s := _status(op, pid))["akhir"] is False and time.monotonic() < akhir:
        time.sleep(0.05)
    assert s["status"] == "selesai"


# --- inputs go when the job ends; results and evidence are stored in the database ---------------------------------


@pytest.mark.parametrize("hasil", ["selesai", "gagal", "galat"])
def test_masukan_tersimpan_diberikan_sebagai_berkas_dan_dihapus_di_akhir(app, login, db_session, latar, hasil):
    DILIHAT.clear()
    with app.test_request_context("/"):
        _sebagai("operator")
        pid = pekerjaan.mulai(
            "uji", "Uji masukan", kerja_masukan, hasil, masukan=io.BytesIO(b"198001012005011001;Nama")
        )
    assert DILIHAT == {"ada": b"198001012005011001;Nama", "seekable": True}
    assert _masukan_tanpa_pekerjaan(db_session) == 0, "berkas masukan tertinggal"
    assert db_session.scalar(select(Pekerjaan.masukan).where(Pekerjaan.id == pid)) is None
    s = _status(login("operator"), pid)
    assert s["status"] == ("selesai" if hasil == "selesai" else "gagal")


def test_fungsi_pekerjaan_harus_dapat_ditemukan_menurut_nama(app):
    """A worker on another machine finds the work by name: closures and bound methods are refused up front."""

    def lokal(lapor):
        return pekerjaan.Hasil()

    with app.test_request_context("/"):
        _sebagai("operator")
        with pytest.raises(TypeError, match="tingkat modul"):
            pekerjaan.mulai("uji", "Closure", lokal)
        with pytest.raises(TypeError):  # arguments cross to the worker as JSON
            pekerjaan.mulai("uji", "Argumen", kerja_masukan, object())


def test_impor_http_berkas_unggahan_dihapus(login, db_session, latar):
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
    assert _masukan_tanpa_pekerjaan(db_session) == 0


def test_hasil_pekerjaan_di_basis_data_bukan_di_disk(app, login, db_session, latar):
    app.config["EKSPOR_LATAR_AMBANG"] = 0  # the register is written by a background job
    c = login("operator")
    r = c.get("/pegawaiview/ekspor/")
    assert r.status_code == 302
    pid = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    db_session.rollback()
    nama = db_session.scalar(select(Pekerjaan.berkas).where(Pekerjaan.id == pid))
    ukuran = db_session.scalar(select(BerkasData.ukuran).where(BerkasData.nama == nama, BerkasData.jenis == "hasil"))
    unduh = c.get(f"/pekerjaan/{pid}/unduh")
    assert unduh.status_code == 200 and len(unduh.data) == ukuran > 0
    assert unduh.headers["Content-Length"] == str(ukuran) and unduh.data[:2] == b"PK"


def test_basis_data_sqlite_dan_folder_instance_hanya_pemilik(tmp_path):
    """A new installation under the usual umask: the SQLite file (and its WAL files) 0600, instance/ 0700; an
    older installation's 0644 files and 0755 folders are tightened at start-up."""
    inst = tmp_path / "instance"
    (inst / "pekerjaan").mkdir(parents=True)
    (inst / "berkas").mkdir()
    for d in (inst, inst / "pekerjaan", inst / "berkas"):
        d.chmod(0o755)
    lama_hasil = inst / "pekerjaan" / f"{secrets.token_hex(16)}.xlsx"  # an older installation's job result
    lama_hasil.write_bytes(b"register lama")
    lama_hasil.chmod(0o644)
    db = inst / "kinerja.db"
    url = f"sqlite:///{db}"
    lama = os.umask(0o022)
    try:
        app2 = make_app(url, INSTANCE_DIR=inst, UPLOAD_FOLDER=str(inst / "berkas"))
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


def test_unggahan_bukti_dukung_di_basis_data_dan_hilang_bersama_rollback(app, tmp_path):
    from werkzeug.datastructures import FileStorage

    from app.berkas import Unggahan

    lama_cfg = app.config["UPLOAD_FOLDER"]
    app.config["UPLOAD_FOLDER"] = str(tmp_path / "berkas")
    try:
        with app.test_request_context("/"):
            with Unggahan() as u:
                b = u.simpan(FileStorage(io.BytesIO(b"%PDF-1.4\n" + b"0" * 100), filename="bukti.pdf"))
            assert penyimpanan.ukuran(b.nama_simpan) == b.ukuran == 109
            assert b"".join(penyimpanan.potongan(b.nama_simpan)).startswith(b"%PDF-1.4")
            _db.session.rollback()  # the action failed after the upload: the file goes with it
            assert penyimpanan.ukuran(b.nama_simpan) is None
    finally:
        app.config["UPLOAD_FOLDER"] = lama_cfg
    assert not (tmp_path / "berkas").exists()  # nothing on the node's disk
