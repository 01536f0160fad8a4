"""tindak lanjut: rekomendasi PPPK, keunikan sanksi

One register entry per evaluation and R14 path step (``evaluasi_id``, ``jenis``): the automatic "Buat entri
tindak lanjut" was already idempotent in code; the manual entry (e.g. the PPPK termination recommendation,
001 Pasal 31(2)) now meets the same guarantee in the database. The recommendation itself needs no schema
change: ``rekomendasi_pemutusan_pppk`` is already a value of the ``jenis`` CHECK (0001).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tindak_lanjut_sanksi", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_tindak_lanjut_sanksi_evaluasi_id_jenis"), ["evaluasi_id", "jenis"]
        )


def downgrade() -> None:
    with op.batch_alter_table("tindak_lanjut_sanksi", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_tindak_lanjut_sanksi_evaluasi_id_jenis"), type_="unique")
