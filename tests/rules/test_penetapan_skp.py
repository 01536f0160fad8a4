"""Siklus 1 — 001 Pasal 14(3); 001 Lampiran "Penetapan SKP" 1: the SKP is signed by the employee and then set,
over exactly the content the employee signed."""

from hypothesis import given
from hypothesis import strategies as st

from app.rules import StatusSKP, keputusan_penetapan_skp

H1, H2 = "a" * 64, "b" * 64


def test_diajukan_dengan_tanda_tangan_atas_isi_sekarang_boleh_ditetapkan():
    k = keputusan_penetapan_skp("diajukan", [H1], H1)
    assert k.boleh and not k.kembali_ke_pegawai and k.alasan == ""


def test_isi_berubah_sesudah_ditandatangani_kembali_ke_pegawai():
    # the evaluator changed ekspektasi khusus after the employee signed
    k = keputusan_penetapan_skp("diajukan", [H1], H2)
    assert not k.boleh and k.kembali_ke_pegawai and "ditandatangani ulang" in k.alasan


def test_tanda_tangan_terakhir_yang_menentukan():
    # signed H1, content changed to H2, re-signed H2: the latest signature covers the content
    assert keputusan_penetapan_skp("diajukan", [H1, H2], H2).boleh
    # an older signature over the current content does not count when a later one differs
    assert not keputusan_penetapan_skp("diajukan", [H2, H1], H2).boleh


def test_tanpa_tanda_tangan_pegawai_tidak_boleh():
    k = keputusan_penetapan_skp("diajukan", [], H1)
    assert not k.boleh and k.kembali_ke_pegawai and "belum ditandatangani pegawai" in k.alasan


def test_status_lain():
    for st_ in ("draf", "dikembalikan"):
        k = keputusan_penetapan_skp(st_, [H1], H1)
        assert not k.boleh and k.kembali_ke_pegawai
    assert "menunggu tanda tangan ulang" in keputusan_penetapan_skp("dikembalikan", [H1], H2).alasan
    for st_ in ("ditetapkan", "diubah"):
        k = keputusan_penetapan_skp(st_, [H1], H1)
        assert not k.boleh and not k.kembali_ke_pegawai


@given(
    status=st.sampled_from(list(StatusSKP)),
    tts=st.lists(st.sampled_from([H1, H2, "c" * 64]), max_size=4),
    isi=st.sampled_from([H1, H2, "c" * 64]),
)
def test_boleh_tepat_bila_diajukan_dan_tanda_tangan_terakhir_atas_isi(status, tts, isi):
    k = keputusan_penetapan_skp(status, tts, isi)
    assert k.boleh == (status is StatusSKP.DIAJUKAN and bool(tts) and tts[-1] == isi)
    assert not (k.boleh and k.kembali_ke_pegawai)
    assert k.boleh or k.alasan
