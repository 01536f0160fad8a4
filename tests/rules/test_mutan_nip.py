"""NIP layout boundaries — glossary "NIP" (PP 11/2017 layout used by all five documents):
``YYYYMMDD`` tanggal lahir · ``YYYYMM`` TMT CPNS · 1 digit jenis kelamin · 3 digit nomor urut.

Month digits 01–12 are all valid TMT months (December included). The plausibility bounds
for the TMT year are the module's documented choice: from age 15 up to age 65 inclusive.
"""

import datetime as dt

import pytest

from app.rules.nip import NIPTidakValid, cek_nip, urai_nip


def test_tmt_desember_sah_bulan_13_dan_00_tidak():
    n = urai_nip("198503152010121002")
    assert (n.tmt_tahun, n.tmt_bulan) == (2010, 12)
    assert urai_nip("198503152010011002").tmt_bulan == 1
    for salah in ("198503152010131002", "198503152010001002"):
        with pytest.raises(NIPTidakValid, match="bulan TMT"):
            urai_nip(salah)


@pytest.mark.parametrize(
    "tmt_tahun,sah",
    [(1999, False), (2000, True), (2050, True), (2051, False)],
    ids=["umur-14", "umur-15", "umur-65", "umur-66"],
)
def test_batas_umur_tmt_15_dan_65_inklusif(tmt_tahun, sah):
    nip = f"19850315{tmt_tahun}011002"
    if sah:
        assert urai_nip(nip).tmt_tahun == tmt_tahun
    else:
        with pytest.raises(NIPTidakValid, match="tidak masuk akal"):
            urai_nip(nip)


def test_spasi_di_dalam_nip_diabaikan():
    # NIP sering ditulis berkelompok "19850315 201001 1 002".
    n = urai_nip(" 19850315 201001 1 002 ")
    assert (n.tanggal_lahir, n.tmt_tahun, n.tmt_bulan, n.jenis_kelamin, n.urut) == (
        dt.date(1985, 3, 15),
        2010,
        1,
        "L",
        2,
    )
    assert cek_nip("19850315 201001 2 002", dt.date(1985, 3, 15), dt.date(2010, 1, 1), "P") == []


def test_jenis_kelamin_dan_nomor_urut():
    n = urai_nip("198503152010012999")
    assert (n.jenis_kelamin, n.urut) == ("P", 999)
    assert urai_nip("198503152010011001").urut == 1


def test_nip_kosong_menyebut_nol_karakter():
    assert cek_nip(None) == ["NIP harus 18 digit angka (diterima 0 karakter)."]
    assert cek_nip("") == ["NIP harus 18 digit angka (diterima 0 karakter)."]


@pytest.mark.parametrize(
    ("nip", "isian", "pesan"),
    [
        ("199001012015032001", "L", "Jenis kelamin Laki-laki tidak sesuai NIP (Perempuan)."),
        ("199001012015031001", "P", "Jenis kelamin Perempuan tidak sesuai NIP (Laki-laki)."),
        ("199001012015031001", "X", "Jenis kelamin X tidak sesuai NIP (Laki-laki)."),
    ],
)
def test_pesan_jenis_kelamin_menyebut_label(nip, isian, pesan):
    """The refusal names both sexes by their labels (as on the employee form), never the stored letter."""
    assert cek_nip(nip, jenis_kelamin=isian) == [pesan]
