"""pekerjaan latar belakang (progres)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pekerjaan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jenis", sa.String(length=40), nullable=False),
        sa.Column("judul", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("progres", sa.Integer(), nullable=False),
        sa.Column("tahap", sa.String(length=200), nullable=True),
        sa.Column("pesan_galat", sa.Text(), nullable=True),
        sa.Column("rincian", sa.Text(), nullable=True),
        sa.Column("berkas", sa.String(length=100), nullable=True),
        sa.Column("nama_unduhan", sa.String(length=200), nullable=True),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("diperbarui_pada", sa.DateTime(), nullable=False),
        sa.Column("selesai_pada", sa.DateTime(), nullable=True),
        sa.CheckConstraint("progres BETWEEN 0 AND 100", name="ck_pekerjaan_progres"),
        sa.CheckConstraint("status IN ('antri', 'berjalan', 'selesai', 'gagal')", name="ck_pekerjaan_status"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["ab_user.id"], name=op.f("fk_pekerjaan_user_id_ab_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pekerjaan")),
    )
    with op.batch_alter_table("pekerjaan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pekerjaan_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_pekerjaan_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pekerjaan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pekerjaan_user_id"))
        batch_op.drop_index(batch_op.f("ix_pekerjaan_status"))
    op.drop_table("pekerjaan")
