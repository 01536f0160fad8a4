"""Email over a real SMTP server on loopback (aiosmtpd, started by the fixture): one message per event to the
right person, nothing twice, nothing lost through an outage, nothing confidential, nothing when email is off."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app import jam, surel
from app.queries import notifikasi as q
from schema.models import Pegawai
from schema.models.notifikasi import KirimSurel, Notifikasi
from tests.notifikasi.conftest import alamat_diharapkan, teks_surel, uid


def test_satu_kejadian_satu_surel_ke_orang_yang_tepat(db_session, buat, smtp, konfigurasi):
    n = buat(
        "penilai", judul="SKP Budi Santoso menunggu persetujuan Anda", isi="Diajukan 5 Desember.", tautan="/skp/show/1"
    )
    hasil = surel.kirim_surel_menunggu(konfigurasi)
    assert hasil["terkirim"] >= 1
    pesan = smtp.untuk([n.id])
    assert len(pesan) == 1
    to, m = pesan[0]
    assert to == [alamat_diharapkan(db_session, "penilai")]
    teks = teks_surel(m)
    assert "SKP Budi Santoso menunggu persetujuan Anda" in m["Subject"]
    assert f"https://kinerja.contoh.go.id/notifikasi/{n.id}" in teks
    assert m.get_body(preferencelist=("html",)) is not None and m.get_body(preferencelist=("plain",)) is not None
    # the sender run again: nothing new
    assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0
    assert len(smtp.untuk([n.id])) == 1
    db_session.rollback()
    row = db_session.scalar(select(KirimSurel).where(KirimSurel.notifikasi_id == n.id))
    assert row.status == "terkirim" and row.percobaan == 1


def test_smtp_mati_lalu_pulih_semua_terkirim_sekali(app, db_session, buat, smtp, konfigurasi):
    smtp.henti()
    ns = [buat("pegawai", judul=f"Pengingat {i}") for i in range(3)]
    hasil = surel.kirim_surel_menunggu(konfigurasi)
    assert hasil["coba_lagi"] >= 3 and hasil["terkirim"] == 0
    db_session.rollback()
    rows = db_session.scalars(select(KirimSurel).where(KirimSurel.notifikasi_id.in_([n.id for n in ns]))).all()
    assert len(rows) == 3 and all(r.status == "menunggu" and r.percobaan == 1 and r.galat_terakhir for r in rows)
    smtp.mulai()
    assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0  # still waiting out the back-off
    besok = (jam.sekarang_utc() + dt.timedelta(days=1)).isoformat() + "+00:00"
    app.config["JAM_TETAP"] = besok  # the app's one clock, a day later
    try:
        with app.app_context():
            assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] >= 3
            assert surel.kirim_surel_menunggu(konfigurasi)["terkirim"] == 0
    finally:
        app.config.pop("JAM_TETAP", None)
    pesan = smtp.untuk([n.id for n in ns])
    assert len(pesan) == 3
    assert sorted(str(m["Message-ID"]) for _, m in pesan) == sorted(
        f"<kinerja-notifikasi-{n.id}@contoh.go.id>" for n in ns
    )


def test_jenis_rahasia_surel_tanpa_nama_nip_isi(db_session, buat, smtp, konfigurasi):
    p = db_session.scalars(select(Pegawai).where(Pegawai.user_id.is_(None)).limit(1)).one()
    n = buat(
        "konselor",
        jenis="laporan_perilaku",
        judul=f"Laporan perilaku {p.nama} ({p.nip})",
        isi=f"{p.nama} dilaporkan membentak rekan kerja",
        tautan="/laporanperilaku/show/1",
    )
    surel.kirim_surel_menunggu(konfigurasi)
    ((to, m),) = smtp.untuk([n.id])
    teks = teks_surel(m)
    for rahasia in (p.nama, p.nip, "membentak", "Laporan perilaku", "/laporanperilaku/"):
        assert rahasia not in teks, rahasia
    assert q.PESAN_RAHASIA in teks and f"/notifikasi/{n.id}" in teks


def test_surel_dimatikan_hanya_di_aplikasi(db_session, buat, smtp, konfigurasi):
    q.simpan_preferensi(uid(db_session, "atasan"), surel_aktif=False, ringkasan_harian=False)
    db_session.commit()
    n = buat("atasan", judul="Keberatan diajukan")
    assert db_session.scalar(select(func.count()).where(KirimSurel.notifikasi_id == n.id)) == 0
    assert db_session.get(Notifikasi, n.id) is not None
    surel.kirim_surel_menunggu(konfigurasi)
    assert smtp.untuk([n.id]) == []


def test_tanpa_smtp_tidak_mengirim(app, db_session, buat):
    buat("pegawai", judul="Tanpa SMTP")
    assert surel.kirim_surel_menunggu({**app.config, "SMTP_HOST": None}) is None


def test_ringkasan_harian_satu_surel(db_session, buat, smtp, konfigurasi):
    u = uid(db_session, "tim")
    q.simpan_preferensi(u, surel_aktif=True, ringkasan_harian=True)
    db_session.commit()
    a = buat("tim", judul="Umpan balik diminta oleh atasan")
    b = buat("tim", jenis="konseling", judul="Konseling Budi", isi="Budi sering terlambat")
    assert db_session.scalar(select(func.count()).where(KirimSurel.notifikasi_id.in_([a.id, b.id]))) == 0
    hari = jam.hari_ini()
    assert q.buat_ringkasan(hari) == 1
    db_session.commit()
    assert q.buat_ringkasan(hari) == 0  # once a day
    r = db_session.scalars(select(Notifikasi).where(Notifikasi.kunci_unik == f"ringkasan_harian:{u}:{hari}")).one()
    try:
        assert r.dibaca_pada is not None  # the bell counts the entries, not the digest
        surel.kirim_surel_menunggu(konfigurasi)
        ((to, m),) = smtp.untuk([r.id])
        teks = teks_surel(m)
        assert "Umpan balik diminta oleh atasan" in teks and "1 hal lain memerlukan perhatian" in teks
        assert "Budi" not in teks and "terlambat" not in teks
        assert smtp.untuk([a.id, b.id]) == []
    finally:
        db_session.delete(r)
        db_session.commit()
