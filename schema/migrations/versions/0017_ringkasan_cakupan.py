"""ringkasan_cakupan: coverage summaries per semester (per supervisor position, per unit) and when computed

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ringkasan_cakupan",
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("dihitung_pada", sa.DateTime(), nullable=False),
        sa.CheckConstraint("semester IN (1, 2)", name="ck_ringkasan_cakupan_semester"),
        sa.PrimaryKeyConstraint("tahun", "semester", name=op.f("pk_ringkasan_cakupan")),
    )
    op.create_table(
        "ringkasan_cakupan_atasan",
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("jabatan_id", sa.Integer(), nullable=False),
        sa.Column("bawahan", sa.Integer(), nullable=False),
        sa.Column("dipantau", sa.Integer(), nullable=False),
        sa.Column("terakhir", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["jabatan_id"],
            ["jabatan.id"],
            name=op.f("fk_ringkasan_cakupan_atasan_jabatan_id_jabatan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tahun", "semester", "jabatan_id", name=op.f("pk_ringkasan_cakupan_atasan")),
    )
    with op.batch_alter_table("ringkasan_cakupan_atasan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ringkasan_cakupan_atasan_jabatan_id"), ["jabatan_id"], unique=False)
    op.create_table(
        "ringkasan_cakupan_unit",
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("unit_kerja_id", sa.Integer(), nullable=False),
        sa.Column("jumlah_pegawai", sa.Integer(), nullable=False),
        sa.Column("terakhir", sa.Date(), nullable=True),
        sa.Column("kali", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_kerja_id"],
            ["unit_kerja.id"],
            name=op.f("fk_ringkasan_cakupan_unit_unit_kerja_id_unit_kerja"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tahun", "semester", "unit_kerja_id", name=op.f("pk_ringkasan_cakupan_unit")),
    )
    with op.batch_alter_table("ringkasan_cakupan_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ringkasan_cakupan_unit_unit_kerja_id"), ["unit_kerja_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ringkasan_cakupan_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ringkasan_cakupan_unit_unit_kerja_id"))
    op.drop_table("ringkasan_cakupan_unit")
    with op.batch_alter_table("ringkasan_cakupan_atasan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ringkasan_cakupan_atasan_jabatan_id"))
    op.drop_table("ringkasan_cakupan_atasan")
    op.drop_table("ringkasan_cakupan")
