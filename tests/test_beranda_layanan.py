"""Home panels of the service roles: the counsellor's own cases (per status, upcoming appointments, never a
confidential field, never another counsellor's case — R11) and the Coaching Clinic team member's sessions of
today and this week and the open unit requests of their team; numbers against a hand count from raw rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select

from schema.models import KlinikAnggota, KlinikPermohonan, KlinikSesi, Konseling, Pegawai

BATAL = ("dibatalkan", "dijadwalkan_ulang")


def _pegawai_id(db_session, username):
    return db_session.scalar(select(Pegawai.id).where(Pegawai.user.has(username=username)))


def _data(login, username):
    r = login(username).get("/beranda/data.json")
    assert r.status_code == 200
    return r.get_json()


def test_konselor_hanya_kasusnya_tanpa_isi_rahasia(login, db_session, hari):
    pid = _pegawai_id(db_session, "konselor")
    kasus = db_session.execute(select(Konseling).where(Konseling.konselor_id == pid)).scalars().all()
    assert kasus, "data demo: konselor demo ditunjuk pada setidaknya satu kasus"
    terjadwal = [k for k in kasus if k.status == "dijadwalkan" and k.jadwal]
    if terjadwal:  # "today" = the appointment's day: it is listed
        hari(terjadwal[0].jadwal.date())
    d = _data(login, "konselor")
    assert d["panel"] == ["pegawai", "konselor"]
    x = d["konselor"]
    assert x["per_status"] == dict(Counter(k.status for k in kasus))
    assert x["total"] == len(kasus)
    if terjadwal:
        assert terjadwal[0].id in {j["id"] for j in x["jadwal"]}
    assert {j["id"] for j in x["jadwal"]} <= {k.id for k in terjadwal}
    html = login("konselor").get("/").get_data(as_text=True)
    assert 'id="panel-konselor"' in html
    # no confidential field of any case reaches the page (own cases included: the panel shows counts and times)
    for hasil, tl in db_session.execute(select(Konseling.hasil, Konseling.tindak_lanjut)):
        for teks in (hasil, tl):
            if teks and len(teks) > 12:
                assert teks not in html


def test_klinik_sesi_hari_ini_dan_minggu_ini(login, db_session, hari):
    pid = _pegawai_id(db_session, "klinik")
    anggota = select(KlinikAnggota.id).where(KlinikAnggota.pegawai_id == pid)
    sesi = db_session.execute(select(KlinikSesi).where(KlinikSesi.anggota_id.in_(anggota))).scalars().all()
    aktif = [s for s in sesi if s.status not in BATAL]
    assert aktif, "data demo: anggota tim klinik demo punya sesi"
    hari_uji = aktif[0].mulai.date()
    hari(hari_uji)
    d = _data(login, "klinik")
    assert d["panel"] == ["pegawai", "klinik"]
    x = d["klinik"]
    senin = hari_uji - dt.timedelta(days=hari_uji.weekday())
    minggu = [s for s in aktif if senin <= s.mulai.date() < senin + dt.timedelta(days=7)]
    assert x["minggu_ini"] == min(len(minggu), 20)
    assert x["hari_ini"] == len([s for s in minggu if s.mulai.date() == hari_uji]) >= 1
    assert {s["id"] for s in x["sesi"]} <= {s.id for s in minggu}
    tim = select(KlinikAnggota.tim_id).where(KlinikAnggota.pegawai_id == pid, KlinikAnggota.aktif.is_(True))
    terbuka = db_session.execute(
        select(KlinikPermohonan.status).where(
            KlinikPermohonan.tim_id.in_(tim), KlinikPermohonan.status.in_(("didisposisi", "dijadwalkan"))
        )
    ).all()
    assert x["permohonan_total"] == len(terbuka)
    assert 'id="panel-klinik"' in login("klinik").get("/").get_data(as_text=True)


def test_panel_layanan_pernyataan_terbatas(login, hitung_sql):
    for username in ("konselor", "klinik"):
        c = login(username)
        c.get("/beranda/data.json")
        with hitung_sql() as h:
            assert c.get("/beranda/data.json").status_code == 200
        # auth/session + the employee panel + two statements for the service panel
        assert h.n <= 6 + 8 * 2, (username, h.n, h.statements)
