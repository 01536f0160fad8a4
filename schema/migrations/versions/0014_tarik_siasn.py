"""tarik dari SIASN: id UNOR unit kerja, selisih yang disiapkan

003 Pasal 36 ayat (4): master data pulled from SIASN. ``unit_kerja.siasn_id`` maps SIASN's UNOR (ref-unor ``Id``)
to our unit; ``selisih_siasn`` keeps a prepared diff (by an operator's job or the daily task) until applied.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit_kerja", schema=None) as batch_op:
        batch_op.add_column(sa.Column("siasn_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_unit_kerja_siasn_id"), ["siasn_id"], unique=False)

    op.create_table(
        "selisih_siasn",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("sumber", sa.String(length=20), nullable=False),
        sa.Column("lingkup", sa.String(length=200), nullable=False),
        sa.Column("isi", sa.Text(), nullable=False),
        sa.Column("diterapkan_pada", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["ab_user.id"], name=op.f("fk_selisih_siasn_user_id_ab_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selisih_siasn")),
    )
    with op.batch_alter_table("selisih_siasn", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_selisih_siasn_dibuat_pada"), ["dibuat_pada"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("selisih_siasn", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_selisih_siasn_dibuat_pada"))
    op.drop_table("selisih_siasn")

    with op.batch_alter_table("unit_kerja", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_kerja_siasn_id"))
        batch_op.drop_column("siasn_id")
