"""Schema: migrations from empty produce exactly the models; database constraints hold."""

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.exc import IntegrityError

from schema.models import SKP, Jabatan, Pegawai, UnitKerja, metadata


def test_migrasi_sama_dengan_model(app, database_url):
    eng = create_engine(database_url)
    try:
        with eng.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), metadata)
    finally:
        eng.dispose()
    assert diff == [], f"model dan migrasi berbeda: {diff[:5]}"


def test_migrasi_naik_turun_dari_kosong(tmp_path):
    from schema.migrate import downgrade, upgrade

    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    eng = create_engine(url)
    tabel = set(inspect(eng).get_table_names())
    assert {
        "pegawai",
        "skp",
        "evaluasi_kinerja",
        "keberatan",
        "tim_pemantau",
        "konseling",
        "audit_log",
        "ab_user",
    } <= tabel
    eng.dispose()
    downgrade(url)
    eng = create_engine(url)
    assert set(inspect(eng).get_table_names()) <= {"alembic_version"}
    eng.dispose()


def _pegawai(db_session, **kw):
    base = dict(
        nip="199001012015031001",
        nama="Uji",
        tanggal_lahir=dt.date(1990, 1, 1),
        tmt_cpns=dt.date(2015, 3, 1),
        jenis_kelamin="L",
        jenis_asn="pns",
        status="aktif",
    )
    base.update(kw)
    return Pegawai(**base)


def test_nip_unik(db_session):
    nip = db_session.scalar(select(Pegawai.nip).limit(1))
    db_session.add(_pegawai(db_session, nip=nip))
    with pytest.raises(IntegrityError):
        db_session.flush()


@pytest.mark.parametrize("kolom, nilai", [("status", "cuti"), ("jenis_asn", "honorer"), ("jenis_kelamin", "X")])
def test_cek_enum_di_basis_data(db_session, kolom, nilai):
    db_session.add(_pegawai(db_session, nip="199001012015031999", **{kolom: nilai}))
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_satu_skp_aktif_per_pegawai_tahun_jabatan(db_session):
    p = db_session.scalars(select(Pegawai).where(Pegawai.jabatan_id.is_not(None)).limit(1)).one()
    kw = dict(pegawai_id=p.id, jabatan_id=p.jabatan_id, unit_kerja_id=p.unit_kerja_id, tahun=2031, format_skp="A.1.7")
    db_session.add(SKP(**kw, aktif=True))
    db_session.add(SKP(**kw, aktif=False, versi_ke=2))  # an old version is fine
    db_session.flush()
    db_session.add(SKP(**kw, aktif=True, versi_ke=3))
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_hapus_ditahan_restrict(db_session):
    """ON DELETE RESTRICT: a unit with positions cannot be deleted underneath them."""
    from sqlalchemy import delete

    unit_id = db_session.scalar(select(Jabatan.unit_kerja_id).limit(1))
    with pytest.raises(IntegrityError):
        db_session.execute(delete(UnitKerja).where(UnitKerja.id == unit_id))
        db_session.flush()


def test_indeks_untuk_daftar(app, database_url):
    eng = create_engine(database_url)
    try:
        insp = inspect(eng)
        cols = {tuple(ix["column_names"]) for ix in insp.get_indexes("skp")}
        assert ("penilai_id", "tahun") in cols and ("tahun", "status") in cols
        cols = {tuple(ix["column_names"]) for ix in insp.get_indexes("evaluasi_kinerja")}
        assert ("unit_kerja_id", "tahun", "periode_nomor") in cols
        cols = {tuple(ix["column_names"]) for ix in insp.get_indexes("pegawai")}
        assert ("unit_kerja_id", "nama") in cols
    finally:
        eng.dispose()


def test_basis_data_sesuai_lingkungan(database_url):
    """In CI's second run the suite really talks to PostgreSQL (KINERJA_REQUIRE_POSTGRES=1)."""
    import os

    eng = create_engine(database_url)
    try:
        nama = eng.dialect.name
    finally:
        eng.dispose()
    if os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1":
        assert nama == "postgresql"
    else:
        assert nama in ("sqlite", "postgresql")


@pytest.mark.postgres
def test_indeks_unik_parsial_di_postgres(app, database_url):
    from sqlalchemy import text

    eng = create_engine(database_url)
    try:
        with eng.connect() as c:
            defn = c.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_skp_aktif'")).scalar_one()
    finally:
        eng.dispose()
    assert "UNIQUE" in defn and "WHERE aktif" in defn
