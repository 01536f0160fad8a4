"""R6 (periode) dan R7 (tenggat dalam hari kerja).

Hari kerja: Senin–Jumat, bukan hari libur nasional Indonesia (paket
``holidays``, negara "ID" — tidak ada kalender yang dipelihara tangan), dan bukan
cuti bersama. Cuti bersama ditetapkan tiap tahun oleh SKB Menteri dan diberikan
lewat parameter ``cuti_bersama`` (pengaturan per instansi).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from .enums import JenisPeriode

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def teks_tanggal(d: date) -> str:
    """A date in rule messages as everywhere on screen: "31 Januari 2026" (app/format.py builds on it)."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_ROMAWI = ("I", "II", "III", "IV")

# Periode evaluasi periodik yang boleh dipilih BKPSDM.
PERIODE_EVALUASI_PERIODIK = (JenisPeriode.BULANAN, JenisPeriode.TRIWULANAN)


@lru_cache(maxsize=64)
def _libur_nasional(tahun: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=tahun).keys())


# R7 — 001 Lampiran "Tindak lanjut" 5–10 ("hari kerja"); 003 Pasal 35
def is_hari_kerja(d: date, cuti_bersama: Iterable[date] = ()) -> bool:
    """Senin–Jumat, bukan libur nasional (``holidays`` ID), bukan cuti bersama."""
    if d.weekday() >= 5:
        return False
    if d in _libur_nasional(d.year):
        return False
    if not isinstance(cuti_bersama, (set, frozenset)):
        cuti_bersama = set(cuti_bersama)
    return d not in cuti_bersama


# R7 — 001 Lampiran "Tindak lanjut" 5–10; 003 Pasal 35 (tenggat dalam hari kerja)
def tenggat_hari_kerja(mulai: date, hari_kerja: int, cuti_bersama: Iterable[date] = ()) -> date:
    """Tanggal hari kerja ke-``hari_kerja`` sesudah ``mulai`` (hari ke-1 = hari kerja
    pertama sesudah ``mulai``; ``mulai`` sendiri tidak dihitung)."""
    if isinstance(hari_kerja, bool) or not isinstance(hari_kerja, int) or hari_kerja < 1:
        raise ValueError("Jumlah hari kerja harus bilangan bulat paling sedikit 1.")
    cuti = frozenset(cuti_bersama)
    d = mulai
    sisa = hari_kerja
    while sisa:
        d += timedelta(days=1)
        if is_hari_kerja(d, cuti):
            sisa -= 1
    return d


# R7 — 001 Lampiran "Tindak lanjut" 5 (disampaikan ≤ 14 hari kerja sejak ditandatangani)
def tenggat_penyampaian(tanggal_tanda_tangan: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(tanggal_tanda_tangan, 14, cuti_bersama)


# R7 — 001 Lampiran "Tindak lanjut" 6 (dikembalikan pegawai ≤ 14 hari kerja sejak diterima)
def tenggat_pengembalian(tanggal_terima: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(tanggal_terima, 14, cuti_bersama)


# R7 — 001 Lampiran "Tindak lanjut" 7 dan 10 (dilaporkan ke PyB ≤ 30 hari kerja sejak periode berakhir)
def tenggat_laporan_pyb(akhir_periode: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(akhir_periode, 30, cuti_bersama)


# R7 — 001 Lampiran "Tindak lanjut" 8 (atasan menandatangani ≤ 14 hari kerja sejak periode berakhir)
def tenggat_atasan_menilai(akhir_periode: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(akhir_periode, 14, cuti_bersama)


# R7 — 001 Lampiran "Tindak lanjut" 8 (dokumen atasan disampaikan ≤ 7 hari kerja sejak ditandatangani)
def tenggat_atasan_penyampaian(tanggal_tanda_tangan: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(tanggal_tanda_tangan, 7, cuti_bersama)


# R7 — 001 Lampiran "Tindak lanjut" 9 (dikembalikan kepada atasan ≤ 7 hari kerja sejak diterima)
def tenggat_atasan_pengembalian(tanggal_terima: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(tanggal_terima, 7, cuti_bersama)


HARI_KERJA_KEBERATAN = 14


# R7 — 001 Lampiran "Keberatan" 2; 003 Pasal 35 a (keberatan ≤ 14 hari kerja sejak dokumen diterima)
def tenggat_pengajuan_keberatan(tanggal_terima: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(tanggal_terima, HARI_KERJA_KEBERATAN, cuti_bersama)


# R7 — 001 Lampiran "Keberatan" 6; 003 Pasal 35 e (keputusan ≤ 7 hari kerja sejak keberatan diterima)
def tenggat_keputusan_keberatan(tanggal_pengajuan: date, cuti_bersama: Iterable[date] = ()) -> date:
    return tenggat_hari_kerja(tanggal_pengajuan, 7, cuti_bersama)


# R7 — 001 Lampiran "Keberatan" 2; 003 Pasal 35 a
def keberatan_tepat_waktu(tanggal_terima: date, tanggal_pengajuan: date, cuti_bersama: Iterable[date] = ()) -> bool:
    """Keberatan diajukan pada/ sesudah tanggal terima dan paling lambat hari kerja ke-14."""
    if tanggal_pengajuan < tanggal_terima:
        return False
    return tanggal_pengajuan <= tenggat_pengajuan_keberatan(tanggal_terima, cuti_bersama)


# R1/cycle — 001 Pasal 14(1); 001 Lampiran "Penetapan SKP" 3 (SKP ditetapkan paling lambat akhir Januari)
def tenggat_penetapan_skp(tahun: int, cuti_bersama: Iterable[date] = ()) -> date:
    """31 Januari tahun kinerja (tanggal kalender; ``cuti_bersama`` diterima demi
    keseragaman tanda tangan dan tidak memengaruhi hasil)."""
    return date(tahun, 1, 31)


# ---------------------------------------------------------------- R6 periode


@dataclass(frozen=True)
class Periode:
    jenis: JenisPeriode
    tahun: int
    nomor: int
    mulai: date
    akhir: date
    label: str

    def memuat(self, d: date) -> bool:
        return self.mulai <= d <= self.akhir


def _akhir_bulan(tahun: int, bulan: int) -> date:
    if bulan == 12:
        return date(tahun, 12, 31)
    return date(tahun, bulan + 1, 1) - timedelta(days=1)


def _periode_bulan(jenis: JenisPeriode, tahun: int, nomor: int, panjang: int, label: str) -> Periode:
    bulan_awal = (nomor - 1) * panjang + 1
    return Periode(
        jenis, tahun, nomor, date(tahun, bulan_awal, 1), _akhir_bulan(tahun, bulan_awal + panjang - 1), label
    )


def _buat_periode(jenis: JenisPeriode, tahun: int, nomor: int) -> Periode:
    if jenis is JenisPeriode.HARIAN:
        d = date(tahun, 1, 1) + timedelta(days=nomor - 1)
        return Periode(jenis, tahun, nomor, d, d, f"{d.day} {NAMA_BULAN[d.month - 1]} {d.year}")
    if jenis is JenisPeriode.MINGGUAN:
        senin = date.fromisocalendar(tahun, nomor, 1)
        return Periode(jenis, tahun, nomor, senin, senin + timedelta(days=6), f"Minggu ke-{nomor} {tahun}")
    if jenis is JenisPeriode.BULANAN:
        return _periode_bulan(jenis, tahun, nomor, 1, f"{NAMA_BULAN[nomor - 1]} {tahun}")
    if jenis is JenisPeriode.TRIWULANAN:
        return _periode_bulan(jenis, tahun, nomor, 3, f"Triwulan {_ROMAWI[nomor - 1]} {tahun}")
    if jenis is JenisPeriode.SEMESTERAN:
        return _periode_bulan(jenis, tahun, nomor, 6, f"Semester {_ROMAWI[nomor - 1]} {tahun}")
    return Periode(jenis, tahun, 1, date(tahun, 1, 1), date(tahun, 12, 31), f"Tahun {tahun}")


# R6 — 003 Pasal 14(3) (periode pendokumentasian); 001 Pasal 23(2), 003 Pasal 22(2) (periode evaluasi)
def periode_evaluasi(tanggal: date, jenis: JenisPeriode | str) -> Periode:
    """Periode (jenis apa pun) yang memuat ``tanggal``. Mingguan memakai minggu ISO
    (Senin–Minggu; ``tahun`` = tahun ISO)."""
    j = JenisPeriode.coerce(jenis)
    if j is JenisPeriode.HARIAN:
        nomor = tanggal.timetuple().tm_yday
        tahun = tanggal.year
    elif j is JenisPeriode.MINGGUAN:
        tahun, nomor, _ = tanggal.isocalendar()
    elif j is JenisPeriode.TAHUNAN:
        tahun, nomor = tanggal.year, 1
    else:
        panjang = {JenisPeriode.BULANAN: 1, JenisPeriode.TRIWULANAN: 3, JenisPeriode.SEMESTERAN: 6}[j]
        tahun, nomor = tanggal.year, (tanggal.month - 1) // panjang + 1
    return _buat_periode(j, tahun, nomor)


# R6 — 003 Pasal 14(3); 001 Pasal 23(2); 003 Pasal 22(2)
def daftar_periode(tahun: int, jenis: JenisPeriode | str) -> list[Periode]:
    """Semua periode suatu tahun (mingguan: minggu ISO tahun ISO itu)."""
    j = JenisPeriode.coerce(jenis)
    if j is JenisPeriode.HARIAN:
        n = (date(tahun, 12, 31) - date(tahun, 1, 1)).days + 1
    elif j is JenisPeriode.MINGGUAN:
        n = date(tahun, 12, 28).isocalendar()[1]
    else:
        n = {JenisPeriode.BULANAN: 12, JenisPeriode.TRIWULANAN: 4, JenisPeriode.SEMESTERAN: 2, JenisPeriode.TAHUNAN: 1}[
            j
        ]
    return [_buat_periode(j, tahun, i) for i in range(1, n + 1)]


# R6 — 003 Pasal 22(2)–(3) (BKPSDM memilih bulanan atau triwulanan); 001 Pasal 23(2) (bulanan)
def validasi_periode_evaluasi_periodik(jenis: JenisPeriode | str) -> JenisPeriode:
    """Pengaturan instansi: periode evaluasi periodik hanya bulanan atau triwulanan."""
    j = JenisPeriode.coerce(jenis)
    if j not in PERIODE_EVALUASI_PERIODIK:
        raise ValueError(f"Periode evaluasi periodik harus Bulanan atau Triwulanan, bukan {j.label}.")
    return j


def _semester_dari(tanggal: date) -> int:
    return 1 if tanggal.month <= 6 else 2


# R6 — 000 Pasal 10(1) (pemantauan paling kurang sekali setiap semester)
def semester(tanggal: date) -> int:
    """1 untuk Januari–Juni, 2 untuk Juli–Desember."""
    return _semester_dari(tanggal)


# R6 — 000 Pasal 10(1)
def sudah_dipantau_semester(tanggal_pantau: Iterable[date], tahun: int, semester: int) -> bool:
    """Apakah ada pemantauan pada semester ``semester`` (1/2) tahun ``tahun``."""
    if semester not in (1, 2):
        raise ValueError("Semester harus 1 atau 2.")
    return any(d.year == tahun and _semester_dari(d) == semester for d in tanggal_pantau)


@dataclass(frozen=True)
class Jendela:
    mulai: date
    akhir: date

    def memuat(self, d: date) -> bool:
        return self.mulai <= d <= self.akhir


# R6 — 001 Lampiran "Evaluasi Kinerja" 8 b) (akhir Desember, paling lama Januari tahun berikutnya)
def jendela_evaluasi_tahunan(tahun: int) -> Jendela:
    """1 Desember ``tahun`` s.d. 31 Januari ``tahun + 1`` (keputusan: "akhir Desember"
    dibaca sebagai bulan Desember)."""
    return Jendela(date(tahun, 12, 1), date(tahun + 1, 1, 31))


# R15 — 001 Lampiran "Evaluasi Kinerja" 14 (rentang waktu pelaksanaan evaluasi periodik; contoh Purnama)
def jendela_evaluasi_periodik(periode: Periode, cuti_bersama: Iterable[date] = ()) -> Jendela:
    """Rentang pelaksanaan evaluasi suatu periode: dari hari pertama bulan terakhir
    periode sampai tenggat atasan menilai (14 hari kerja sesudah periode berakhir).
    Periode tahunan: :func:`jendela_evaluasi_tahunan`. Keputusan tafsir: regulasi
    tidak memberi tanggal; contoh Purnama (triwulan III: 25 Agustus di luar,
    25 September di dalam) cocok dengan tafsir ini."""
    if periode.jenis is JenisPeriode.TAHUNAN:
        return jendela_evaluasi_tahunan(periode.tahun)
    mulai = date(periode.akhir.year, periode.akhir.month, 1)
    return Jendela(mulai, tenggat_atasan_menilai(periode.akhir, cuti_bersama))


# ------------------------------------------------- R6/R7 kapan evaluasi boleh dibuat dan ditandatangani

# Bawaan per instansi (``konfigurasi_periode.hari_kerja_awal_evaluasi``): evaluasi dibuat dan ditandatangani
# mulai hari kerja ke-5 terakhir periode — "akhir" periode dibaca sebagai pekan kerja terakhirnya.
HARI_KERJA_AWAL_EVALUASI = 5


# R6/R7 — 001 Lampiran "Evaluasi Kinerja" 8 b) ("akhir" periode dalam hari kerja; 001 "Tindak lanjut" 5–10)
def hari_kerja_terakhir(akhir: date, ke: int, cuti_bersama: Iterable[date] = ()) -> date:
    """Hari kerja ke-``ke`` terhitung mundur dari ``akhir`` (``akhir`` sendiri dihitung bila hari kerja)."""
    if isinstance(ke, bool) or not isinstance(ke, int) or ke < 1:
        raise ValueError("Jumlah hari kerja harus bilangan bulat paling sedikit 1.")
    cuti = frozenset(cuti_bersama)
    d = akhir
    sisa = ke
    while True:
        if is_hari_kerja(d, cuti):
            sisa -= 1
            if not sisa:
                return d
        d -= timedelta(days=1)


def _awal_dari_akhir(akhir: date, hari_kerja_awal: int, cuti: frozenset[date]) -> date:
    if hari_kerja_awal == 0:
        return akhir + timedelta(days=1)
    return hari_kerja_terakhir(akhir, hari_kerja_awal, cuti)


@dataclass(frozen=True)
class WaktuEvaluasi:
    """Keputusan :func:`waktu_evaluasi`: ``boleh`` pada tanggal itu, ``mulai`` = tanggal pertama yang
    diperbolehkan (sudah memperhitungkan pengecualian), ``alasan`` = pesan penolakan (kosong bila boleh),
    ``pengecualian`` = dasar bila evaluasi boleh sebelum akhir periode karena tugas pegawai/penilai berakhir."""

    boleh: bool
    mulai: date
    alasan: str
    pengecualian: str | None = None


# 001 Lampiran "Tindak lanjut" 7–8 (tenggat dihitung sejak jangka waktu evaluasi berakhir);
# R6/R7/R15 — 001 Lampiran "Evaluasi Kinerja" 8 a)–b), 9–10, 13–14; 001 Pasal 23–24; 003 Pasal 22(2)–(3)
def waktu_evaluasi(
    periode: Periode,
    tanggal: date,
    *,
    hari_kerja_awal: int = HARI_KERJA_AWAL_EVALUASI,
    cuti_bersama: Iterable[date] = (),
    tanggal_mutasi: date | None = None,
    tanggal_pensiun: date | None = None,
    akhir_kontrak: date | None = None,
) -> WaktuEvaluasi:
    """Apakah evaluasi periode ``periode`` boleh dibuat/ditandatangani pada ``tanggal``.

    Evaluasi menilai "keseluruhan hasil kerja dan perilaku kerja Pegawai selama" periode itu (001 Pasal 23–24;
    001 Lampiran "Evaluasi Kinerja" 9–10) dan dilakukan pada akhir periodenya — tahunan "setiap akhir Bulan
    Desember tahun berjalan dan paling lama Bulan Januari tahun berikutnya" (ibid. 8 b)); tenggat laporan dan
    atasan dihitung sejak jangka waktu evaluasi berakhir ("Tindak lanjut" 7–8). Keputusan tafsir (regulasi tidak
    memberi tanggal): boleh mulai hari kerja ke-``hari_kerja_awal`` terakhir periode (bawaan 5, per instansi;
    0 = sesudah periode berakhir). Batas akhirnya tidak diputuskan di sini: sesudah jangka waktu evaluasi
    atasan yang menilai (001 Lampiran "Evaluasi Kinerja" 11).

    Pengecualian (diberikan eksplisit; hanya berlaku bila jatuh di dalam periode) — tugas pada jabatan itu
    berakhir sebelum periode berakhir, maka evaluasi atas masa yang dijalani boleh dimulai dengan aturan yang
    sama terhadap hari terakhir bertugas:

    * ``tanggal_mutasi`` — terhitung tanggal SK mutasi (hari terakhir = sehari sebelumnya); contoh Purnama
      (001 Lampiran "Evaluasi Kinerja" 14 b): penilai yang pindah di dalam rentang evaluasi tetap menilai
      unit lama, jadi ia menilai sebelum pindah;
    * ``tanggal_pensiun`` — TMT pensiun (hari terakhir = sehari sebelumnya);
    * ``akhir_kontrak`` — tanggal berakhirnya perjanjian kerja PPPK (hari terakhir bertugas).
    """
    if isinstance(hari_kerja_awal, bool) or not isinstance(hari_kerja_awal, int) or not 0 <= hari_kerja_awal <= 20:
        raise ValueError("Awal evaluasi harus 0–20 hari kerja terakhir periode.")
    cuti = frozenset(cuti_bersama)
    # a short month (February, Lebaran) may have fewer working days than N: then from its first day
    mulai = max(_awal_dari_akhir(periode.akhir, hari_kerja_awal, cuti), periode.mulai)
    calon = []
    if tanggal_mutasi is not None:
        calon.append((tanggal_mutasi - timedelta(days=1), f"mutasi terhitung {teks_tanggal(tanggal_mutasi)}"))
    if tanggal_pensiun is not None:
        calon.append((tanggal_pensiun - timedelta(days=1), f"pensiun TMT {teks_tanggal(tanggal_pensiun)}"))
    if akhir_kontrak is not None:
        calon.append((akhir_kontrak, f"perjanjian kerja PPPK berakhir {teks_tanggal(akhir_kontrak)}"))
    pengecualian = None
    for akhir_tugas, sebab in sorted(calon):
        if not periode.mulai <= akhir_tugas < periode.akhir:
            continue
        awal = max(_awal_dari_akhir(akhir_tugas, hari_kerja_awal, cuti), periode.mulai)
        if awal < mulai:
            mulai, pengecualian = awal, sebab
    if tanggal >= mulai:
        return WaktuEvaluasi(True, mulai, "", pengecualian)
    return WaktuEvaluasi(
        False,
        mulai,
        f"Evaluasi {periode.label} baru dapat dibuat dan ditandatangani mulai {mulai.day} "
        f"{NAMA_BULAN[mulai.month - 1]} {mulai.year}: evaluasi dilakukan pada akhir periode, atas hasil kerja "
        'selama periode itu (001 Lampiran "Evaluasi Kinerja" 8–10).',
        pengecualian,
    )
