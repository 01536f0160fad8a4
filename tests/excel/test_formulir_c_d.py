"""The C.1.x/D.1.x evaluation workbook laid out as the regulation's tables (forms C.1.x/D.1.x, 001 Lampiran),
downloaded through HTTP.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from schema.models import SKP, EvaluasiKinerja
from tests import bantu


@pytest.fixture()
def login(login):
    return bantu.login_bersih(login)


# ---------------------------------------------------------------------------------------------------------
# C.1.x / D.1.x workbook laid out as the regulation's tables
# ---------------------------------------------------------------------------------------------------------


def test_xlsx_c_dan_d_seperti_tabel_regulasi(login, db_session):
    """forms C.1.x/D.1.x, 001 Lampiran: merged header cells; C.1.3 numbers its HASIL KERJA columns (1)…(8); ID blocks present."""
    db = db_session
    from app.queries.penilaian import format_c

    ev_id = next(
        i
        for i, s in db.execute(
            select(EvaluasiKinerja.id, EvaluasiKinerja.skp_id)
            .where(EvaluasiKinerja.status_dokumen != "draf")
            .order_by(EvaluasiKinerja.id)
        )
        if format_c(db.get(SKP, s)) == "C.1.3"
    )
    r = login("admin").get(f"/evaluasi/unduh/{ev_id}")
    wb = load_workbook(io.BytesIO(r.data))
    d, c = wb.worksheets
    assert d.merged_cells.ranges and c.merged_cells.ranges
    nilai = [[v for v in row] for row in c.iter_rows(values_only=True)]
    kepala = next(i for i, row in enumerate(nilai) if row[0] == "NO")
    assert nilai[kepala + 1][:8] == [f"({i})" for i in range(1, 9)]
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" in nilai[kepala]
    teks = " ".join(str(v) for row in nilai for v in row if v)
    for t in (
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "A. UTAMA",
        "B. TAMBAHAN",
        "PERILAKU KERJA",
        "PREDIKAT KINERJA PEGAWAI",
    ):
        assert t in teks, t
    judul = {str(rg) for rg in c.merged_cells.ranges}
    assert any(rg.startswith("A2:") for rg in judul)  # the title spans the table
