"""The operator's Surel Notifikasi page through HTTP: who may read it and who may resend, the filters by state
and kind, "kirim ulang" changing exactly the ticked failed sends (audited, CSRF-protected) which are then
delivered once to a real SMTP server; bad ids answer 4xx."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, update

from app import jam, surel
from schema.models import AuditLog
from schema.models.notifikasi import KirimSurel
from tests import bantu


def _kirim(db, n) -> KirimSurel:
    db.rollback()
    return db.scalars(select(KirimSurel).where(KirimSurel.notifikasi_id == n.id)).one()


def _status(db, n, status: str, percobaan: int = 5) -> int:
    k = _kirim(db, n)
    db.execute(
        update(KirimSurel)
        .where(KirimSurel.id == k.id)
        .values(status=status, percobaan=percobaan, galat_terakhir="550 kotak penuh" if status == "gagal" else None)
    )
    db.commit()
    return k.id


@pytest.fixture()
def surel_uji(buat, db_session):
    """Four sends with unique titles: two failed (skp_diajukan), one failed (skp_ditetapkan), one sent."""
    tanda = uuid.uuid4().hex[:8]
    n = {
        "a": buat("penilai", "skp_diajukan", f"Gagal A {tanda}"),
        "b": buat("atasan", "skp_diajukan", f"Gagal B {tanda}"),
        "c": buat("pegawai", "skp_ditetapkan", f"Gagal C {tanda}"),
        "d": buat("penilai", "skp_ditetapkan", f"Terkirim D {tanda}"),
    }
    assert all(n.values())
    ids = {k: _status(db_session, v, "terkirim" if k == "d" else "gagal") for k, v in n.items()}
    return n, ids, tanda


@pytest.mark.parametrize(
    "username, baca, ubah",
    [
        ("operator", 200, True),
        ("admin", 200, True),
        ("pyb", 200, False),
        ("pegawai", 403, False),
        ("penilai", 403, False),
    ],
)
def test_siapa_boleh(login, db_session, surel_uji, username, baca, ubah):
    _, ids, tanda = surel_uji
    c = bantu.login_bersih(login)(username)
    r = c.get("/surelnotifikasi/")
    assert r.status_code == baca
    teks = r.get_data(as_text=True)
    if baca == 200:
        assert f"Gagal A {tanda}" in teks
        assert (f'name="id" value="{ids["a"]}"' in teks) is ubah  # the resend ticks only for who may resend
        assert ("Kirim ulang yang dipilih" in teks) is ubah
    r = c.post("/surelnotifikasi/kirim-ulang", data={"id": ids["a"]})
    assert r.status_code == (302 if ubah else 403)
    assert (_kirim(db_session, surel_uji[0]["a"]).status == "menunggu") is ubah


def test_saring_status_dan_jenis(login, surel_uji):
    _, _, tanda = surel_uji
    c = login("operator")

    def judul(**saring) -> set[str]:
        teks = c.get("/surelnotifikasi/", query_string=saring).get_data(as_text=True)
        return {x for x in ("Gagal A", "Gagal B", "Gagal C", "Terkirim D") if f"{x} {tanda}" in teks}

    assert judul() == {"Gagal A", "Gagal B", "Gagal C", "Terkirim D"}
    assert judul(status="gagal") == {"Gagal A", "Gagal B", "Gagal C"}
    assert judul(status="terkirim") == {"Terkirim D"}
    assert judul(status="menunggu") == set()
    assert judul(jenis="skp_ditetapkan") == {"Gagal C", "Terkirim D"}
    assert judul(status="gagal", jenis="skp_diajukan") == {"Gagal A", "Gagal B"}
    assert judul(status="bukan-status", jenis="<script>") == {"Gagal A", "Gagal B", "Gagal C", "Terkirim D"}


def test_saring_jenis_rahasia_tanpa_judul(login, buat):
    n = buat("konselor", jenis="konseling", judul="Konseling Budi Rahasia", isi="Budi terlambat")
    assert n is not None
    teks = login("operator").get("/surelnotifikasi/?jenis=konseling").get_data(as_text=True)
    assert "Budi" not in teks and "<em>rahasia</em>" in teks


def test_kirim_ulang_tepat_baris_terpilih_lalu_terkirim_sekali(app_csrf, db_session, surel_uji, smtp, konfigurasi):
    db = db_session
    n, ids, _ = surel_uji
    c = app_csrf.test_client()
    token = bantu.masuk_csrf(c, "operator")
    pilih = {"id": [ids["a"], ids["b"], ids["d"]], "status": "gagal"}
    assert c.post("/surelnotifikasi/kirim-ulang", data=pilih).status_code == 400  # no CSRF token
    assert _kirim(db, n["a"]).status == "gagal"
    audit_awal = bantu.audit_terakhir(db)
    r = c.post("/surelnotifikasi/kirim-ulang", data={**pilih, "csrf_token": token})
    assert r.status_code == 302 and r.headers["Location"].endswith("/surelnotifikasi/?status=gagal")
    sekarang = jam.sekarang_utc()
    for k in ("a", "b"):
        row = _kirim(db, n[k])
        assert (row.status, row.percobaan, row.dikunci_sampai) == ("menunggu", 0, None)
        assert row.coba_lagi_pada <= sekarang
    assert (_kirim(db, n["c"]).status, _kirim(db, n["c"]).percobaan) == ("gagal", 5)  # not ticked
    assert _kirim(db, n["d"]).status == "terkirim"  # sent rows stay sent
    audit = db.scalars(select(AuditLog).where(AuditLog.tabel == "kirim_surel", AuditLog.id > audit_awal)).all()
    assert sorted(int(a.baris_id) for a in audit) == sorted([ids["a"], ids["b"]])
    assert {a.username for a in audit} == {"operator"}
    for _ in range(10):  # other tests' waiting rows may come first
        if surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0:
            break
    assert len(smtp.untuk([n["a"].id])) == 1 and len(smtp.untuk([n["b"].id])) == 1
    assert smtp.untuk([n["c"].id, n["d"].id]) == []
    assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0
    assert len(smtp.untuk([n["a"].id, n["b"].id])) == 2


@pytest.mark.parametrize(
    "data, kode",
    [
        ({}, 400),
        ({"id": "abc"}, 400),
        ({"id": "-1"}, 400),
        ({"id": "0"}, 404),
        ({"id": "99999999999"}, 404),
        ({"id": "2147480000"}, 404),
    ],
)
def test_id_buruk_4xx(login, data, kode):
    assert login("operator").post("/surelnotifikasi/kirim-ulang", data=data).status_code == kode
