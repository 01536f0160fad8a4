"""Only eligible counsellors are offered and accepted (R11; 000 Pasal 16(4) a–c; 001 Lampiran "Pembinaan Kinerja"
5 c) 2) (a)(3), (b)): BKPSDM's designation — the Konselor role on the person's active account — and, for the
trained evaluator, the reporting evaluator himself. The lookup and the acceptance check use the same rule
(``app.rules.alasan_konselor_tidak_layak``).

The case is about an employee without any behaviour report yet (SKP 2086, like the other counselling tests,
whose feedback helpers date in 2086).
"""
from __future__ import annotations

import pytest
from flask_appbuilder.security.sqla.models import Role, User
from sqlalchemy import func, or_, select

from schema.models import AuditLog, Jabatan, Konseling, LaporanPerilaku, Pegawai
from tests.bantu import ambil_flash, laporkan_perilaku, skp_berlaku


def _layak_menurut_data(db) -> set[int]:
    """Computed independently of the app: active employees whose active account holds the Konselor role."""
    return set(db.scalars(select(Pegawai.id).join(User, User.id == Pegawai.user_id)
                          .where(User.roles.any(Role.name == "Konselor"), User.active.is_(True),
                                 Pegawai.status == "aktif")))


def _kepala_sekolah(db, kecuali: set[int]) -> Pegawai:
    """A school principal (the reported case), or else any plain active employee without an account."""
    p = db.scalar(select(Pegawai).join(Jabatan, Jabatan.id == Pegawai.jabatan_id).where(
        or_(Jabatan.nama.like("Kepala SD %"), Jabatan.nama.like("Kepala SMP %")), Pegawai.status == "aktif",
        Pegawai.id.not_in(kecuali)).order_by(Pegawai.id))
    return p or db.scalar(select(Pegawai).where(Pegawai.status == "aktif", Pegawai.user_id.is_(None),
                                                Pegawai.id.not_in(kecuali)).order_by(Pegawai.id))


@pytest.fixture()
def kasus(db_session, orang, login):
    """A fresh case reported by the demo evaluator about an employee with no other case; closed afterwards."""
    bebas = db_session.scalar(select(Pegawai.id).where(
        Pegawai.id.not_in(select(LaporanPerilaku.pegawai_id)), Pegawai.user_id.is_(None),
        Pegawai.status == "aktif").order_by(Pegawai.id))
    skp = skp_berlaku(db_session, bebas, 2086, orang["penilai"], orang["atasan"])
    kons = laporkan_perilaku(login("penilai"), db_session, skp)
    yield kons
    db_session.rollback()
    db_session.execute(Konseling.__table__.update().where(Konseling.pegawai_id == bebas).values(
        status="ditindaklanjuti"))
    db_session.commit()


def _ids(r) -> list[int]:
    assert r.status_code == 200, r.status_code
    return [x["id"] for x in r.get_json()["results"]]


def test_lookup_hanya_menawarkan_konselor_yang_layak(login, db_session, orang, kasus):
    pyb = login("pyb")
    layak = _layak_menurut_data(db_session)
    assert orang["konselor"] in layak and orang["penilai"] not in layak
    # without a case, for the case, and per jenis: always a subset of the designated counsellors
    umum = _ids(pyb.get("/konseling/pilih_konselor/"))
    untuk_kasus = _ids(pyb.get(f"/konseling/pilih_konselor/?konseling={kasus.id}"))
    pejabat = _ids(pyb.get(f"/konseling/pilih_konselor/?konseling={kasus.id}&jenis_konselor=pejabat_konseling"))
    independen = _ids(pyb.get(f"/konseling/pilih_konselor/?konseling={kasus.id}&jenis_konselor=independen"))
    terlatih = _ids(pyb.get(f"/konseling/pilih_konselor/?konseling={kasus.id}&jenis_konselor=penilai_terlatih"))
    for ids in (umum, untuk_kasus, pejabat, independen, terlatih):
        assert set(ids) <= layak
        assert kasus.pegawai_id not in ids
    assert orang["konselor"] in umum and orang["konselor"] in pejabat and orang["konselor"] in independen
    # trained evaluator = the reporting evaluator, and only once designated: the demo evaluator is not
    assert terlatih == []
    # the old lookup offered every active employee: a school principal / plain employee is not offered now
    kepsek = _kepala_sekolah(db_session, layak | {kasus.pegawai_id})
    assert kepsek.id not in umum and kepsek.id not in untuk_kasus
    nama = db_session.get(Pegawai, orang["konselor"]).nama
    assert orang["konselor"] in _ids(pyb.get(f"/konseling/pilih_konselor/?q={nama[:3]}"))
    assert _ids(pyb.get("/konseling/pilih_konselor/?q=zzzzqq")) == []
    # the record page wires the lookup to the case and the chosen jenis
    html = pyb.get(f"/konseling/show/{kasus.id}").get_data(as_text=True)
    assert f"/konseling/pilih_konselor/?konseling={kasus.id}" in html and 'data-ikut="jenis_konselor"' in html
    # someone else's case outside the scope of a non-PyB user: the lookup is not theirs anyway
    assert login("pegawai").get(f"/konseling/pilih_konselor/?konseling={kasus.id}").status_code in (302, 401, 403)


def test_konselor_tidak_layak_ditolak_tanpa_menulis_apa_pun(login, db_session, orang, kasus):
    pyb = login("pyb")
    kid, v = kasus.id, kasus.versi
    layak = _layak_menurut_data(db_session)
    kepsek = _kepala_sekolah(db_session, layak | {kasus.pegawai_id, orang["penilai"]})
    penilai = db_session.get(Pegawai, orang["penilai"])

    def n_ubah():
        return db_session.scalar(select(func.count(AuditLog.id)).where(
            AuditLog.tabel == "konseling", AuditLog.baris_id == str(kid), AuditLog.aksi == "ubah"))

    n = n_ubah()
    ditolak = [
        ("pejabat_konseling", kepsek.id, f"{kepsek.nama} bukan pejabat yang memiliki fungsi memberikan konseling"),
        ("independen", kepsek.id, f"{kepsek.nama} bukan konselor independen yang ditetapkan BKPSDM"),
        ("penilai_terlatih", kepsek.id, f"{kepsek.nama} bukan pejabat penilai pelapor"),
        ("penilai_terlatih", penilai.id, f"{penilai.nama} belum tercatat telah memperoleh pelatihan konseling"),
        ("independen", penilai.id, f"{penilai.nama} adalah pejabat penilai pelapor"),
        ("pejabat_konseling", kasus.pegawai_id, "Konselor tidak boleh pegawai yang bersangkutan"),
        ("pejabat_konseling", 2**30, "Konselor tidak ditemukan"),
    ]
    for jenis, pid, pesan in ditolak:
        r = pyb.post(f"/konseling/tetapkan/{kid}", data={"versi": v, "jenis_konselor": jenis, "konselor": pid})
        assert r.status_code == 302
        assert pesan in ambil_flash(pyb), (jenis, pid)
        db_session.expire_all()
        k = db_session.get(Konseling, kid)
        assert (k.status, k.konselor_id, k.jenis_konselor, k.versi) == ("dilaporkan", None, None, v), (jenis, pid)
    assert n_ubah() == n

    # an eligible one is accepted
    pyb.post(f"/konseling/tetapkan/{kid}", data={"versi": v, "jenis_konselor": "pejabat_konseling",
                                                 "konselor": orang["konselor"]})
    assert "konselor ditunjuk" in ambil_flash(pyb)
    db_session.expire_all()
    k = db_session.get(Konseling, kid)
    assert (k.status, k.konselor_id, k.jenis_konselor) == ("ditetapkan_konseling", orang["konselor"],
                                                           "pejabat_konseling")
    assert n_ubah() == n + 1
