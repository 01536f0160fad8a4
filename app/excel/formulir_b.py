"""Official forms B.1.1–B.1.10 as xlsx, laid out like the regulation's tables (000 Lampiran B–D).

Each sheet: the caption ``FORMAT B.1.x``, the title, the instansi and period (H), the identity tables of both
parties (ID2 — side by side when the table is wide enough, else stacked), the table with merged header cells
and numbered columns ``(1)…(n)`` where the format has them, and the signature blocks showing the in-app sign-off
(name, NIP, time and SHA-256) where there is one. User text is written through ``sel`` (formula injection:
``app.excel.tulis.berbahaya`` → a text cell), NIP cells are text with the ``@`` format.

Only layout lives here; the views fetch the rows through the user's scope and ``app.queries.pelaksanaan``
gathers the data.
"""

from __future__ import annotations

import tempfile
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from app.excel.tulis import FORMAT_TANGGAL, berbahaya
from app.format import waktu
from app.rules import Aspek, Perspektif

_TIPIS = Side(style="thin")
KOTAK = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
TENGAH = Alignment(horizontal="center", vertical="center", wrap_text=True)
KIRI = Alignment(horizontal="left", vertical="top", wrap_text=True)
TEBAL = Font(bold=True)
LABEL_ID = ("NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA")


class Formulir:
    """One form on one sheet; ``r`` is the next free row. Cells to write: plain values or ``(value, span)``."""

    def __init__(self, kode: str, lebar: Sequence[int]):
        self.kode = kode
        self.wb = Workbook()
        self.ws = self.wb.active
        self.ws.title = kode.replace(".", "_")
        self.n = len(lebar)
        self.r = 1
        for i, w in enumerate(lebar):
            self.ws.column_dimensions[get_column_letter(i + 1)].width = w

    # -- cells ------------------------------------------------------------------------------------------------
    def sel(self, baris: int, kolom: int, nilai: Any, *, tebal=False, align=KIRI, kotak=False, nip=False, miring=False):
        c = self.ws.cell(baris, kolom)
        c.value = nilai
        if berbahaya(nilai) or nip:
            c.data_type = "s"  # never a formula; NIP never a number
        if nip:
            c.number_format = "@"
        c.alignment = align
        if tebal or miring:
            c.font = Font(bold=tebal, italic=miring)
        if kotak:
            c.border = KOTAK
        return c

    def gabung(self, baris: int, dari: int, sampai: int, nilai: Any, **gaya):
        if sampai > dari:
            self.ws.merge_cells(start_row=baris, start_column=dari, end_row=baris, end_column=sampai)
            if gaya.get("kotak"):
                for k in range(dari + 1, sampai + 1):
                    self.ws.cell(baris, k).border = KOTAK
        return self.sel(baris, dari, nilai, **gaya)

    def garis(self, nilai: Any, **gaya) -> None:
        """A row merged across the whole width."""
        self.gabung(self.r, 1, self.n, nilai, **gaya)
        self.r += 1

    def baris(self, nilai: Iterable, *, tebal=False, align=KIRI, tinggi: int | None = None) -> None:
        k = 1
        for v in nilai:
            v, span = v if isinstance(v, tuple) else (v, 1)
            self.gabung(self.r, k, k + span - 1, v, tebal=tebal, align=align, kotak=True)
            k += span
        if tinggi:
            self.ws.row_dimensions[self.r].height = tinggi
        self.r += 1

    def bagian(self, teks: str) -> None:
        self.garis(teks, tebal=True, kotak=True)

    # -- shared blocks (the identity blocks of the official forms) ---------------------------------------------
    def kepala(
        self, judul: str, instansi: str | None = None, tahun: int | None = None, periode: str | None = None
    ) -> None:
        """Caption, title and H (instansi, PERIODE PENILAIAN); P (the chosen period) for B.1.3–B.1.5."""
        self.garis(f"FORMAT {self.kode}", miring=True, align=Alignment(horizontal="left"))
        self.garis(judul, tebal=True, align=TENGAH)
        if instansi is not None:
            self.garis((instansi or "(NAMA INSTANSI)").upper(), tebal=True, align=TENGAH)
        if tahun is not None:
            self.garis(f"PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN {tahun}", align=TENGAH)
        if periode:
            self.garis(f"PERIODE: {periode.upper()}", align=TENGAH)
        self.r += 1

    def id2(
        self, kiri: Sequence, kanan: Sequence, judul_kanan: str = "PEJABAT PENILAI KINERJA", nip_opsional: bool = False
    ) -> None:
        lab_kanan = ["NIP (*opsional)" if (x == "NIP" and nip_opsional) else x for x in LABEL_ID]
        if self.n >= 6:  # side by side, as printed
            h = self.n // 2
            r = self.r
            self.sel(r, 1, "NO", tebal=True, align=TENGAH, kotak=True)
            self.gabung(r, 2, h, "PEGAWAI YANG DINILAI", tebal=True, align=TENGAH, kotak=True)
            self.sel(r, h + 1, "NO", tebal=True, align=TENGAH, kotak=True)
            self.gabung(r, h + 2, self.n, judul_kanan, tebal=True, align=TENGAH, kotak=True)
            for i in range(5):
                rr = r + 1 + i
                self.sel(rr, 1, i + 1, align=TENGAH, kotak=True)
                self.gabung(rr, 2, h, f"{LABEL_ID[i]}: {kiri[i] or ''}", kotak=True, nip=i == 1)
                self.sel(rr, h + 1, i + 1, align=TENGAH, kotak=True)
                self.gabung(rr, h + 2, self.n, f"{lab_kanan[i]}: {kanan[i] or ''}", kotak=True, nip=i == 1)
            self.r = r + 7
            return
        for judul, nilai, label in (("PEGAWAI YANG DINILAI", kiri, LABEL_ID), (judul_kanan, kanan, lab_kanan)):
            self.sel(self.r, 1, "NO", tebal=True, align=TENGAH, kotak=True)
            self.gabung(self.r, 2, self.n, judul, tebal=True, align=TENGAH, kotak=True)
            self.r += 1
            for i in range(5):
                self.sel(self.r, 1, i + 1, align=TENGAH, kotak=True)
                self.sel(self.r, 2, label[i], kotak=True)
                self.gabung(self.r, 3, self.n, nilai[i] or "", kotak=True, nip=i == 1)
                self.r += 1
        self.r += 1

    def kepala_tabel(self, kolom: Sequence, nomor: bool = False) -> None:
        """Header cells (``(label, span)`` merges across columns); ``nomor`` adds the row ``(1) (2) …``."""
        self.baris(kolom, tebal=True, align=TENGAH)
        if nomor:
            spans = [(c[1] if isinstance(c, tuple) else 1) for c in kolom]
            self.baris([(f"({i})", s) for i, s in enumerate(spans, 1)], align=TENGAH)

    def ttd(self, blok: Sequence[tuple[str, str | None, str | None, Any]], tempat: str = "") -> None:
        """Signature blocks, first = left: (role, name, NIP, TandaTangan or None)."""
        self.r += 1
        self.gabung(
            self.r, 1, self.n, f"{tempat or '(tempat)'}, ....................", align=Alignment(horizontal="right")
        )
        self.r += 1
        lebar = max(1, self.n // len(blok))
        for i, (peran, nama, nip, tt) in enumerate(blok):
            a = 1 + i * lebar
            b = self.n if i == len(blok) - 1 else a + lebar - 1
            r = self.r
            self.gabung(r, a, b, peran, align=TENGAH)
            if tt is not None:
                self.gabung(
                    r + 1,
                    a,
                    b,
                    f"Ditandatangani secara elektronik {waktu(tt.waktu)}\nSHA-256 {tt.hash_sha256}",
                    align=TENGAH,
                )
                self.ws.row_dimensions[r + 1].height = 42
                nama, nip = tt.nama, tt.nip or nip
            else:
                self.ws.row_dimensions[r + 1].height = 42
            self.gabung(r + 2, a, b, nama or "(Nama)", tebal=True, align=TENGAH)
            self.gabung(r + 3, a, b, f"NIP {nip}" if nip else "(NIP)", align=TENGAH, nip=bool(nip))
        self.r += 4

    def catatan(self, teks: str) -> None:
        self.garis(teks, miring=True)

    def simpan(self):
        self.ws.sheet_view.showGridLines = False
        self.ws.page_setup.paperSize = self.ws.PAPERSIZE_A4
        self.ws.page_setup.fitToWidth = 1
        f = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)
        self.wb.save(f)
        f.seek(0)
        return f


def _daftar(items: Iterable[str]) -> str:
    return "\n".join(f"{i}. {t}" for i, t in enumerate(items, 1))


def identitas_skp(skp) -> tuple[list, list]:
    return (
        [skp.pegawai_nama, skp.pegawai_nip, skp.pegawai_pangkat, skp.pegawai_jabatan, skp.pegawai_unit],
        [skp.penilai_nama, skp.penilai_nip, skp.penilai_pangkat, skp.penilai_jabatan, skp.penilai_unit],
    )


def identitas_pegawai(p) -> list:
    return [
        p.nama_lengkap,
        p.nip,
        str(p.golongan) if p.golongan else "",
        p.jabatan.nama if p.jabatan else "",
        p.unit_kerja.nama_tampil if p.unit_kerja else "",
    ]


def _rhk_urut(skp) -> list:
    return sorted(skp.rhk, key=lambda x: (x.jenis != "utama", x.urutan))


def _blok_skp(skp, penanda: Sequence[str]) -> list:
    out = []
    if "pegawai" in penanda:
        out.append(("Pegawai yang Dinilai", skp.pegawai_nama, skp.pegawai_nip, None))
    if "pejabat_penilai" in penanda:
        out.append(("Pejabat Penilai Kinerja", skp.penilai_nama, skp.penilai_nip, None))
    return out


# -- B.1.1 rencana aksi, B.1.2 pendokumentasian ---------------------------------------------------------------


def b11(skp, rencana_aksi: dict, instansi: tuple[str, str], penanda: Sequence[str]):
    f = Formulir("B.1.1", [6, 60, 70])
    f.kepala("RENCANA AKSI", instansi[0], skp.tahun)
    f.id2(*identitas_skp(skp))
    f.kepala_tabel([("HASIL KERJA", 3)])
    for no, x in enumerate(_rhk_urut(skp), 1):
        aksi = [
            a.uraian + (f" (bulan {a.bulan})" if a.bulan else "") + (f" — target {a.target}" if a.target else "")
            for a in rencana_aksi.get(x.id, [])
        ]
        f.baris(
            [no, f"Rencana Hasil Kerja {no}: {x.uraian}", "Rencana Aksi:\n" + _daftar(aksi)],
            tinggi=max(30, 15 * (len(aksi) + 1)),
        )
    f.ttd(_blok_skp(skp, penanda), instansi[1])
    return f.simpan()


def b12(skp, rencana_aksi: dict, realisasi: dict, periode, instansi: tuple[str, str], teks_realisasi):
    f = Formulir("B.1.2", [6, 44, 44, 56])
    f.kepala("PENDOKUMENTASIAN KINERJA", instansi[0], skp.tahun, periode.label if periode else None)
    f.id2(*identitas_skp(skp))
    f.kepala_tabel([("HASIL KERJA", 4)])
    for no, x in enumerate(_rhk_urut(skp), 1):
        real = []
        for r in realisasi.get(x.id, []):
            t = teks_realisasi(r)
            bukti = "; ".join(b.nama_asli or b.url or "" for b in r.bukti)
            real.append(t + (f"; bukti: {bukti}" if bukti else ""))
        uraian = f"Rencana Hasil Kerja {no}: {x.uraian}"
        if x.diambil_alih:
            uraian += f"\nDiambil alih pimpinan: {x.catatan_ambil_alih or ''}"
        f.baris(
            [
                no,
                uraian,
                "Rencana Aksi:\n" + _daftar(a.uraian for a in rencana_aksi.get(x.id, [])),
                "Realisasi dan Bukti Dukung:\n" + _daftar(real),
            ],
            tinggi=max(30, 15 * (len(real) + 1)),
        )
    f.ttd(_blok_skp(skp, ("pegawai",)), instansi[1])
    return f.simpan()


# -- B.1.3–B.1.5 the feedback record ------------------------------------------------------------------------

UB_KOLOM = "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG"
REAL_KOLOM = "REALISASI BERDASARKAN BUKTI DUKUNG"


def rekam(skp, data: dict, instansi: tuple[str, str], target_teks, teks_realisasi, teks_umpan_balik):
    """B.1.3 (qualitative: no numbered columns), B.1.4 (JPT: (1)–(7)), B.1.5 (JA/JF: (1)–(8))."""

    kode = data["format"]
    if kode == "B.1.5":
        kolom = [
            "NO",
            "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
            "RENCANA HASIL KERJA",
            "ASPEK",
            "INDIKATOR KINERJA INDIVIDU",
            "TARGET",
            REAL_KOLOM,
            UB_KOLOM,
        ]
        lebar = [6, 30, 34, 14, 34, 16, 36, 44]
    elif kode == "B.1.4":
        kolom = [
            "NO",
            "RENCANA HASIL KERJA",
            "INDIKATOR KINERJA INDIVIDU",
            "TARGET",
            "PERSPEKTIF",
            REAL_KOLOM,
            UB_KOLOM,
        ]
        lebar = [6, 36, 36, 16, 18, 36, 44]
    else:
        kolom = ["HASIL KERJA", REAL_KOLOM, UB_KOLOM]
        lebar = [60, 44, 52]
    n = len(kolom)
    f = Formulir(kode, lebar)
    per = data["periode"]
    f.kepala(data["judul"], instansi[0], skp.tahun, per.label if per else "Akhir (Januari s.d. Desember)")
    f.id2(*identitas_skp(skp), nip_opsional=kode == "B.1.4")
    if kode != "B.1.3":
        f.kepala_tabel(kolom, nomor=True)
    for judul, daftar in (("A. UTAMA", data["utama"]), ("B. TAMBAHAN", data["tambahan"])):
        if kode == "B.1.3":
            f.kepala_tabel(kolom)
        f.bagian(judul)
        if not daftar:
            f.baris([("—", n)])
        for no, x in enumerate(daftar, 1):
            rhk = x["rhk"]
            uraian = rhk.uraian + (" [DIAMBIL ALIH PIMPINAN]" if rhk.diambil_alih else "")
            real = "\n".join(teks_realisasi(r) for r in x["realisasi"])
            ub = "\n".join(teks_umpan_balik(u) for u in x["umpan_balik"])
            tinggi = max(30, 15 * max(1, len(x["realisasi"]), len(x["umpan_balik"]), len(x["iki"])))
            if kode == "B.1.3":
                ukuran = "\n".join(f"- {i.uraian}: {target_teks(i)}" for i in x["iki"])
                f.baris([f"{no}. {uraian}\nUkuran keberhasilan dan Target:\n{ukuran}", real, ub], tinggi=tinggi)
                continue
            iki = x["iki"] or [None]
            awal = f.r
            for i in iki:
                if kode == "B.1.5":
                    atasan = rhk.rhk_atasan.uraian if getattr(rhk, "rhk_atasan", None) is not None else ""
                    vals = [
                        no,
                        atasan,
                        uraian,
                        Aspek(i.aspek).label if i and i.aspek else "",
                        i.uraian if i else "",
                        target_teks(i) if i else "",
                    ]
                else:
                    vals = [
                        no,
                        uraian,
                        i.uraian if i else "",
                        target_teks(i) if i else "",
                        Perspektif(i.perspektif).label if i and i.perspektif else "",
                    ]
                f.baris(vals + [real, ub], tinggi=tinggi)
            if f.r - awal > 1:  # one RHK, several IKI: merge the RHK, realisasi and feedback cells
                tetap = (1, 2, 3) if kode == "B.1.5" else (1, 2)
                for col in (*tetap, n - 1, n):
                    f.ws.merge_cells(start_row=awal, start_column=col, end_row=f.r - 1, end_column=col)
    f.r += 1
    # PK: value + behaviours | Ekspektasi Khusus Pimpinan | the feedback column (header per form)
    kiri = n - 3 if n >= 6 else 1  # B.1.4/B.1.5: the value over the RHK columns, Ekspektasi over two
    f.baris([("PERILAKU KERJA", kiri), ("", n - kiri - 1), UB_KOLOM], tebal=True, align=TENGAH)
    for no, p in enumerate(data["perilaku"], 1):
        teks = f"{no}. {p['nama']}\n" + "\n".join(f"- {b}" for b in p["perilaku"])
        ub = "\n".join(teks_umpan_balik(u) for u in p["umpan_balik"])
        f.baris([(teks, kiri), (f"Ekspektasi Khusus Pimpinan:\n{p['ekspektasi'] or ''}", n - kiri - 1), ub], tinggi=75)
    f.ttd(
        [
            ("Pegawai yang Dinilai", skp.pegawai_nama, skp.pegawai_nip, None),
            ("Pejabat Penilai Kinerja", skp.penilai_nama, skp.penilai_nip, None),
        ],
        instansi[1],
    )
    f.catatan(
        "* pilih salah satu (periode disesuaikan dengan periode evaluasi siklus pendek yang ditetapkan "
        "Instansi Pemerintah)"
    )
    return f.simpan()


# -- B.1.6–B.1.9 coaching and mentoring ----------------------------------------------------------------------

JUDUL_BIMBINGAN = {
    "B.1.6": "PELAKSANAAN COACHING",
    "B.1.7": "PELAKSANAAN MENTORING",
    "B.1.8": "UMPAN BALIK PELAKSANAAN BIMBINGAN KINERJA",
    "B.1.9": "EVALUASI KOMPETENSI PEGAWAI SEBAGAI TINDAK LANJUT BIMBINGAN KINERJA",
}
PIM = "Pimpinan/Pihak Lain yang Diberikan Penugasan Khusus"


def bimbingan(fmt: str, b, r: dict, tanda_tangan: dict, skala, instansi: tuple[str, str]):  # noqa: C901 — one official form B.1.6/B.1.7 laid out top to bottom, one branch per printed block
    """``tanda_tangan``: peran code → TandaTangan (B.1.6/B.1.7 sign-off of both parties)."""
    p, m = b.pegawai, b.pembimbing
    lebar = {"B.1.6": [36, 30, 26, 40], "B.1.7": [36, 26, 34, 34], "B.1.8": [34, 60, 40], "B.1.9": [6, 40, 16, 60]}[fmt]
    f = Formulir(fmt, lebar)
    skp = r.get("skp")
    kepala_h = fmt in ("B.1.6", "B.1.7")  # B.1.8/B.1.9 print no H (as the regulation prints them)
    f.kepala(JUDUL_BIMBINGAN[fmt], instansi[0] if kepala_h else None, skp.tahun if (kepala_h and skp) else None)
    f.id2(
        identitas_pegawai(p),
        identitas_pegawai(m),
        "PEJABAT PENILAI KINERJA" if fmt == "B.1.8" else "PIMPINAN/PIHAK LAIN YANG DIBERIKAN PENUGASAN KHUSUS",
    )

    def iki(x):
        return r["iki"][x.iki_id].uraian if x.iki_id in r["iki"] else (x.kolom_1 or "")

    if fmt == "B.1.6":
        f.bagian("TUJUAN: APA YANG INGIN SAYA CAPAI? (diisi oleh Pegawai)")
        f.kepala_tabel(
            ["INDIKATOR KINERJA INDIVIDU", "BASELINE TARGET (JIKA ADA)", "TARGET", "STRATEGI PENCAPAIAN TARGET"]
        )
        for x in r["tujuan"] or [None]:
            f.baris([iki(x), x.kolom_2, x.kolom_3, x.kolom_4] if x else ["", "", "", ""])
        f.bagian("FAKTA: DIMANA SAYA SEKARANG? (diisi oleh Pegawai)")
        f.kepala_tabel(["TARGET SKP", "PROGRES PENCAPAIAN TARGET", "MASALAH / HAMBATAN", "PENYEBAB"])
        for x in r["fakta"] or [None]:
            f.baris([x.kolom_1, x.kolom_2, x.kolom_3, x.kolom_4] if x else ["", "", "", ""])
        f.bagian("PELUANG: APA YANG DAPAT SAYA LAKUKAN? (diisi oleh Pegawai)")
        f.baris([(b.peluang or "", 4)], tinggi=45)
        f.bagian(
            "LANGKAH KEDEPAN: APA YANG AKAN SAYA LAKUKAN KE DEPAN? (rekomendasi pimpinan atau pihak lain yang "
            "diberikan penugasan khusus yang disepakati dengan pegawai)"
        )
        f.kepala_tabel(
            [
                "INDIKATOR KINERJA INDIVIDU",
                ("STRATEGI UNTUK MENGATASI MASALAH/HAMBATAN", 2),
                "PENYESUAIAN UKURAN KEBERHASILAN DAN TARGET (YA/TIDAK)*",
            ]
        )
        for x in r["langkah"] or [None]:
            f.baris([iki(x), (x.kolom_2, 2), "YA" if x.penyesuaian_target else "TIDAK"] if x else ["", ("", 2), ""])
        f.catatan("*Jika diperlukan penyesuaian indikator/target kinerja maka dilakukan perubahan SKP")
    elif fmt == "B.1.7":
        f.bagian("TUJUAN: APA YANG INGIN SAYA CAPAI DENGAN MENTORING? (diisi oleh Pegawai)")
        f.kepala_tabel(
            [
                "KEAHLIAN/KETERAMPILAN SPESIFIK YANG AKAN DIKEMBANGKAN",
                "JANGKA WAKTU MENTORING",
                "PERUBAHAN YANG DIHARAPKAN",
                "UKURAN KEBERHASILAN MENTORING",
            ]
        )
        f.baris([b.keahlian_dikembangkan, b.jangka_waktu, b.perubahan_diharapkan, b.ukuran_keberhasilan], tinggi=45)
        f.bagian("JURNAL MENTORING")
        f.kepala_tabel(["WAKTU DAN TEMPAT", "MATERI MENTORING", "RENCANA AKSI", "TARGET WAKTU RENCANA AKSI"])
        for j in r["jurnal"] or [None]:
            f.baris([j.waktu_tempat, j.materi, j.rencana_aksi, j.target_waktu] if j else ["", "", "", ""])
    elif fmt == "B.1.8":
        f.kepala_tabel(["SUBJEK", "KRITERIA", "UMPAN BALIK"])
        awal, subjek = f.r, None
        for q in r["pernyataan"]:
            if q.subjek != subjek and f.r - awal > 1:
                f.ws.merge_cells(start_row=awal, start_column=1, end_row=f.r - 1, end_column=1)
            if q.subjek != subjek:
                awal, subjek = f.r, q.subjek
            f.baris([q.subjek if f.r == awal else None, f"{q.nomor}. {q.uraian}", r["jawaban"].get(q.id, "")])
        if f.r - awal > 1:
            f.ws.merge_cells(start_row=awal, start_column=1, end_row=f.r - 1, end_column=1)
        f.ttd([("Pegawai yang Dinilai", p.nama_lengkap, p.nip, None)], instansi[1])
        return f.simpan()
    else:
        f.kepala_tabel(["NO", "KOMPETENSI PEGAWAI*", "NILAI (SKALA 1-5)", "ALASAN TERHADAP PENILAIAN KOMPETENSI"])
        for no, judul, daftar in (
            (1, "Manajerial", [k for k in r["kompetensi"] if k.kelompok == "manajerial"]),
            (2, "Sosio Kultural", [k for k in r["kompetensi"] if k.kelompok != "manajerial"]),
        ):
            f.baris([no, (judul, 3)], tebal=True)
            for kom in daftar:
                nk = r["nilai"].get(kom.id)
                f.baris(["", f"{kom.nomor}. {kom.nama}", nk.nilai if nk else None, nk.alasan if nk else None])
        f.baris([3, ("Teknis", 3)], tebal=True)
        for i, t in enumerate(r["teknis"] or [None], 1):
            f.baris(["", f"{i}. {t.kompetensi_teknis}", t.nilai, t.alasan] if t else ["", "1. …", None, None])
        f.baris([("REKOMENDASI", 4)], tebal=True)
        f.baris([(b.rekomendasi or "", 4)], tinggi=45)
        f.r += 1
        f.baris([("DESKRIPSI SKALA PENILAIAN", 4)], tebal=True, align=TENGAH)
        f.kepala_tabel(["NILAI", "LABEL", ("DESKRIPSI", 2)])
        for s in skala:
            f.baris([s.nilai, s.label, (s.deskripsi, 2)], tinggi=45)
        f.ttd([(PIM, m.nama_lengkap, m.nip, None)], instansi[1])
        return f.simpan()
    f.ttd(
        [
            ("Pegawai yang Dinilai", p.nama_lengkap, p.nip, tanda_tangan.get("pegawai")),
            (PIM, m.nama_lengkap, m.nip, tanda_tangan.get("pimpinan")),
        ],
        instansi[1],
    )
    return f.simpan()


# -- B.1.10 behaviour-problem report --------------------------------------------------------------------------


def b110(lap, bukti: Sequence, teks_umpan_balik, instansi: tuple[str, str]):
    f = Formulir("B.1.10", [6, 40, 40, 40])
    f.kepala("LAPORAN PERMASALAHAN PERILAKU KERJA")
    f.id2(identitas_pegawai(lap.pegawai), identitas_pegawai(lap.pelapor))
    f.bagian(
        "MASALAH: APA PERMASALAHAN PERILAKU KERJA PEGAWAI DIDASARKAN PADA NILAI DASAR ASN? "
        "(diisi oleh pejabat penilai kinerja)"
    )
    f.baris(
        [
            (
                (
                    "APAKAH ANDA MEMILIKI EKSPEKTASI KHUSUS TERHADAP YANG BERSANGKUTAN? JIKA YA, APA EKSPEKTASI "
                    "KHUSUS TERSEBUT?"
                ),
                4,
            )
        ],
        tebal=True,
    )
    f.baris([(lap.ekspektasi_khusus or "TIDAK", 4)], tinggi=45)
    f.baris(
        [
            (
                (
                    "JELASKAN SECARA DETIL PERMASALAHAN TERKAIT PERILAKU KERJA PEGAWAI YANG DIANGGAP MENGHAMBAT "
                    "KINERJA INDIVIDU, UNIT KERJA, DAN/ATAU TIM KERJA!"
                ),
                4,
            )
        ],
        tebal=True,
    )
    f.baris([(lap.permasalahan, 4)], tinggi=60)
    f.baris(
        [
            ("APAKAH PERMASALAHAN PERILAKU KERJA SERUPA JUGA TERJADI PADA PEGAWAI LAINNYA?", 3),
            "YA" if lap.terjadi_pada_pegawai_lain else "TIDAK",
        ],
        tebal=True,
    )
    f.bagian(
        "RETROSPEKTIF: APA YANG SUDAH ANDA LAKUKAN UNTUK PERBAIKAN PERILAKU KERJA PEGAWAI? "
        "(diisi oleh pejabat penilai kinerja)"
    )
    f.baris([("YANG SUDAH SAYA LAKUKAN UNTUK MEMPERBAIKI PERILAKU KERJA PEGAWAI ADALAH:", 4)], tebal=True)
    f.baris([(lap.retrospektif, 4)], tinggi=60)
    f.r += 1
    f.bagian("LAMPIRAN: BUKTI UMPAN BALIK")
    f.kepala_tabel(["NO", "TANGGAL", ("UMPAN BALIK", 2)])
    for i, u in enumerate(bukti or [None], 1):
        f.baris([i, u.tanggal, (teks_umpan_balik(u), 2)] if u else [None, None, ("—", 2)])
        if u:
            f.ws.cell(f.r - 1, 2).number_format = FORMAT_TANGGAL
    f.ttd([("Pejabat Penilai Kinerja", lap.pelapor.nama_lengkap, lap.pelapor.nip, None)], instansi[1])
    return f.simpan()
