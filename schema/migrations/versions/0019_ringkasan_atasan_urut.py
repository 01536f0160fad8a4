"""ringkasan_cakupan_atasan: sort keys stored at refresh (complete last, unit name, position name)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # summaries computed without the keys are dropped: the first reader of a semester recomputes it
    op.execute("DELETE FROM ringkasan_cakupan_unit")
    op.execute("DELETE FROM ringkasan_cakupan_atasan")
    op.execute("DELETE FROM ringkasan_cakupan")
    with op.batch_alter_table("ringkasan_cakupan_atasan", schema=None) as b:
        b.add_column(sa.Column("lengkap", sa.Boolean(), nullable=False))
        b.add_column(sa.Column("unit_nama", sa.String(length=200), nullable=False))
        b.add_column(sa.Column("jabatan_nama", sa.String(length=200), nullable=False))
        b.create_index(
            "ix_ringkasan_cakupan_atasan_urut",
            ["tahun", "semester", "lengkap", "unit_nama", "jabatan_nama", "jabatan_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("ringkasan_cakupan_atasan", schema=None) as b:
        b.drop_index("ix_ringkasan_cakupan_atasan_urut")
        b.drop_column("jabatan_nama")
        b.drop_column("unit_nama")
        b.drop_column("lengkap")
