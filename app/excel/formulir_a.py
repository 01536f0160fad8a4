"""Official forms A.1.x as xlsx, laid out like the regulation's tables (001 Lampiran A).

A.1.1/A.1.2/A.1.6/A.1.7 (SKP) with A.1.8 (Lampiran SKP) on a second sheet, A.1.3 (Manual IKI, one sheet per
IKI) and A.1.5 (MPPH). The sheet builder is the one of the B forms (``app.excel.formulir_b.Formulir``: caption,
title, H, ID2, merged header cells, numbered columns, signature blocks, formula-injection-safe cells); this
module only places the A layouts on it. Data comes from ``app.queries.perencanaan`` (already scoped).
"""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from app.excel.formulir_b import KIRI, TENGAH, Formulir

# six physical columns for every SKP format: ID2 side by side needs them; narrower tables merge the rest
LEBAR_SKP = {
    "A.1.1": [6, 24, 44, 6, 24, 44],
    "A.1.6": [6, 24, 44, 6, 24, 44],
    "A.1.2": [6, 40, 40, 18, 22, 22],
    "A.1.7": [6, 36, 40, 14, 36, 20],
}
KEPALA_SKP = {
    "A.1.2": (["NO", "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET", ("PERSPEKTIF", 2)], True),
    "A.1.7": (
        [
            "NO",
            "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI*",
            "RENCANA HASIL KERJA",
            "ASPEK",
            "INDIKATOR KINERJA INDIVIDU",
            "TARGET",
        ],
        True,
    ),
    "A.1.1": (["NO", ("HASIL KERJA", 5)], False),  # qualitative: no numbered columns in the regulation
    "A.1.6": (["NO", ("HASIL KERJA", 5)], False),
}
F_EK = "Pimpinan dapat memberikan Ekspektasi khusus terhadap satu atau lebih aspek perilaku kerja Pegawai"
TINGKAT_KENDALI = (("outcome", "Outcome"), ("outcome_antara", "Outcome Antara"), ("output", "Output"))
PERIODE_PELAPORAN = (
    ("bulanan", "Bulanan"),
    ("triwulanan", "Triwulanan"),
    ("semesteran", "Semesteran"),
    ("tahunan", "Tahunan"),
)


def _lembar(f: Formulir, kode: str, lebar, judul_sheet: str | None = None) -> None:
    """Move the builder to a new sheet of the same workbook (A.1.8 beside the SKP, one A.1.3 per IKI)."""
    f.ws = f.wb.create_sheet((judul_sheet or kode.replace(".", "_"))[:31])
    f.kode, f.n, f.r = kode, len(lebar), 1
    for i, w in enumerate(lebar):
        f.ws.column_dimensions[get_column_letter(i + 1)].width = w
    f.ws.sheet_view.showGridLines = False
    f.ws.page_setup.paperSize = f.ws.PAPERSIZE_A4


def _gabung_turun(f: Formulir, awal: int, akhir: int, kolom) -> None:
    """One RHK, several IKI (A.1.2 "IKI 1.1 / 1.2"): merge the RHK's cells down its rows."""
    if akhir > awal:
        for k in kolom:
            f.ws.merge_cells(start_row=awal, start_column=k, end_row=akhir, end_column=k)


def _tanda_tangan(skp, tanda_tangan, instansi: str) -> list:
    """[Peg] · [PPK] (or the Kepala Daerah / the evaluator's superior, whoever signed the setting)."""
    tt = {t.peran: t for t in tanda_tangan}
    blok = [("Pegawai yang Dinilai", skp.pegawai_nama, skp.pegawai_nip, tt.get("pegawai"))]
    if skp.ditetapkan_kepala_daerah:
        blok.append(("Kepala Daerah (Pejabat Penilai Kinerja)", None, None, tt.get("kepala_daerah")))
    elif "atasan_penilai" in tt:
        blok.append(
            ("Atasan Pejabat Penilai Kinerja", skp.atasan_penilai_nama, skp.atasan_penilai_nip, tt["atasan_penilai"])
        )
    else:
        blok.append(("Pejabat Penilai Kinerja", skp.penilai_nama, skp.penilai_nip, tt.get("pejabat_penilai")))
    return blok


def xlsx_skp(
    skp,
    *,
    judul: str,
    instansi: str,
    daerah: str,
    rhk,
    perilaku,
    lampiran,
    tanda_tangan,
    label_aspek,
    label_perspektif,
    target_teks,
    judul_lampiran,
):
    fmt = skp.format_skp
    jpt, kuant = fmt in ("A.1.1", "A.1.2"), fmt in ("A.1.2", "A.1.7")
    f = Formulir(fmt, LEBAR_SKP[fmt])
    f.ws.title = fmt.replace(".", "")
    f.kepala(judul + (f" (VERSI {skp.versi_ke})" if skp.versi_ke > 1 else ""), instansi, skp.tahun)
    kanan = [skp.penilai_nama, skp.penilai_nip, skp.penilai_pangkat, skp.penilai_jabatan, skp.penilai_unit]
    if skp.ditetapkan_kepala_daerah and not skp.penilai_nama:
        kanan = ["KEPALA DAERAH", None, None, "Kepala Daerah", instansi]
    f.id2(
        [skp.pegawai_nama, skp.pegawai_nip, skp.pegawai_pangkat, skp.pegawai_jabatan, skp.pegawai_unit],
        kanan,
        nip_opsional=True,
    )
    kolom, nomor = KEPALA_SKP[fmt]
    f.kepala_tabel(kolom, nomor=nomor)
    for jenis, judul_bagian in (("utama", "A. UTAMA"), ("tambahan", "B. TAMBAHAN")):
        f.bagian(judul_bagian)
        bagian = [x for x in rhk if x.jenis == jenis]
        if not bagian:
            f.baris(["", ("—", f.n - 1)])
        for x in bagian:
            uraian = x.uraian + (f"\n(penugasan dari: {x.penugasan_dari})" if x.penugasan_dari else "")
            atasan = x.rhk_atasan.uraian if x.rhk_atasan is not None else ""
            if not kuant:
                teks = [f"RHK pimpinan yang diintervensi: {atasan or '(belum ditautkan)'}"] if not jpt else []
                teks += [
                    uraian,
                    "Ukuran keberhasilan/Indikator Kinerja Individu"
                    + (", Target, dan Perspektif:" if jpt else " dan Target:"),
                ]
                for i in x.iki:
                    t = f"- {i.uraian}: {target_teks(i)}"
                    if jpt and i.perspektif:
                        t += f" ({label_perspektif.get(i.perspektif, '')})"
                    teks.append(t)
                f.baris([x.urutan, ("\n".join(teks), 5)], tinggi=15 * (len(teks) + 1))
                continue
            awal = f.r
            for i in list(x.iki) or [None]:
                if jpt:
                    f.baris(
                        [
                            x.urutan,
                            uraian,
                            i.uraian if i else "",
                            target_teks(i),
                            (label_perspektif.get(i.perspektif, "") if i else "", 2),
                        ]
                    )
                else:
                    f.baris(
                        [
                            x.urutan,
                            atasan,
                            uraian,
                            label_aspek.get(i.aspek, "") if i else "",
                            i.uraian if i else "",
                            target_teks(i),
                        ]
                    )
            _gabung_turun(f, awal, f.r - 1, (1, 2) if jpt else (1, 2, 3))
    f.r += 1
    bintang = "**" if fmt == "A.1.7" else "*"
    f.bagian(f"PERILAKU KERJA{bintang}")
    for no, p in enumerate(perilaku, 1):
        teks = p["nama"] + "\n" + "\n".join(f"• {b}" for b in p["perilaku"])
        f.baris([no, (teks, 3), (f"Ekspektasi Khusus Pimpinan:\n{p['ekspektasi'] or ''}", 2)], tinggi=80)
    f.catatan(bintang + F_EK)
    f.ttd(_tanda_tangan(skp, tanda_tangan, instansi), tempat=daerah)

    # A.1.8 — part of the SKP: H, numbered free-text rows per section, [Peg] · [PPK]
    _lembar(f, "A.1.8", [6, 60, 6, 60], "A18 Lampiran")
    f.kepala("LAMPIRAN SASARAN KINERJA PEGAWAI", instansi, skp.tahun)
    for jenis, items in lampiran.items():
        f.bagian(judul_lampiran[jenis])
        for a in items or []:
            f.baris([a.urutan, (a.uraian, 3)], align=KIRI)
        if not items:
            f.baris(["", ("—", 3)])
    f.ttd(_tanda_tangan(skp, tanda_tangan, instansi), tempat=daerah)
    return f.simpan()


def _pilih(opsi, nilai) -> str:
    return "   ".join(f"({'✓' if v == nilai else ' '}) {label}" for v, label in opsi)


def xlsx_manual_iki(skp, *, instansi: str, rhk):
    """A.1.3 — one sheet per IKI of a JPT SKP (001 ~557): H only, rows ``label | value``; no ID2, no signatures."""
    daftar = [(x, i) for x in rhk for i in x.iki] or [(None, None)]
    f = None
    for x, i in daftar:
        nama = f"A13 IKI {x.urutan}.{i.urutan}" if i is not None else "A13"
        if f is None:
            f = Formulir("A.1.3", [30, 30, 70])
            f.ws.title = nama
        else:
            _lembar(f, "A.1.3", [30, 30, 70], nama)
        f.garis("FORMAT A.1.3", miring=True, align=Alignment(horizontal="left"))
        f.garis("MANUAL INDIKATOR KINERJA", tebal=True, align=TENGAH)
        f.garis("SKP PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI", tebal=True, align=TENGAH)
        f.garis((instansi or "(NAMA INSTANSI)").upper(), tebal=True, align=TENGAH)
        f.garis(f"PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN {skp.tahun}", align=TENGAH)
        f.r += 1
        g = (lambda a, i=i: getattr(i, a, None) or "") if i is not None else (lambda a: "")
        f.baris([("RENCANA HASIL KERJA", 2), x.uraian if x is not None else ""], tebal=False)
        f.baris([("UKURAN KEBERHASILAN/INDIKATOR KINERJA", 2), g("uraian")])
        f.baris([("TUJUAN", 2), g("tujuan")])
        awal = f.r
        f.baris(["DESKRIPSI", "Definisi", g("definisi")])
        f.baris(["", "Formula\n(opsional bagi pendekatan hasil kerja kualitatif)", g("formula")], tinggi=30)
        _gabung_turun(f, awal, f.r - 1, (1,))
        f.baris(
            [("SATUAN PENGUKURAN\n(opsional bagi pendekatan hasil kerja kualitatif)", 2), g("satuan_pengukuran")],
            tinggi=30,
        )
        f.baris([("KUALITAS DAN TINGKAT KENDALI", 2), _pilih(TINGKAT_KENDALI, g("tingkat_kendali"))])
        f.baris([("SUMBER DATA", 2), g("sumber_data")])
        f.baris([("PERIODE PELAPORAN", 2), _pilih(PERIODE_PELAPORAN, g("periode_pelaporan"))])
    return f.simpan()


def xlsx_mpph(skp, data: dict):
    """A.1.5 — leader's IKI × subordinates (001 ~576): no H, no signatures; one sub-column per IKI."""
    iki = data["iki"]
    k = max(1, len(iki))
    f = Formulir("A.1.5", [32, 32] + [36] * k)
    f.garis("FORMAT A.1.5", miring=True, align=Alignment(horizontal="left"))
    f.garis("MATRIKS PEMBAGIAN PERAN DAN HASIL", tebal=True, align=TENGAH)
    f.garis(f"TAHUN {skp.tahun}", align=TENGAH)
    f.r += 1
    f.baris(["PEGAWAI", "JABATAN", ("OUTCOME ANTARA/OUTPUT/LAYANAN", k)], tebal=True, align=TENGAH)
    f.baris(
        [skp.pegawai_nama, skp.pegawai_jabatan]
        + ([f"IKI {i['nomor']}: {i['uraian']}" for i in iki] or ["(SKP ini belum memiliki IKI)"]),
        tebal=True,
    )
    for b in data["baris"]:
        sel = ["\n".join(u for _id, u in s) if s else "TIDAK ADA PERAN" for s in b["sel"]] or [""]
        f.baris([b["nama"], b["jabatan"]] + sel)
    return f.simpan()
