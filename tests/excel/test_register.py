"""Every Excel register and every official format.

* Walks every view with an ``/ekspor/`` endpoint (KinerjaModelView subclasses and the tindak-lanjut register
  pages) whose resource grants ``x`` in the matrix, as admin and as the demo evaluator: title block, frozen
  header row ``HEADER_ROW``, NIP cells as text, the evaluator's export holds only people in their scope.
* Converts every file with LibreOffice headless when ``soffice`` is installed (required when ``CI=true``).
* Inventory of the formats of each has a printable page and an xlsx, or is listed as missing.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, or_, select

from app.excel.tulis import HEADER_ROW
from app.security import roles as R
from app.security.roles import MATRIX, RESOURCES, parse_ops
from schema.models import SKP, BimbinganKinerja, EvaluasiKinerja, Jabatan, LaporanPerilaku, Pegawai

_VIEW_KE_RESOURCE = {res.view: key for key, res in RESOURCES.items()}


def _ekspor_views(app, role: str) -> list[tuple[str, str]]:
    """(view class name, export URL) of every view with an ``ekspor`` endpoint the role may use."""
    from flask import url_for

    out = []
    with app.test_request_context():
        for v in app.appbuilder.baseviews:
            nama = type(v).__name__
            key = _VIEW_KE_RESOURCE.get(nama)
            if key is None or not hasattr(v, "ekspor"):
                continue
            peran = [r for r in MATRIX if role == R.ADMIN or r == role]
            if not any("x" in parse_ops(MATRIX[r].get(key, ""))[0] for r in peran):
                continue  # admin: registers some role may export
            out.append((nama, url_for(f"{nama}.ekspor")))
    return sorted(out)


def test_penelusuran_menemukan_semua_register(app):
    nama = {n for n, _ in _ekspor_views(app, R.ADMIN)}
    # registers of the product card: pegawai, SKP, evaluations, keberatan, counselling, tim pemantau and
    # assignments, monitoring coverage, rewards, sanctions, ranking, tunjangan basis, overdue deadlines
    # (CakupanPemantauanView exports through its own page, not /ekspor/: not walked here)
    for v in (
        "PegawaiView",
        "SKPView",
        "EvaluasiKinerjaView",
        "KeberatanView",
        "KonselingView",
        "TimPemantauView",
        "PenugasanTimView",
        "PenghargaanView",
        "TindakLanjutSanksiView",
        "PeringkatView",
        "TunjanganKinerjaView",
        "TenggatTerlambatView",
        "LaporanPybView",
    ):
        assert v in nama, v


def _cek_register(ws, username: str):
    assert ws.cell(1, 1).value, "judul register"
    assert ws.cell(2, 1).value == "Instansi" and ws.cell(3, 1).value == "Periode"
    assert ws.cell(4, 1).value == "Diekspor" and ws.cell(4, 2).is_date
    assert ws.cell(5, 1).value == "Oleh" and ws.cell(5, 2).value == username
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    header = [c.value for c in ws[HEADER_ROW]]
    assert header and all(isinstance(h, str) and h for h in header), header
    nip = [i for i, h in enumerate(header) if h == "NIP" or h.startswith("NIP ")]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1))
    for row in rows:
        for i in nip:
            if i < len(row) and row[i].value is not None:
                assert row[i].data_type == "s", (header[i], row[i].value)
    return header, nip, rows


def _lingkup_penilai(db, pegawai_id: int) -> set[str]:
    """NIPs an evaluator may meet in an export: self, direct subordinates, and whom they evaluate."""
    jab = db.scalar(select(Pegawai.jabatan_id).where(Pegawai.id == pegawai_id))
    ids = {pegawai_id}
    ids |= set(
        db.scalars(select(Pegawai.id).where(Pegawai.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id == jab))))
    )
    ids |= set(db.scalars(select(SKP.pegawai_id).where(SKP.penilai_id == pegawai_id)))
    ids |= set(db.scalars(select(EvaluasiKinerja.pegawai_id).where(EvaluasiKinerja.penilai_id == pegawai_id)))
    ids |= set(
        db.scalars(
            select(BimbinganKinerja.pegawai_id).where(
                or_(BimbinganKinerja.pembimbing_id == pegawai_id, BimbinganKinerja.dilaporkan_kepada_id == pegawai_id)
            )
        )
    )
    ids |= set(db.scalars(select(LaporanPerilaku.pegawai_id).where(LaporanPerilaku.pelapor_id == pegawai_id)))
    return set(db.scalars(select(Pegawai.nip).where(Pegawai.id.in_(ids))))


def _soffice(paths: list[Path]) -> None:
    exe = shutil.which("soffice")
    if exe is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) tidak terpasang di CI: apt-get install libreoffice-calc-nogui")
        pytest.skip("soffice tidak terpasang")
    out = Path(tempfile.mkdtemp(prefix="kinerja-csv-"))
    profil = Path(tempfile.mkdtemp(prefix="kinerja-lo-"))
    r = subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profil}",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    for p in paths:
        assert (out / (p.stem + ".csv")).exists(), f"{p.name}: {r.stdout} {r.stderr}"


_BERKAS: list[Path] = []


@pytest.mark.parametrize("username,peran", [("admin", R.ADMIN), ("penilai", R.PENILAI)])
def test_setiap_register_excel(app, login, db_session, username, peran):
    c = login(username)
    d = Path(tempfile.mkdtemp(prefix=f"kinerja-reg-{username}-"))
    views = _ekspor_views(app, peran)
    assert views
    lingkup = None
    if peran == R.PENILAI:
        from seeds.demo import pilih_pegawai_demo

        lingkup = _lingkup_penilai(db_session, pilih_pegawai_demo(db_session)["penilai"])
    for nama, url in views:
        r = c.get(url)
        assert r.status_code == 200, (nama, r.status_code)
        assert r.mimetype.endswith("spreadsheetml.sheet"), nama
        p = d / f"{nama}.xlsx"
        p.write_bytes(r.data)
        _BERKAS.append(p)
        ws = load_workbook(io.BytesIO(r.data)).active
        header, nip, rows = _cek_register(ws, username)
        if lingkup is not None and nip:
            i = nip[0]
            asing = {row[i].value for row in rows if row[i].value} - lingkup
            assert not asing, (nama, header[i], sorted(asing)[:5])
    # the evaluator's pegawai-shaped register is a strict subset of the admin's
    if peran == R.PENILAI:
        n_semua = db_session.scalar(select(func.count(Pegawai.id)))
        url = dict(views)["BawahanView"]
        ws = load_workbook(io.BytesIO(c.get(url).data)).active
        assert 0 < ws.max_row - HEADER_ROW < n_semua


def test_register_pegawai_filter_pengecualian_status(login, db_session):
    """``_flt_1_status`` (Tidak sama dengan) excludes pensiun/diberhentikan; repeated filters combine (AND)."""
    ps = db_session.scalars(select(Pegawai).where(Pegawai.status == "aktif").order_by(Pegawai.id.desc()).limit(2)).all()
    lama = [p.status for p in ps]
    ps[0].status, ps[1].status = "pensiun", "diberhentikan"
    db_session.commit()
    try:
        c = login("operator")
        total = db_session.scalar(select(func.count(Pegawai.id)))
        r = c.get("/pegawaiview/ekspor/?_flt_1_status=pensiun&_flt_1_status=diberhentikan")
        rows = list(load_workbook(io.BytesIO(r.data)).active.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
        keluar = db_session.scalar(select(func.count()).where(Pegawai.status.in_(("pensiun", "diberhentikan"))))
        assert keluar >= 2 and len(rows) == total - keluar
        assert not {"Pensiun", "Diberhentikan"} & {row[14] for row in rows}
        assert {ps[0].nip, ps[1].nip}.isdisjoint({row[1] for row in rows})
        html = c.get("/pegawaiview/list/?_flt_1_status=pensiun").get_data(as_text=True)
        assert ps[0].nip not in html
    finally:
        for p, s in zip(ps, lama):
            p.status = s
        db_session.commit()


# -- official formats (as the regulation prints them) ---------------------------------------------------------------------------


def _skp_format(db, kode):
    return db.scalar(select(SKP.id).where(SKP.format_skp == kode, SKP.aktif.is_(True)).order_by(SKP.id).limit(1))


def _ev_format(db, kode):
    return db.scalar(
        select(EvaluasiKinerja.id)
        .where(EvaluasiKinerja.format_dokumen == kode, EvaluasiKinerja.status_dokumen != "draf")
        .order_by(EvaluasiKinerja.id)
        .limit(1)
    )


def _ev_c(db, kode):
    """An evaluation whose result annex is ``kode`` (C.1.x follows the SKP's format, app.queries.penilaian)."""
    from app.queries.penilaian import format_c

    for ev_id, skp_id in db.execute(
        select(EvaluasiKinerja.id, EvaluasiKinerja.skp_id)
        .where(EvaluasiKinerja.status_dokumen != "draf")
        .order_by(EvaluasiKinerja.id)
    ):
        if format_c(db.get(SKP, skp_id)) == kode:
            return ev_id
    return None


def _skp_dengan(db, kolom_skp):
    return db.scalar(select(kolom_skp).order_by(kolom_skp).limit(1))


def _bimbingan(db, jenis):
    return db.scalar(
        select(BimbinganKinerja.id).where(BimbinganKinerja.jenis == jenis).order_by(BimbinganKinerja.id).limit(1)
    )


# code → (finder(db) → id, print URL, xlsx URL or None when the xlsx does not exist yet)
FORMAT = {
    "A.1.1": (lambda db: _skp_format(db, "A.1.1"), "/skp/cetak/{}", "/skp/unduh/{}"),
    "A.1.2": (lambda db: _skp_format(db, "A.1.2"), "/skp/cetak/{}", "/skp/unduh/{}"),
    "A.1.6": (lambda db: _skp_format(db, "A.1.6"), "/skp/cetak/{}", "/skp/unduh/{}"),
    "A.1.7": (lambda db: _skp_format(db, "A.1.7"), "/skp/cetak/{}", "/skp/unduh/{}"),
    "A.1.8": (lambda db: _skp_format(db, "A.1.7"), "/skp/cetak/{}", "/skp/unduh/{}"),
    "A.1.3": (
        lambda db: _skp_format(db, "A.1.2") or _skp_format(db, "A.1.1"),
        "/skp/cetak/{}",
        "/skp/manual_iki/{}/xlsx",
    ),
    "A.1.5": (
        lambda db: db.scalar(
            select(SKP.id)
            .where(SKP.id.in_(select(SKP.id).where(SKP.aktif.is_(True))), SKP.pegawai_id.in_(select(SKP.penilai_id)))
            .order_by(SKP.id)
            .limit(1)
        ),
        "/skp/mpph/{}/cetak",
        "/skp/mpph/{}/xlsx",
    ),
    "B.1.1": (lambda db: _skp_format(db, "A.1.7"), "/pelaksanaan/skp/{}/b11", "/pelaksanaan/skp/{}/b11.xlsx"),
    "B.1.2": (lambda db: _skp_format(db, "A.1.7"), "/pelaksanaan/skp/{}/b12", "/pelaksanaan/skp/{}/b12.xlsx"),
    "B.1.3": (
        lambda db: _skp_format(db, "A.1.6") or _skp_format(db, "A.1.1"),
        "/pelaksanaan/skp/{}/rekam",
        "/pelaksanaan/skp/{}/rekam.xlsx",
    ),
    "B.1.4": (lambda db: _skp_format(db, "A.1.2"), "/pelaksanaan/skp/{}/rekam", "/pelaksanaan/skp/{}/rekam.xlsx"),
    "B.1.5": (lambda db: _skp_format(db, "A.1.7"), "/pelaksanaan/skp/{}/rekam", "/pelaksanaan/skp/{}/rekam.xlsx"),
    "B.1.6": (lambda db: _bimbingan(db, "coaching"), "/bimbingan/cetak/{}/B.1.6", "/bimbingan/unduh/{}/B.1.6"),
    "B.1.7": (lambda db: _bimbingan(db, "mentoring"), "/bimbingan/cetak/{}/B.1.7", "/bimbingan/unduh/{}/B.1.7"),
    "B.1.8": (
        lambda db: _skp_dengan(db, BimbinganKinerja.id),
        "/bimbingan/cetak/{}/B.1.8",
        "/bimbingan/unduh/{}/B.1.8",
    ),
    "B.1.9": (
        lambda db: _skp_dengan(db, BimbinganKinerja.id),
        "/bimbingan/cetak/{}/B.1.9",
        "/bimbingan/unduh/{}/B.1.9",
    ),
    "B.1.10": (
        lambda db: _skp_dengan(db, LaporanPerilaku.id),
        "/laporanperilaku/cetak/{}",
        "/laporanperilaku/unduh/{}",
    ),
    "C.1.1": (lambda db: _ev_c(db, "C.1.1"), "/evaluasi/cetak/{}", "/evaluasi/unduh/{}"),
    "C.1.2": (lambda db: _ev_c(db, "C.1.2"), "/evaluasi/cetak/{}", "/evaluasi/unduh/{}"),
    "C.1.3": (lambda db: _ev_c(db, "C.1.3"), "/evaluasi/cetak/{}", "/evaluasi/unduh/{}"),
    "D.1.1": (lambda db: _ev_format(db, "D.1.1"), "/evaluasi/cetak/{}", "/evaluasi/unduh/{}"),
    "D.1.2": (lambda db: _ev_format(db, "D.1.2"), "/evaluasi/cetak/{}", "/evaluasi/unduh/{}"),
    "D.1.3": (lambda db: _ev_format(db, "D.1.3"), "/evaluasi/cetak/{}", "/evaluasi/unduh/{}"),
}


def test_inventaris_format_lengkap():
    """Every format code of the official formats of 000/001 Lampiran is in the inventory."""
    kode = set(FORMAT)
    assert kode == {
        "A.1.1",
        "A.1.2",
        "A.1.3",
        "A.1.5",
        "A.1.6",
        "A.1.7",
        "A.1.8",
        "C.1.1",
        "C.1.2",
        "C.1.3",
        "D.1.1",
        "D.1.2",
        "D.1.3",
    } | {f"B.1.{i}" for i in range(1, 11)}


@pytest.mark.parametrize("kode", sorted(FORMAT))
def test_format_cetak_dan_xlsx(login, db_session, kode):
    cari, cetak, xlsx = FORMAT[kode]
    pk = cari(db_session)
    if pk is None:
        pytest.skip(f"data demo tidak memuat contoh {kode}")
    # B.1.10 stays in the R11 circle (000 Pasal 16): the PyB prints it, the system Admin cannot open it
    c = login("pyb" if kode == "B.1.10" else "admin")
    if cetak is None:
        pytest.xfail(f"{kode}: belum ada halaman cetak tersendiri")
    r = c.get(cetak.format(pk))
    assert r.status_code == 200, (kode, r.status_code)
    html = r.get_data(as_text=True)
    assert kode in html, f"{kode} tidak tertera pada halaman cetak"
    kurang = []
    if "@page" not in html and "@media print" not in html:
        kurang.append("halaman cetak tanpa CSS cetak A4")
    if xlsx is None:
        pytest.xfail(f"{kode}: belum ada xlsx" + (f"; {kurang[0]}" if kurang else ""))
    r = c.get(xlsx.format(pk))
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet"), kode
    wb = load_workbook(io.BytesIO(r.data))
    p = Path(tempfile.mkdtemp(prefix="kinerja-fmt-")) / f"{kode.replace('.', '')}.xlsx"
    p.write_bytes(r.data)
    _BERKAS.append(p)
    if not any(ws.merged_cells.ranges for ws in wb.worksheets):
        kurang.append("xlsx tanpa sel kepala gabungan")
    if kurang:  # gaps in the owning module (reported, not hidden): see the issue-8 report
        pytest.xfail(f"{kode}: " + "; ".join(kurang))


def test_zz_libreoffice_membuka_semua_xlsx():
    """Each xlsx produced above converts with LibreOffice headless without error (runs after the others)."""
    if not _BERKAS:
        pytest.skip("tidak ada berkas (uji lain tidak dijalankan)")
    _soffice(_BERKAS)
