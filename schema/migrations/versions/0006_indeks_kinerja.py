"""indeks kinerja skala kabupaten

Indexes for the filters the list pages offer on big tables, found with EXPLAIN at 50 000 employees
(tests/benchmarks/bench_skala.py): the employee's own evaluations (the partial unique index needs ``aktif``),
period filters and bulk "Hitung predikat", audit by username, feedback by date, documentation by period, and
name search — FAB's "starts with"/"contains" is ILIKE, which only a trigram GIN index serves on PostgreSQL
(pg_trgm is a trusted extension since PostgreSQL 13: the database owner may create it). On SQLite the
trigram indexes are plain indexes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TRGM = (("ix_pegawai_nama_trgm", "pegawai", "nama"), ("ix_skp_pegawai_nama_trgm", "skp", "pegawai_nama"))
BTREE = (
    ("ix_evaluasi_pegawai", "evaluasi_kinerja", ["pegawai_id"]),
    ("ix_evaluasi_periode", "evaluasi_kinerja", ["tahun", "jenis", "periode_nomor"]),
    ("ix_audit_log_username", "audit_log", ["username"]),
    ("ix_realisasi_periode", "realisasi", ["tahun", "periode_nomor"]),
    ("ix_umpan_balik_tanggal", "umpan_balik", ["tanggal"]),
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for nama, tabel, kolom in TRGM:
        op.create_index(nama, tabel, [kolom], postgresql_using="gin", postgresql_ops={kolom: "gin_trgm_ops"})
    for nama, tabel, kolom in BTREE:
        op.create_index(nama, tabel, kolom)


def downgrade() -> None:
    for nama, tabel, _kolom in reversed(BTREE):
        op.drop_index(nama, table_name=tabel)
    for nama, tabel, _kolom in reversed(TRGM):
        op.drop_index(nama, table_name=tabel)
    # pg_trgm stays installed: other objects of the database may use it
