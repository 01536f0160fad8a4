"""Kapan hasil dikirim ke SIASN, bulan periode, jeda coba lagi (app/rules/siasn.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.enums import JenisPeriode, StatusDokumen
from app.rules.siasn import JEDA_AWAL, JEDA_MAKS, bulan_periode, jeda_coba_lagi, siap_dikirim

TERIMA = date(2026, 10, 1)  # Kamis; 14 hari kerja sesudahnya (tanpa libur nasional di Oktober 2026): 21 Oktober


def test_masa_keberatan_14_hari_kerja_lewat_baru_dikirim():
    biasa = dict(dinilai_oleh_atasan_karena_terlambat=False, dinilai_kepala_daerah=False, tanggal_diterima=TERIMA)
    assert not siap_dikirim("diterima", hari_ini=date(2026, 10, 21), **biasa)  # hari kerja ke-14: masih boleh keberatan
    assert siap_dikirim("diterima", hari_ini=date(2026, 10, 22), **biasa)
    assert siap_dikirim("dikembalikan", hari_ini=date(2026, 10, 22), **biasa)
    # cuti bersama di dalam masa itu memperpanjangnya sehari
    assert not siap_dikirim("diterima", hari_ini=date(2026, 10, 22), cuti_bersama=[date(2026, 10, 5)], **biasa)
    # keberatan diajukan: menunggu keputusannya (status FINAL)
    assert not siap_dikirim("diterima", hari_ini=date(2027, 1, 1), keberatan_diajukan=True, **biasa)
    assert siap_dikirim("final", hari_ini=TERIMA, keberatan_diajukan=True, **biasa)


@pytest.mark.parametrize("terlambat,kepala_daerah", [(True, False), (False, True)])
def test_hasil_final_dikirim_begitu_diterima(terlambat, kepala_daerah):
    """R7/R15: dinilai atasan karena penilai terlambat, atau oleh Kepala Daerah — tanpa keberatan."""
    k = dict(dinilai_oleh_atasan_karena_terlambat=terlambat, dinilai_kepala_daerah=kepala_daerah)
    assert siap_dikirim("diterima", tanggal_diterima=TERIMA, hari_ini=TERIMA, **k)
    assert not siap_dikirim("disampaikan", tanggal_diterima=None, hari_ini=TERIMA, **k)  # belum diterima


@given(
    st.sampled_from(list(StatusDokumen)),
    st.booleans(),
    st.booleans(),
    st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2027, 12, 31))),
    st.integers(0, 400),
    st.booleans(),
)
def test_tidak_pernah_mengirim_draf_atau_yang_belum_diterima(status, terlambat, kd, terima, hari, keberatan):
    hari_ini = (terima or date(2026, 1, 1)) + timedelta(days=hari)
    hasil = siap_dikirim(status, terlambat, kd, terima, hari_ini, keberatan)
    if status in (StatusDokumen.DRAF, StatusDokumen.DITANDATANGANI, StatusDokumen.DISAMPAIKAN):
        assert hasil is False
    if status is StatusDokumen.FINAL:
        assert hasil is True
    if status is not StatusDokumen.FINAL and terima is None:
        assert hasil is False
    if hasil and status is not StatusDokumen.FINAL and not (terlambat or kd):
        assert not keberatan and hari_ini > terima


def test_bulan_periode():
    assert bulan_periode("bulanan", 3) == (3, 3)
    assert [bulan_periode(JenisPeriode.TRIWULANAN, n) for n in (1, 2, 3, 4)] == [(1, 3), (4, 6), (7, 9), (10, 12)]
    assert bulan_periode("semesteran", 2) == (7, 12)
    assert bulan_periode("tahunan", 1) == (1, 12)
    with pytest.raises(ValueError, match="1–4"):
        bulan_periode("triwulanan", 5)
    with pytest.raises(ValueError, match="tidak dikirim"):
        bulan_periode("mingguan", 1)


@given(st.sampled_from(["bulanan", "triwulanan", "semesteran", "tahunan"]), st.integers(-3, 15))
def test_bulan_periode_menutup_tahun_tanpa_celah(jenis, nomor):
    panjang = {"bulanan": 1, "triwulanan": 3, "semesteran": 6, "tahunan": 12}[jenis]
    if 1 <= nomor <= 12 // panjang:
        mulai, selesai = bulan_periode(jenis, nomor)
        assert selesai - mulai + 1 == panjang and mulai == (nomor - 1) * panjang + 1
    else:
        with pytest.raises(ValueError):
            bulan_periode(jenis, nomor)


def test_jeda_berlipat_dua_dan_berbatas():
    assert [jeda_coba_lagi(n) for n in (1, 2, 3)] == [JEDA_AWAL, 2 * JEDA_AWAL, 4 * JEDA_AWAL]
    assert jeda_coba_lagi(50) == JEDA_MAKS
    with pytest.raises(ValueError):
        jeda_coba_lagi(0)


@given(st.integers(1, 10_000))
def test_jeda_naik_monoton(n):
    assert JEDA_AWAL <= jeda_coba_lagi(n) <= jeda_coba_lagi(n + 1) <= JEDA_MAKS
