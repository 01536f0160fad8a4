"""Enums: values are lowercase snake_case (DB CHECK), labels are the official texts
(the choice values printed on the official forms; 001 Lampiran "Evaluasi Kinerja" B.1 a and B.3)."""

import re

import pytest

from app.rules import CapaianOrganisasi, JenisJabatan, JenisPeriode, Predikat, Rating
from app.rules import enums as E

SEMUA_ENUM = [obj for obj in vars(E).values() if isinstance(obj, type) and issubclass(obj, E.Berlabel) and list(obj)]


def test_nilai_snake_case_dan_label_ada():
    for cls in SEMUA_ENUM:
        for m in cls:
            assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", m.value), (cls, m)
            assert m.label and m.label[0].isupper(), (cls, m)
            assert isinstance(m, str)


def test_label_resmi():
    # the choice values printed on the official forms: PREDIKAT ... KURANG (MISCONDUCT); RATING ... DIATAS EKSPEKTASI
    assert Predikat.KURANG.label == "Kurang (Misconduct)"
    assert Predikat.SANGAT_BAIK.label == "Sangat Baik"
    assert Rating.DIATAS.label == "Di Atas Ekspektasi"
    assert CapaianOrganisasi.ISTIMEWA.label == "Istimewa"
    assert [v for v, _ in JenisPeriode.choices()] == [
        "harian",
        "mingguan",
        "bulanan",
        "triwulanan",
        "semesteran",
        "tahunan",
    ]  # 003 Pasal 14(3)


def test_urutan_lebih_baik_lebih_besar():
    # 001 Lampiran "Evaluasi Kinerja" B.3: No 1 Sangat Baik ... No 5 Sangat Kurang
    urut = [Predikat.SANGAT_BAIK, Predikat.BAIK, Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG]
    for a, b in zip(urut, urut[1:]):
        assert a > b and b < a and a >= b and b <= a and a >= a and a <= a
    assert sorted(urut) == urut[::-1]
    assert Predikat.SANGAT_BAIK.peringkat == 5 and Predikat.SANGAT_KURANG.peringkat == 1
    assert Rating.DIATAS > Rating.SESUAI > Rating.DIBAWAH
    assert CapaianOrganisasi.ISTIMEWA > CapaianOrganisasi.SANGAT_KURANG
    # perbandingan dengan nilai string mengikuti urutan yang sama
    assert Predikat.BAIK > "kurang" and Predikat.BAIK < "sangat_baik"
    assert Predikat.BAIK >= "baik" and Predikat.BAIK <= "baik"


def test_perbandingan_tak_sah():
    with pytest.raises(TypeError):
        _ = Predikat.BAIK < 3
    with pytest.raises(TypeError):
        _ = Predikat.BAIK > "bukan_predikat"
    with pytest.raises(TypeError):
        _ = Predikat.BAIK <= Rating.DIATAS  # "diatas" bukan nilai Predikat
    with pytest.raises(TypeError):
        _ = Predikat.BAIK >= None


def test_coerce_nilai_label_anggota():
    assert Rating.coerce("DIATAS") is Rating.DIATAS
    assert Rating.coerce(" di atas ekspektasi ") is Rating.DIATAS
    assert Rating.coerce(Rating.SESUAI) is Rating.SESUAI
    assert Predikat("Kurang (Misconduct)") is Predikat.KURANG
    with pytest.raises(ValueError):
        Rating.coerce("luar biasa")
    with pytest.raises(ValueError):
        Rating.coerce(1)


def test_str_format_hash_sama_dengan_nilai():
    assert str(Predikat.BAIK) == "baik" and f"{Predikat.BAIK}" == "baik"
    assert Predikat.BAIK == "baik" and {Predikat.BAIK: 1}["baik"] == 1


def test_jenis_jabatan():
    assert JenisJabatan.JPT_PRATAMA.is_jpt and not JenisJabatan.FUNGSIONAL.is_jpt
    assert JenisJabatan.PELAKSANA.is_administrasi and not JenisJabatan.FUNGSIONAL.is_administrasi


def test_tidak_membandingkan_enum_berbeda():
    # "baik" ada di Predikat dan CapaianOrganisasi, tetapi keduanya bukan skala yang sama
    with pytest.raises(TypeError):
        _ = Predikat.BAIK < CapaianOrganisasi.ISTIMEWA


def test_tidak_jatuh_ke_perbandingan_string():
    with pytest.raises(TypeError):
        _ = Predikat.BAIK < JenisJabatan.PELAKSANA
    with pytest.raises(TypeError):
        _ = "zzz" > Predikat.BAIK


class _Kosakata(E.Berlabel):
    """A storage vocabulary on the same base (schema/enums.py): members without a label of their own."""

    PIHAK_LAIN = "pihak_lain"
    DINAS = "dinas"
    UPTD = ("uptd", "UPTD")


def test_label_bawaan_dari_kode():
    assert _Kosakata.PIHAK_LAIN.label == "Pihak Lain" and _Kosakata.DINAS.label == "Dinas"
    assert _Kosakata.UPTD.label == "UPTD"
    assert _Kosakata.choices() == [("pihak_lain", "Pihak Lain"), ("dinas", "Dinas"), ("uptd", "UPTD")]
    assert _Kosakata.coerce("Pihak Lain") is _Kosakata.PIHAK_LAIN and _Kosakata("uptd") is _Kosakata.UPTD
    assert str(_Kosakata.PIHAK_LAIN) == "pihak_lain" == f"{_Kosakata.PIHAK_LAIN}"
