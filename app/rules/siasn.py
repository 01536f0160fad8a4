"""Kapan hasil evaluasi dikirim ke platform tunggal ASN (SIASN) dan bentuk periodenya.

003 Pasal 36 ayat (4): aplikasi kinerja yang disiapkan instansi terintegrasi dengan sistem informasi ASN
(platform tunggal). Yang dikirim hanya hasil yang tidak dapat berubah lagi tanpa keputusan baru:

* hasil final sejak awal — dinilai atasan penilai karena penilai terlambat, atau oleh Kepala Daerah
  (R7/R15; 001 Lampiran "Evaluasi Kinerja" 11, 12 c dan e), sesudah pegawai menerima dokumennya;
* hasil yang keberatannya sudah diputuskan (001 Lampiran "Keberatan" 6–7: menguatkan, atau D.1.3 bila
  mengubah — yang kedua memperbarui rekaman yang sama, bukan rekaman kedua);
* hasil lain yang masa keberatannya (14 hari kerja sejak diterima; 001 Lampiran "Keberatan" 1–2) lewat
  tanpa keberatan.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .enums import JenisPeriode, StatusDokumen
from .evaluator import hasil_final
from .waktu import tenggat_pengajuan_keberatan

# 001 Lampiran "Evaluasi Kinerja" 5–7: bulan pertama dan terakhir setiap periode dalam setahun
_BULAN_PER_PERIODE = {
    JenisPeriode.BULANAN.value: 1,
    JenisPeriode.TRIWULANAN.value: 3,
    JenisPeriode.SEMESTERAN.value: 6,
    JenisPeriode.TAHUNAN.value: 12,
}

MAKS_PERCOBAAN = 8  # sesudahnya "gagal": operator memeriksa lalu "kirim ulang"
JEDA_AWAL = timedelta(minutes=1)
JEDA_MAKS = timedelta(hours=6)


# R7/R15 — 003 Pasal 36 (4); 001 Lampiran "Evaluasi Kinerja" 11–12, "Keberatan" 1–2, 6–7
def siap_dikirim(
    status_dokumen: StatusDokumen | str,
    dinilai_oleh_atasan_karena_terlambat: bool,
    dinilai_kepala_daerah: bool,
    tanggal_diterima: date | None,
    hari_ini: date,
    keberatan_diajukan: bool = False,
    cuti_bersama: Iterable[date] = (),
) -> bool:
    """Apakah hasil evaluasi ini sudah tetap sehingga dikirim ke SIASN."""
    status = StatusDokumen.coerce(status_dokumen)
    if status is StatusDokumen.FINAL:
        return True  # keberatan diputuskan, atau hasil final yang dikembalikan sesudah diterima
    if status not in (StatusDokumen.DITERIMA, StatusDokumen.DIKEMBALIKAN) or tanggal_diterima is None:
        return False  # belum diterima pegawai
    if hasil_final(dinilai_oleh_atasan_karena_terlambat, dinilai_kepala_daerah):
        return True
    if keberatan_diajukan:
        return False  # menunggu keputusan (status menjadi FINAL)
    return hari_ini > tenggat_pengajuan_keberatan(tanggal_diterima, cuti_bersama)


# R6 — 001 Lampiran "Evaluasi Kinerja" 5–7
def bulan_periode(jenis_periode: JenisPeriode | str, nomor: int) -> tuple[int, int]:
    """(bulan mulai, bulan selesai) periode ke-``nomor`` dalam setahun; tahunan = (1, 12)."""
    jenis = JenisPeriode.coerce(jenis_periode)
    panjang = _BULAN_PER_PERIODE.get(jenis.value)
    if panjang is None:
        raise ValueError(
            f"Periode {jenis.label} tidak dikirim ke SIASN (hanya bulanan, triwulanan, semesteran, tahunan)."
        )
    jumlah = 12 // panjang
    if not 1 <= nomor <= jumlah:
        raise ValueError(f"Nomor periode {jenis.label.lower()} harus 1–{jumlah}.")
    return (nomor - 1) * panjang + 1, nomor * panjang


def jeda_coba_lagi(percobaan: int) -> timedelta:
    """Jeda sebelum percobaan berikutnya sesudah gangguan sementara (5xx, waktu habis): berlipat dua, paling
    lama ``JEDA_MAKS``. ``percobaan`` = jumlah percobaan yang sudah gagal (≥ 1)."""
    if percobaan < 1:
        raise ValueError("percobaan dimulai dari 1")
    jeda: timedelta = JEDA_AWAL * (2 ** min(percobaan - 1, 20))
    return min(jeda, JEDA_MAKS)
