"""pegawai: TMT pensiun and the end of a PPPK agreement

When an employee's service in the position ends inside an evaluation period (retirement, the end of a PPPK
employment agreement), the evaluation of the time served may start before the period ends, counted back from
the last day of service (``app.rules.waktu_evaluasi``; 001 Lampiran "Evaluasi Kinerja" 8–10, 14). Both dates are
optional.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tmt_pensiun", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("akhir_perjanjian_kerja", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pegawai", schema=None) as batch_op:
        batch_op.drop_column("akhir_perjanjian_kerja")
        batch_op.drop_column("tmt_pensiun")
