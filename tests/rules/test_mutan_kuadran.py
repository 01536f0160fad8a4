"""Boundary tests for R3/R5 (app/rules/kuadran.py) that pin the regulation's own wording.

Source: 001 Lampiran "Evaluasi Kinerja" B.3 a 1) (d) ("sebagian besar atau seluruh",
"sebagian kecil") and B.2 f) ("dikeluarkan melebihi Bulan Januari tahun berikutnya").
"Sebagian besar" = more than half; exactly half is *not* "sebagian besar".
"""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules import CapaianOrganisasi, Rating, bandingkan_distribusi, capaian_yang_dipakai, saran_rating_hasil_kerja

T, F = True, False
CEPAT = settings(max_examples=80, deadline=None)


# --- R3: "sebagian besar atau seluruh hasil kerja diatas ekspektasi" -------------------------


def test_r3_sebagian_kecil_di_atas_bukan_di_atas():
    # 1 dari 3 di atas ekspektasi: bukan "sebagian besar" → Sesuai.
    rhk = [(T, "diatas"), (T, "sesuai"), (F, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [True, True]) is Rating.SESUAI
    assert saran_rating_hasil_kerja(rhk) is Rating.SESUAI


def test_r3_tepat_separuh_di_atas_bukan_sebagian_besar():
    # 2 dari 4 di atas: tepat setengah bukan "lebih dari setengah" → Sesuai.
    rhk = [(T, "diatas"), (F, "diatas"), (T, "sesuai"), (F, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [True]) is Rating.SESUAI
    # 3 dari 4: sebagian besar → Di Atas.
    rhk3 = [(T, "diatas"), (F, "diatas"), (T, "diatas"), (F, "sesuai")]
    assert saran_rating_hasil_kerja(rhk3, [True]) is Rating.DIATAS


def test_r3_sebagian_kecil_di_bawah_bukan_di_bawah():
    # "Sebagian besar atau seluruh hasil kerja dibawah ekspektasi": 1 dari 3 (RHK tambahan) bukan.
    rhk = [(T, "sesuai"), (F, "dibawah"), (F, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [False, False]) is Rating.SESUAI
    assert saran_rating_hasil_kerja(rhk) is Rating.SESUAI


def test_r3_tepat_separuh_di_bawah_bukan_sebagian_besar():
    # 2 dari 4 di bawah (RHK utama 1 dari 2 di bawah = "sebagian kecil"/separuh): Sesuai.
    rhk = [(T, "dibawah"), (T, "sesuai"), (F, "dibawah"), (F, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [False]) is Rating.SESUAI
    assert saran_rating_hasil_kerja(rhk) is Rating.SESUAI
    # 3 dari 4 di bawah → Di Bawah.
    rhk3 = [(T, "dibawah"), (T, "sesuai"), (F, "dibawah"), (F, "dibawah")]
    assert saran_rating_hasil_kerja(rhk3, [False]) is Rating.DIBAWAH


def test_r3_tepat_separuh_rhk_utama_di_bawah_bukan_sebagian_besar():
    # RHK utama 1 dari 2 di bawah, keseluruhan 1 dari 3: tidak "sebagian besar" dari keduanya.
    rhk = [(T, "dibawah"), (T, "sesuai"), (F, "sesuai")]
    assert saran_rating_hasil_kerja(rhk, [False]) is Rating.SESUAI
    # RHK utama 2 dari 3 di bawah, keseluruhan 2 dari 5: sebagian besar RHK utama → Di Bawah.
    rhk2 = [(T, "dibawah"), (T, "dibawah"), (T, "sesuai"), (F, "sesuai"), (F, "sesuai")]
    assert saran_rating_hasil_kerja(rhk2, [False]) is Rating.DIBAWAH


def test_r3_sebagian_besar_sesuai_tanpa_umpan_balik():
    # "sebagian besar atau seluruh hasil kerja sesuai ekspektasi" tanpa umpan balik → Sesuai.
    rhk = [(T, "sesuai"), (T, "sesuai"), (F, "diatas")]
    assert saran_rating_hasil_kerja(rhk) is Rating.SESUAI
    assert saran_rating_hasil_kerja(rhk, []) is Rating.SESUAI
    rhk_b = [(T, "sesuai"), (T, "sesuai"), (F, "dibawah")]
    assert saran_rating_hasil_kerja(rhk_b) is Rating.SESUAI


def test_r3_umpan_balik_sebagian_besar_tidak_positif():
    # Di Bawah butuh umpan balik "sebagian besar ... tidak menunjukkan respon positif":
    # 1 positif dari 3 (2/3 tidak positif) cukup; 1 dari 2 (separuh) tidak.
    rhk = [(T, "dibawah"), (F, "dibawah")]
    assert saran_rating_hasil_kerja(rhk, [True, False, False]) is Rating.DIBAWAH
    assert saran_rating_hasil_kerja(rhk, [True, False]) is Rating.SESUAI
    # Di Atas butuh umpan balik "sebagian besar ... positif": 2 dari 3 cukup, 1 dari 3 tidak.
    atas = [(T, "diatas"), (F, "diatas")]
    assert saran_rating_hasil_kerja(atas, [True, True, False]) is Rating.DIATAS
    assert saran_rating_hasil_kerja(atas, [True, False, False]) is Rating.SESUAI


@CEPAT
@given(n=st.integers(1, 12), k=st.integers(0, 12))
def test_r3_ambang_lebih_dari_setengah_di_atas(n, k):
    # Properti: k dari n RHK tambahan di atas (sisanya sesuai) → Di Atas tepat bila 2k > n.
    k = min(k, n)
    rhk = [(F, "diatas")] * k + [(F, "sesuai")] * (n - k)
    harap = Rating.DIATAS if 2 * k > n else Rating.SESUAI
    assert saran_rating_hasil_kerja(rhk) is harap


@CEPAT
@given(n=st.integers(1, 12), k=st.integers(0, 12), utama=st.booleans())
def test_r3_ambang_lebih_dari_setengah_di_bawah(n, k, utama):
    # Properti: k dari n RHK (semua utama atau semua tambahan) di bawah → Di Bawah tepat bila 2k > n.
    k = min(k, n)
    rhk = [(utama, "dibawah")] * k + [(utama, "sesuai")] * (n - k)
    harap = Rating.DIBAWAH if 2 * k > n else Rating.SESUAI
    assert saran_rating_hasil_kerja(rhk) is harap


# --- R5: "dikeluarkan melebihi Bulan Januari tahun berikutnya" → tahun sebelumnya ---------------

TERBIT = {2024: ("kurang", date(2025, 1, 20))}


def test_r5_terbit_31_januari_masih_tepat_waktu():
    # Terbit pada 31 Januari tidak "melebihi Bulan Januari".
    terbit = {**TERBIT, 2025: ("baik", date(2026, 1, 31))}
    c = capaian_yang_dipakai(2025, terbit)
    assert (c.capaian, c.tahun_sumber) == (CapaianOrganisasi.BAIK, 2025)
    # 1 Februari sudah melebihi Januari → tahun sebelumnya.
    terbit2 = {**TERBIT, 2025: ("baik", date(2026, 2, 1))}
    c = capaian_yang_dipakai(2025, terbit2)
    assert (c.capaian, c.tahun_sumber) == (CapaianOrganisasi.KURANG, 2024)


def test_r5_terbit_pada_tanggal_evaluasi_dipakai():
    # Capaian yang terbit pada hari evaluasi sudah tersedia pada hari itu.
    terbit = {**TERBIT, 2025: ("baik", date(2026, 1, 20))}
    c = capaian_yang_dipakai(2025, terbit, tanggal_evaluasi=date(2026, 1, 20))
    assert (c.capaian, c.tahun_sumber) == (CapaianOrganisasi.BAIK, 2025)
    c = capaian_yang_dipakai(2025, terbit, tanggal_evaluasi=date(2026, 1, 19))
    assert (c.capaian, c.tahun_sumber) == (None, None)


def test_r5_evaluasi_31_januari_belum_terbit_menunggu():
    # Evaluasi pada 31 Januari: Januari belum terlewati, capaian tahun ini masih ditunggu.
    c = capaian_yang_dipakai(2025, {**TERBIT, 2025: None}, tanggal_evaluasi=date(2026, 1, 31))
    assert (c.capaian, c.tahun_sumber) == (None, None)
    c = capaian_yang_dipakai(2025, {**TERBIT, 2025: None}, tanggal_evaluasi=date(2026, 2, 1))
    assert (c.capaian, c.tahun_sumber) == (CapaianOrganisasi.KURANG, 2024)


def test_r5_ambang_minimal_pada_kesamaan_tidak_menyimpang():
    # "idealnya sebagian besar": porsi tepat sama dengan ambang yang dipilih tidak kurang dari ambang.
    hasil = bandingkan_distribusi(["baik", "baik", "sangat_baik", "kurang"], "baik", ambang_minimal=0.5)
    assert hasil.menyimpang is False
    hasil = bandingkan_distribusi(["baik", "baik", "sangat_baik", "kurang"], "baik", ambang_minimal=0.51)
    assert hasil.menyimpang is True


def test_r5_perbandingan_membawa_capaian_unit():
    hasil = bandingkan_distribusi(["baik"], "istimewa")
    assert hasil.capaian is CapaianOrganisasi.ISTIMEWA
