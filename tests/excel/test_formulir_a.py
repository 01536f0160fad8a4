"""Official A forms as xlsx and print pages (forms A.1.x, 001 Lampiran): merged header cells, numbered columns (1)…(n) only
where the regulation numbers them, NIP as text, A.1.8 beside the SKP, A.1.3 one sheet per IKI, A.1.5 print CSS.
The LibreOffice conversion of these files: tests/excel/test_register.py::test_zz_libreoffice_membuka_semua_xlsx."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from schema.models import SKP, IndikatorKinerja, RencanaHasilKerja
from tests.bantu import buku_xlsx

NOMOR = {"A.1.1": None, "A.1.6": None, "A.1.2": 5, "A.1.7": 6}


def _skp(db, kode):
    return db.scalar(select(SKP).where(SKP.format_skp == kode, SKP.aktif.is_(True)).order_by(SKP.id).limit(1))


def _teks(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.mark.parametrize("kode", sorted(NOMOR))
def test_xlsx_skp_seperti_tabel_regulasi(login, db_session, kode):
    skp = _skp(db_session, kode)
    if skp is None:
        pytest.skip(f"data demo tanpa {kode}")
    wb = buku_xlsx(login("admin").get(f"/skp/unduh/{skp.id}"))
    ws = wb.worksheets[0]
    rows = _teks(ws)
    assert rows[0][0] == f"FORMAT {kode}" and ws.merged_cells.ranges
    # ID2 side by side with merged headers; the employee's NIP is text
    kepala = next(i for i, r in enumerate(rows) if r[1] == "PEGAWAI YANG DINILAI")
    assert rows[kepala][3] == "NO" and rows[kepala][4] == "PEJABAT PENILAI KINERJA"
    assert any(f"B{kepala + 1}:C{kepala + 1}" == str(m) for m in ws.merged_cells.ranges)
    nip = ws.cell(kepala + 3, 2)
    assert nip.data_type == "s" and skp.pegawai_nip in nip.value
    nomor = [r for r in rows if r[0] == "(1)"]
    if NOMOR[kode] is None:  # qualitative formats: "NO | HASIL KERJA", no numbered row
        assert not nomor and any(r[0] == "NO" and r[1] == "HASIL KERJA" for r in rows)
    else:
        assert len(nomor) == 1 and f"({NOMOR[kode]})" in nomor[0]
    assert any(str(r[0] or "").startswith("PERILAKU KERJA") for r in rows)
    assert any("Ekspektasi Khusus Pimpinan" in str(v) for r in rows for v in r if v)
    assert any(r[0] == "Pegawai yang Dinilai" for r in rows)  # signature blocks
    # A.1.8 on the second sheet: caption, title, H, sections
    la = _teks(wb.worksheets[1])
    assert la[0][0] == "FORMAT A.1.8" and la[1][0] == "LAMPIRAN SASARAN KINERJA PEGAWAI"
    assert {"DUKUNGAN SUMBER DAYA", "SKEMA PERTANGGUNGJAWABAN", "KONSEKUENSI"} <= {r[0] for r in la}
    assert wb.worksheets[1].merged_cells.ranges


def test_xlsx_manual_iki_satu_lembar_per_iki(login, db_session):
    skp = _skp(db_session, "A.1.2") or _skp(db_session, "A.1.1")
    if skp is None:
        pytest.skip("data demo tanpa SKP JPT")
    n_iki = db_session.scalar(
        select(func.count(IndikatorKinerja.id)).join(RencanaHasilKerja).where(RencanaHasilKerja.skp_id == skp.id)
    )
    wb = buku_xlsx(login("admin").get(f"/skp/manual_iki/{skp.id}/xlsx"))
    assert len(wb.worksheets) == max(n_iki, 1)
    for ws in wb.worksheets:
        rows = _teks(ws)
        assert rows[0][0] == "FORMAT A.1.3" and rows[1][0] == "MANUAL INDIKATOR KINERJA"
        label = [r[0] for r in rows]
        for lab in (
            "RENCANA HASIL KERJA",
            "UKURAN KEBERHASILAN/INDIKATOR KINERJA",
            "TUJUAN",
            "DESKRIPSI",
            "KUALITAS DAN TINGKAT KENDALI",
            "SUMBER DATA",
            "PERIODE PELAPORAN",
        ):
            assert lab in label, lab
        assert any("( ) Outcome Antara" in str(r[2]) or "(✓) Outcome Antara" in str(r[2]) for r in rows)
        assert ws.merged_cells.ranges
    # only JPT SKPs have a manual IKI; out of scope → 404
    ja = _skp(db_session, "A.1.7")
    assert login("admin").get(f"/skp/manual_iki/{ja.id}/xlsx").status_code == 404
    assert login("pegawai").get(f"/skp/manual_iki/{skp.id}/xlsx").status_code in (302, 403, 404)


def test_mpph_cetak_a4_dan_xlsx(login, db_session):
    from seeds.demo import pilih_pegawai_demo

    pid = pilih_pegawai_demo(db_session)["penilai"]
    skp = db_session.scalar(select(SKP).where(SKP.pegawai_id == pid, SKP.aktif.is_(True)).order_by(SKP.tahun.desc()))
    c = login("penilai")
    html = c.get(f"/skp/mpph/{skp.id}/cetak").get_data(as_text=True)
    assert "FORMAT A.1.5" in html and "@page" in html and "OUTCOME ANTARA/OUTPUT/LAYANAN" in html
    ws = buku_xlsx(c.get(f"/skp/mpph/{skp.id}/xlsx")).active
    rows = _teks(ws)
    assert rows[0][0] == "FORMAT A.1.5" and rows[1][0] == "MATRIKS PEMBAGIAN PERAN DAN HASIL"
    kepala = next(i for i, r in enumerate(rows) if r[0] == "PEGAWAI")
    assert rows[kepala][2] == "OUTCOME ANTARA/OUTPUT/LAYANAN" and rows[kepala + 1][0] == skp.pegawai_nama
    lain = db_session.scalar(select(SKP.id).where(SKP.pegawai_id != pid, SKP.penilai_id != pid).limit(1))
    assert login("pegawai").get(f"/skp/mpph/{lain}/cetak").status_code in (302, 403, 404)
