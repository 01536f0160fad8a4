"""R9 (001 Pasal 19; 000 Pasal 9), R11 (000 Pasal 16–17; 001 Lampiran "Pembinaan Kinerja" 5),
R12 (000 Lampiran D.4, Format B.1.8 and B.1.9; 001 Lampiran "Pembinaan Kinerja" 4 i)–j))."""

import pytest

from app.rules import (
    ALUR_KONSELING,
    KOMPETENSI_B19,
    PERNYATAAN_B18,
    SKALA_KOMPETENSI,
    JenisKonselor,
    PeranPihak,
    StatusKonseling,
    TindakanProgres,
    boleh_membaca_konseling,
    deskripsi_skala,
    opsi_tindak_lanjut_progres,
    penerima_laporan_bimbingan,
    transisi_konseling_valid,
    tujuan_hasil_konseling,
    validasi_ambil_alih,
)

T = TindakanProgres


def test_ada_kemajuan():
    # 001 Pasal 19(2): kemajuan kinerja → apresiasi dan/atau penugasan baru
    assert opsi_tindak_lanjut_progres(True, False) == [T.APRESIASI, T.PENUGASAN_BARU]
    assert opsi_tindak_lanjut_progres(True, True) == [T.APRESIASI, T.PENUGASAN_BARU]


def test_tidak_ada_kemajuan():
    # 001 Pasal 19(3): penyesuaian ekspektasi, penyesuaian dukungan sumber daya, pembinaan kinerja
    dasar = [T.PENYESUAIAN_EKSPEKTASI, T.PENYESUAIAN_SUMBER_DAYA, T.BIMBINGAN_KONSELING]
    assert opsi_tindak_lanjut_progres(False, False) == dasar
    # 001 Pasal 19(6): sudah ditindaklanjuti dan tetap tidak ada kemajuan → dapat mengambil alih RHK
    assert opsi_tindak_lanjut_progres(False, True) == dasar + [T.AMBIL_ALIH_RHK]


def test_validasi_ambil_alih():
    # 001 Pasal 19(7): Pimpinan memberikan catatan bahwa pegawai tidak dapat menyelesaikan RHK
    assert validasi_ambil_alih("Pegawai tidak dapat menyelesaikan laporan triwulan.") == []
    assert validasi_ambil_alih("  ") == [
        "Catatan wajib diisi: pegawai yang bersangkutan tidak dapat menyelesaikan rencana hasil kerja."
    ]
    assert len(validasi_ambil_alih(None, sudah_dibina=False)) == 2
    assert "menunjukkan kemajuan" in validasi_ambil_alih("catatan", ada_progres=True)[0]
    # 001 Pasal 19(6): only after the measures of (3)
    assert "setelah penyesuaian" in validasi_ambil_alih("catatan", sudah_dibina=False)[0]


def test_tujuan_hasil_konseling():
    # 001 Lampiran "Pembinaan Kinerja" 5 c) 2) (d) 1)–3)
    assert tujuan_hasil_konseling("penilai_terlatih") == (PeranPihak.ATASAN_PEJABAT_PENILAI,)
    assert tujuan_hasil_konseling(JenisKonselor.PEJABAT_KONSELING) == (
        PeranPihak.PEJABAT_PENILAI,
        PeranPihak.ATASAN_PEJABAT_PENILAI,
    )
    assert tujuan_hasil_konseling("independen") == (PeranPihak.PYB,)


@pytest.mark.parametrize("jenis", list(JenisKonselor))
def test_kerahasiaan_konseling(jenis):
    # 000 Pasal 16(5): konseling individual "dengan memperhatikan prinsip kerahasiaan"
    for peran in (PeranPihak.OPERATOR, PeranPihak.TIM_PEMANTAU, PeranPihak.REKAN_KERJA, PeranPihak.PEGAWAI):
        assert not boleh_membaca_konseling(peran, jenis)
    assert boleh_membaca_konseling("konselor", jenis)
    assert boleh_membaca_konseling("pyb", jenis)  # 000 Pasal 16(3): PyB keeps the list


def test_rantai_penerima_konseling():
    # 001 Lampiran "Pembinaan Kinerja" 5 c) 2) (d)
    assert boleh_membaca_konseling("pejabat_penilai", "penilai_terlatih")  # the counsellor himself
    assert boleh_membaca_konseling("atasan_pejabat_penilai", "penilai_terlatih")
    assert boleh_membaca_konseling("pejabat_penilai", "pejabat_konseling")
    assert not boleh_membaca_konseling("pejabat_penilai", "independen")
    assert not boleh_membaca_konseling("atasan_pejabat_penilai", "independen")


def test_transisi_konseling():
    # 001 Lampiran "Pembinaan Kinerja" 5 c): laporan (B.1.10) → ditetapkan → jadwal → selesai → tindak lanjut
    assert transisi_konseling_valid(None, "dilaporkan")
    assert not transisi_konseling_valid(None, "dijadwalkan")
    for a, b in zip(ALUR_KONSELING, ALUR_KONSELING[1:]):
        assert transisi_konseling_valid(a, b) and not transisi_konseling_valid(b, a)
    assert not transisi_konseling_valid("dilaporkan", "dijadwalkan")  # no skipping
    assert not transisi_konseling_valid(StatusKonseling.DITINDAKLANJUTI, StatusKonseling.DILAPORKAN)
    assert not transisi_konseling_valid("selesai", "selesai")


def test_transisi_konseling_tidak_ditetapkan():
    # 000 Pasal 16(3): PyB "menetapkan pegawai yang akan diberikan konseling" — and may decide not to
    T = StatusKonseling.TIDAK_DITETAPKAN
    assert T not in ALUR_KONSELING
    assert transisi_konseling_valid("dilaporkan", "tidak_ditetapkan")
    assert transisi_konseling_valid(StatusKonseling.DILAPORKAN, T)
    assert not transisi_konseling_valid(None, T)  # a new case is always "dilaporkan" first
    for s in StatusKonseling:  # only reachable from dilaporkan
        assert transisi_konseling_valid(s, T) is (s is StatusKonseling.DILAPORKAN), s
    for s in StatusKonseling:  # terminal: nothing follows it
        assert not transisi_konseling_valid(T, s), s
    assert T.label == "Tidak Ditetapkan untuk Konseling"


def test_skala_kompetensi_b19():
    # 000 Lampiran D.4 Format B.1.9 "DESKRIPSI SKALA PENILAIAN"
    assert [(s.nilai, s.label) for s in SKALA_KOMPETENSI] == [
        (1, "Sangat Kurang"),
        (2, "Kurang Memadai"),
        (3, "Memadai"),
        (4, "Diatas Memadai"),
        (5, "Istimewa"),
    ]
    assert "(Tidak ada Indikator Kompetensi yang dipenuhi)" in deskripsi_skala(1).deskripsi
    assert "(1-2 Indikator Kompetensi yang dipenuhi)" in deskripsi_skala(2).deskripsi
    assert "(3 Indikator Kompetensi dipenuhi dan menunjukkan perilaku di atas" in deskripsi_skala(4).deskripsi
    for salah in (0, 6, 2.5, True, "3"):
        with pytest.raises(ValueError, match="1 sampai 5"):
            deskripsi_skala(salah)


def test_kompetensi_b19():
    # 000 Lampiran D.4 Format B.1.9: 8 manajerial (001 prints 7; 000's 8 chosen), 1 sosio kultural
    man = [k.nama for k in KOMPETENSI_B19 if k.kelompok == "manajerial"]
    assert man == [
        "Integritas",
        "Kerjasama",
        "Komunikasi",
        "Orientasi pada Hasil",
        "Pelayanan Publik",
        "Pengembangan Diri dan Orang Lain",
        "Mengelola Perubahan",
        "Pengambilan Keputusan",
    ]
    assert [(k.kelompok, k.nomor, k.nama) for k in KOMPETENSI_B19 if k.kelompok != "manajerial"] == [
        ("sosio_kultural", 1, "Perekat dan Pemersatu Bangsa")
    ]


def test_pernyataan_b18():
    # 000 Lampiran D.4 Format B.1.8: nine statements in three subject groups
    assert [p.nomor for p in PERNYATAAN_B18] == list(range(1, 10))
    assert [p.kelompok for p in PERNYATAAN_B18] == ["pegawai"] * 3 + ["pimpinan"] * 3 + ["pegawai_dan_pimpinan"] * 3
    assert PERNYATAAN_B18[0].teks == "Saya merasa diperhatikan dan dipahami"
    assert PERNYATAAN_B18[5].teks == "Lebih banyak menggunakan metode bertanya dibandingkan menggurui"
    assert PERNYATAAN_B18[3].subjek == "TENTANG PIMPINAN/ PIHAK LAIN YANG DIBERIKAN PENUGASAN KHUSUS"


def test_penerima_laporan_bimbingan():
    # 001 Lampiran "Pembinaan Kinerja" 4 i): by someone else → Pejabat Penilai;
    # 4 j) / 000 Pasal 17(1): by the evaluator → atasan Pejabat Penilai
    assert penerima_laporan_bimbingan(False) is PeranPihak.PEJABAT_PENILAI
    assert penerima_laporan_bimbingan(True) is PeranPihak.ATASAN_PEJABAT_PENILAI
