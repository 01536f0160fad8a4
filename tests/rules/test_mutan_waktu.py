"""Collective leave (cuti bersama) *inside* every working-day window, and the first/last day of a window.

Source: 001 Lampiran "Tindak lanjut" 5–10 and "Keberatan" 2, 6; 003 Pasal 35 a, e — every
deadline is "paling lama N hari kerja sejak ..." (the day itself not counted; a collective
leave day is not a working day, so a leave day inside the window pushes the deadline one
working day later). 001 Lampiran "Evaluasi Kinerja" 8 b) / 14 for the evaluation windows.

Calendar used: 30 June 2026 (Tuesday, end of quarter II) — no national holiday from
1 July to 14 August 2026. Counting by hand from Wednesday 1 July:
7th working day = Thu 9 July, 14th = Mon 20 July, 30th = Tue 11 August.
Collective leave on Thu 2 July moves each one working day later.
"""

from datetime import date

import pytest

from app.rules import periode_evaluasi
from app.rules.waktu import (
    Jendela,
    jendela_evaluasi_periodik,
    jendela_evaluasi_tahunan,
    tenggat_atasan_menilai,
    tenggat_atasan_pengembalian,
    tenggat_atasan_penyampaian,
    tenggat_keputusan_keberatan,
    tenggat_laporan_pyb,
    tenggat_pengajuan_keberatan,
    tenggat_pengembalian,
    tenggat_penyampaian,
)

MULAI = date(2026, 6, 30)
CUTI = [date(2026, 7, 2)]

KASUS = [
    # (fungsi, kutipan regulasi, tanpa cuti, dengan cuti 2 Juli)
    (tenggat_penyampaian, '"Tindak lanjut" 5: paling lama 14 hari kerja sejak ditandatangani',
     date(2026, 7, 20), date(2026, 7, 21)),
    (tenggat_pengembalian, '"Tindak lanjut" 6: paling lama 14 hari kerja sejak tanggal diterimanya',
     date(2026, 7, 20), date(2026, 7, 21)),
    (tenggat_laporan_pyb, '"Tindak lanjut" 7/10: paling lama 30 hari kerja sejak jangka waktu evaluasi berakhir',
     date(2026, 8, 11), date(2026, 8, 12)),
    (tenggat_atasan_menilai, '"Tindak lanjut" 8: paling lama 14 hari kerja sejak jangka waktu evaluasi berakhir',
     date(2026, 7, 20), date(2026, 7, 21)),
    (tenggat_atasan_penyampaian, '"Tindak lanjut" 8: paling lama 7 hari kerja sejak ditandatangani',
     date(2026, 7, 9), date(2026, 7, 10)),
    (tenggat_atasan_pengembalian, '"Tindak lanjut" 9: paling lama 7 hari kerja sejak tanggal diterimanya',
     date(2026, 7, 9), date(2026, 7, 10)),
    (tenggat_pengajuan_keberatan, '"Keberatan" 2; 003 Pasal 35 a: paling lama 14 hari kerja sejak diterimanya',
     date(2026, 7, 20), date(2026, 7, 21)),
    (tenggat_keputusan_keberatan, '"Keberatan" 6; 003 Pasal 35 e: paling lama 7 hari kerja sejak pengajuan diterima',
     date(2026, 7, 9), date(2026, 7, 10)),
]


@pytest.mark.parametrize("fungsi,kutipan,tanpa,dengan", KASUS, ids=[k[0].__name__ for k in KASUS])
def test_cuti_bersama_di_dalam_rentang_menggeser_tenggat(fungsi, kutipan, tanpa, dengan):
    assert fungsi(MULAI) == tanpa, kutipan
    assert fungsi(MULAI, CUTI) == dengan, kutipan
    # cuti bersama di luar rentang (sesudah tenggat) tidak menggeser apa pun
    assert fungsi(MULAI, [date(2026, 8, 20)]) == tanpa, kutipan


def test_jendela_memuat_hari_pertama_dan_terakhir():
    j = Jendela(date(2026, 6, 1), date(2026, 7, 20))
    assert j.memuat(date(2026, 6, 1)) and j.memuat(date(2026, 7, 20))
    assert not j.memuat(date(2026, 5, 31)) and not j.memuat(date(2026, 7, 21))


def test_jendela_tahunan_akhir_desember_paling_lama_januari():
    # 001 "Evaluasi Kinerja" 8 b): "akhir Desember ... paling lama Bulan Januari tahun berikutnya".
    j = jendela_evaluasi_tahunan(2025)
    assert j.memuat(date(2025, 12, 1)) and j.memuat(date(2026, 1, 31))
    assert not j.memuat(date(2025, 11, 30)) and not j.memuat(date(2026, 2, 1))


def test_jendela_periodik_diperpanjang_cuti_bersama():
    # Rentang evaluasi periodik berakhir pada tenggat atasan menilai ("Tindak lanjut" 8) — cuti bersama
    # di dalamnya memperpanjang rentang satu hari kerja.
    tw2 = periode_evaluasi(date(2026, 5, 15), "triwulanan")
    assert jendela_evaluasi_periodik(tw2) == Jendela(date(2026, 6, 1), date(2026, 7, 20))
    assert jendela_evaluasi_periodik(tw2, CUTI) == Jendela(date(2026, 6, 1), date(2026, 7, 21))
