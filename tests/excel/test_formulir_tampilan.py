"""Official-form workbooks (app/excel: A.1.x SKP, manual IKI, A.1.5 MPPH, B.1.1/B.1.2, feedback records,
B.1.6–B.1.9 coaching, B.1.10 behaviour report, C.1.x/D.1.x evaluation, coaching clinic report) show values
the way every page does (app/format.py): one demo record per form, downloaded through HTTP.

No cell holds Python's ``None``/``True``/``False`` or a boolean, an ISO or dd-mm-yyyy date as text, a
dot-decimal number, the stored code of an enum; a date cell is a real date shown with month names
(``[$-421]D MMMM YYYY``); a number of 10 000 or more carries a grouping format.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.queries.perencanaan import FORMAT_JPT
from schema.models import SKP, BimbinganKinerja, EvaluasiKinerja, KlinikSesi, LaporanPerilaku, RencanaHasilKerja
from tests.bantu import pelanggaran
from tests.conftest import Client

# who may download a form differs (owner, evaluator, PyB for behaviour reports): the first role answering wins
PERAN = ("admin", "operator", "penilai", "atasan", "pegawai", "pyb", "klinik", "konselor", "tim")
FORMAT_BIMBINGAN = ("B.1.6", "B.1.7", "B.1.8", "B.1.9")


def temuan_sel(c, teks_bebas: bool = False) -> list[str]:
    """What a person must not read in cell ``c`` (``teks_bebas``: text typed by people, codes allowed)."""
    v = c.value
    if isinstance(v, bool):
        return [str(v)]
    if isinstance(v, str):
        return pelanggaran(v, sel=not teks_bebas)
    if isinstance(v, (dt.date, dt.datetime)):
        return [] if "MMMM" in (c.number_format or "").upper() else [f"{v} ({c.number_format})"]
    if isinstance(v, (int, float)) and abs(v) >= 10000 and "#,##" not in (c.number_format or ""):
        return [f"{v} ({c.number_format})"]
    return []


def temuan_buku(isi: bytes) -> list[tuple[str, list[str]]]:
    wb = load_workbook(BytesIO(isi))
    return [
        (f"{ws.title}!{c.coordinate}", t)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if (t := temuan_sel(c))
    ]


def _skp_per_format(db) -> list[tuple[int, str]]:
    """One SKP with a plan (RHK) per form (A.1.1/A.1.2/A.1.6/A.1.7: different layouts)."""
    berisi = select(RencanaHasilKerja.skp_id)
    return db.execute(
        select(func.min(SKP.id), SKP.format_skp).where(SKP.id.in_(berisi), SKP.aktif.is_(True)).group_by(SKP.format_skp)
    ).all()


@pytest.fixture(scope="module")
def formulir(app) -> list[str]:
    from app.extensions import db

    with app.app_context():
        s = db.session
        urls = []
        for skp, fmt in _skp_per_format(s):
            urls += [f"/skp/unduh/{skp}", f"/skp/mpph/{skp}/xlsx"]
            urls += [f"/skp/manual_iki/{skp}/xlsx"] if fmt in FORMAT_JPT else []  # A.1.3: JPT forms only
            urls += [f"/pelaksanaan/skp/{skp}/{f}.xlsx" for f in ("b11", "b12", "rekam")]
        # D.1.x by the evaluation, C.1.x by its SKP's form: one evaluation per pair
        ev = select(func.min(EvaluasiKinerja.id)).join(SKP, SKP.id == EvaluasiKinerja.skp_id)
        for e in s.scalars(ev.group_by(EvaluasiKinerja.format_dokumen, SKP.format_skp)):
            urls.append(f"/evaluasi/unduh/{e}")
        b = s.scalar(select(func.min(BimbinganKinerja.id)))
        urls += [f"/bimbingan/unduh/{b}/{fmt}" for fmt in FORMAT_BIMBINGAN] if b else []
        if lap := s.scalar(select(func.min(LaporanPerilaku.id))):
            urls.append(f"/laporanperilaku/unduh/{lap}")
        if sesi := s.scalar(select(func.min(KlinikSesi.id))):
            urls.append(f"/klinik/sesi/laporan/{sesi}/xlsx")
        s.rollback()
    return urls


@pytest.fixture(scope="module")
def unduhan(app, formulir) -> dict[str, bytes]:
    """url → workbook, downloaded by the first demo role allowed to."""
    klien = {}
    out = {}
    for url in formulir:
        for u in PERAN:
            c = klien.get(u) or klien.setdefault(u, Client(app, u))
            r = c.get(url)
            if r.status_code == 200 and "spreadsheetml" in r.mimetype:
                out[url] = r.data
                break
    return out


def test_semua_formulir_resmi_terunduh(formulir, unduhan):
    """Every form of the list is reached by some demo role (else the check below would be empty)."""
    assert len(formulir) >= 25, formulir
    tak = sorted(set(formulir) - set(unduhan))
    assert not tak, f"formulir tidak dapat diunduh peran demo mana pun: {tak}"
    assert any("/evaluasi/unduh/" in u for u in unduhan) and any("/bimbingan/unduh/" in u for u in unduhan)


def test_formulir_resmi_tanpa_nilai_mentah(unduhan):
    temuan = {url: t[:10] for url, isi in unduhan.items() if (t := temuan_buku(isi))}
    assert not temuan, f"nilai mentah dalam formulir resmi: {temuan}"


@pytest.mark.parametrize(
    "nilai, fmt, salah",
    [
        (dt.date(2026, 1, 31), "DD-MM-YYYY", True),
        (dt.date(2026, 1, 31), "[$-421]D MMMM YYYY", False),
        ("31 Januari 2026", "General", False),
        ("2026-01-31", "General", True),
        (True, "General", True),
        ("None", "General", True),
        (12345, "General", True),
        (12345, "#,##0", False),
        ("92.5", "General", True),
    ],
)
def test_pemeriksa_sel(nilai, fmt, salah):
    from openpyxl import Workbook

    c = Workbook().active["A1"]
    c.value = nilai
    c.number_format = fmt
    assert bool(temuan_sel(c)) is salah, temuan_sel(c)
