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
    (
        tenggat_penyampaian,
        '"Tindak lanjut" 5: paling lama 14 hari kerja sejak ditandatangani',
        date(2026, 7, 20),
        date(2026, 7, 21),
    ),
    (
        tenggat_pengembalian,
        '"Tindak lanjut" 6: paling lama 14 hari kerja sejak tanggal diterimanya',
        date(2026, 7, 20),
        date(2026, 7, 21),
    ),
    (
        tenggat_laporan_pyb,
        '"Tindak lanjut" 7/10: paling lama 30 hari kerja sejak jangka waktu evaluasi berakhir',
        date(2026, 8, 11),
        date(2026, 8, 12),
    ),
    (
        tenggat_atasan_menilai,
        '"Tindak lanjut" 8: paling lama 14 hari kerja sejak jangka waktu evaluasi berakhir',
        date(2026, 7, 20),
        date(2026, 7, 21),
    ),
    (
        tenggat_atasan_penyampaian,
        '"Tindak lanjut" 8: paling lama 7 hari kerja sejak ditandatangani',
        date(2026, 7, 9),
        date(2026, 7, 10),
    ),
    (
        tenggat_atasan_pengembalian,
        '"Tindak lanjut" 9: paling lama 7 hari kerja sejak tanggal diterimanya',
        date(2026, 7, 9),
        date(2026, 7, 10),
    ),
    (
        tenggat_pengajuan_keberatan,
        '"Keberatan" 2; 003 Pasal 35 a: paling lama 14 hari kerja sejak diterimanya',
        date(2026, 7, 20),
        date(2026, 7, 21),
    ),
    (
        tenggat_keputusan_keberatan,
        '"Keberatan" 6; 003 Pasal 35 e: paling lama 7 hari kerja sejak pengajuan diterima',
        date(2026, 7, 9),
        date(2026, 7, 10),
    ),
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


# --- Periode: 003 Pasal 14(3); 001 Pasal 23(2); 003 Pasal 22(2) -------------------------------------


@pytest.mark.parametrize("jenis", ["harian", "mingguan", "bulanan", "triwulanan", "semesteran", "tahunan"])
def test_periode_membawa_jenis_dan_tahun(jenis):
    from app.rules.enums import JenisPeriode

    p = periode_evaluasi(date(2026, 8, 12), jenis)
    assert p.jenis is JenisPeriode.coerce(jenis) and p.tahun == 2026 and p.memuat(date(2026, 8, 12))


# --- waktu_evaluasi: 001 Lampiran "Evaluasi Kinerja" 8–10, 14 b) (pengecualian tugas berakhir) ---------


def _tw3():
    return periode_evaluasi(date(2026, 8, 1), "triwulanan")  # 1 Juli – 30 September 2026


def test_waktu_evaluasi_boleh_tanpa_alasan():
    from app.rules import waktu_evaluasi

    w = waktu_evaluasi(_tw3(), date(2026, 10, 5))
    assert (w.boleh, w.alasan, w.pengecualian) == (True, "", None)


def test_tugas_berakhir_pada_hari_pertama_periode():
    # mutasi terhitung 2 Juli: hari terakhir bertugas 1 Juli = hari pertama periode, masih "di dalam periode".
    from app.rules import waktu_evaluasi

    w = waktu_evaluasi(_tw3(), date(2026, 7, 1), tanggal_mutasi=date(2026, 7, 2))
    assert w.boleh and w.mulai == date(2026, 7, 1) and "mutasi" in w.pengecualian


def test_pengecualian_di_luar_periode_tidak_menghentikan_yang_lain():
    # kontrak yang berakhir sebelum periode tidak berlaku, tetapi pensiun di dalam periode tetap berlaku.
    from app.rules import waktu_evaluasi

    w = waktu_evaluasi(_tw3(), date(2026, 8, 14), akhir_kontrak=date(2026, 6, 15), tanggal_pensiun=date(2026, 8, 1))
    assert w.boleh and "pensiun" in w.pengecualian


def test_pengecualian_hanya_bila_memajukan_awal():
    # Periode Mei 2026 berakhir Minggu 31 Mei; kontrak berakhir Jumat 29 Mei memberi awal yang sama,
    # jadi tidak ada pengecualian yang dicatat.
    from app.rules import waktu_evaluasi

    mei = periode_evaluasi(date(2026, 5, 10), "bulanan")
    biasa = waktu_evaluasi(mei, date(2026, 5, 1))
    w = waktu_evaluasi(mei, date(2026, 5, 1), akhir_kontrak=date(2026, 5, 29))
    assert w.mulai == biasa.mulai and w.pengecualian is None


def test_ditolak_tetap_menyebut_pengecualian():
    from app.rules import waktu_evaluasi

    w = waktu_evaluasi(_tw3(), date(2026, 7, 1), tanggal_mutasi=date(2026, 8, 17))
    assert not w.boleh and w.pengecualian and "mutasi" in w.pengecualian


@pytest.mark.parametrize("ke", [True, 2.5, 0])
def test_hari_kerja_terakhir_bilangan_bulat(ke):
    from app.rules import hari_kerja_terakhir

    with pytest.raises(ValueError):
        hari_kerja_terakhir(date(2026, 6, 30), ke)
