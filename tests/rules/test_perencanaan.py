"""R1 BerAKHLAK (001 Pasal 10(3); the BerAKHLAK table of form A.1.x), R10 SKP changes (000 Pasal 11),
cycle-1 applicability (001 Lampiran "Penetapan SKP" 1–2, 7) and SKP formats
(001 "... tugas belajar" 9; forms A.1.1–A.1.7, C.1.1–C.1.3)."""

import pytest

from app.rules import (
    ALASAN_PERUBAHAN_SKP,
    NILAI_BERAKHLAK,
    PenetapSKP,
    StatusPegawai,
    alasan_perubahan_valid,
    format_hasil_evaluasi,
    format_skp,
    penetap_skp,
    perlu_persetujuan_kepala_daerah,
    wajib_skp,
)


def test_berakhlak_urutan_resmi():
    # 001 Pasal 10(3) a–g
    assert [n.kode for n in NILAI_BERAKHLAK] == [
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    ]
    assert all(len(n.perilaku) == 3 for n in NILAI_BERAKHLAK)


def test_berakhlak_teks_panduan():
    # 001 Pasal 10(3) a 1., b 3., f 3., g 1. (wording as on the forms)
    per = {n.kode: n.perilaku for n in NILAI_BERAKHLAK}
    assert per["berorientasi_pelayanan"][0] == "Memahami dan memenuhi kebutuhan masyarakat"
    assert per["akuntabel"][2] == "Tidak menyalahgunakan kewenangan jabatan"
    assert per["adaptif"][2] == "Bertindak proaktif"
    assert per["kolaboratif"][0] == "Memberi kesempatan kepada berbagai pihak untuk berkontribusi"
    assert per["loyal"][2] == "Menjaga rahasia jabatan dan negara"


def test_alasan_perubahan_skp():
    # 000 Pasal 11(2) a–h; (3) kondisi tertentu lainnya "dengan persetujuan Wali Kota"
    kode = [a.kode for a in ALASAN_PERUBAHAN_SKP]
    assert len(kode) == len(set(kode)) == 7
    assert all(alasan_perubahan_valid(k) for k in kode)
    assert not alasan_perubahan_valid("bosan")
    assert perlu_persetujuan_kepala_daerah("kondisi_lainnya")
    assert not perlu_persetujuan_kepala_daerah("perubahan_pemangku_jabatan")
    assert not perlu_persetujuan_kepala_daerah("sakit_cuti")
    with pytest.raises(ValueError, match="tidak dikenal"):
        perlu_persetujuan_kepala_daerah("bosan")


@pytest.mark.parametrize(
    "status,wajib",
    [
        ("aktif", True),
        ("tugas_belajar", True),  # 001 "... tugas belajar" 1: tugas belajar menyusun SKP
        ("pejabat_negara", False),  # 001 "Penetapan SKP" 7 a
        ("diberhentikan_sementara", False),  # 7 b
        ("cltn", False),  # 7 c
        ("mpp", False),  # 7 d
        (StatusPegawai.PENSIUN, False),
        ("diberhentikan", False),
    ],
)
def test_wajib_skp(status, wajib):
    assert wajib_skp(status) is wajib


def test_penetap_skp():
    # 001 "Penetapan SKP" 1: ditetapkan Pejabat Penilai; 2 a: JPT madya/pratama → Kepala Daerah;
    # 2 b: pimpinan unit kerja mandiri → Kepala Daerah
    assert penetap_skp("jpt_pratama") is PenetapSKP.KEPALA_DAERAH
    assert penetap_skp("jpt_madya") is PenetapSKP.KEPALA_DAERAH
    assert penetap_skp("administrator", unit_mandiri_head=True) is PenetapSKP.KEPALA_DAERAH
    assert penetap_skp("pelaksana") is PenetapSKP.PEJABAT_PENILAI
    assert penetap_skp("fungsional") is PenetapSKP.PEJABAT_PENILAI
    assert penetap_skp("jpt_utama") is PenetapSKP.MENTERI_KOORDINATOR  # 001 "Evaluasi Kinerja" 12 a


@pytest.mark.parametrize(
    "jabatan,pendekatan,mandiri,harapan",
    [
        ("jpt_pratama", "kualitatif", False, "A.1.1"),
        ("jpt_madya", "kuantitatif", False, "A.1.2"),
        ("administrator", "kualitatif", True, "A.1.1"),
        ("fungsional", "kuantitatif", True, "A.1.2"),
        ("pengawas", "kualitatif", False, "A.1.6"),
        ("fungsional", "kuantitatif", False, "A.1.7"),
    ],
)
def test_format_skp(jabatan, pendekatan, mandiri, harapan):
    # 001 "... tugas belajar" 9: A.1.1/A.1.2 JPT & pimpinan unit kerja mandiri; A.1.6/A.1.7 JA & JF
    assert format_skp(jabatan, pendekatan, mandiri) == harapan


def test_format_hasil_evaluasi():
    # 001 "Evaluasi Kinerja" B.3: C.1.1 kualitatif, C.1.2 kuantitatif JPT, C.1.3 JA/JF
    assert format_hasil_evaluasi("pelaksana", "kualitatif") == "C.1.1"
    assert format_hasil_evaluasi("jpt_pratama", "kuantitatif") == "C.1.2"
    assert format_hasil_evaluasi("pengawas", "kuantitatif", True) == "C.1.2"
    assert format_hasil_evaluasi("pelaksana", "kuantitatif") == "C.1.3"
