"""Official forms D.1.1–D.1.3 (evaluation document) with C.1.x (evaluation result) as xlsx (001 Lampiran).

One workbook per evaluation: sheet D.1.x (identities, capaian, ratings, predikat, the keberatan decision for
D.1.3 and the in-app signatures) and sheet C.1.x (the per-RHK result table). User text is written through
``_sel`` (formula injection: ``app.excel.tulis.berbahaya`` → a text cell).

Only layout lives here; ``app.queries.penilaian.isi_dokumen`` gathers the data (``data_formulir``, identities,
signatures) — the view passes it in as ``ktx``, ``berkas_evaluasi`` fetches it itself (SIASN's document).
"""

from __future__ import annotations

import tempfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from app.excel.tulis import berbahaya
from app.format import angka, angka_persis, label, tanggal_saja, waktu
from app.queries.penilaian import isi_dokumen
from app.rules import Aspek, CapaianOrganisasi, KeputusanKeberatan, Predikat, Rating
from schema.enums import PeranTandaTangan


def _sel(ws, baris: int, kolom: int, nilai, **gaya):
    """Write a cell; user text starting with = + - @ stays text, never a formula (formula injection)."""
    c = ws.cell(baris, kolom)
    c.value = nilai
    if berbahaya(nilai):
        c.data_type = "s"
    for k, v in gaya.items():
        setattr(c, k, v)
    return c


def _lab(enum, v) -> str:
    return enum(v).label.upper() if v else "-"


def xlsx_evaluasi(ktx: dict):  # noqa: C901 — the D.1.x/C.1.x sheet follows the printed form block by block
    """The evaluation document (sheet D.1.x) with its result form (sheet C.1.x) — forms C.1.x/D.1.x, 001 Lampiran."""
    ev, d, ident = ktx["ev"], ktx["d"], ktx["ident"]
    tebal = Font(bold=True)
    bungkus = Alignment(wrap_text=True, vertical="top")
    tengah = Alignment(horizontal="center", vertical="center", wrap_text=True)
    garis = Side(style="thin")
    kotak = Border(left=garis, right=garis, top=garis, bottom=garis)

    def gabung(sheet, baris, dari, sampai, nilai, **gaya):
        """A merged header cell across columns ``dari``..``sampai`` (as the regulation's tables print them)."""
        _sel(sheet, baris, dari, nilai, **gaya)
        if sampai > dari:
            sheet.merge_cells(start_row=baris, start_column=dari, end_row=baris, end_column=sampai)

    wb = Workbook()
    ws = wb.active
    ws.title = ev.format_dokumen.replace(".", "")
    for kol, lebar in zip("ABCD", (6, 34, 4, 60)):
        ws.column_dimensions[kol].width = lebar
    r = 1
    gabung(ws, r, 1, 4, f"FORMAT {ev.format_dokumen}", font=Font(italic=True))
    r += 1
    gabung(ws, r, 1, 4, "DOKUMEN EVALUASI KINERJA PEGAWAI", font=Font(bold=True, size=13), alignment=tengah)
    r += 1
    gabung(ws, r, 1, 4, f"PERIODE*: {ktx['periode_cetak']}", alignment=tengah)
    r += 1
    gabung(ws, r, 1, 4, (ktx["instansi"] or "(NAMA INSTANSI)").upper(), font=tebal, alignment=tengah)
    r += 1
    gabung(
        ws,
        r,
        1,
        4,
        f"PERIODE PENILAIAN: {tanggal_saja(d['periode'].mulai)} SD {tanggal_saja(d['periode'].akhir)}",
        alignment=tengah,
    )
    r += 2
    for no, judul, kunci in (
        (1, "PEGAWAI YANG DINILAI", "pegawai"),
        (2, "PEJABAT PENILAI KINERJA", "penilai"),
        (3, "ATASAN PEJABAT PENILAI KINERJA", "atasan"),
    ):
        _sel(ws, r, 1, no, font=tebal)
        gabung(ws, r, 2, 4, judul, font=tebal)
        r += 1
        for lab, k2 in (
            ("NAMA", "nama"),
            ("NIP", "nip"),
            ("PANGKAT/GOL RUANG", "pangkat"),
            ("JABATAN", "jabatan"),
            ("UNIT KERJA", "unit"),
        ):
            _sel(ws, r, 2, lab)
            _sel(ws, r, 3, ":")
            _sel(ws, r, 4, ident[kunci][k2] or "")
            r += 1
    _sel(ws, r, 1, 4, font=tebal)
    gabung(ws, r, 2, 4, "EVALUASI KINERJA", font=tebal)
    r += 1
    _sel(ws, r, 2, "CAPAIAN KINERJA ORGANISASI")
    _sel(ws, r, 3, ":")
    _sel(ws, r, 4, _lab(CapaianOrganisasi, ev.capaian_organisasi))
    r += 1
    _sel(ws, r, 2, "PREDIKAT KINERJA PEGAWAI")
    _sel(ws, r, 3, ":")
    _sel(ws, r, 4, _lab(Predikat, ev.predikat))
    r += 1
    _sel(ws, r, 1, 5, font=tebal)
    _sel(ws, r, 2, "CATATAN/REKOMENDASI", font=tebal)
    _sel(ws, r, 4, ev.catatan_rekomendasi or "", alignment=bungkus)
    r += 1
    kb = ktx.get("keberatan_asal")
    if ev.format_dokumen == "D.1.3" and kb is not None:
        for no, judul, isi in (
            (6, "KEBERATAN", kb.alasan),
            (7, "PENJELASAN PEJABAT PENILAI KINERJA ATAS KEBERATAN", kb.penjelasan_penilai),
            (
                8,
                "KEPUTUSAN DAN REKOMENDASI ATASAN PEJABAT PENILAI KINERJA",
                f"{KeputusanKeberatan(kb.keputusan).label}: {kb.rekomendasi_baru or ''}",
            ),
        ):
            _sel(ws, r, 1, no, font=tebal)
            _sel(ws, r, 2, judul, font=tebal)
            _sel(ws, r, 4, isi or "", alignment=bungkus)
            r += 1
    r += 1
    _sel(ws, r, 1, "TANDA TANGAN ELEKTRONIK", font=tebal)
    r += 1
    for t in ktx["tanda_tangan"]:
        _sel(ws, r, 2, PeranTandaTangan(t.peran).label)
        _sel(ws, r, 4, f"{t.nama} ({t.nip or '-'}) — {waktu(t.waktu)} — SHA-256 {t.hash_sha256}")
        r += 1
    _sel(
        ws,
        r + 1,
        1,
        "* Periode disesuaikan dengan periode evaluasi kinerja pegawai yang berlaku pada Instansi "
        "Pemerintah  ** Pilih salah satu",
        font=Font(italic=True, size=9),
    )

    # -- C.1.x
    wc = wb.create_sheet(d["format_c"].replace(".", ""))
    kuant = d["format_c"] != "C.1.1"
    kolom = (
        [
            "NO",
            "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
            "RENCANA HASIL KERJA",
            "ASPEK",
            "INDIKATOR KINERJA INDIVIDU",
            "TARGET",
            "REALISASI BERDASARKAN BUKTI DUKUNG",
            "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
            "RATING RHK",
        ]
        if kuant
        else [
            "NO",
            "HASIL KERJA",
            "REALISASI BERDASARKAN BUKTI DUKUNG",
            "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
            "RATING RHK",
        ]
    )
    lebar_kol = (5, 34, 34, 12, 34, 14, 34, 34, 18) if kuant else (5, 60, 40, 40, 18)
    for i, lebar in enumerate(lebar_kol, 1):
        wc.column_dimensions[chr(64 + i)].width = lebar
    nk = len(kolom)
    r = 1
    gabung(wc, r, 1, nk, f"FORMAT {d['format_c']}", font=Font(italic=True))
    r += 1
    gabung(wc, r, 1, nk, d["format_c_judul"], font=Font(bold=True, size=12), alignment=tengah)
    r += 1
    gabung(wc, r, 1, nk, f"PERIODE***: {ktx['periode_cetak']}", alignment=tengah)
    r += 1
    gabung(wc, r, 1, nk, (ktx["instansi"] or "(NAMA INSTANSI)").upper(), font=tebal, alignment=tengah)
    r += 1
    gabung(
        wc,
        r,
        1,
        nk,
        f"PERIODE PENILAIAN: {tanggal_saja(d['periode'].mulai)} SD {tanggal_saja(d['periode'].akhir)}",
        alignment=tengah,
    )
    r += 2
    # ID2: PEGAWAI YANG DINILAI (left) | PEJABAT PENILAI KINERJA (right)
    kiri, kanan = (1, 3), (4, nk)
    gabung(wc, r, 1, kiri[1], "PEGAWAI YANG DINILAI", font=tebal, alignment=tengah, border=kotak)
    gabung(wc, r, kanan[0], kanan[1], "PEJABAT PENILAI KINERJA", font=tebal, alignment=tengah, border=kotak)
    r += 1
    for i, (lab, k2) in enumerate(
        (
            ("NAMA", "nama"),
            ("NIP", "nip"),
            ("PANGKAT/GOL. RUANG", "pangkat"),
            ("JABATAN", "jabatan"),
            ("UNIT KERJA", "unit"),
        ),
        1,
    ):
        _sel(wc, r, 1, i)
        _sel(wc, r, 2, lab)
        _sel(wc, r, 3, ktx["ident"]["pegawai"][k2] or "", alignment=bungkus)
        _sel(wc, r, kanan[0], f"{i} {lab}{' (*opsional)' if k2 == 'nip' else ''}")
        gabung(wc, r, kanan[0] + 1, kanan[1], ktx["ident"]["penilai"][k2] or "", alignment=bungkus)
        r += 1
    r += 1
    gabung(wc, r, 1, nk, f"CAPAIAN KINERJA ORGANISASI*: {_lab(CapaianOrganisasi, ev.capaian_organisasi)}", font=tebal)
    r += 1
    gabung(
        wc,
        r,
        1,
        nk,
        f"POLA DISTRIBUSI: predikat yang diharapkan sebagian besar pegawai "
        f"{d['dominan'].label.upper() if d['dominan'] else '-'}",
    )
    r += 2
    gabung(wc, r, 1, nk, "HASIL KERJA", font=tebal, alignment=tengah, border=kotak)
    r += 1
    for i, h in enumerate(kolom, 1):
        _sel(wc, r, i, h, font=tebal, alignment=tengah, border=kotak)
    r += 1
    if kuant:  # the regulation numbers the columns (1)…(8) (form C.1.3 = B.1.5's columns)
        for i in range(1, nk + 1):
            _sel(wc, r, i, f"({i})" if i < nk else "", font=tebal, alignment=tengah, border=kotak)
        r += 1
    lr = dict(Rating.choices())
    for bagian, daftar in (("A. UTAMA", d["rhk_utama"]), ("B. TAMBAHAN", d["rhk_tambahan"])):
        gabung(wc, r, 1, nk, bagian, font=tebal, border=kotak)
        r += 1
        for b in daftar:
            x = b["rhk"]
            real = "; ".join(f"{angka(z.nilai)} {z.uraian or ''}".strip() for z in b["realisasi"])
            ub = "; ".join(u.uraian for u in b["umpan_balik"])
            for j, iki in enumerate(b["iki"] or [None]):
                if kuant:
                    vals = [
                        x.urutan if j == 0 else "",
                        (x.rhk_atasan.uraian if x.rhk_atasan else "") if j == 0 else "",
                        x.uraian if j == 0 else "",
                        label(iki.aspek, Aspek) if iki and iki.aspek else "",
                        iki.uraian if iki else "",
                        (
                            f"{angka_persis(iki.target_nilai)} {iki.target_satuan or ''}".strip()
                            if iki and iki.target_nilai is not None
                            else (iki.target_teks or "")
                            if iki
                            else ""
                        ),
                        real if j == 0 else "",
                        ub if j == 0 else "",
                        lr.get(b["rating"], "") if j == 0 else "",
                    ]
                else:
                    vals = [
                        x.urutan if j == 0 else "",
                        (x.uraian + (f" — {iki.uraian}" if iki else "")),
                        real if j == 0 else "",
                        ub if j == 0 else "",
                        lr.get(b["rating"], "") if j == 0 else "",
                    ]
                for i, v in enumerate(vals, 1):
                    _sel(wc, r, i, v, alignment=bungkus)
                r += 1
    r += 1
    gabung(wc, r, 1, nk, f"RATING HASIL KERJA*: {_lab(Rating, ev.rating_hasil_kerja)}", font=tebal)
    r += 2
    gabung(wc, r, 1, nk, "PERILAKU KERJA", font=tebal, alignment=tengah, border=kotak)
    r += 1
    for i, n in enumerate(d["perilaku"], 1):
        _sel(wc, r, 1, i)
        _sel(wc, r, 2, n["nama"] + "\n" + "\n".join(f"- {p}" for p in n["perilaku"]), alignment=bungkus)
        _sel(wc, r, 3, f"Ekspektasi Khusus Pimpinan: {n['ekspektasi'] or '-'}", alignment=bungkus)
        _sel(
            wc,
            r,
            4,
            "; ".join([u.uraian for u in n["umpan_balik"]] + ([n["catatan"]] if n["catatan"] else [])),
            alignment=bungkus,
        )
        r += 1
    r += 1
    gabung(wc, r, 1, nk, f"RATING PERILAKU KERJA*: {_lab(Rating, ev.rating_perilaku)}", font=tebal)
    r += 1
    gabung(wc, r, 1, nk, f"PREDIKAT KINERJA PEGAWAI*: {_lab(Predikat, ev.predikat)}", font=tebal)
    r += 2
    _sel(
        wc,
        r,
        1,
        "* Pilih salah satu  ** Rating hasil dan rating perilaku kerja pegawai ditetapkan dengan "
        "mempertimbangkan pola distribusi predikat Kinerja Pegawai berdasarkan capaian kinerja organisasi "
        "serta kontribusi Pegawai terhadap Kinerja Organisasi",
        font=Font(italic=True, size=9),
    )
    f = tempfile.TemporaryFile()
    wb.save(f)
    f.seek(0)
    return f


def nama_berkas(ev) -> str:
    return f"evaluasi-{ev.tahun}-{ev.jenis}-{ev.periode_nomor}-{ev.pegawai.nip}-{ev.format_dokumen}.xlsx"


def berkas_evaluasi(ev) -> tuple[str, bytes]:
    """The document of ``ev`` as a file (name, bytes): the supporting document uploaded to SIASN with the record."""
    f = xlsx_evaluasi(isi_dokumen(ev))
    try:
        return nama_berkas(ev), f.read()
    finally:
        f.close()
