"""R2–R5: kuadran, rating guidance, distribution pattern, capaian organisasi.
Source: 001 Lampiran "Evaluasi Kinerja" B.1–B.3; 002 (distribution is guidance)."""

from datetime import date
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules import (
    CapaianOrganisasi,
    Predikat,
    Rating,
    bandingkan_distribusi,
    capaian_yang_dipakai,
    predikat,
    predikat_dominan,
    predikat_tugas_belajar,
    saran_rating_hasil_kerja,
    saran_rating_perilaku,
)

CEPAT = settings(max_examples=80, deadline=None)

# 001 Lampiran "Evaluasi Kinerja" B.3 a 3), table "Penjelasan terhadap kuadran kinerja Pegawai"
# (hasil kerja, perilaku kerja, predikat) — all nine cells, in the table's own numbering.
SEL_KUADRAN_001 = [
    ("diatas", "diatas", "sangat_baik"),  # 1 Sangat Baik
    ("diatas", "sesuai", "baik"),  # 2.1 Baik
    ("sesuai", "sesuai", "baik"),  # 2.2 Baik
    ("sesuai", "diatas", "baik"),  # 2.3 Baik
    ("dibawah", "diatas", "butuh_perbaikan"),  # 3.1 Butuh Perbaikan
    ("dibawah", "sesuai", "butuh_perbaikan"),  # 3.2 Butuh Perbaikan
    ("diatas", "dibawah", "kurang"),  # 4.1 Kurang/Misconduct
    ("sesuai", "dibawah", "kurang"),  # 4.2 Kurang/Misconduct
    ("dibawah", "dibawah", "sangat_kurang"),  # 5 Sangat Kurang
]


@pytest.mark.parametrize("hasil,perilaku,harapan", SEL_KUADRAN_001)
def test_kuadran_sembilan_sel(hasil, perilaku, harapan):
    # 001 Lampiran "Evaluasi Kinerja" B.3 a 3)
    assert predikat(hasil, perilaku) is Predikat(harapan)
    assert predikat(Rating(hasil), Rating(perilaku)) is Predikat(harapan)


def test_kuadran_lengkap():
    assert {(h, p) for h, p, _ in SEL_KUADRAN_001} == set(product([r.value for r in Rating], repeat=2))


@CEPAT
@given(
    st.sampled_from(list(Rating)),
    st.sampled_from(list(Rating)),
    st.sampled_from(list(Rating)),
    st.sampled_from(list(Rating)),
)
def test_monoton_rating_lebih_baik_tidak_memperburuk_predikat(h1, p1, h2, p2):
    # 001 B.3 a 3): kuadran with hasil on y, perilaku on x — better rating never a worse predikat
    if h1 >= h2 and p1 >= p2:
        assert predikat(h1, p1) >= predikat(h2, p2)


def test_tugas_belajar_gagal():
    # 001 B.3 a 3) last bullet: "tidak lulus/drop out ... Kurang atau Sangat Kurang dengan
    # mempertimbangkan perilaku kerja"
    assert predikat_tugas_belajar("dibawah", gagal=True) is Predikat.SANGAT_KURANG
    assert predikat_tugas_belajar("sesuai", gagal=True) is Predikat.KURANG
    assert predikat_tugas_belajar(Rating.DIATAS, gagal=True) is Predikat.KURANG


def test_tugas_belajar_tidak_gagal_memakai_kuadran():
    # 001 "Evaluasi Kinerja" 17: tugas belajar follows the normal evaluation stages
    assert predikat_tugas_belajar("diatas", gagal=False, hasil_kerja="diatas") is Predikat.SANGAT_BAIK
    with pytest.raises(ValueError, match="wajib diisi"):
        predikat_tugas_belajar("sesuai", gagal=False)


# ---------------------------------------------------------------- R3
U, T = True, False  # RHK utama / tambahan


def test_r3_di_atas():
    # 001 B.3 a 1) (d) (1): sebagian besar/seluruh di atas, tidak ada RHK utama di bawah,
    # umpan balik sebagian besar/seluruhnya positif
    rhk = [(U, "diatas"), (U, "diatas"), (T, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [True, True, False]) is Rating.DIATAS
    assert saran_rating_hasil_kerja(rhk, []) is Rating.DIATAS  # tanpa umpan balik: netral


def test_r3_rhk_utama_di_bawah_menghalangi_di_atas():
    # 001 B.3 a 1) (d) (1) a: "tidak ada hasil kerja utama yang dibawah ekspektasi"
    rhk = [(U, "diatas"), (U, "diatas"), (T, "diatas"), (U, "dibawah")]
    assert saran_rating_hasil_kerja(rhk, [True]) is Rating.SESUAI


def test_r3_umpan_balik_separuh_positif_sesuai():
    # 001 B.3 a 1) (d) (2) b: "sebagian menunjukkan respon positif" → Sesuai
    rhk = [(U, "diatas"), (U, "diatas")]
    assert saran_rating_hasil_kerja(rhk, [True, False]) is Rating.SESUAI


def test_r3_sesuai_sebagian_kecil_utama_di_bawah():
    # 001 B.3 a 1) (d) (2) a: sebagian besar sesuai, hanya sebagian kecil RHK utama di bawah
    rhk = [(U, "sesuai"), (U, "sesuai"), (U, "sesuai"), (U, "dibawah"), (T, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [True, False]) is Rating.SESUAI


def test_r3_di_bawah():
    # 001 B.3 a 1) (d) (3): sebagian besar di bawah; umpan balik sebagian besar tidak positif
    rhk = [(U, "dibawah"), (T, "dibawah"), (T, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [False, False, True]) is Rating.DIBAWAH
    assert saran_rating_hasil_kerja(rhk, []) is Rating.DIBAWAH
    # umpan balik sebagian besar positif menahan di Sesuai
    assert saran_rating_hasil_kerja(rhk, [True, True, False]) is Rating.SESUAI


def test_r3_sebagian_besar_rhk_utama_di_bawah_bukan_sebagian_kecil():
    # 001 B.3 a 1) (d) (2) a: more than "sebagian kecil" of RHK utama below → not Sesuai
    rhk = [(U, "dibawah"), (U, "dibawah"), (U, "sesuai"), (T, "diatas"), (T, "diatas")]
    assert saran_rating_hasil_kerja(rhk, [False]) is Rating.DIBAWAH


def test_r3_kosong():
    assert saran_rating_hasil_kerja([], [True]) is Rating.SESUAI
    assert saran_rating_hasil_kerja([(T, "dibawah")]) is Rating.DIBAWAH  # tanpa RHK utama


RHK = st.lists(st.tuples(st.booleans(), st.sampled_from(list(Rating))), max_size=8)
UB = st.lists(st.booleans(), max_size=8)


@CEPAT
@given(RHK, UB, st.data())
def test_r3_monoton_rhk(rhk, ub, data):
    # 001 B.3 a 1) (d): improving any RHK rating never lowers the suggestion
    if not rhk:
        return
    i = data.draw(st.integers(0, len(rhk) - 1))
    u, r = rhk[i]
    naik = {Rating.DIBAWAH: Rating.SESUAI, Rating.SESUAI: Rating.DIATAS, Rating.DIATAS: Rating.DIATAS}[r]
    lebih_baik = rhk[:i] + [(u, naik)] + rhk[i + 1 :]
    assert saran_rating_hasil_kerja(lebih_baik, ub) >= saran_rating_hasil_kerja(rhk, ub)


@CEPAT
@given(RHK, UB, st.data())
def test_r3_monoton_umpan_balik(rhk, ub, data):
    # 001 B.3 a 1) (d) b: more positive feedback never lowers the suggestion
    awal = saran_rating_hasil_kerja(rhk, ub)
    assert saran_rating_hasil_kerja(rhk, ub + [True]) >= awal
    negatif = [i for i, x in enumerate(ub) if not x]
    if negatif:
        i = data.draw(st.sampled_from(negatif))
        dibalik = ub[:i] + [True] + ub[i + 1 :]
        assert saran_rating_hasil_kerja(rhk, dibalik) >= awal


# ---------------------------------------------------------------- R4
def test_r4_rating_perilaku():
    # 001 B.3 a 2): Di Atas = konsisten + penjaga nilai; Sesuai = konsisten; Di Bawah = belum konsisten
    assert saran_rating_perilaku(True, True) is Rating.DIATAS
    assert saran_rating_perilaku(True, False) is Rating.SESUAI
    assert saran_rating_perilaku(False, False) is Rating.DIBAWAH
    assert saran_rating_perilaku(False, True) is Rating.DIBAWAH


# ---------------------------------------------------------------- R5
@pytest.mark.parametrize(
    "capaian,harapan",
    [
        ("istimewa", "sangat_baik"),  # 001 B.2 b)
        ("baik", "baik"),  # 001 B.2 c)
        ("butuh_perbaikan", "butuh_perbaikan"),  # 001 B.2 d)
        ("kurang", "kurang"),  # 001 B.2 e)
        ("sangat_kurang", "sangat_kurang"),  # 001 B.2 f)
    ],
)
def test_r5_predikat_dominan(capaian, harapan):
    assert predikat_dominan(capaian) is Predikat(harapan)


def test_r5_distribusi_sesuai_panduan():
    # 001 B.2 c): capaian "Baik" → idealnya sebagian besar "Baik", predikat lain tetap mungkin
    d = bandingkan_distribusi(["baik"] * 6 + ["sangat_baik", "butuh_perbaikan", "sangat_kurang"], "baik")
    assert d.total == 9
    assert set(d.jumlah) == set(Predikat) and d.jumlah[Predikat.KURANG] == 0
    assert d.jumlah[Predikat.BAIK] == 6 and d.proporsi[Predikat.BAIK] == pytest.approx(6 / 9)
    assert d.modus_harapan is Predikat.BAIK and d.modus_aktual == (Predikat.BAIK,)
    assert not d.menyimpang and "sesuai panduan" in d.pesan


def test_r5_distribusi_menyimpang_hanya_penanda():
    # 002: "bukan forced distribution, namun sebagai distribution guidelines" → flag, never force
    d = bandingkan_distribusi([Predikat.BAIK] * 5 + [Predikat.SANGAT_BAIK] * 2, CapaianOrganisasi.ISTIMEWA)
    assert d.modus_harapan is Predikat.SANGAT_BAIK and d.modus_aktual == (Predikat.BAIK,)
    assert d.menyimpang and "bukan distribusi paksa" in d.pesan


def test_r5_modus_seri_dan_ambang():
    # 001 B.2 a): "sebagian besar" → optional share threshold
    d = bandingkan_distribusi(["baik", "baik", "sangat_baik", "sangat_baik", "kurang"], "baik")
    assert d.modus_aktual == (Predikat.SANGAT_BAIK, Predikat.BAIK) and not d.menyimpang
    d2 = bandingkan_distribusi(["baik", "baik", "sangat_baik", "sangat_baik", "kurang"], "baik", ambang_minimal=0.5)
    assert d2.menyimpang


def test_r5_distribusi_kosong():
    d = bandingkan_distribusi([], "kurang")
    assert d.total == 0 and d.modus_aktual == () and not d.menyimpang
    assert all(v == 0.0 for v in d.proporsi.values()) and "Belum ada" in d.pesan


def test_r5_capaian_terbit_tepat_waktu():
    # 001 B.1 f): annual capaian published by end of January is used
    terbit = {2025: (CapaianOrganisasi.BAIK, date(2026, 1, 20)), 2024: "istimewa"}
    c = capaian_yang_dipakai(2025, terbit)
    assert c.capaian is CapaianOrganisasi.BAIK and c.tahun_sumber == 2025
    c = capaian_yang_dipakai(2025, terbit, tanggal_evaluasi=date(2026, 1, 25))
    assert c.tahun_sumber == 2025
    c = capaian_yang_dipakai(2025, {2025: "baik"}, tanggal_evaluasi=date(2026, 1, 5))
    assert c.capaian is CapaianOrganisasi.BAIK  # tanpa tanggal terbit: dianggap tepat waktu


def test_r5_capaian_belum_terbit_masih_januari():
    # 001 B.1 f): before the end of January the evaluator waits for the current capaian
    terbit = {2025: ("baik", date(2026, 1, 20)), 2024: "istimewa"}
    c = capaian_yang_dipakai(2025, terbit, tanggal_evaluasi=date(2026, 1, 10))
    assert c.capaian is None and "belum terbit" in c.alasan
    c = capaian_yang_dipakai(2025, {2024: "istimewa"}, tanggal_evaluasi=date(2026, 1, 10))
    assert c.capaian is None and "tunggu" in c.alasan


def test_r5_capaian_terbit_melewati_januari_pakai_tahun_sebelumnya():
    # 001 B.1 f): "dikeluarkan melebihi Bulan Januari tahun berikutnya ... capaian kinerja
    # organisasi tahun sebelumnya"
    terbit = {2025: ("baik", date(2026, 2, 3)), 2024: ("istimewa", date(2025, 1, 15))}
    c = capaian_yang_dipakai(2025, terbit)
    assert c.capaian is CapaianOrganisasi.ISTIMEWA and c.tahun_sumber == 2024
    c = capaian_yang_dipakai(2025, {2025: None, 2024: "kurang"}, tanggal_evaluasi=date(2026, 2, 2))
    assert c.capaian is CapaianOrganisasi.KURANG and "dipakai capaian tahun 2024" in c.alasan
    c = capaian_yang_dipakai(2025, {})
    assert c.capaian is None and "tidak tersedia" in c.alasan
