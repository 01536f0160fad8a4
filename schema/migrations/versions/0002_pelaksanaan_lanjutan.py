"""pelaksanaan: pelatihan, tanda tangan bimbingan

Formal/informal training records (000 Lampiran D.4 c) 3)–4)). The coaching/mentoring signatures need no schema
change: they are ``tanda_tangan`` rows with ``jenis_dokumen = 'bimbingan'`` (already allowed by 0001).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pelatihan_kinerja",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pegawai_id", sa.Integer(), nullable=False),
        sa.Column("skp_id", sa.Integer(), nullable=True),
        sa.Column("pembimbing_id", sa.Integer(), nullable=False),
        sa.Column("dilaporkan_kepada_id", sa.Integer(), nullable=True),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("nama_kegiatan", sa.String(length=300), nullable=False),
        sa.Column("penyelenggara", sa.String(length=200), nullable=False),
        sa.Column("tanggal_mulai", sa.Date(), nullable=False),
        sa.Column("tanggal_selesai", sa.Date(), nullable=False),
        sa.Column("jumlah_jp", sa.Integer(), nullable=True),
        sa.Column("hasil", sa.Text(), nullable=True),
        sa.Column("bukti_nama_asli", sa.String(length=255), nullable=True),
        sa.Column("bukti_nama_simpan", sa.String(length=64), nullable=True),
        sa.Column("bukti_content_type", sa.String(length=100), nullable=True),
        sa.Column("bukti_ukuran", sa.Integer(), nullable=True),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("diubah_pada", sa.DateTime(), nullable=False),
        sa.CheckConstraint("jumlah_jp IS NULL OR jumlah_jp > 0", name="ck_pelatihan_kinerja_jp"),
        sa.CheckConstraint("tanggal_selesai >= tanggal_mulai", name="ck_pelatihan_kinerja_tanggal"),
        sa.CheckConstraint("jenis IN ('pelatihan_formal', 'pelatihan_informal')", name="ck_pelatihan_kinerja_jenis"),
        sa.ForeignKeyConstraint(
            ["dilaporkan_kepada_id"],
            ["pegawai.id"],
            name=op.f("fk_pelatihan_kinerja_dilaporkan_kepada_id_pegawai"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pegawai_id"], ["pegawai.id"], name=op.f("fk_pelatihan_kinerja_pegawai_id_pegawai"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["pembimbing_id"],
            ["pegawai.id"],
            name=op.f("fk_pelatihan_kinerja_pembimbing_id_pegawai"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["skp_id"], ["skp.id"], name=op.f("fk_pelatihan_kinerja_skp_id_skp"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pelatihan_kinerja")),
        sa.UniqueConstraint("bukti_nama_simpan", name=op.f("uq_pelatihan_kinerja_bukti_nama_simpan")),
    )
    with op.batch_alter_table("pelatihan_kinerja", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pelatihan_kinerja_dilaporkan_kepada_id"), ["dilaporkan_kepada_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pelatihan_kinerja_pegawai_id"), ["pegawai_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pelatihan_kinerja_pembimbing_id"), ["pembimbing_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pelatihan_kinerja_skp_id"), ["skp_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pelatihan_kinerja", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pelatihan_kinerja_skp_id"))
        batch_op.drop_index(batch_op.f("ix_pelatihan_kinerja_pembimbing_id"))
        batch_op.drop_index(batch_op.f("ix_pelatihan_kinerja_pegawai_id"))
        batch_op.drop_index(batch_op.f("ix_pelatihan_kinerja_dilaporkan_kepada_id"))
    op.drop_table("pelatihan_kinerja")
