"""NIP structure — ARCHITECTURE.md "Glosarium": YYYYMMDD birth · YYYYMM TMT · sex 1/2 · 3-digit serial."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.nip import NIPTidakValid, buat_nip, cek_nip, urai_nip


def test_contoh_nip_valid():
    n = urai_nip("198503152010011002")
    assert n.tanggal_lahir == dt.date(1985, 3, 15)
    assert (n.tmt_tahun, n.tmt_bulan) == (2010, 1)
    assert n.jenis_kelamin == "L" and n.urut == 2


@pytest.mark.parametrize(
    "nip, potongan",
    [
        ("12345", "18 digit"),
        ("19850315201001100A", "18 digit"),
        ("198502302010011002", "tanggal lahir"),
        ("198503152010131002", "bulan TMT"),
        ("198503151990011002", "tidak masuk akal"),
        ("198503152010013002", "jenis kelamin"),
        ("198503152010011000", "nomor urut"),
    ],
)
def test_nip_salah_ditolak_dengan_pesan(nip, potongan):
    with pytest.raises(NIPTidakValid, match=potongan):
        urai_nip(nip)
    assert potongan in cek_nip(nip)[0]


def test_konsistensi_dengan_isian():
    nip = "199001012015032001"
    assert cek_nip(nip, dt.date(1990, 1, 1), dt.date(2015, 3, 1), "P") == []
    pesan = cek_nip(nip, dt.date(1990, 1, 2), dt.date(2016, 3, 1), "L")
    assert len(pesan) == 3
    assert "Tanggal lahir" in pesan[0] and "TMT" in pesan[1] and "Jenis kelamin" in pesan[2]


@given(
    st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2004, 12, 31)),
    st.integers(min_value=18, max_value=50),
    st.integers(min_value=1, max_value=12),
    st.sampled_from(["L", "P"]),
    st.integers(min_value=1, max_value=999),
)
def test_buat_lalu_urai_bolak_balik(lahir, umur, bulan, jk, urut):
    tmt = dt.date(lahir.year + umur, bulan, 1)
    nip = buat_nip(lahir, tmt, jk, urut)
    n = urai_nip(nip)
    assert (n.tanggal_lahir, n.tmt_tahun, n.tmt_bulan, n.jenis_kelamin, n.urut) == (lahir, tmt.year, bulan, jk, urut)
