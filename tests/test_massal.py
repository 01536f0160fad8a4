"""Ministry-scale demo data (seeds/massal.py): a small base copied K times keeps the demo's shape.

PostgreSQL only (the copy runs inside the server): a fresh temporary database on the server of DATABASE_URL,
base 300 × K = 3. On SQLite the generator refuses with a clear message.
"""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.rules.nip import cek_nip
from seeds.massal import GagalMassal, bangun_massal

BASIS, K = 300, 3


def test_sqlite_atau_basis_data_berisi_ditolak(app):
    """SQLite: refused (PostgreSQL only); the shared PostgreSQL test database already holds the demo: refused too."""
    from app.extensions import db

    with app.app_context():
        with pytest.raises(GagalMassal, match="hanya untuk PostgreSQL|sudah berisi"):
            bangun_massal(app, 900, BASIS, cetak=lambda *a: None)
        assert db.engine.dialect.name == "postgresql" or "sqlite" in str(db.engine.url)


@pytest.fixture(scope="module")
def massal(database_url):
    from tests.conftest import PASSWORD, is_postgres, make_app

    if not is_postgres(database_url):
        pytest.skip("needs DATABASE_URL=postgresql+psycopg://… (run by .ci/run)")
    nama = f"kinerja_massal_{uuid.uuid4().hex[:10]}"
    server = create_engine(make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as c:
        c.execute(text(f'CREATE DATABASE "{nama}"'))
    url = make_url(database_url).set(database=nama).render_as_string(hide_password=False)
    try:
        app = make_app(url)
        with app.app_context():
            hasil = bangun_massal(app, BASIS * K, BASIS, seed=7, password=PASSWORD, cetak=lambda *a: None)
        yield app, hasil, url
        from app.extensions import db

        with app.app_context():
            db.engine.dispose()
    finally:
        with server.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)'))
        server.dispose()


def _satu(url: str, sql: str, **p):
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            return c.execute(text(sql), p).all()
    finally:
        eng.dispose()


@pytest.mark.postgres
def test_jumlah_k_kali_basis(massal):
    _, hasil, url = massal
    assert hasil["k"] == K and hasil["jumlah"]["pegawai"] == BASIS * K
    for tabel in ("unit_kerja", "jabatan", "skp", "rencana_hasil_kerja", "evaluasi_kinerja", "tanda_tangan"):
        assert tabel in hasil["jumlah"], tabel
    for tabel, n in hasil["jumlah"].items():
        assert n % K == 0
        assert _satu(url, f'SELECT count(*) FROM "{tabel}"')[0][0] == n, tabel
    # shared tables are not copied: one instansi, the reference data and the demo logins once
    assert _satu(url, "SELECT count(*), min(kode) FROM instansi") == [(1, "KAB-DEMO")]
    assert _satu(url, "SELECT count(DISTINCT instansi_id) FROM unit_kerja")[0][0] == 1
    assert _satu(url, "SELECT count(*) FROM ab_user")[0][0] == 9
    assert _satu(url, "SELECT count(*) FROM pegawai WHERE user_id IS NOT NULL")[0][0] == 8  # admin has no pegawai


@pytest.mark.postgres
def test_nip_unik_18_digit_dan_sah(massal):
    _, _, url = massal
    rows = _satu(url, "SELECT nip, tanggal_lahir, tmt_cpns, jenis_kelamin FROM pegawai")
    assert len({r[0] for r in rows}) == len(rows) == BASIS * K
    for nip, lahir, tmt, jk in rows:
        assert re.fullmatch(r"[0-9]{18}", nip), nip
        assert cek_nip(nip, lahir, tmt, jk) == [], nip
    # the NIP copies on SKP and signatures follow their employee
    assert (
        _satu(url, "SELECT count(*) FROM skp s JOIN pegawai p ON p.id = s.pegawai_id WHERE s.pegawai_nip <> p.nip")[0][
            0
        ]
        == 0
    )
    n = "SELECT count(*) FROM tanda_tangan t JOIN pegawai p ON p.id = t.pegawai_id WHERE t.nip IS DISTINCT FROM p.nip"
    assert _satu(url, n)[0][0] == 0


@pytest.mark.postgres
def test_kunci_asing_unik_indeks_sequence(massal):
    _, _, url = massal
    fks = _satu(
        url,
        "SELECT conrelid::regclass::text, a.attname, confrelid::regclass::text, fa.attname, convalidated "
        "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
        "JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1] "
        "WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace",
    )
    assert len(fks) > 100
    for tabel, kolom, tujuan, kolom_tujuan, sah in fks:
        assert sah, (tabel, kolom)
        yatim = _satu(
            url,
            f'SELECT count(*) FROM "{tabel}" x WHERE x."{kolom}" IS NOT NULL AND NOT EXISTS '
            f'(SELECT 1 FROM "{tujuan}" y WHERE y."{kolom_tujuan}" = x."{kolom}")',
        )[0][0]
        assert yatim == 0, (tabel, kolom)
    indeks = {n for (n,) in _satu(url, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
    assert {"ix_pegawai_nama_trgm", "ix_pegawai_nip_trgm", "ix_skp_pegawai_nip_trgm", "uq_skp_aktif"} <= indeks
    assert _satu(url, "SELECT count(*) FROM pg_index WHERE NOT indisvalid")[0][0] == 0
    # every sequence of a copied table continues after the copies
    for tabel in ("pegawai", "unit_kerja", "skp", "tanda_tangan"):
        seq, maks = _satu(url, f'SELECT (SELECT last_value FROM {tabel}_id_seq), (SELECT max(id) FROM "{tabel}")')[0]
        assert seq == maks, tabel
    # unit codes of the copies are unique, jabatan codes still start with their unit's code
    assert (
        _satu(
            url,
            "SELECT count(*) FROM jabatan j JOIN unit_kerja u ON u.id = j.unit_kerja_id "
            "WHERE j.kode NOT LIKE u.kode || '.%'",
        )[0][0]
        == 0
    )


@pytest.mark.postgres
def test_peran_demo_dan_daftar_operator(massal):
    from app.extensions import db
    from seeds.demo import pilih_pegawai_demo
    from tests.conftest import PASSWORD

    app, hasil, _ = massal
    with app.app_context():
        peran = pilih_pegawai_demo(db.session)
        db.session.rollback()
    assert peran == hasil["peran"]
    assert all(pid <= BASIS for pid in peran.values())  # the demo users stay in the base
    c = app.test_client()
    assert c.post("/login/", data={"username": "operator", "password": PASSWORD}).status_code == 302
    r = c.get("/pegawaiview/list/")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    # FAB's list header: "<strong>Record Count:</strong> N" (translated label)
    assert re.search(rf"</strong>\s*{BASIS * K}\s*<", html), "daftar operator tidak menunjukkan K × basis baris"
