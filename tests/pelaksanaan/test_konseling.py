"""Counselling (R11) through HTTP.

Only eligible counsellors are offered and accepted (000 Pasal 16(4) a–c; 001 Lampiran "Pembinaan Kinerja"
5 c) 2) (a)(3), (b)): BKPSDM's designation — the Konselor role on the person's active account — and, for the
trained evaluator, the reporting evaluator himself. The lookup and the acceptance check use the same rule
(``app.rules.alasan_konselor_tidak_layak``). Opening the counselling daftar is an audited read (000 Pasal 16(5));
the PyB records who is not set for counselling, with the reason (000 Pasal 16(3)).

The cases are about employees without any behaviour report yet (SKP 2086, like the other counselling tests,
whose feedback helpers date in 2086).
"""

from __future__ import annotations

import json

import pytest
from flask_appbuilder.security.sqla.models import Role, User
from sqlalchemy import func, or_, select

from schema.models import AuditLog, Jabatan, Konseling, LaporanPerilaku, Pegawai
from tests.bantu import ambil_flash, laporkan_perilaku, skp_berlaku


def _layak_menurut_data(db) -> set[int]:
    """Computed independently of the app: active employees whose active account holds the Konselor role."""
    return set(
        db.scalars(
            select(Pegawai.id)
            .join(User, User.id == Pegawai.user_id)
            .where(User.roles.any(Role.name == "Konselor"), User.active.is_(True), Pegawai.status == "aktif")
        )
    )


def _kepala_sekolah(db, kecuali: set[int]) -> Pegawai:
    """A school principal (the reported case), or else any plain active employee without an account."""
    p = db.scalar(
        select(Pegawai)
        .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
        .where(
            or_(Jabatan.nama.like("Kepala SD %"), Jabatan.nama.like("Kepala SMP %")),
            Pegawai.status == "aktif",
            Pegawai.id.not_in(kecuali),
        )
        .order_by(Pegawai.id)
    )
    return p or db.scalar(
        select(Pegawai)
        .where(Pegawai.status == "aktif", Pegawai.user_id.is_(None), Pegawai.id.not_in(kecuali))
        .order_by(Pegawai.id)
    )


@pytest.fixture()
def kasus(db_session, orang, login):
    """A fresh case reported by the demo evaluator about an employee with no other case; closed afterwards."""
    bebas = db_session.scalar(
        select(Pegawai.id)
        .where(
            Pegawai.id.not_in(select(LaporanPerilaku.pegawai_id)), Pegawai.user_id.is_(None), Pegawai.status == "aktif"
        )
        .order_by(Pegawai.id)
    )
    skp = skp_berlaku(db_session, bebas, 2086, orang["penilai"], orang["atasan"])
    kons = laporkan_perilaku(login("penilai"), db_session, skp)
    yield kons
    db_session.rollback()
    db_session.execute(
        Konseling.__table__.update().where(Konseling.pegawai_id == bebas).values(status="ditindaklanjuti")
    )
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
        return db_session.scalar(
            select(func.count(AuditLog.id)).where(
                AuditLog.tabel == "konseling", AuditLog.baris_id == str(kid), AuditLog.aksi == "ubah"
            )
        )

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
    pyb.post(
        f"/konseling/tetapkan/{kid}",
        data={"versi": v, "jenis_konselor": "pejabat_konseling", "konselor": orang["konselor"]},
    )
    assert "konselor ditunjuk" in ambil_flash(pyb)
    db_session.expire_all()
    k = db_session.get(Konseling, kid)
    assert (k.status, k.konselor_id, k.jenis_konselor) == (
        "ditetapkan_konseling",
        orang["konselor"],
        "pejabat_konseling",
    )
    assert n_ubah() == n + 1


# ------------------------------------------------------------------------------------------------ R11 list audit


def test_daftar_konseling_dibuka_diaudit(login, db_session, orang):
    def terakhir():
        db_session.expire_all()
        return db_session.scalar(
            select(AuditLog)
            .where(AuditLog.tabel == "konseling", AuditLog.aksi == "baca", AuditLog.baris_id.is_(None))
            .order_by(AuditLog.id.desc())
        )

    sebelum = terakhir()
    pyb = login("pyb")
    html = pyb.get("/konseling/list/?psize_KonselingView=100").get_data(as_text=True)
    au = terakhir()
    assert au is not None and (sebelum is None or au.id > sebelum.id) and au.username == "pyb"
    ids = json.loads(au.sesudah)["daftar"]
    semua = set(db_session.scalars(select(Konseling.id)))
    assert ids and set(ids) <= semua and len(ids) == min(100, len(semua))
    assert "Daftar Pegawai dengan Permasalahan Perilaku Kerja" in html
    # the counsellor sees (and the audit records) only the cases in their circle
    login("konselor").get("/konseling/list/")
    au2 = terakhir()
    assert au2.id > au.id and au2.username == "konselor"
    lingkup = set(db_session.scalars(select(Konseling.id).where(Konseling.konselor_id == orang["konselor"])))
    assert set(json.loads(au2.sesudah)["daftar"]) <= lingkup
    # denied roles do not reach the list, so nothing is logged for them
    assert login("operator").get("/konseling/list/").status_code in (302, 403)
    assert terakhir().id == au2.id


# ------------------------------------------------------------------------------------------------ R11: PyB says no


def _kons(db_session, kid) -> Konseling:
    db_session.expire_all()
    return db_session.get(Konseling, kid)


def _n_audit_ubah(db_session, kid) -> int:
    return db_session.scalar(
        select(func.count())
        .select_from(AuditLog)
        .where(AuditLog.tabel == "konseling", AuditLog.baris_id == str(kid), AuditLog.aksi == "ubah")
    )


def test_konseling_tidak_ditetapkan_oleh_pyb(login, db_session, orang):
    """000 Pasal 16(3): the PyB decides who gets counselling — and records, with the reason, who does not.
    Terminal; only from "dilaporkan"; only the PyB; version-checked; audited; nothing written when refused."""
    penilai, pyb = login("penilai"), login("pyb")
    skp = skp_berlaku(db_session, orang["lain"], 2086, orang["penilai"], orang["atasan"])
    kons = laporkan_perilaku(penilai, db_session, skp)
    kid, v = kons.id, kons.versi
    url = f"/konseling/tidak_tetapkan/{kid}"
    alasan = "Permasalahan telah selesai melalui bimbingan atasan langsung; konseling tidak diperlukan."
    try:
        # the form is on the record page for the PyB while the case is "dilaporkan"
        html = pyb.get(f"/konseling/show/{kid}").get_data(as_text=True)
        assert 'id="form-tidak-tetapkan"' in html and 'for="alasan-tidak-ditetapkan"' in html
        assert "Tidak ditetapkan untuk konseling" in html

        # refused: other roles (no permission → 302/403; admin has it but is not the PyB of R11)
        n = _n_audit_ubah(db_session, kid)
        for u in ("penilai", "atasan", "pegawai", "operator", "tim", "konselor"):
            r = login(u).post(url, data={"versi": v, "alasan": alasan})
            assert r.status_code in (302, 403, 404), u
            assert _kons(db_session, kid).status == "dilaporkan", u
        # the system Admin holds every permission but is outside the R11 circle: the case is not even found
        assert login("admin").post(url, data={"versi": v, "alasan": alasan}).status_code == 404
        assert _kons(db_session, kid).status == "dilaporkan"
        # refused: empty reason, a too long reason, a stale version — nothing written
        pyb.post(url, data={"versi": v, "alasan": "   "})
        assert "Alasan tidak ditetapkan untuk konseling wajib diisi" in ambil_flash(pyb)
        pyb.post(url, data={"versi": v, "alasan": "x" * 2001})
        assert "paling panjang 2000 karakter" in ambil_flash(pyb)
        pyb.post(url, data={"versi": "999", "alasan": alasan})
        assert "diubah pengguna lain" in ambil_flash(pyb)
        kons = _kons(db_session, kid)
        assert (kons.status, kons.alasan_tidak_ditetapkan, kons.versi) == ("dilaporkan", None, v)
        assert _n_audit_ubah(db_session, kid) == n

        # the PyB records the decision: status, reason, decider; one audited change
        r = pyb.post(url, data={"versi": v, "alasan": alasan})
        assert r.status_code == 302 and "tidak ditetapkan untuk konseling" in ambil_flash(pyb)
        kons = _kons(db_session, kid)
        assert (kons.status, kons.alasan_tidak_ditetapkan) == ("tidak_ditetapkan", alasan)
        assert kons.diputuskan_oleh_id == orang["pyb"] and kons.versi == v + 1
        log = db_session.scalar(
            select(AuditLog)
            .where(AuditLog.tabel == "konseling", AuditLog.baris_id == str(kid), AuditLog.aksi == "ubah")
            .order_by(AuditLog.id.desc())
        )
        assert log.username == "pyb" and _n_audit_ubah(db_session, kid) == n + 1
        sebelum, sesudah = json.loads(log.sebelum), json.loads(log.sesudah)
        assert (sebelum["status"], sesudah["status"]) == ("dilaporkan", "tidak_ditetapkan")
        assert sesudah["alasan_tidak_ditetapkan"] == "[rahasia]"  # which field, never the content (R11)

        # the record page shows the outcome and the reason; no more forms
        html = pyb.get(f"/konseling/show/{kid}").get_data(as_text=True)
        assert "Tidak Ditetapkan untuk Konseling" in html and alasan in html
        assert 'id="form-tetapkan"' not in html and 'id="form-tidak-tetapkan"' not in html
        # the daftar filter knows the new status
        daftar = pyb.get("/konseling/list/?_flt_0_status=tidak_ditetapkan&psize_KonselingView=100")
        assert daftar.status_code == 200 and "Tidak Ditetapkan untuk Konseling" in daftar.get_data(as_text=True)

        # terminal: neither tetapkan nor a second "no" afterwards
        pyb.post(
            f"/konseling/tetapkan/{kid}",
            data={"versi": v + 1, "jenis_konselor": "independen", "konselor": orang["konselor"]},
        )
        assert "tidak dapat langsung menjadi" in ambil_flash(pyb)
        pyb.post(url, data={"versi": v + 1, "alasan": "lagi"})
        assert "hanya dapat diambil atas kasus berstatus" in ambil_flash(pyb)
        kons = _kons(db_session, kid)
        assert (kons.status, kons.konselor_id, kons.alasan_tidak_ditetapkan) == ("tidak_ditetapkan", None, alasan)

        # not from another status: a case already set for counselling cannot be turned into "no"
        kons2 = laporkan_perilaku(penilai, db_session, skp)
        pyb.post(
            f"/konseling/tetapkan/{kons2.id}",
            data={"versi": kons2.versi, "jenis_konselor": "independen", "konselor": orang["konselor"]},
        )
        kons2 = _kons(db_session, kons2.id)
        assert kons2.status == "ditetapkan_konseling"
        pyb.post(f"/konseling/tidak_tetapkan/{kons2.id}", data={"versi": kons2.versi, "alasan": alasan})
        assert "hanya dapat diambil atas kasus berstatus" in ambil_flash(pyb)
        kons2 = _kons(db_session, kons2.id)
        assert (kons2.status, kons2.alasan_tidak_ditetapkan) == ("ditetapkan_konseling", None)
    finally:  # close any open case so the employee can be reported again by other tests
        db_session.rollback()
        terbuka = ("dilaporkan", "ditetapkan_konseling", "dijadwalkan")
        db_session.execute(
            Konseling.__table__.update()
            .where(Konseling.pegawai_id == orang["lain"], Konseling.status.in_(terbuka))
            .values(status="ditindaklanjuti")
        )
        db_session.commit()
