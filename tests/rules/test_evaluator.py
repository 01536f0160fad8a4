"""R15 who evaluates — 001 Lampiran "Evaluasi Kinerja" 2–3, 7, 11–14, with the regulation's
own examples (Sari, angka 13; Purnama, angka 14) — and finality/objections (R7)."""

from datetime import date

import pytest

from app.rules import (
    JenisPenilai,
    boleh_keberatan,
    cek_keberatan,
    format_dokumen_evaluasi,
    hasil_final,
    penilai_berwenang,
    periode_evaluasi,
)

# Purnama: Direktorat A, evaluasi siklus pendek triwulanan (001 "Evaluasi Kinerja" 14, contoh)
TW3_2022 = periode_evaluasi(date(2022, 8, 1), "triwulanan")


def test_purnama_pindah_25_agustus_tidak_mengevaluasi_tw3():
    # "Pada tanggal 25 agustus, Purnama dimutasikan ... tidak melakukan evaluasi kinerja periodik triwulan 3"
    r = penilai_berwenang("periodik", tanggal_penilai_pindah=date(2022, 8, 25), periode=TW3_2022)
    assert r.siapa is JenisPenilai.PENILAI_BARU and "di luar rentang" in r.penjelasan


def test_purnama_pindah_25_september_mengevaluasi_tw3():
    # "Apabila mutasi Purnama ... terhitung tanggal 25 September, maka Purnama melakukan evaluasi
    # kinerja periodik triwulan 3 untuk Pegawainya di Direktorat A"
    r = penilai_berwenang("periodik", tanggal_penilai_pindah=date(2022, 9, 25), periode=TW3_2022)
    assert r.siapa is JenisPenilai.PENILAI_LAMA and "Triwulan III 2022" in r.penjelasan


def test_penilai_pindah_tanpa_periode():
    with pytest.raises(ValueError, match="Periode evaluasi wajib"):
        penilai_berwenang("periodik", tanggal_penilai_pindah=date(2022, 9, 25))


def test_penilai_pindah_evaluasi_tahunan():
    # decision: angka 14 applied by analogy to the annual window (001 "Evaluasi Kinerja" 8 b)
    r = penilai_berwenang("tahunan", tanggal_penilai_pindah=date(2025, 12, 28))
    assert r.siapa is JenisPenilai.PENILAI_LAMA
    r = penilai_berwenang(
        "tahunan", tanggal_penilai_pindah=date(2026, 1, 10), periode=periode_evaluasi(date(2025, 6, 1), "tahunan")
    )
    assert r.siapa is JenisPenilai.PENILAI_LAMA
    r = penilai_berwenang("tahunan", tanggal_penilai_pindah=date(2025, 6, 2))
    assert r.siapa is JenisPenilai.PENILAI_BARU


def test_sari_pindah_februari_periodik():
    # 001 "Evaluasi Kinerja" 13 a, contoh Sari: pindah Februari dari Kementerian X (triwulanan) ke Y
    # (bulanan) → evaluasi periodik oleh penilai baru dengan capaian unit baru; periode mengikuti unit baru
    r = penilai_berwenang("periodik", pegawai_dipindah=True)
    assert r.siapa is JenisPenilai.PENILAI_BARU and "unit baru" in r.penjelasan
    assert periode_evaluasi(date(2022, 2, 14), "bulanan").label == "Februari 2022"
    # "... atau dapat menggunakan hasil evaluasi kinerja periode sebelumnya ... pada Kementerian X"
    r = penilai_berwenang("periodik", pegawai_dipindah=True, sepakat_hasil_lama=True)
    assert r.siapa is JenisPenilai.PENILAI_LAMA and "kesepakatan" in r.penjelasan


def test_pegawai_pindah_tahunan():
    # 001 "Evaluasi Kinerja" 13 b: tahunan oleh penilai baru, capaian tahunan unit baru
    r = penilai_berwenang("tahunan", pegawai_dipindah=True, sepakat_hasil_lama=True)
    assert r.siapa is JenisPenilai.PENILAI_BARU and "tahunan" in r.penjelasan


def test_penilai_terlambat_final():
    # 001 "Evaluasi Kinerja" 11: atasan mengevaluasi, hasil bersifat final
    r = penilai_berwenang("periodik", penilai_terlambat=True, pegawai_dipindah=True)
    assert r.siapa is JenisPenilai.ATASAN_PENILAI and r.final


def test_berhalangan_tetap_dan_plt_plh():
    # 001 "Evaluasi Kinerja" 2 (berhalangan tetap → atasan secara berjenjang), 3 (delegasi Plt./Plh.)
    assert penilai_berwenang("tahunan", penilai_berhalangan_tetap=True).siapa is JenisPenilai.ATASAN_PENILAI
    r = penilai_berwenang("tahunan", penilai_berhalangan_tetap=True, didelegasikan_plt_plh=True)
    assert r.siapa is JenisPenilai.PLT_PLH and not r.final


def test_pejabat_fungsional_memimpin_unit():
    # 001 "Evaluasi Kinerja" 7 a) guru kepala sekolah, b) nutrisionis kepala instalasi gizi
    r = penilai_berwenang("periodik", penilai_pejabat_fungsional=True, memimpin_unit=True)
    assert r.siapa is JenisPenilai.PENILAI and "delegasi" in r.penjelasan
    r = penilai_berwenang("periodik", penilai_pejabat_fungsional=True, memimpin_unit=False)
    assert r.siapa is JenisPenilai.ATASAN_PENILAI


def test_penilai_biasa():
    # 001 "Evaluasi Kinerja" 2: Pejabat Penilai Kinerja adalah atasan langsung
    assert penilai_berwenang("periodik").siapa is JenisPenilai.PENILAI


def test_hasil_final():
    # 001 "Evaluasi Kinerja" 11 and 12 c), e)
    assert hasil_final(True, False) and hasil_final(False, True)
    assert not hasil_final(False, False)


def test_keberatan():
    # 001 Lampiran "Keberatan" 1–2; final results (angka 11–12) cannot be objected to
    assert boleh_keberatan()
    assert not boleh_keberatan(dinilai_oleh_atasan_karena_terlambat=True)
    assert cek_keberatan(dinilai_kepala_daerah=True) == [
        "Hasil evaluasi bersifat final sehingga tidak dapat diajukan keberatan."
    ]
    assert boleh_keberatan(tanggal_terima=date(2026, 2, 11), tanggal_pengajuan=date(2026, 3, 4))
    assert not boleh_keberatan(tanggal_terima=date(2026, 2, 11), tanggal_pengajuan=date(2026, 3, 5))
    assert boleh_keberatan(tanggal_terima=date(2026, 2, 11))  # belum diajukan
    assert "14 hari kerja" in cek_keberatan(tanggal_terima=date(2026, 2, 11), tanggal_pengajuan=date(2026, 3, 5))[0]


def test_format_dokumen_evaluasi():
    # 001 Lampiran "Tindak lanjut" 4 (D.1.1), 8 (D.1.2), "Keberatan" 7 (D.1.3 when changed)
    assert format_dokumen_evaluasi() == "D.1.1"
    assert format_dokumen_evaluasi(True) == "D.1.2"
    assert format_dokumen_evaluasi(False, "mengubah") == "D.1.3"
    assert format_dokumen_evaluasi(False, "menguatkan") == "D.1.1"
