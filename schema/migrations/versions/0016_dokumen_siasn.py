"""kirim_siasn.dokumen: SIASN's answer to the uploaded evaluation document, reused by retries

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kirim_siasn") as b:
        b.add_column(sa.Column("dokumen", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("kirim_siasn") as b:
        b.drop_column("dokumen")
