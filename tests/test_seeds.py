"""Seeds: reference data idempotent; demo data valid; starting twice changes nothing."""

from sqlalchemy import func, select

import app.rules as rules
from app.rules.nip import cek_nip
from schema.models import (
    AlasanPerubahanSKP,
    Golongan,
    Instansi,
    NilaiInti,
    Pegawai,
    PerilakuPanduan,
    PitaIPK,
    Referensi,
    User,
)
from tests.conftest import DEMO_PEGAWAI


def _hitung(s, *models):
    return [s.scalar(select(func.count()).select_from(m)) for m in models]


def test_referensi_dua_kali_tanpa_duplikat(db_session):
    from seeds.referensi import load_reference

    models = (Referensi, NilaiInti, PerilakuPanduan, PitaIPK, AlasanPerubahanSKP, Golongan)
    sebelum = _hitung(db_session, *models)
    assert load_reference(db_session) == 0
    assert _hitung(db_session, *models) == sebelum


def test_isi_referensi_dari_regulasi(db_session):
    # R1 — 001 Pasal 10(3): 7 nilai BerAKHLAK × 3 panduan perilaku
    assert db_session.scalar(select(func.count()).select_from(NilaiInti)) == 7
    assert db_session.scalar(select(func.count()).select_from(PerilakuPanduan)) == 21
    # PNS I/a–IV/e (17) and PPPK I–XVII (17)
    assert db_session.scalar(select(func.count()).where(Golongan.jenis_asn == "pns")) == 17
    assert db_session.scalar(select(func.count()).where(Golongan.jenis_asn == "pppk")) == 17
    assert db_session.scalar(select(Golongan.pangkat).where(Golongan.kode == "III/a")) == "Penata Muda"
    assert db_session.scalar(select(func.count()).select_from(PitaIPK)) == len(rules.PITA_IPK)


def test_demo_nip_valid(db_session):
    rows = db_session.execute(select(Pegawai.nip, Pegawai.tanggal_lahir, Pegawai.tmt_cpns, Pegawai.jenis_kelamin)).all()
    assert len(rows) >= DEMO_PEGAWAI
    salah = [r.nip for r in rows if cek_nip(r.nip, r.tanggal_lahir, r.tmt_cpns, r.jenis_kelamin)]
    assert salah == []


def test_siapkan_data_kedua_kali_tidak_mengubah(app):
    from app.cli import siapkan_data
    from app.extensions import db

    with app.app_context():
        sebelum = _hitung(db.session, Instansi, Pegawai, User, Referensi)
        hasil = siapkan_data(app, pegawai=DEMO_PEGAWAI, password="Demo#Kinerja2026")
        assert hasil == {"referensi": 0, "pengguna": 0}
        assert _hitung(db.session, Instansi, Pegawai, User, Referensi) == sebelum
