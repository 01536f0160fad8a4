"""konfigurasi_periode: sejak kapan evaluasi suatu periode boleh dibuat dan ditandatangani

``hari_kerja_awal_evaluasi`` = N: evaluasi periode P dibuat/ditandatangani mulai hari kerja ke-N terakhir P
(0 = sesudah P berakhir); bawaan 5 (app.rules.waktu_evaluasi; 001 Lampiran "Evaluasi Kinerja" 8–10). Pilihan
per instansi dan tahun, seperti periode evaluasinya.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("konfigurasi_periode", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hari_kerja_awal_evaluasi", sa.Integer(), nullable=False, server_default="5"))
        batch_op.create_check_constraint(
            "ck_konfigurasi_awal_evaluasi", "hari_kerja_awal_evaluasi >= 0 AND hari_kerja_awal_evaluasi <= 20"
        )


def downgrade() -> None:
    with op.batch_alter_table("konfigurasi_periode", schema=None) as batch_op:
        batch_op.drop_constraint("ck_konfigurasi_awal_evaluasi", type_="check")
        batch_op.drop_column("hari_kerja_awal_evaluasi")
