"""Who evaluates and whether an objection may be filed — boundaries of the windows and flags.

Source: 001 Lampiran "Evaluasi Kinerja" 7, 11–14; "Keberatan" 1–2; 003 Pasal 35 a
("paling lama 14 hari kerja sejak diterimanya dokumen evaluasi kinerja Pegawai").
Calendar: quarter II 2026 ends Tue 30 June; 14th working day after it = Mon 20 July
(no national holiday in between); collective leave on Thu 2 July → Tue 21 July.
"""

from datetime import date

from app.rules import JenisPenilai, boleh_keberatan, cek_keberatan, penilai_berwenang, periode_evaluasi

TW2_2026 = periode_evaluasi(date(2026, 5, 15), "triwulanan")
CUTI = [date(2026, 7, 2)]


def test_penilai_pindah_pada_hari_terakhir_rentang_diperpanjang_cuti_bersama():
    # 001 "Evaluasi Kinerja" 14: penilai yang pindah *dalam* rentang waktu evaluasi tetap mengevaluasi.
    r = penilai_berwenang("periodik", tanggal_penilai_pindah=date(2026, 7, 21), periode=TW2_2026, cuti_bersama=CUTI)
    assert r.siapa is JenisPenilai.PENILAI_LAMA
    r = penilai_berwenang("periodik", tanggal_penilai_pindah=date(2026, 7, 21), periode=TW2_2026)
    assert r.siapa is JenisPenilai.PENILAI_BARU


def test_penilai_pindah_pada_hari_pertama_rentang():
    # Rentang dimulai hari pertama bulan terakhir periode (contoh Purnama: 25 September di dalam TW III).
    r = penilai_berwenang("periodik", tanggal_penilai_pindah=date(2026, 6, 1), periode=TW2_2026)
    assert r.siapa is JenisPenilai.PENILAI_LAMA
    r = penilai_berwenang("periodik", tanggal_penilai_pindah=date(2026, 5, 31), periode=TW2_2026)
    assert r.siapa is JenisPenilai.PENILAI_BARU


def test_penilai_pindah_tahunan_batas_desember_januari():
    # 001 "Evaluasi Kinerja" 8 b): "akhir Desember ... paling lama Bulan Januari tahun berikutnya".
    periode = periode_evaluasi(date(2025, 6, 1), "tahunan")
    for tgl, siapa in [
        (date(2025, 12, 1), JenisPenilai.PENILAI_LAMA),
        (date(2025, 11, 30), JenisPenilai.PENILAI_BARU),
        (date(2026, 1, 31), JenisPenilai.PENILAI_LAMA),
        (date(2026, 2, 1), JenisPenilai.PENILAI_BARU),
    ]:
        assert penilai_berwenang("tahunan", tanggal_penilai_pindah=tgl, periode=periode).siapa is siapa, tgl


def test_pejabat_fungsional_bawaan_tidak_memimpin_unit():
    # 001 "Evaluasi Kinerja" 7: hanya pejabat fungsional yang memimpin unit kerja dapat menjadi penilai;
    # tanpa keterangan memimpin unit → atasannya.
    assert penilai_berwenang("periodik", penilai_pejabat_fungsional=True).siapa is JenisPenilai.ATASAN_PENILAI


def test_keberatan_hari_terakhir_diperpanjang_cuti_bersama():
    # "paling lama 14 hari kerja sejak diterimanya": cuti bersama di dalam rentang tidak dihitung.
    assert cek_keberatan(tanggal_terima=date(2026, 6, 30), tanggal_pengajuan=date(2026, 7, 21), cuti_bersama=CUTI) == []
    assert boleh_keberatan(tanggal_terima=date(2026, 6, 30), tanggal_pengajuan=date(2026, 7, 21), cuti_bersama=CUTI)
    assert cek_keberatan(tanggal_terima=date(2026, 6, 30), tanggal_pengajuan=date(2026, 7, 21)) != []
    assert not boleh_keberatan(tanggal_terima=date(2026, 6, 30), tanggal_pengajuan=date(2026, 7, 21))
    assert boleh_keberatan(tanggal_terima=date(2026, 6, 30), tanggal_pengajuan=date(2026, 7, 20))


def test_keberatan_kepala_daerah_final():
    # 001 "Evaluasi Kinerja" 12 c, e: hasil evaluasi oleh Kepala Daerah final — tidak dapat diajukan keberatan,
    # meskipun diajukan tepat waktu.
    assert not boleh_keberatan(dinilai_kepala_daerah=True)
    assert not boleh_keberatan(False, True, date(2026, 6, 30), date(2026, 7, 1))
    assert len(cek_keberatan(dinilai_kepala_daerah=True)) == 1
    assert boleh_keberatan(False, False, date(2026, 6, 30), date(2026, 7, 1))
