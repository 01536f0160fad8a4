"""Pegawai master data: NIP validation through the form and the API; nothing half-written."""

import pytest
from sqlalchemy import func, select

from schema.models import Golongan, Pegawai, UnitKerja


def _count(db_session):
    db_session.rollback()
    return db_session.scalar(select(func.count()).select_from(Pegawai))


def _form(db_session, **kw):
    unit = db_session.scalar(select(UnitKerja.id).limit(1))
    data = {
        "nip": "199202142019032007",
        "nama": "Siti Rahmawati",
        "tanggal_lahir": "1992-02-14",
        "tmt_cpns": "2019-03-01",
        "jenis_kelamin": "P",
        "jenis_asn": "pns",
        "status": "aktif",
        "unit_kerja": str(unit),
        "gelar_depan": "",
        "gelar_belakang": "S.E.",
        "email": "",
    }
    data.update(kw)
    return data


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        ({"nip": "1992021420190320"}, "NIP harus 18 digit"),
        ({"nip": "199213142019032007"}, "bukan tanggal lahir"),
        ({"nip": "199202142019033007"}, "jenis kelamin) harus 1 atau 2"),
        ({"tanggal_lahir": "1992-02-15"}, "Tanggal lahir 15 Februari 1992 tidak sesuai NIP"),
        ({"jenis_kelamin": "L"}, "Jenis kelamin Laki-laki tidak sesuai NIP"),
        ({"tmt_cpns": "2020-03-01"}, "TMT Maret 2020 tidak sesuai NIP"),
    ],
)
def test_form_menolak_nip_salah(login, db_session, ubah, pesan):
    sebelum = _count(db_session)
    c = login("operator")
    r = c.post("/pegawaiview/add", data=_form(db_session, **ubah))
    assert r.status_code == 200
    assert pesan in r.get_data(as_text=True)
    assert _count(db_session) == sebelum


def test_form_menerima_nip_benar_dan_pilihan_unit_ajax(login, db_session):
    c = login("operator")
    r = c.post("/pegawaiview/add", data=_form(db_session, nip="199202142019032099"))
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    db_session.rollback()
    p = db_session.scalars(select(Pegawai).where(Pegawai.nip == "199202142019032099")).one()
    assert p.unit_kerja_id is not None and p.jenis_kelamin == "P"


def test_form_menolak_unit_yang_tidak_ada(login, db_session):
    c = login("operator")
    r = c.post("/pegawaiview/add", data=_form(db_session, nip="199202142019032098", unit_kerja="999999"))
    assert r.status_code == 200 and "Pilihan tidak valid" in r.get_data(as_text=True)


def test_lookup_ajax_berhalaman_dan_tersaring(login):
    c = login("operator")
    r = c.get("/pegawaiview/lookup/unit_kerja?q=dinas")
    assert r.status_code == 200
    d = r.get_json()
    # any part of the name matches ("Sekretariat Dinas …" too), not only the start
    assert d["results"] and all("dinas" in x["text"].lower() for x in d["results"])
    assert len(d["results"]) <= 20
    assert c.get("/pegawaiview/lookup/tidak_ada").status_code == 404
    assert login("pegawai").get("/pegawaiview/lookup/unit_kerja").status_code in (401, 403)


def test_form_tambah_tidak_merender_semua_unit(login, db_session):
    """No dropdown lists every unit: the add form holds only an empty AJAX select."""
    c = login("operator")
    import re

    html = c.get("/pegawaiview/add").get_data(as_text=True)
    n_unit = db_session.scalar(select(func.count()).select_from(UnitKerja))
    for nama in ("unit_kerja", "jabatan"):
        select_html = re.search(rf'<select[^>]*name="{nama}"[^>]*>(.*?)</select>', html, re.S).group(1)
        assert select_html.count("<option") == 1 < n_unit  # only the empty option
    assert "kinerja-ajax" in html


def test_api_pegawai_validasi_422(login, db_session):
    c = login("operator")
    sebelum = _count(db_session)
    r = c.post(
        "/api/v1/pegawai/",
        json={
            "nip": "199202142019039007",
            "nama": "X",
            "tanggal_lahir": "1992-02-14",
            "tmt_cpns": "2019-03-01",
            "jenis_kelamin": "P",
            "jenis_asn": "pns",
        },
    )
    assert r.status_code == 422
    assert "jenis kelamin" in str(r.get_json()).lower()
    r = c.post(
        "/api/v1/pegawai/",
        json={
            "nip": "199202142019032007",
            "nama": "X",
            "tanggal_lahir": "1992-02-14",
            "tmt_cpns": "2019-03-01",
            "jenis_kelamin": "P",
            "jenis_asn": "honorer",
        },
    )
    assert r.status_code == 422 and "jenis_asn" in r.get_json()["message"]
    assert _count(db_session) == sebelum


def test_api_pegawai_tambah_dan_baca(login, db_session):
    c = login("operator")
    gol = db_session.scalar(select(Golongan.id).where(Golongan.kode == "III/b"))
    r = c.post(
        "/api/v1/pegawai/",
        json={
            "nip": "198811232014021003",
            "nama": "Ahmad Fauzi",
            "tanggal_lahir": "1988-11-23",
            "tmt_cpns": "2014-02-01",
            "jenis_kelamin": "L",
            "jenis_asn": "pns",
            "golongan_id": gol,
        },
    )
    assert r.status_code == 201, r.get_json()
    pk = r.get_json()["id"]
    d = c.get(f"/api/v1/pegawai/{pk}").get_json()["result"]
    assert d["nip"] == "198811232014021003" and d["golongan"]["kode"] == "III/b"


def test_openapi_tersedia_untuk_pengguna_masuk(login):
    assert login().get("/api/v1/_openapi").status_code == 401
    spec = login("operator").get("/api/v1/_openapi").get_json()
    paths = spec["paths"]
    for res in ("pegawai", "unit_kerja", "jabatan", "golongan", "instansi"):
        assert f"/api/v1/{res}/" in paths
