"""Order of ratings/predicates — 001 Lampiran "Evaluasi Kinerja" B.3 (Di Atas > Sesuai > Di Bawah;
Sangat Baik > Baik > Butuh Perbaikan > Kurang > Sangat Kurang): strict vs non-strict at equality,
string operands, and no silent comparison with non-strings."""

import operator

import pytest

from app.rules import Predikat, Rating

OPS = [operator.lt, operator.le, operator.gt, operator.ge]


def test_kesamaan_ketat_dan_tidak_ketat():
    for r in Rating:
        assert not r < r and r <= r and not r > r and r >= r
    assert Rating.SESUAI <= Rating.DIATAS and Rating.DIATAS >= Rating.SESUAI
    assert not Rating.DIATAS <= Rating.SESUAI and not Rating.SESUAI >= Rating.DIATAS
    assert Predikat.KURANG < Predikat.BUTUH_PERBAIKAN and Predikat.SANGAT_BAIK > Predikat.BAIK


def test_banding_dengan_nilai_string():
    assert Rating.DIBAWAH < "sesuai" and Rating.DIBAWAH <= "dibawah"
    assert Rating.DIATAS > "Sesuai Ekspektasi" and Rating.DIATAS >= "diatas"


@pytest.mark.parametrize("op", OPS, ids=lambda o: o.__name__)
@pytest.mark.parametrize("lawan", [1, None, 2.5])
def test_bukan_string_tidak_dapat_dibandingkan(op, lawan):
    with pytest.raises(TypeError):
        op(Rating.SESUAI, lawan)


def test_format_memakai_nilai_dan_spesifikasi():
    assert f"{Rating.DIATAS}" == "diatas"
    assert f"{Rating.DIATAS:>8}" == "  diatas"
    assert f"{Predikat.BAIK:_<6}" == "baik__"


def test_banding_string_tidak_jatuh_ke_urutan_abjad():
    # Urutan abjad nilai ("diatas" < "dibawah") berlawanan dengan urutan rating: perbandingan harus tetap
    # memakai urutan regulasi, juga lewat operasi cermin Python.
    assert not Rating.DIATAS <= "dibawah" and Rating.DIATAS > "dibawah"
    assert not Rating.DIBAWAH >= "diatas" and Rating.DIBAWAH < "diatas"
