"""audit_log: remove the content of confidential columns from earlier audit rows

Audit rows of ``laporan_perilaku`` (B.1.10) and ``konseling`` record who, when and which fields changed, never
the confidential text (R11, 000 Pasal 16). Rows written before the columns were marked ``rahasia()`` carried
it: the values of those keys become "[rahasia]". Data only; nothing to undo (the text is not kept anywhere).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# frozen here (a migration must not follow later model changes)
RAHASIA = {
    "laporan_perilaku": ("ekspektasi_khusus", "permasalahan", "retrospektif"),
    "konseling": ("hasil", "tindak_lanjut", "alasan_tidak_ditetapkan"),
}


def _saring(teks, kolom):
    if not teks:
        return teks, False
    try:
        nilai = json.loads(teks)
    except ValueError:
        return teks, False
    if not isinstance(nilai, dict):
        return teks, False
    ubah = False
    for k in kolom:
        if nilai.get(k) not in (None, "[rahasia]"):
            nilai[k], ubah = "[rahasia]", True
    return json.dumps(nilai, default=str, ensure_ascii=False, sort_keys=True), ubah


def upgrade() -> None:
    conn = op.get_bind()
    audit = sa.table("audit_log", sa.column("id"), sa.column("tabel"), sa.column("sebelum"), sa.column("sesudah"))
    for tabel, kolom in RAHASIA.items():
        rows = conn.execute(sa.select(audit.c.id, audit.c.sebelum, audit.c.sesudah).where(audit.c.tabel == tabel)).all()
        for rid, sebelum, sesudah in rows:
            sebelum2, a = _saring(sebelum, kolom)
            sesudah2, b = _saring(sesudah, kolom)
            if a or b:
                conn.execute(sa.update(audit).where(audit.c.id == rid).values(sebelum=sebelum2, sesudah=sesudah2))


def downgrade() -> None:
    pass
