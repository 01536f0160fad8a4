"""R6/R7/R15 — when an evaluation of a period may be made and signed (``app.rules.waktu_evaluasi``).

Sources: 001 Lampiran "Evaluasi Kinerja" 8 a)–b) (periodic each month/quarter; annual "setiap akhir Bulan
Desember tahun berjalan dan paling lama Bulan Januari tahun berikutnya"), 9–10 (the whole period is reviewed),
14 (contoh Purnama: an evaluator transferred inside the window still evaluates the old unit); 001 Pasal 23–24;
003 Pasal 22(2)–(3); 001 Lampiran "Tindak lanjut" 7–8. Dates counted by hand against the national calendar
(``holidays`` ID): 2026-12-25 Natal, 2022-08-17 Kemerdekaan.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules import (
    HARI_KERJA_AWAL_EVALUASI,
    daftar_periode,
    hari_kerja_terakhir,
    is_hari_kerja,
    periode_evaluasi,
    waktu_evaluasi,
)

TW4_2026 = periode_evaluasi(date(2026, 12, 4), "triwulanan")
TW3_2022 = periode_evaluasi(date(2022, 8, 25), "triwulanan")


def test_triwulan_iv_2026_tidak_pada_4_desember():
    # the walk-through case: a Q4 2026 evaluation created and signed on 4 December 2026
    assert HARI_KERJA_AWAL_EVALUASI == 5
    w = waktu_evaluasi(TW4_2026, date(2026, 12, 4))
    # 31, 30, 29, 28 | 25 Natal, 26–27 weekend | 24 → the 5th last working day
    assert not w.boleh and w.mulai == date(2026, 12, 24) and w.pengecualian is None
    assert "Triwulan IV 2026" in w.alasan and "24 Desember 2026" in w.alasan
    assert waktu_evaluasi(TW4_2026, date(2026, 12, 23)).boleh is False
    assert waktu_evaluasi(TW4_2026, date(2026, 12, 24)).boleh is True
    # after the period (the atasan path decides who signs; not this rule)
    assert waktu_evaluasi(TW4_2026, date(2027, 1, 15)).boleh is True


def test_tahunan_akhir_desember():
    # 001 "Evaluasi Kinerja" 8 b): end of December, at the latest January of the next year
    tahunan = periode_evaluasi(date(2026, 6, 1), "tahunan")
    assert waktu_evaluasi(tahunan, date(2026, 12, 4)).mulai == date(2026, 12, 24)
    assert "Tahun 2026" in waktu_evaluasi(tahunan, date(2026, 12, 4)).alasan
    assert waktu_evaluasi(tahunan, date(2027, 1, 31)).boleh


def test_cuti_bersama_dan_konfigurasi_instansi():
    cuti = [date(2026, 12, 24)]  # a cuti bersama Natal from hari_libur
    assert waktu_evaluasi(TW4_2026, date(2026, 12, 4), cuti_bersama=cuti).mulai == date(2026, 12, 23)
    # 0 = only after the period has ended; 1 = its last working day; 10 = two working weeks
    assert waktu_evaluasi(TW4_2026, date(2026, 12, 31), hari_kerja_awal=0).mulai == date(2027, 1, 1)
    assert waktu_evaluasi(TW4_2026, date(2026, 12, 31), hari_kerja_awal=1).mulai == date(2026, 12, 31)
    assert waktu_evaluasi(TW4_2026, date(2026, 12, 31), hari_kerja_awal=10).mulai == date(2026, 12, 17)
    for salah in (-1, 21, True, "5"):
        with pytest.raises(ValueError):
            waktu_evaluasi(TW4_2026, date(2026, 12, 31), hari_kerja_awal=salah)


def test_contoh_purnama_mutasi_25_september():
    # 001 "Evaluasi Kinerja" 14 b): transferred as of 25 September (inside the Q3 window) Purnama still
    # evaluates the old unit — before leaving: the 5th last working day up to 24 September 2022 (Sat) is 19 Sep
    assert waktu_evaluasi(TW3_2022, date(2022, 9, 20)).mulai == date(2022, 9, 26)
    w = waktu_evaluasi(TW3_2022, date(2022, 9, 20), tanggal_mutasi=date(2022, 9, 25))
    assert w.boleh and w.mulai == date(2022, 9, 19) and w.pengecualian == "mutasi terhitung 25 September 2022"
    assert not waktu_evaluasi(TW3_2022, date(2022, 9, 16), tanggal_mutasi=date(2022, 9, 25)).boleh
    # 0: from the transfer date itself
    assert waktu_evaluasi(
        TW3_2022, date(2022, 9, 25), hari_kerja_awal=0, tanggal_mutasi=date(2022, 9, 25)
    ).mulai == date(2022, 9, 25)
    # a transfer after the period changes nothing
    assert waktu_evaluasi(TW3_2022, date(2022, 9, 20), tanggal_mutasi=date(2022, 10, 3)).mulai == date(2022, 9, 26)


def test_pensiun_dan_akhir_kontrak_pppk():
    # retirement TMT 1 December 2026: last day 30 November → 30, 27, 26, 25, 24 November
    w = waktu_evaluasi(TW4_2026, date(2026, 12, 4), tanggal_pensiun=date(2026, 12, 1))
    assert w.boleh and w.mulai == date(2026, 11, 24) and w.pengecualian == "pensiun TMT 1 Desember 2026"
    # PPPK contract ending 15 December 2026 (its last day): 15, 14, 11, 10, 9 December
    w = waktu_evaluasi(TW4_2026, date(2026, 12, 4), akhir_kontrak=date(2026, 12, 15))
    assert not w.boleh and w.mulai == date(2026, 12, 9) and "9 Desember 2026" in w.alasan
    assert waktu_evaluasi(TW4_2026, date(2026, 12, 9), akhir_kontrak=date(2026, 12, 15)).boleh
    # several: the earliest end of service counts
    w = waktu_evaluasi(TW4_2026, date(2026, 12, 4), akhir_kontrak=date(2026, 12, 15), tanggal_pensiun=date(2026, 12, 1))
    assert w.mulai == date(2026, 11, 24) and w.pengecualian.startswith("pensiun")


def test_bulan_pendek_mulai_dari_awal_periode():
    # February 2024 has 19 working days (21 weekdays; 8 Isra Mi'raj, 14 Pemilu): N = 20 → from 1 February
    feb = periode_evaluasi(date(2024, 2, 10), "bulanan")
    assert waktu_evaluasi(feb, date(2024, 2, 1), hari_kerja_awal=20).mulai == date(2024, 2, 1)


def test_hari_kerja_terakhir():
    assert hari_kerja_terakhir(date(2022, 8, 19), 2) == date(2022, 8, 18)
    assert hari_kerja_terakhir(date(2022, 8, 18), 2) == date(2022, 8, 16)  # 17 August Kemerdekaan skipped
    with pytest.raises(ValueError):
        hari_kerja_terakhir(date(2022, 8, 18), 0)


@settings(max_examples=80, deadline=None)
@given(
    tahun=st.integers(2023, 2032),
    jenis=st.sampled_from(["bulanan", "triwulanan", "tahunan"]),
    nomor=st.integers(1, 12),
    n=st.integers(1, 20),
    geser=st.integers(-40, 40),
)
def test_sifat_mulai_di_akhir_periode_dan_monoton(tahun, jenis, nomor, n, geser):
    """The first allowed day lies in the period with exactly N working days from it to the end (a period with
    fewer working days: from its first day); once allowed, every later day is allowed (no gaps)."""
    semua = daftar_periode(tahun, jenis)
    p = semua[(nomor - 1) % len(semua)]
    w = waktu_evaluasi(p, p.akhir, hari_kerja_awal=n)
    assert p.mulai <= w.mulai <= p.akhir
    hari = [w.mulai + timedelta(days=i) for i in range((p.akhir - w.mulai).days + 1)]
    semua_hari = [p.mulai + timedelta(days=i) for i in range((p.akhir - p.mulai).days + 1)]
    assert sum(is_hari_kerja(d) for d in hari) == min(n, sum(is_hari_kerja(d) for d in semua_hari))
    assert is_hari_kerja(w.mulai) or w.mulai == p.mulai
    d = p.akhir + timedelta(days=geser)
    if waktu_evaluasi(p, d, hari_kerja_awal=n).boleh:
        assert waktu_evaluasi(p, d + timedelta(days=1), hari_kerja_awal=n).boleh
