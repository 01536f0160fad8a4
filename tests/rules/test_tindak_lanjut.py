"""R14 follow-up: rewards (002 "PENGHARGAAN"; 001 Pasal 29) and sanctions
(003 Pasal 33 JPT, 003 Pasal 34 JA/JF, 001 Pasal 31(2) PPPK)."""

import pytest

from app.rules import JenisTindakLanjut as J
from app.rules import Predikat, jalur_sanksi, layak_penghargaan


def test_penghargaan_sangat_baik_dua_tahun_berturut():
    # 002: "Predikat SANGAT BAIK 2 Tahun Berturut-Turut diprioritaskan untuk Talent Pool"
    riwayat = {2024: Predikat.SANGAT_BAIK, 2025: "sangat_baik", 2026: Predikat.BAIK}
    assert layak_penghargaan(riwayat, 2025)
    assert not layak_penghargaan(riwayat, 2024)  # 2023 tidak ada
    assert not layak_penghargaan(riwayat, 2026)
    assert not layak_penghargaan({2025: "sangat_baik", 2024: None}, 2025)


JALUR_JPT = [J.PERBAIKAN_6_BULAN, J.UJI_KOMPETENSI_ULANG, J.PEMINDAHAN_PENURUNAN]
JALUR_JA_JF = JALUR_JPT + [J.PENEMPATAN_SEMENTARA, J.PEMBERHENTIAN_HORMAT]


@pytest.mark.parametrize("p", ["butuh_perbaikan", "kurang", "sangat_kurang"])
def test_jpt_cukup_kurang_sangat_kurang_setelah_setahun(p):
    # 003 Pasal 33 a: "selama 1 (satu) tahun pada suatu jabatan ... CUKUP, KURANG atau SANGAT KURANG"
    # → 6 bulan perbaikan (a) → uji kompetensi kembali (c) → dipindahkan/jabatan lebih rendah (d)
    assert jalur_sanksi("jpt_pratama", "pns", p) == JALUR_JPT
    assert jalur_sanksi("jpt_madya", "pns", p, lama_menjabat_tahun=0.5) == []


@pytest.mark.parametrize("p", ["sangat_baik", "baik"])
def test_jpt_baik_tidak_terpicu(p):
    assert jalur_sanksi("jpt_pratama", "pns", p) == []


@pytest.mark.parametrize("jabatan", ["administrator", "pengawas", "pelaksana", "fungsional"])
def test_ja_jf_kurang_sangat_kurang(jabatan):
    # 003 Pasal 34 a–f: KURANG atau SANGAT KURANG → 6 bulan → uji ulang → pindah/lebih rendah →
    # penempatan sementara ≤ 1 tahun → diberhentikan dengan hormat
    assert jalur_sanksi(jabatan, "pns", Predikat.KURANG) == JALUR_JA_JF
    assert jalur_sanksi(jabatan, "cpns", Predikat.SANGAT_KURANG) == JALUR_JA_JF
    assert jalur_sanksi(jabatan, "pns", Predikat.BUTUH_PERBAIKAN) == []  # "Cukup" hanya memicu JPT


def test_force_majeure():
    # 003 Pasal 33 b, 34 b: "diberikan pada kondisi normal dan tidak ada kondisi force majeur"
    assert jalur_sanksi("fungsional", "pns", "sangat_kurang", force_majeure=True) == []
    assert jalur_sanksi("jpt_pratama", "pns", "kurang", force_majeure=True) == []


def test_pppk_tidak_mencapai_target_perjanjian():
    # 001 Pasal 31(2): PPPK tidak mencapai target perjanjian kerja → diberhentikan dari PPPK
    assert jalur_sanksi("fungsional", "pppk", "sangat_kurang", memenuhi_target_perjanjian=False) == [
        J.REKOMENDASI_PEMUTUSAN_PPPK
    ]
    assert jalur_sanksi("fungsional", "pppk", "sangat_kurang", memenuhi_target_perjanjian=True) == []
    assert jalur_sanksi("fungsional", "pppk", "sangat_kurang") == []  # belum ada penilaian tim PPPK
