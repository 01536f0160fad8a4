"""Background jobs: import and big export as jobs with progress, owner-only results, clean failures."""

from __future__ import annotations

import io
import threading
import time

import pytest
from flask import g
from openpyxl import load_workbook
from sqlalchemy import delete, func, select

from app import pekerjaan
from app.excel.tulis import HEADER_ROW
from schema.models import Pegawai, UnitKerja
from schema.models.pekerjaan import Pekerjaan
from tests import bantu


@pytest.fixture()
def latar(app):
    """Synchronous unless a test turns it off; small exports stay synchronous."""
    lama = {k: app.config.get(k) for k in ("PEKERJAAN_SINKRON", "EKSPOR_LATAR_AMBANG")}
    app.config.update(PEKERJAAN_SINKRON=True)
    yield app.config
    app.config.update(lama)


# Job functions are found again by name by the runner (a worker may be another machine): module level.
LANJUT, DI_TENGAH = threading.Event(), threading.Event()
NAMA_THREAD: list[str] = []


def kerja_setengah(lapor):
    NAMA_THREAD.append(threading.current_thread().name)
    lapor(50, "Setengah jalan")
    DI_TENGAH.set()
    assert LANJUT.wait(30)
    return pekerjaan.Hasil(rincian={"ringkasan": "Beres."})


def kerja_gagal_setengah(lapor, instansi):
    from app.extensions import db

    db.session.add(UnitKerja(instansi_id=instansi, kode="LTR.GAGAL", nama="Setengah", jenis="dinas", aktif=True))
    db.session.flush()
    raise RuntimeError("boom")


_xlsx = bantu.xlsx_dari_baris


def _unggah(c, jenis, berkas):
    return c.post(
        "/impor/unggah", data={"jenis": jenis, "berkas": (berkas, "data.xlsx")}, content_type="multipart/form-data"
    )


def _pid(r) -> int:
    assert r.status_code == 302, r.status_code
    loc = r.headers["Location"]
    assert "/pekerjaan/" in loc, loc
    return int(loc.rstrip("/").rsplit("/", 1)[1])


def _status(c, pid):
    r = c.get(f"/pekerjaan/{pid}/status")
    assert r.status_code == 200, r.status_code
    return r.get_json()


def _tunggu(c, pid, batas=90):
    """Poll the JSON endpoint like the page does; returns every progress value seen and the final status."""
    dilihat = []
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        s = _status(c, pid)
        dilihat.append(s["progres"])
        if s["akhir"]:
            return dilihat, s
        time.sleep(0.1)
    pytest.fail(f"pekerjaan {pid} tidak selesai dalam {batas} detik: {s}")


UNIT_HEADER = ["kode", "nama", "jenis", "kode_induk", "mandiri", "sekretariat", "tim_kota"]


def test_impor_sebagai_pekerjaan_selesai_100(login, db_session, latar):
    c = login("operator")
    try:
        pid = _pid(
            _unggah(
                c,
                "unit_kerja",
                _xlsx([UNIT_HEADER, ["LTR.1", "Dinas Latar", "dinas", None, "Tidak", "Tidak", "Tidak"]]),
            )
        )
        s = _status(c, pid)
        assert (s["status"], s["progres"], s["akhir"]) == ("selesai", 100, True)
        html = c.get(f"/pekerjaan/{pid}").get_data(as_text=True)
        assert "Impor Unit Kerja berhasil: 1 ditambah, 0 diperbarui." in html
        assert 'aria-valuenow="100"' in html
        db_session.rollback()
        assert db_session.scalar(select(UnitKerja.nama).where(UnitKerja.kode == "LTR.1")) == "Dinas Latar"
        assert _masukan_tersimpan(db_session, pid) == 0, "berkas unggahan tertinggal"
        # the job list shows it to its owner
        assert f"/pekerjaan/{pid}" in c.get("/pekerjaan/").get_data(as_text=True)
        assert f"/pekerjaan/{pid}" not in login("pegawai").get("/pekerjaan/").get_data(as_text=True)
    finally:
        db_session.rollback()
        db_session.execute(delete(UnitKerja).where(UnitKerja.kode == "LTR.1"))
        db_session.commit()


def _masukan_tersimpan(db_session, pid) -> int:
    """Stored inputs of the job (its column is cleared and the file deleted when it ends) and of no job."""
    from schema.models import BerkasData

    db_session.rollback()
    assert db_session.scalar(select(Pekerjaan.masukan).where(Pekerjaan.id == pid)) is None
    dipakai = select(Pekerjaan.masukan).where(Pekerjaan.masukan.is_not(None))
    return db_session.scalar(
        select(func.count())
        .select_from(BerkasData)
        .where(BerkasData.jenis == "masukan", BerkasData.nama.not_in(dipakai))
    )


def test_impor_gagal_dicatat_dengan_galat_per_baris_tanpa_setengah_tertulis(login, db_session, latar):
    unit = db_session.scalar(select(UnitKerja.kode).limit(1))
    header = bantu.KOLOM_IMPOR_PEGAWAI
    b = bantu.baris_impor_pegawai(unit)
    sebelum = db_session.scalar(select(func.count()).select_from(Pegawai))
    c = login("operator")
    pid = _pid(_unggah(c, "pegawai", _xlsx([header, b["baik"], b["salah_nip"], b["unit_hilang"]])))
    s = _status(c, pid)
    assert s["status"] == "gagal" and s["akhir"]
    assert s["pesan_galat"] == "Impor dibatalkan: 2 kesalahan ditemukan, tidak ada data yang disimpan."
    html = c.get(f"/pekerjaan/{pid}").get_data(as_text=True)
    assert "<td>3</td><td>nip</td>" in html and "<td>4</td><td>kode_unit</td>" in html and "TIDAK-ADA" in html
    db_session.rollback()
    assert db_session.scalar(select(func.count()).select_from(Pegawai)) == sebelum  # not even the good row
    assert _masukan_tersimpan(db_session, pid) == 0  # no upload left behind
    assert db_session.scalar(select(Pekerjaan.berkas).where(Pekerjaan.id == pid)) is None  # no result file


def test_ekspor_besar_di_latar_hanya_pemilik(login, latar):
    latar["EKSPOR_LATAR_AMBANG"] = 0  # force the background path
    op = login("operator")
    pid = _pid(op.get("/pegawaiview/ekspor/?_flt_0_status=aktif"))
    s = _status(op, pid)
    assert (s["status"], s["progres"]) == ("selesai", 100)
    assert s["unduh_url"] == f"/pekerjaan/{pid}/unduh"
    r = op.get(s["unduh_url"])
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in r.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(r.data)).active
    latar["EKSPOR_LATAR_AMBANG"] = 10**9  # the same register, synchronously: same rows
    sinkron = load_workbook(io.BytesIO(op.get("/pegawaiview/ekspor/?_flt_0_status=aktif").data)).active
    assert ws.max_row == sinkron.max_row > HEADER_ROW
    assert [c.value for c in ws[HEADER_ROW]] == [c.value for c in sinkron[HEADER_ROW]]
    # nobody else: 404 for the page, the JSON and the file (Admin may)
    for user in ("penilai", "pyb", "pegawai"):
        c = login(user)
        for url in (f"/pekerjaan/{pid}", f"/pekerjaan/{pid}/status", f"/pekerjaan/{pid}/unduh"):
            assert c.get(url).status_code == 404, (user, url)
    adm = login("admin")
    assert adm.get(f"/pekerjaan/{pid}/unduh").status_code == 200
    anonim = login()
    assert anonim.get(f"/pekerjaan/{pid}").status_code == 302
    assert anonim.get(f"/pekerjaan/{pid}/status").status_code in (401, 302)
    for bukan in ("x", "0", "99999999999", str(pid + 10**6)):
        assert op.get(f"/pekerjaan/{bukan}").status_code == 404


def test_ekspor_kecil_tetap_sinkron(login, latar):
    r = login("operator").get("/pegawaiview/ekspor/")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")


def test_ekspor_dalam_thread_sungguhan_dipantau(login, latar):
    latar.update(PEKERJAAN_SINKRON=False, EKSPOR_LATAR_AMBANG=0)
    op = login("operator")
    pid = _pid(op.get("/pegawaiview/ekspor/"))
    dilihat, s = _tunggu(op, pid)
    assert s["status"] == "selesai" and dilihat[-1] == 100
    assert dilihat == sorted(dilihat)  # progress never goes back
    assert op.get(s["unduh_url"]).status_code == 200


def _sebagai(app, username):
    from flask_appbuilder.security.sqla.models import User

    from app.extensions import db

    g.user = db.session.scalar(select(User).where(User.username == username))


def test_thread_melaporkan_progres_sebelum_selesai(app, login, latar):
    """The request returns at once; the poller sees the job running at 50 %, then finished at 100 %."""
    latar["PEKERJAAN_SINKRON"] = False
    LANJUT.clear(), DI_TENGAH.clear(), NAMA_THREAD.clear()
    with app.test_request_context("/"):
        _sebagai(app, "operator")
        pid = pekerjaan.mulai("uji", "Uji thread", kerja_setengah)
    assert DI_TENGAH.wait(30)
    op = login("operator")
    s = _status(op, pid)
    assert (s["status"], s["progres"], s["tahap"], s["akhir"]) == ("berjalan", 50, "Setengah jalan", False)
    assert 'data-akhir="tidak"' in op.get(f"/pekerjaan/{pid}").get_data(as_text=True)
    LANJUT.set()
    _dilihat, s = _tunggu(op, pid)
    assert (s["status"], s["progres"]) == ("selesai", 100)
    assert NAMA_THREAD and NAMA_THREAD[0].startswith("pekerjaan")
    assert "Beres." in op.get(f"/pekerjaan/{pid}").get_data(as_text=True)


def test_galat_tak_terduga_tidak_meninggalkan_data(app, login, db_session, latar):
    instansi = db_session.scalar(select(UnitKerja.instansi_id).limit(1))
    with app.test_request_context("/"):
        _sebagai(app, "operator")
        pid = pekerjaan.mulai("uji", "Uji gagal", kerja_gagal_setengah, instansi)
    s = _status(login("operator"), pid)
    assert s["status"] == "gagal"
    assert s["pesan_galat"].startswith("Terjadi kesalahan tak terduga; tidak ada data yang disimpan.")
    db_session.rollback()
    assert db_session.scalar(select(UnitKerja.id).where(UnitKerja.kode == "LTR.GAGAL")) is None


def test_pekerjaan_macet_ditandai_gagal(app, login, db_session):
    import datetime as dt

    from flask_appbuilder.security.sqla.models import User

    uid = db_session.scalar(select(User.id).where(User.username == "operator"))
    lama = dt.datetime(2020, 1, 1)
    p = Pekerjaan(
        jenis="uji", judul="Macet", user_id=uid, status="berjalan", progres=40, dibuat_pada=lama, diperbarui_pada=lama
    )
    db_session.add(p)
    db_session.commit()
    s = _status(login("operator"), p.id)
    assert s["status"] == "gagal" and "terhenti" in s["pesan_galat"]


def test_berkas_hasil_lama_dibersihkan(login, db_session, latar):
    import datetime as dt

    from schema.models import BerkasData

    latar["EKSPOR_LATAR_AMBANG"] = 0
    op = login("operator")
    pid = _pid(op.get("/pegawaiview/ekspor/"))
    nama = db_session.scalar(select(Pekerjaan.berkas).where(Pekerjaan.id == pid))
    assert nama and db_session.scalar(select(BerkasData.ukuran).where(BerkasData.nama == nama)) > 0
    db_session.execute(
        BerkasData.__table__.update().where(BerkasData.nama == nama).values(dibuat_pada=dt.datetime(2020, 1, 1))
    )
    db_session.commit()
    _pid(op.get("/pegawaiview/ekspor/"))  # the next job sweeps files older than PEKERJAAN_SIMPAN_HARI
    db_session.rollback()
    assert db_session.scalar(select(BerkasData.id).where(BerkasData.nama == nama)) is None
    assert op.get(f"/pekerjaan/{pid}/unduh").status_code == 404
    s = _status(op, pid)
    assert s["unduh_url"] is None and s["berkas_dihapus"]
    assert "Berkas hasil sudah dihapus" in op.get(f"/pekerjaan/{pid}").get_data(as_text=True)
