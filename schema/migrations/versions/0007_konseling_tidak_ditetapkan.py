"""konseling: keputusan PyB "tidak ditetapkan untuk konseling"

The PyB "menetapkan pegawai yang akan diberikan konseling" (000 Pasal 16(3)) and may also decide not to: a
terminal status ``tidak_ditetapkan`` reachable only from ``dilaporkan`` (app.rules.transisi_konseling_valid),
with the mandatory reason in ``alasan_tidak_ditetapkan``. The status CHECK of 0001 is recreated with the new
value (batch mode: SQLite rebuilds the table).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LAMA = "'dilaporkan', 'ditetapkan_konseling', 'dijadwalkan', 'selesai', 'ditindaklanjuti'"
BARU = LAMA + ", 'tidak_ditetapkan'"


def upgrade() -> None:
    with op.batch_alter_table("konseling", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alasan_tidak_ditetapkan", sa.Text(), nullable=True))
        batch_op.drop_constraint("ck_konseling_status", type_="check")
        batch_op.create_check_constraint("ck_konseling_status", f"status IN ({BARU})")


def downgrade() -> None:
    # the old CHECK has no place for the decision: such cases go back to the daftar as "dilaporkan"
    op.execute("UPDATE konseling SET status = 'dilaporkan' WHERE status = 'tidak_ditetapkan'")
    with op.batch_alter_table("konseling", schema=None) as batch_op:
        batch_op.drop_constraint("ck_konseling_status", type_="check")
        batch_op.create_check_constraint("ck_konseling_status", f"status IN ({LAMA})")
        batch_op.drop_column("alasan_tidak_ditetapkan")
