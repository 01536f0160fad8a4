"""penilaian: mutasi penilai, Plt/Plh, kepala daerah

R15 (001 Lampiran "Evaluasi Kinerja" 2–3, 7, 13–14): ``mutasi_pegawai`` records transfers with the date they take
effect (who evaluates around a transfer: contoh Purnama and Sari); ``delegasi_penilai`` records delegated evaluation
authority (Plt/Plh of an evaluator position, a functional official leading a unit). The Kepala Daerah path needs no
schema change: ``evaluasi_kinerja.dinilai_oleh = 'kepala_daerah'`` and signatures with ``peran = 'kepala_daerah'``
are already allowed by 0001.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(kolom, tabel, tujuan):
    return sa.ForeignKeyConstraint(
        [kolom], [f"{tujuan}.id"], name=op.f(f"fk_{tabel}_{kolom}_{tujuan}"), ondelete="RESTRICT"
    )


def upgrade() -> None:
    op.create_table(
        "mutasi_pegawai",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("tanggal_efektif", sa.Date(), nullable=False),
        sa.Column("nomor_sk", sa.String(length=100), nullable=True),
        sa.Column("jabatan_asal_id", sa.Integer(), nullable=True),
        sa.Column("unit_kerja_asal_id", sa.Integer(), nullable=True),
        sa.Column("jabatan_tujuan_id", sa.Integer(), nullable=True),
        sa.Column("unit_kerja_tujuan_id", sa.Integer(), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("diubah_pada", sa.DateTime(), nullable=False),
        _fk("pegawai_id", "mutasi_pegawai", "pegawai"),
        _fk("jabatan_asal_id", "mutasi_pegawai", "jabatan"),
        _fk("unit_kerja_asal_id", "mutasi_pegawai", "unit_kerja"),
        _fk("jabatan_tujuan_id", "mutasi_pegawai", "jabatan"),
        _fk("unit_kerja_tujuan_id", "mutasi_pegawai", "unit_kerja"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mutasi_pegawai")),
    )
    with op.batch_alter_table("mutasi_pegawai", schema=None) as batch_op:
        batch_op.create_index("ix_mutasi_pegawai_pegawai_tanggal", ["pegawai_id", "tanggal_efektif"], unique=False)
        for kolom in ("jabatan_asal_id", "unit_kerja_asal_id", "jabatan_tujuan_id", "unit_kerja_tujuan_id"):
            batch_op.create_index(batch_op.f(f"ix_mutasi_pegawai_{kolom}"), [kolom], unique=False)

    op.create_table(
        "delegasi_penilai",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("jabatan_id", sa.Integer(), nullable=True),
        sa.Column("unit_kerja_id", sa.Integer(), nullable=True),
        sa.Column("mulai", sa.Date(), nullable=False),
        sa.Column("selesai", sa.Date(), nullable=True),
        sa.Column("pemberi_id", sa.Integer(), nullable=True),
        sa.Column("nomor_sk", sa.String(length=100), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("diubah_pada", sa.DateTime(), nullable=False),
        sa.CheckConstraint("jabatan_id IS NOT NULL OR unit_kerja_id IS NOT NULL", name="ck_delegasi_penilai_sasaran"),
        sa.CheckConstraint("selesai IS NULL OR selesai >= mulai", name="ck_delegasi_penilai_tanggal"),
        sa.CheckConstraint("jenis IN ('plt', 'plh', 'fungsional')", name="ck_delegasi_penilai_jenis"),
        _fk("pegawai_id", "delegasi_penilai", "pegawai"),
        _fk("jabatan_id", "delegasi_penilai", "jabatan"),
        _fk("unit_kerja_id", "delegasi_penilai", "unit_kerja"),
        _fk("pemberi_id", "delegasi_penilai", "pegawai"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delegasi_penilai")),
    )
    with op.batch_alter_table("delegasi_penilai", schema=None) as batch_op:
        for kolom in ("pegawai_id", "jabatan_id", "unit_kerja_id", "pemberi_id"):
            batch_op.create_index(batch_op.f(f"ix_delegasi_penilai_{kolom}"), [kolom], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("delegasi_penilai", schema=None) as batch_op:
        for kolom in ("pemberi_id", "unit_kerja_id", "jabatan_id", "pegawai_id"):
            batch_op.drop_index(batch_op.f(f"ix_delegasi_penilai_{kolom}"))
    op.drop_table("delegasi_penilai")
    with op.batch_alter_table("mutasi_pegawai", schema=None) as batch_op:
        for kolom in ("unit_kerja_tujuan_id", "jabatan_tujuan_id", "unit_kerja_asal_id", "jabatan_asal_id"):
            batch_op.drop_index(batch_op.f(f"ix_mutasi_pegawai_{kolom}"))
        batch_op.drop_index("ix_mutasi_pegawai_pegawai_tanggal")
    op.drop_table("mutasi_pegawai")
