"""sesi_pengguna: generasi sesi per login

Every login stores the user's current session generation in its cookie (or JWT claim); logging out, a password
change and (de)activation write a new generation, so copied cookies and tokens of that user stop working
(app/security/sesi.py). One row per login that has logged in since this revision; no row = no live session.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sesi_pengguna",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("generasi", sa.String(length=32), nullable=False),
        sa.Column("diubah_pada", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["ab_user.id"], name=op.f("fk_sesi_pengguna_user_id_ab_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_sesi_pengguna")),
    )


def downgrade() -> None:
    op.drop_table("sesi_pengguna")
