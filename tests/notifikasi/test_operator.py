"""The operator's page: what was mailed to whom (a confidential kind's title never shown), and the switch per
event kind per instansi that stops new notifications of that kind for the instansi's people."""

from __future__ import annotations

from sqlalchemy import select

from app.queries import notifikasi as q
from schema.models import Pegawai, UnitKerja
from tests.notifikasi.conftest import uid


def test_riwayat_surel_tanpa_isi_rahasia(login, buat):
    biasa = buat("penilai", judul="SKP Sari menunggu persetujuan Anda")
    # a name no demo employee has: other tests' notifications (e.g. escalations naming demo people) share the page
    rahasia = buat("konselor", jenis="konseling", judul="Konseling Zulkaqwe", isi="Zulkaqwe terlambat")
    assert biasa is not None and rahasia is not None
    teks = login("operator").get("/surelnotifikasi/").get_data(as_text=True)
    assert "SKP Sari menunggu persetujuan Anda" in teks
    assert "Zulkaqwe" not in teks and q.PESAN_RAHASIA not in teks
    assert login("pegawai").get("/surelnotifikasi/").status_code == 403


def test_saklar_per_instansi(login, db_session, buat):
    u = uid(db_session, "pegawai")
    iid = db_session.scalar(
        select(UnitKerja.instansi_id).join(Pegawai, Pegawai.unit_kerja_id == UnitKerja.id).where(Pegawai.user_id == u)
    )
    op = login("operator")
    try:
        r = op.post("/surelnotifikasi/saklar", data={"instansi_id": iid, "jenis": "skp_ditetapkan", "aktif": "0"})
        assert r.status_code == 302
        assert buat("pegawai", jenis="skp_ditetapkan", judul="SKP ditetapkan") is None
        assert buat("pegawai", jenis="skp_dikembalikan", judul="SKP dikembalikan") is not None  # other kinds on
        assert "Dimatikan" in op.get("/surelnotifikasi/").get_data(as_text=True)
    finally:
        op.post("/surelnotifikasi/saklar", data={"instansi_id": iid, "jenis": "skp_ditetapkan", "aktif": "1"})
    assert buat("pegawai", jenis="skp_ditetapkan", judul="SKP ditetapkan") is not None
    assert login("pegawai").post("/surelnotifikasi/saklar", data={"instansi_id": iid, "jenis": "x"}).status_code == 403
