"""ringkasan_cakupan_unit.puncak_id: the top unit stored at refresh (no recursive CTE per page view)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # summaries computed without the column are dropped: the first reader of a semester recomputes it
    op.execute("DELETE FROM ringkasan_cakupan_unit")
    op.execute("DELETE FROM ringkasan_cakupan_atasan")
    op.execute("DELETE FROM ringkasan_cakupan")
    with op.batch_alter_table("ringkasan_cakupan_unit", schema=None) as b:
        b.add_column(sa.Column("puncak_id", sa.Integer(), nullable=False))
        b.create_index(b.f("ix_ringkasan_cakupan_unit_puncak_id"), ["puncak_id"], unique=False)
        b.create_foreign_key(
            b.f("fk_ringkasan_cakupan_unit_puncak_id_unit_kerja"),
            "unit_kerja",
            ["puncak_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("ringkasan_cakupan_unit", schema=None) as b:
        b.drop_constraint(b.f("fk_ringkasan_cakupan_unit_puncak_id_unit_kerja"), type_="foreignkey")
        b.drop_index(b.f("ix_ringkasan_cakupan_unit_puncak_id"))
        b.drop_column("puncak_id")
