"""R6 periods and R7 working-day deadlines.
Sources: 001 Lampiran "Tindak lanjut" 5–10 and "Keberatan" 2, 6 (hari kerja); 003 Pasal 35;
001 Pasal 14(1) (SKP by end of January); 001 Pasal 23(2) (Sumedang: monthly);
003 Pasal 22(2) (Tanah Laut: monthly or quarterly); 003 Pasal 14(3) (documentation periods);
000 Pasal 10(1) (monitoring at least once per semester); 001 "Evaluasi Kinerja" 8 b).
Holidays come from the `holidays` package (ID); expected dates below were counted by hand
against the national calendar: 2025-05-12 Waisak, 2025-05-29 Kenaikan, 2026-01-01,
2026-01-16 Isra Mi'raj, 2026-02-17 Imlek, 2026-03-19 Nyepi, 2026-04-03 Jumat Agung."""

from datetime import date

import pytest

from app.rules import (
    JenisPeriode,
    daftar_periode,
    is_hari_kerja,
    jendela_evaluasi_periodik,
    jendela_evaluasi_tahunan,
    keberatan_tepat_waktu,
    periode_evaluasi,
    semester,
    sudah_dipantau_semester,
    tenggat_atasan_menilai,
    tenggat_atasan_pengembalian,
    tenggat_atasan_penyampaian,
    tenggat_hari_kerja,
    tenggat_keputusan_keberatan,
    tenggat_laporan_pyb,
    tenggat_penetapan_skp,
    tenggat_pengajuan_keberatan,
    tenggat_pengembalian,
    tenggat_penyampaian,
    validasi_periode_evaluasi_periodik,
)


def test_hari_kerja_libur_nasional_dan_akhir_pekan():
    # 001 Lampiran "Tindak lanjut" 5: "hari kerja" — weekends and national holidays excluded
    assert not is_hari_kerja(date(2026, 8, 17))  # HUT RI, Senin
    assert is_hari_kerja(date(2026, 8, 18))
    assert not is_hari_kerja(date(2026, 8, 15))  # Sabtu
    assert not is_hari_kerja(date(2026, 3, 19))  # Nyepi
    # cuti bersama is configurable (list or set)
    assert not is_hari_kerja(date(2026, 8, 18), [date(2026, 8, 18)])
    assert not is_hari_kerja(date(2026, 8, 18), {date(2026, 8, 18)})


def test_tenggat_penyampaian_14_hari_kerja():
    # 001 Lampiran "Tindak lanjut" 5: disampaikan paling lama 14 hari kerja sejak ditandatangani
    # signed Fri 13 Mar 2026; Nyepi (19 Mar) and Jumat Agung (3 Apr) skipped → Mon 6 Apr
    assert tenggat_penyampaian(date(2026, 3, 13)) == date(2026, 4, 6)


def test_tenggat_dengan_cuti_bersama():
    # same case with three collective-leave days set per instansi → three working days later
    cuti = [date(2026, 3, 20), date(2026, 3, 23), date(2026, 3, 24)]
    assert tenggat_penyampaian(date(2026, 3, 13), cuti) == date(2026, 4, 9)


def test_tenggat_pengembalian_14_hari_kerja():
    # 001 Lampiran "Tindak lanjut" 6: pegawai mengembalikan paling lama 14 hari kerja sejak diterima
    # received Fri 9 May 2025; Waisak (12 May) and Kenaikan (29 May) skipped → Mon 2 Jun 2025
    assert tenggat_pengembalian(date(2025, 5, 9)) == date(2025, 6, 2)


def test_tenggat_laporan_pyb_30_hari_kerja():
    # 001 Lampiran "Tindak lanjut" 7: dilaporkan ke PyB paling lama 30 hari kerja sejak periode berakhir
    # annual period 2025 ends Wed 31 Dec; 1 Jan and 16 Jan 2026 are holidays → Fri 13 Feb 2026
    assert tenggat_laporan_pyb(date(2025, 12, 31)) == date(2026, 2, 13)


def test_tenggat_atasan_14_7_7():
    # 001 Lampiran "Tindak lanjut" 8–9: atasan signs ≤ 14 hari kerja after the period ends,
    # delivers ≤ 7 hari kerja after signing, employee returns ≤ 7 hari kerja after receipt
    ttd = tenggat_atasan_menilai(date(2025, 12, 31))
    assert ttd == date(2026, 1, 22)
    sampai = tenggat_atasan_penyampaian(ttd)
    assert sampai == date(2026, 2, 2)
    assert tenggat_atasan_pengembalian(sampai) == date(2026, 2, 11)


def test_tenggat_keberatan_14_dan_7():
    # 001 Lampiran "Keberatan" 2 (≤ 14 hari kerja sejak diterima) and 6 (keputusan ≤ 7 hari kerja);
    # 003 Pasal 35 a, e. Imlek (17 Feb 2026) skipped.
    assert tenggat_pengajuan_keberatan(date(2026, 2, 11)) == date(2026, 3, 4)
    assert tenggat_keputusan_keberatan(date(2026, 3, 4)) == date(2026, 3, 13)


def test_keberatan_tepat_waktu():
    # 001 Lampiran "Keberatan" 2
    assert keberatan_tepat_waktu(date(2026, 2, 11), date(2026, 2, 11))
    assert keberatan_tepat_waktu(date(2026, 2, 11), date(2026, 3, 4))
    assert not keberatan_tepat_waktu(date(2026, 2, 11), date(2026, 3, 5))
    assert not keberatan_tepat_waktu(date(2026, 2, 11), date(2026, 2, 10))
    assert keberatan_tepat_waktu(date(2026, 2, 11), date(2026, 3, 5), cuti_bersama=[date(2026, 2, 16)])


def test_hari_pertama_adalah_hari_kerja_sesudah_mulai():
    # day 1 = first working day after `mulai` (Friday → Monday)
    assert tenggat_hari_kerja(date(2026, 8, 14), 1) == date(2026, 8, 18)  # Mon 17 Aug is HUT RI


@pytest.mark.parametrize("n", [0, -1, 1.5, True, "3"])
def test_hari_kerja_tidak_valid(n):
    with pytest.raises(ValueError, match="paling sedikit 1"):
        tenggat_hari_kerja(date(2026, 1, 2), n)


def test_tenggat_penetapan_skp_akhir_januari():
    # 001 Pasal 14(1): SKP ditetapkan paling lambat akhir bulan Januari
    assert tenggat_penetapan_skp(2026) == date(2026, 1, 31)
    assert tenggat_penetapan_skp(2026, cuti_bersama=[date(2026, 1, 30)]) == date(2026, 1, 31)


# ---------------------------------------------------------------- R6
@pytest.mark.parametrize(
    "tanggal,jenis,label,mulai,akhir,nomor",
    [
        (date(2026, 2, 15), "bulanan", "Februari 2026", date(2026, 2, 1), date(2026, 2, 28), 2),
        (date(2026, 12, 5), JenisPeriode.BULANAN, "Desember 2026", date(2026, 12, 1), date(2026, 12, 31), 12),
        (date(2026, 8, 25), "triwulanan", "Triwulan III 2026", date(2026, 7, 1), date(2026, 9, 30), 3),
        (date(2026, 7, 1), "semesteran", "Semester II 2026", date(2026, 7, 1), date(2026, 12, 31), 2),
        (date(2026, 3, 9), "tahunan", "Tahun 2026", date(2026, 1, 1), date(2026, 12, 31), 1),
        (date(2026, 3, 5), "harian", "5 Maret 2026", date(2026, 3, 5), date(2026, 3, 5), 64),
        (date(2026, 1, 1), "mingguan", "Minggu ke-1 2026", date(2025, 12, 29), date(2026, 1, 4), 1),
    ],
)
def test_periode(tanggal, jenis, label, mulai, akhir, nomor):
    # 003 Pasal 14(3): harian/mingguan/bulanan/triwulanan/semesteran/tahunan
    p = periode_evaluasi(tanggal, jenis)
    assert (p.label, p.mulai, p.akhir, p.nomor) == (label, mulai, akhir, nomor)
    assert p.memuat(tanggal) and not p.memuat(date(1999, 1, 1))


@pytest.mark.parametrize(
    "tahun,jenis,n",
    [
        (2026, "bulanan", 12),
        (2026, "triwulanan", 4),
        (2026, "semesteran", 2),
        (2026, "tahunan", 1),
        (2024, "harian", 366),
        (2026, "harian", 365),
        (2026, "mingguan", 53),
        (2025, "mingguan", 52),
    ],
)
def test_daftar_periode_berurutan_tanpa_celah(tahun, jenis, n):
    ps = daftar_periode(tahun, jenis)
    assert len(ps) == n and [p.nomor for p in ps] == list(range(1, n + 1))
    for a, b in zip(ps, ps[1:]):
        assert (b.mulai - a.akhir).days == 1


def test_pengaturan_periode_evaluasi_periodik_bulanan_atau_triwulanan():
    # 001 Pasal 23(2) (Sumedang: bulanan) vs 003 Pasal 22(2)–(3) (Tanah Laut: BKPSDM memilih)
    assert validasi_periode_evaluasi_periodik("bulanan") is JenisPeriode.BULANAN
    assert validasi_periode_evaluasi_periodik("triwulanan") is JenisPeriode.TRIWULANAN
    with pytest.raises(ValueError, match="Bulanan atau Triwulanan"):
        validasi_periode_evaluasi_periodik("semesteran")
    # the same date falls in a different evaluation period, with a different PyB deadline
    bulanan = periode_evaluasi(date(2026, 8, 25), validasi_periode_evaluasi_periodik("bulanan"))
    triwulanan = periode_evaluasi(date(2026, 8, 25), validasi_periode_evaluasi_periodik("triwulanan"))
    assert bulanan.label == "Agustus 2026" and triwulanan.label == "Triwulan III 2026"
    assert tenggat_laporan_pyb(bulanan.akhir) < tenggat_laporan_pyb(triwulanan.akhir)


def test_pemantauan_setiap_semester():
    # 000 Pasal 10(1): pemantauan paling kurang 1 kali dalam setiap semester
    assert semester(date(2026, 6, 30)) == 1 and semester(date(2026, 7, 1)) == 2
    pantau = [date(2026, 3, 2), date(2025, 9, 1)]
    assert sudah_dipantau_semester(pantau, 2026, 1)
    assert not sudah_dipantau_semester(pantau, 2026, 2)
    assert sudah_dipantau_semester(iter(pantau), tahun=2025, semester=2)
    with pytest.raises(ValueError, match="Semester"):
        sudah_dipantau_semester(pantau, 2026, 3)


def test_jendela_evaluasi_tahunan():
    # 001 "Evaluasi Kinerja" 8 b): akhir Desember, paling lama Januari tahun berikutnya
    j = jendela_evaluasi_tahunan(2025)
    assert (j.mulai, j.akhir) == (date(2025, 12, 1), date(2026, 1, 31))
    assert j.memuat(date(2026, 1, 31)) and not j.memuat(date(2026, 2, 1))
    assert jendela_evaluasi_periodik(periode_evaluasi(date(2025, 5, 1), "tahunan")) == j


def test_jendela_evaluasi_periodik():
    # 001 "Evaluasi Kinerja" 14 (rentang waktu pelaksanaan evaluasi periodik)
    j = jendela_evaluasi_periodik(periode_evaluasi(date(2022, 8, 25), "triwulanan"))
    assert j.mulai == date(2022, 9, 1) and j.akhir == tenggat_atasan_menilai(date(2022, 9, 30))
