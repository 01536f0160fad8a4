"""Master-data APIs refuse empty or whitespace-only names and codes on POST (plain schemas) and on PUT (FAB's
generated edit schemas, through ``validators_columns``): 422 with an Indonesian message, nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from schema.models import Golongan, Instansi, Jabatan, Pegawai, UnitKerja
from tests.bantu import put_terkunci

KOSONG = ["", "   ", "\t\n"]


def _nilai(db, model, pk, kolom):
    db.rollback()
    return db.scalar(select(getattr(model, kolom)).where(model.id == pk))


def _post_sah(db) -> dict:
    """A valid POST body per resource (only the text under test is then blanked)."""
    db.rollback()
    unit = db.scalars(select(UnitKerja).order_by(UnitKerja.id).limit(1)).one()
    return {
        "instansi": {"kode": "KOSONG.I", "nama": "Instansi Uji", "nama_daerah": "Daerah Uji"},
        "unit_kerja": {"instansi_id": unit.instansi_id, "kode": "KOSONG.U", "nama": "Unit Uji", "jenis": "bidang"},
        "jabatan": {"unit_kerja_id": unit.id, "kode": "KOSONG.J", "nama": "Jabatan Uji", "jenis": "pelaksana"},
        "golongan": {"kode": "XX", "jenis_asn": "pppk", "urutan": 99},
        "pegawai": {
            "nip": "199001012015031001",
            "nama": "Pegawai Uji",
            "tanggal_lahir": "1990-01-01",
            "tmt_cpns": "2015-03-01",
            "jenis_kelamin": "L",
            "jenis_asn": "pns",
            "unit_kerja_id": unit.id,
        },
    }


# resource → (model, text columns that must not be blank)
TEKS_WAJIB = {
    "instansi": (Instansi, ["nama", "kode"]),
    "unit_kerja": (UnitKerja, ["nama", "kode"]),
    "jabatan": (Jabatan, ["nama"]),
    "golongan": (Golongan, ["kode"]),
    "pegawai": (Pegawai, ["nama"]),
}


@pytest.mark.parametrize("sumber", list(TEKS_WAJIB))
def test_post_menolak_teks_kosong(login, db_session, sumber):
    model, kolom_wajib = TEKS_WAJIB[sumber]
    c = login("admin")
    sah = _post_sah(db_session)[sumber]
    db_session.rollback()
    sebelum = db_session.scalar(select(model.id).order_by(model.id.desc()).limit(1))
    for kolom in kolom_wajib:
        for isi in KOSONG:
            r = c.post(f"/api/v1/{sumber}/", json=dict(sah, **{kolom: isi}))
            assert r.status_code == 422, (kolom, repr(isi), r.get_json())
            assert r.get_json()["message"][kolom] == [
                f"{kolom.title()} wajib diisi; tidak boleh kosong atau hanya spasi."
            ], r.get_json()
    db_session.rollback()
    assert db_session.scalar(select(model.id).order_by(model.id.desc()).limit(1)) == sebelum


@pytest.mark.parametrize("sumber", list(TEKS_WAJIB))
def test_put_menolak_teks_kosong(login, db_session, sumber):
    model, kolom_wajib = TEKS_WAJIB[sumber]
    c = login("admin")
    db_session.rollback()
    pk = db_session.scalar(select(model.id).order_by(model.id).limit(1))
    for kolom in kolom_wajib:
        lama = _nilai(db_session, model, pk, kolom)
        for isi in KOSONG:
            r = put_terkunci(c, f"/api/v1/{sumber}/{pk}", {kolom: isi})
            assert r.status_code == 422, (kolom, repr(isi), r.get_json())
            assert "tidak boleh kosong atau hanya spasi" in " ".join(r.get_json()["message"][kolom])
            assert _nilai(db_session, model, pk, kolom) == lama
        # an ordinary edit still goes through
        r = put_terkunci(c, f"/api/v1/{sumber}/{pk}", {kolom: lama})
        assert r.status_code == 200, r.get_json()


def test_operator_ubah_instansi_nama_kosong_ditolak(login, db_session):
    """The probe's case: Operator may edit instansi (``lse``) and could blank its name."""
    db_session.rollback()
    pk = db_session.scalar(select(Instansi.id).order_by(Instansi.id).limit(1))
    lama = _nilai(db_session, Instansi, pk, "nama")
    r = put_terkunci(login("operator"), f"/api/v1/instansi/{pk}", {"nama": " "})
    assert r.status_code == 422
    assert r.get_json()["message"]["nama"] == ["Nama wajib diisi; tidak boleh kosong atau hanya spasi."]
    assert _nilai(db_session, Instansi, pk, "nama") == lama
