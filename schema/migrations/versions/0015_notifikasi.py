"""notifikasi: pusat notifikasi, kotak keluar surel, preferensi pengguna, saklar per instansi

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notifikasi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("judul", sa.String(length=200), nullable=False),
        sa.Column("isi", sa.Text(), nullable=False),
        sa.Column("tautan", sa.String(length=500), nullable=True),
        sa.Column("kunci_unik", sa.String(length=200), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("dibaca_pada", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["ab_user.id"], name=op.f("fk_notifikasi_user_id_ab_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifikasi")),
        sa.UniqueConstraint("kunci_unik", name=op.f("uq_notifikasi_kunci_unik")),
    )
    with op.batch_alter_table("notifikasi", schema=None) as batch_op:
        batch_op.create_index("ix_notifikasi_user_id_dibaca_pada", ["user_id", "dibaca_pada"], unique=False)

    op.create_table(
        "kirim_surel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notifikasi_id", sa.Integer(), nullable=False),
        sa.Column("alamat", sa.String(length=254), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("percobaan", sa.Integer(), nullable=False),
        sa.Column("coba_lagi_pada", sa.DateTime(), nullable=False),
        sa.Column("dikunci_sampai", sa.DateTime(), nullable=True),
        sa.Column("galat_terakhir", sa.Text(), nullable=True),
        sa.Column("terkirim_pada", sa.DateTime(), nullable=True),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('menunggu', 'terkirim', 'gagal')", name="ck_kirim_surel_status"),
        sa.ForeignKeyConstraint(
            ["notifikasi_id"],
            ["notifikasi.id"],
            name=op.f("fk_kirim_surel_notifikasi_id_notifikasi"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kirim_surel")),
        sa.UniqueConstraint("notifikasi_id", name=op.f("uq_kirim_surel_notifikasi_id")),
    )
    with op.batch_alter_table("kirim_surel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kirim_surel_coba_lagi_pada"), ["coba_lagi_pada"], unique=False)
        batch_op.create_index(batch_op.f("ix_kirim_surel_status"), ["status"], unique=False)

    op.create_table(
        "preferensi_notifikasi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("surel_aktif", sa.Boolean(), nullable=False),
        sa.Column("ringkasan_harian", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["ab_user.id"], name=op.f("fk_preferensi_notifikasi_user_id_ab_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preferensi_notifikasi")),
        sa.UniqueConstraint("user_id", name=op.f("uq_preferensi_notifikasi_user_id")),
    )
    op.create_table(
        "saklar_notifikasi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instansi_id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("aktif", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instansi_id"], ["instansi.id"], name=op.f("fk_saklar_notifikasi_instansi_id_instansi"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saklar_notifikasi")),
        sa.UniqueConstraint("instansi_id", "jenis", name=op.f("uq_saklar_notifikasi_instansi_id_jenis")),
    )
    with op.batch_alter_table("saklar_notifikasi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saklar_notifikasi_instansi_id"), ["instansi_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("saklar_notifikasi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saklar_notifikasi_instansi_id"))
    op.drop_table("saklar_notifikasi")
    op.drop_table("preferensi_notifikasi")
    with op.batch_alter_table("kirim_surel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kirim_surel_status"))
        batch_op.drop_index(batch_op.f("ix_kirim_surel_coba_lagi_pada"))
    op.drop_table("kirim_surel")
    with op.batch_alter_table("notifikasi", schema=None) as batch_op:
        batch_op.drop_index("ix_notifikasi_user_id_dibaca_pada")
    op.drop_table("notifikasi")
