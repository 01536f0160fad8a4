"""Defaults of the SKP rules: a position is *not* the head of an independent unit unless said so.

Source: 001 Lampiran "Penetapan SKP" 1–2 (JPT dan pimpinan unit kerja mandiri ditetapkan
Kepala Daerah; lainnya Pejabat Penilai Kinerja); 001 Lampiran "Penyusunan SKP bagi pegawai
yang melaksanakan tugas belajar" 9 and the format lists of 001 Lampiran (A.1.1–A.1.7, C.1.1–C.1.3; docs/sumber.md).
"""

from app.rules import PenetapSKP, format_hasil_evaluasi, format_skp, penetap_skp


def test_bawaan_bukan_pimpinan_unit_mandiri():
    assert penetap_skp("administrator") is PenetapSKP.PEJABAT_PENILAI
    assert format_skp("administrator", "kualitatif") == "A.1.6"
    assert format_skp("pelaksana", "kuantitatif") == "A.1.7"
    assert format_hasil_evaluasi("administrator", "kuantitatif") == "C.1.3"
    # JPT tetap A.1.1/A.1.2 dan C.1.2 tanpa keterangan unit mandiri
    assert format_skp("jpt_pratama", "kuantitatif") == "A.1.2"
    assert format_hasil_evaluasi("jpt_madya", "kuantitatif") == "C.1.2"


# 001 Pasal 14(3); 001 Lampiran "Penetapan SKP" 1: SKP disusun dan ditandatangani pegawai, lalu ditetapkan.
H1, H2 = "a" * 64, "b" * 64


def _k(status, tts, isi):
    from app.rules import keputusan_penetapan_skp

    k = keputusan_penetapan_skp(status, tts, isi)
    return k.boleh, k.kembali_ke_pegawai, k.alasan


def test_keputusan_penetapan_tanda_boolean_persis():
    assert _k("diajukan", [H1], H1) == (True, False, "")
    assert _k("ditetapkan", [H1], H1) == (False, False, "SKP ini sudah ditetapkan.")
    boleh, kembali, _ = _k("diajukan", [H1], H2)
    assert (boleh, kembali) == (False, True)


def test_keputusan_penetapan_alasan_per_status():
    # Dikembalikan dan isi berubah sesudah ditandatangani: menunggu tanda tangan ulang pegawai.
    boleh, kembali, alasan = _k("dikembalikan", [H1], H2)
    assert (boleh, kembali) == (False, True) and "menunggu tanda tangan ulang" in alasan
    # Dikembalikan, tanda tangan masih atas isi sekarang atau belum ada: menunggu pegawai mengajukan kembali.
    for tts, isi in (([H1], H1), ([], H1)):
        boleh, kembali, alasan = _k("dikembalikan", tts, isi)
        assert (boleh, kembali) == (False, True) and "sedang dikembalikan" in alasan
    # Draf: belum ditandatangani dan diajukan — juga bila ada tanda tangan lama atas isi lain.
    for tts, isi in (([H1], H2), ([], H1), ([H1], H1)):
        boleh, kembali, alasan = _k("draf", tts, isi)
        assert (boleh, kembali) == (False, True) and "belum ditandatangani dan diajukan" in alasan
