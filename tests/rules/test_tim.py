"""R13 Tim Pemantau Kinerja — 000 Pasal 20(3) (city level: BKPSDM, Setda, units designated by
the Sekda) and 20(4) (unit level: the unit's secretariat and other parts of that unit,
at least 3 and at most 7 members)."""

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules import AnggotaTim, LevelTim, bagi_unit_ke_tim, usulkan_anggota_tim, validasi_tim

A = AnggotaTim
SEKRETARIAT = A(1, "DINKES", True, "Siti")
STAF = [SEKRETARIAT, A(2, "DINKES", False, "Budi"), A(3, "DINKES", False, "Ani"),
        A(4, "DINKES", True, "Dedi"), A(5, "DINKES", False, "Eka"), A(6, "DINKES", False),
        A(7, "DINKES", False, "Gita"), A(8, "DINKES", False, "Hana"), A(9, "DINSOS", True, "Iwan")]


def test_tim_unit_sah():
    # 000 Pasal 20(4): unsur sekretariat dan unsur lain pada unit kerja tersebut, 3–7 orang
    assert validasi_tim("unit", STAF[:3], unit_tim="DINKES") == []
    assert validasi_tim(LevelTim.UNIT, STAF[:7], unit_tim="DINKES") == []


def test_tim_unit_jumlah_anggota():
    # 000 Pasal 20(4): "paling sedikit 3 (tiga) orang dan paling banyak 7 (tujuh) orang"
    assert validasi_tim("unit", STAF[:2], unit_tim="DINKES") == ["Jumlah anggota tim 2 orang; paling sedikit 3 orang."]
    assert validasi_tim("unit", STAF[:8], unit_tim="DINKES") == ["Jumlah anggota tim 8 orang; paling banyak 7 orang."]


def test_batas_anggota_pengaturan_daerah_dua_arah():
    # 000 Pasal 20(4) defaults 3–7; DOMAIN R13: configurable per instansi — both directions
    empat, delapan = STAF[:4], STAF[:8]
    assert validasi_tim("unit", empat, unit_tim="DINKES") == []
    assert validasi_tim("unit", empat, unit_tim="DINKES", min_anggota=5, max_anggota=9) == [
        "Jumlah anggota tim 4 orang; paling sedikit 5 orang."]
    assert validasi_tim("unit", delapan, unit_tim="DINKES") != []
    assert validasi_tim("unit", delapan, unit_tim="DINKES", min_anggota=5, max_anggota=9) == []
    with pytest.raises(ValueError, match="Batas anggota"):
        validasi_tim("unit", empat, unit_tim="DINKES", min_anggota=5, max_anggota=4)
    with pytest.raises(ValueError):
        validasi_tim("unit", empat, unit_tim="DINKES", min_anggota=0)


def test_tim_unit_anggota_unit_lain_dan_tanpa_sekretariat():
    # 000 Pasal 20(4): hanya dari unit kerja tersebut; ada unsur sekretariat
    pesan = validasi_tim("unit", [STAF[1], STAF[2], STAF[8]], unit_tim="DINKES")
    assert "Iwan bukan pegawai unit kerja tim ini." in pesan
    assert any("unsur sekretariat" in p for p in pesan)
    pesan = validasi_tim("unit", [STAF[1], STAF[2], STAF[5]], unit_tim="DINKES")
    assert pesan == ["Tim tingkat unit kerja harus memiliki paling sedikit satu anggota dari unsur sekretariat unit kerja."]
    assert validasi_tim("unit", STAF[:3]) == ["Unit kerja tim wajib diisi untuk tim tingkat unit kerja."]


def test_anggota_ganda_dan_nama_bawaan():
    pesan = validasi_tim("unit", [STAF[0], STAF[1], STAF[0], STAF[5]], unit_tim="DINKES")
    assert pesan == ["Siti tercantum lebih dari sekali."]
    pesan = validasi_tim("unit", [STAF[0], STAF[1], A(6, "DINSOS")], unit_tim="DINKES")
    assert pesan == ["Pegawai 6 bukan pegawai unit kerja tim ini."]


def test_tim_kota():
    # 000 Pasal 20(3): unsur BKPSDM, Sekretariat Daerah dan unit kerja lain yang ditetapkan Sekda
    anggota = [A(10, "BKPSDM", nama="Rina"), A(11, "SETDA", nama="Joko"), A(12, "INSPEKTORAT", nama="Lia")]
    assert validasi_tim("kota", anggota, unit_sekretariat={"SETDA"}, unit_eligible_kota={"BKPSDM", "INSPEKTORAT"}) == []
    pesan = validasi_tim("kota", anggota + [A(13, "DINKES", nama="Tono")], unit_sekretariat={"SETDA"},
                         unit_eligible_kota={"BKPSDM"})
    assert pesan == [
        "Lia bukan dari unsur BKPSDM, Sekretariat Daerah, atau unit kerja yang ditetapkan Sekretaris Daerah.",
        "Tono bukan dari unsur BKPSDM, Sekretariat Daerah, atau unit kerja yang ditetapkan Sekretaris Daerah.",
    ]
    # same bounds as unit level unless configured
    assert validasi_tim("kota", anggota[:2], unit_eligible_kota={"BKPSDM", "SETDA"}) == [
        "Jumlah anggota tim 2 orang; paling sedikit 3 orang."]
    assert validasi_tim("kota", anggota[:2], unit_eligible_kota={"BKPSDM", "SETDA"}, min_anggota=2) == []


def test_usulan_tim_unit_deterministik_dan_sah():
    # 000 Pasal 20(4): proposal drawn from the unit's staff, with one secretariat member
    usul = usulkan_anggota_tim(reversed(STAF), "DINKES")
    assert [a.pegawai_id for a in usul] == [1, 2, 3]
    assert validasi_tim("unit", usul, unit_tim="DINKES") == []
    usul = usulkan_anggota_tim(STAF, "DINKES", jumlah=7, kecualikan={2})
    assert [a.pegawai_id for a in usul] == [1, 3, 5, 6, 7, 8, 4]
    assert len(usulkan_anggota_tim(STAF, "DINKES", jumlah=99)) == 7
    assert len(usulkan_anggota_tim(STAF, "DINKES", jumlah=1)) == 3


def test_usulan_tim_gagal():
    with pytest.raises(ValueError, match="unsur sekretariat"):
        usulkan_anggota_tim([A(1, "X"), A(2, "X"), A(3, "X")], "X")
    with pytest.raises(ValueError, match="hanya 2 orang"):
        usulkan_anggota_tim([A(1, "X", True), A(2, "X")], "X")
    with pytest.raises(ValueError, match="Batas anggota"):
        usulkan_anggota_tim(STAF, "DINKES", min_anggota=3, max_anggota=2)


# ------------------------------------------------------------------ assignment to city-level teams
def test_bagi_unit_tanpa_konflik_kepentingan():
    # 000 Pasal 20(3): city-level teams monitor units; a team never monitors a unit its members work in
    tim = {"T1": {"BKPSDM"}, "T2": {"SETDA"}}
    unit = {"BKPSDM": 40, "SETDA": 30, "DINKES": 120, "DINSOS": 60, "DISDIK": 200}
    hasil = bagi_unit_ke_tim(tim, unit)
    assert hasil["BKPSDM"] == "T2" and hasil["SETDA"] == "T1"
    assert set(hasil) == set(unit) and hasil.tidak_dapat == {}
    assert hasil.beban == {"T1": 230, "T2": 220} and hasil.beban_maksimum == 230


def test_bagi_unit_tidak_dapat_dengan_alasan():
    hasil = bagi_unit_ke_tim({1: {"A"}, 2: {"A"}}, {"A": 10, "B": 5})
    assert dict(hasil) == {"B": 1} and hasil.tidak_dapat == {"A": "Semua tim memiliki anggota yang bekerja di unit ini."}
    hasil = bagi_unit_ke_tim({}, {"A": 10})
    assert dict(hasil) == {} and hasil.tidak_dapat == {"A": "Tidak ada tim pemantau."} and hasil.beban_maksimum == 0
    with pytest.raises(ValueError, match="negatif"):
        bagi_unit_ke_tim({1: set()}, {"A": -1})


def test_perbaikan_lokal_lebih_baik_dari_lpt():
    # LPT puts X (tie → T1) then Y (only T1 eligible) on T1 = 10; moving X to T2 gives 5/5
    tim = {"T1": set(), "T2": {"Y"}}
    unit = {"X": 5, "Y": 5}
    assert bagi_unit_ke_tim(tim, unit, maks_perbaikan=0).beban_maksimum == 10  # pure LPT
    hasil = bagi_unit_ke_tim(tim, unit)
    assert dict(hasil) == {"X": "T2", "Y": "T1"} and hasil.beban == {"T1": 5, "T2": 5}


def test_unit_tanpa_pegawai_tidak_dipindah():
    tim = {"T1": set(), "T2": {"W", "Z"}}
    hasil = bagi_unit_ke_tim(tim, {"W": 5, "Z": 0})
    assert dict(hasil) == {"W": "T1", "Z": "T1"}


def test_id_campuran_int_dan_str_deterministik():
    tim = {2: set(), "b": set(), 1: set(), "a": set()}
    unit = {10: 3, "x": 3, 5: 3, "y": 3}
    h1 = bagi_unit_ke_tim(tim, unit)
    h2 = bagi_unit_ke_tim(dict(reversed(list(tim.items()))), dict(reversed(list(unit.items()))))
    assert dict(h1) == dict(h2) == {5: 1, 10: 2, "x": "a", "y": "b"}


def test_kinerja_2000_unit_50_tim():
    rng = random.Random(20)
    unit = {f"U{i:04d}": rng.randint(1, 400) for i in range(2000)}
    nama = list(unit)
    tim = {t: set(rng.sample(nama, 6)) for t in range(50)}
    t0 = time.perf_counter()
    hasil = bagi_unit_ke_tim(tim, unit)
    assert time.perf_counter() - t0 < 1.0
    assert len(hasil) == 2000 and not hasil.tidak_dapat


def _lpt_rujukan(tim, unit):
    """Independent reference LPT (the brief's baseline)."""
    def k(x):
        return (0, x, "") if isinstance(x, int) else (1, 0, str(x))
    beban = {t: 0 for t in tim}
    for u in sorted(unit, key=lambda u: (-unit[u], k(u))):
        layak = [t for t in sorted(tim, key=k) if u not in tim[t]]
        if layak:
            t = min(layak, key=lambda t: (beban[t], k(t)))
            beban[t] += unit[u]
    return max(beban.values(), default=0)


@st.composite
def kasus_pembagian(draw):
    n_unit = draw(st.integers(0, 25))
    unit = {i: draw(st.integers(0, 50)) for i in range(n_unit)}
    n_tim = draw(st.integers(0, 6))
    tim = {f"T{j}": set(draw(st.lists(st.sampled_from(list(unit)), max_size=5))) if unit else set()
           for j in range(n_tim)}
    return tim, unit


@settings(max_examples=120, deadline=None)
@given(kasus_pembagian())
def test_properti_pembagian(kasus):
    # 000 Pasal 20: no conflict of interest; each assignable unit exactly once; balance ≥ LPT
    tim, unit = kasus
    hasil = bagi_unit_ke_tim(tim, unit)
    for u, t in hasil.items():
        assert u not in tim[t]
    for u in unit:
        dapat = any(u not in anggota for anggota in tim.values())
        assert (u in hasil) == dapat and (u in hasil.tidak_dapat) == (not dapat)
    assert set(hasil.beban) == set(tim)
    for t in tim:
        assert hasil.beban[t] == sum(unit[u] for u, tt in hasil.items() if tt == t)
    assert hasil.beban_maksimum <= _lpt_rujukan(tim, unit)
    assert dict(bagi_unit_ke_tim(tim, unit)) == dict(hasil)  # deterministic
