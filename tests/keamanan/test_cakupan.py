"""Row scope and API writes under hostile use: each test was written against a defect an independent probe found.

* authorization runs on the loaded, validated values (a string id is the same unit as an integer id);
* the rows of an operation come only from the user's roles that grant that operation;
* ``_info`` offers no related values (names, RHK texts) to anyone;
* an API PUT is based on a version (``If-Match``): two stale reads cannot both win.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select

from app.api.master import ScopedApi
from app.security import roles as R
from app.security.scope import SCOPES
from schema.models import (
    SKP,
    BuktiDukung,
    CapaianKinerjaOrganisasi,
    PermintaanUmpanBalik,
    Realisasi,
    TindakLanjutSanksi,
    UnitKerja,
)
from tests.bantu import peg, put_terkunci


def _jumlah_api(c, url) -> int:
    r = c.get(url)
    assert r.status_code == 200, r.status_code
    return r.get_json()["count"]


def test_api_tulis_diperiksa_pada_nilai_termuat_bukan_json_mentah(login, db_session):
    """A unit head may add only their own unit's figure: ``"unit_kerja_id": "17"`` (a string marshmallow turns
    into 17) is refused exactly like ``17`` — 403, nothing stored."""
    pen = peg(db_session, "penilai")
    lain = db_session.scalar(select(UnitKerja.id).where(UnitKerja.id != pen.unit_kerja_id).order_by(UnitKerja.id))
    c = login("penilai")
    try:
        for nilai in (lain, str(lain), f" {lain}"):
            r = c.post(
                "/api/v1/capaian_organisasi/",
                json={"unit_kerja_id": nilai, "tahun": 2087, "periode_jenis": "tahunan", "capaian": "baik"},
            )
            assert r.status_code in (403, 422), (nilai, r.status_code, r.get_json())
        db_session.rollback()
        assert (
            db_session.scalar(
                select(func.count()).select_from(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2087)
            )
            == 0
        )
        r = c.post(
            "/api/v1/capaian_organisasi/",
            json={"unit_kerja_id": str(lain), "tahun": 2087, "periode_jenis": "tahunan", "capaian": "baik"},
        )
        assert r.status_code == 403 and "yang Anda pimpin" in r.get_json()["message"]
        # the operator (all units) may
        r = login("operator").post(
            "/api/v1/capaian_organisasi/",
            json={"unit_kerja_id": str(lain), "tahun": 2087, "periode_jenis": "tahunan", "capaian": "baik"},
        )
        assert r.status_code == 201, r.get_json()
    finally:
        db_session.rollback()
        db_session.execute(delete(CapaianKinerjaOrganisasi).where(CapaianKinerjaOrganisasi.tahun == 2087))
        db_session.commit()


def test_setiap_penulis_api_dijaga(app):
    """The mechanism, for every API registered now or later: its write handlers (its own, a mixin's or FAB's)
    run inside the write-scope guard, and its scope key is a scope of app.security.scope."""
    apis = [v for v in app.appbuilder.baseviews if isinstance(v, ScopedApi)]
    assert len(apis) >= 15
    for api in apis:
        assert api.scope_resource in SCOPES, type(api).__name__
        for nama in ("post_headless", "put_headless", "delete_headless"):
            assert getattr(getattr(type(api), nama), "_dijaga", False), (type(api).__name__, nama)


def test_cakupan_hanya_dari_peran_yang_memberi_operasi(login, db_session):
    """The demo operator also holds Pegawai: Operator reads every SKP but has no right on documentation, so
    documentation (list, API, SKP pages, evidence files) comes through Pegawai alone — the operator's own."""
    assert R.allowed(R.OPERATOR, "skp", "l") and not R.allowed(R.OPERATOR, "realisasi", "l")
    op = peg(db_session, "operator")
    sendiri = db_session.scalar(
        select(func.count())
        .select_from(Realisasi)
        .where(Realisasi.skp_id.in_(select(SKP.id).where(SKP.pegawai_id == op.id)))
    )
    total = db_session.scalar(select(func.count()).select_from(Realisasi))
    assert total > sendiri
    c = login("operator")
    assert _jumlah_api(c, "/api/v1/realisasi/") == sendiri
    skp_lain = db_session.scalar(
        select(SKP.id).where(SKP.pegawai_id != op.id, SKP.id.in_(select(Realisasi.skp_id))).order_by(SKP.id)
    )
    for url in (
        f"/pelaksanaan/skp/{skp_lain}",
        f"/pelaksanaan/skp/{skp_lain}/b11",
        f"/pelaksanaan/skp/{skp_lain}/b11.xlsx",
        f"/pelaksanaan/skp/{skp_lain}/rekam",
    ):
        assert c.get(url).status_code == 404, url
    daftar = c.get("/pelaksanaan/skp/").get_data(as_text=True)
    assert f'/pelaksanaan/skp/{skp_lain}"' not in daftar
    bukti = db_session.scalar(
        select(BuktiDukung.id)
        .join(Realisasi, Realisasi.id == BuktiDukung.realisasi_id)
        .join(SKP, SKP.id == Realisasi.skp_id)
        .where(SKP.pegawai_id != op.id)
    )
    if bukti is not None:
        assert c.get(f"/pelaksanaan/berkas/{bukti}").status_code == 404
    # PyB (+ Pegawai): PyB has no right on feedback requests; Pegawai gives the own ones only
    pyb = peg(db_session, "pyb")
    sendiri = db_session.scalar(
        select(func.count())
        .select_from(PermintaanUmpanBalik)
        .where(
            PermintaanUmpanBalik.skp_id.in_(select(SKP.id).where(SKP.pegawai_id == pyb.id))
            | (PermintaanUmpanBalik.diminta_kepada_id == pyb.id)
        )
    )
    assert db_session.scalar(select(func.count()).select_from(PermintaanUmpanBalik)) > sendiri
    html = login("pyb").get("/permintaanumpanbalik/list/").get_data(as_text=True)
    if sendiri == 0:
        assert "Tidak ada data" in html
    # while the operator still reads every SKP, where Operator grants it
    assert _jumlah_api(c, "/api/v1/skp/") == db_session.scalar(select(func.count()).select_from(SKP))


@pytest.mark.parametrize(
    "resource",
    [
        "skp",
        "evaluasi_kinerja",
        "keberatan",
        "umpan_balik",
        "capaian_organisasi",
        "pegawai",
        "jabatan",
        "tindak_lanjut_sanksi",
        "tim_pemantau",
    ],
)
def test_info_tanpa_nilai_relasi(login, resource):
    """``_info`` used to list every related row (other employees' names, other SKPs' RHK texts), paged at will."""
    for user in ("pegawai", "penilai", "operator"):
        c = login(user)
        for q in ("", "?q=(add_columns:(pegawai:(page:11,page_size:50)),edit_columns:(rhk:(page:0,page_size:100)))"):
            r = c.get(f"/api/v1/{resource}/_info{q}")
            if r.status_code in (401, 403):
                continue
            assert r.status_code == 200, (user, resource, r.status_code)
            js = r.get_json()
            for kolom in js.get("add_columns", []) + js.get("edit_columns", []):
                assert not kolom.get("values") and not kolom.get("count"), (user, resource, kolom["name"])


def test_api_put_dengan_versi_dua_pembacaan_basi(login, db_session):
    """Two clients read the same register entry, both write: the second is refused (412), not silently lost;
    a PUT without a version is refused (428); the winning write returns the new ETag."""
    pk = db_session.scalar(select(func.min(TindakLanjutSanksi.id)))
    if pk is None:
        pytest.skip("data demo tanpa entri sanksi")
    url = f"/api/v1/tindak_lanjut_sanksi/{pk}"
    asli = db_session.get(TindakLanjutSanksi, pk).catatan
    a, b = login("operator"), login("pyb")
    try:
        ea, eb = a.get(url).headers["ETag"], b.get(url).headers["ETag"]
        assert ea == eb
        assert a.put(url, json={"catatan": "tanpa versi"}).status_code == 428
        r1 = a.put(url, json={"catatan": "ditulis A"}, headers={"If-Match": ea})
        assert r1.status_code == 200 and r1.headers["ETag"] != ea
        r2 = b.put(url, json={"catatan": "ditulis B"}, headers={"If-Match": eb})
        assert r2.status_code == 412 and "diubah pengguna lain" in r2.get_json()["message"]
        db_session.expire_all()
        assert db_session.get(TindakLanjutSanksi, pk).catatan == "ditulis A"
        assert put_terkunci(b, url, {"catatan": "ditulis B"}).status_code == 200
    finally:
        db_session.rollback()
        db_session.get(TindakLanjutSanksi, pk).catatan = asli
        db_session.commit()


def test_api_put_di_luar_cakupan_tulis_404_sebelum_versi(login, db_session):
    """The write scope is checked before anything else: a unit head's PUT on another unit's figure is a 404
    whether or not it carries a version."""
    pen = peg(db_session, "penilai")
    lain = db_session.scalar(
        select(CapaianKinerjaOrganisasi.id).where(CapaianKinerjaOrganisasi.unit_kerja_id != pen.unit_kerja_id)
    )
    if lain is None:
        pytest.skip("tanpa capaian unit lain")
    c = login("penilai")
    assert c.put(f"/api/v1/capaian_organisasi/{lain}", json={"capaian": "baik"}).status_code == 404
    assert (
        c.put(f"/api/v1/capaian_organisasi/{lain}", json={"capaian": "baik"}, headers={"If-Match": "x"}).status_code
        == 404
    )
