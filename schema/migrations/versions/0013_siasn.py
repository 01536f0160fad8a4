"""platform tunggal ASN: kode SIASN, kotak keluar hasil final, id SIASN pegawai

003 Pasal 36 ayat (4): the performance application is integrated with the national ASN platform. ``kode_siasn``
holds SIASN's codes for our ratings, predikat and periods (reference data, seeded); ``kirim_siasn`` is the outbox
of final evaluations (one row per SIASN record) with ``riwayat_kirim_siasn`` as its history; ``pegawai.siasn_id``
is the PNS's id in SIASN, read from its data utama.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kode_siasn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=30), nullable=False),
        sa.Column("nilai", sa.String(length=40), nullable=False),
        sa.Column("kode", sa.String(length=20), nullable=False),
        sa.Column("keterangan", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kode_siasn")),
        sa.UniqueConstraint("jenis", "nilai", name=op.f("uq_kode_siasn_jenis_nilai")),
    )
    op.create_table(
        "kirim_siasn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kunci", sa.String(length=80), nullable=False),
        sa.Column("target", sa.String(length=20), nullable=False),
        sa.Column("evaluasi_id", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("percobaan", sa.Integer(), nullable=False),
        sa.Column("coba_lagi_pada", sa.DateTime(), nullable=False),
        sa.Column("dikunci_sampai", sa.DateTime(), nullable=True),
        sa.Column("galat_terakhir", sa.Text(), nullable=True),
        sa.Column("siasn_id", sa.String(length=64), nullable=True),
        sa.Column("terkirim_pada", sa.DateTime(), nullable=True),
        sa.Column("versi", sa.Integer(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("diubah_pada", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('menunggu', 'terkirim', 'gagal')", name="ck_kirim_siasn_status"),
        sa.CheckConstraint("target IN ('skp22', 'kinerjaperiodik')", name="ck_kirim_siasn_target"),
        sa.ForeignKeyConstraint(
            ["evaluasi_id"],
            ["evaluasi_kinerja.id"],
            name=op.f("fk_kirim_siasn_evaluasi_id_evaluasi_kinerja"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_kirim_siasn_pegawai_id_pegawai"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kirim_siasn")),
        sa.UniqueConstraint("kunci", name=op.f("uq_kirim_siasn_kunci")),
    )
    with op.batch_alter_table("kirim_siasn", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kirim_siasn_coba_lagi_pada"), ["coba_lagi_pada"], unique=False)
        batch_op.create_index(batch_op.f("ix_kirim_siasn_evaluasi_id"), ["evaluasi_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kirim_siasn_pegawai_id"), ["pegawai_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kirim_siasn_status"), ["status"], unique=False)

    op.create_table(
        "riwayat_kirim_siasn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kirim_id", sa.Integer(), nullable=False),
        sa.Column("waktu", sa.DateTime(), nullable=False),
        sa.Column("kejadian", sa.String(length=20), nullable=False),
        sa.Column("kode_http", sa.Integer(), nullable=True),
        sa.Column("pesan", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["kirim_id"],
            ["kirim_siasn.id"],
            name=op.f("fk_riwayat_kirim_siasn_kirim_id_kirim_siasn"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_riwayat_kirim_siasn")),
    )
    with op.batch_alter_table("riwayat_kirim_siasn", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_riwayat_kirim_siasn_kirim_id"), ["kirim_id"], unique=False)

    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.add_column(sa.Column("siasn_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.drop_column("siasn_id")

    with op.batch_alter_table("riwayat_kirim_siasn", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_riwayat_kirim_siasn_kirim_id"))

    op.drop_table("riwayat_kirim_siasn")
    with op.batch_alter_table("kirim_siasn", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kirim_siasn_status"))
        batch_op.drop_index(batch_op.f("ix_kirim_siasn_pegawai_id"))
        batch_op.drop_index(batch_op.f("ix_kirim_siasn_evaluasi_id"))
        batch_op.drop_index(batch_op.f("ix_kirim_siasn_coba_lagi_pada"))

    op.drop_table("kirim_siasn")
    op.drop_table("kode_siasn")
