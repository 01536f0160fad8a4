"""R14: tindak lanjut — penghargaan dan jalur sanksi (panduan register).

Sumber: 001 Pasal 29 (penghargaan), 001 Pasal 31(2) (PPPK), 002 slide
"PENGHARGAAN" (Sangat Baik 2 tahun berturut-turut), 003 Pasal 33–34 (sanksi
JPT dan JA/JF). Fungsi ini hanya menyusun urutan entri register yang *dapat*
ditempuh; keputusan tetap pada PyB/PPK sesuai peraturan perundang-undangan.
"""

from __future__ import annotations

from collections.abc import Mapping

from .enums import JenisASN, JenisJabatan, JenisTindakLanjut, Predikat

_JALUR_JPT = (
    JenisTindakLanjut.PERBAIKAN_6_BULAN,
    JenisTindakLanjut.UJI_KOMPETENSI_ULANG,
    JenisTindakLanjut.PEMINDAHAN_PENURUNAN,
)
_JALUR_JA_JF = _JALUR_JPT + (JenisTindakLanjut.PENEMPATAN_SEMENTARA, JenisTindakLanjut.PEMBERHENTIAN_HORMAT)
# 003 Pasal 33 a: "CUKUP" (= Butuh Perbaikan), KURANG, SANGAT KURANG
_PEMICU_JPT = (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG)
# 003 Pasal 34 a: KURANG, SANGAT KURANG
_PEMICU_JA_JF = (Predikat.KURANG, Predikat.SANGAT_KURANG)


# R14 — 002 "PENGHARGAAN" (Sangat Baik 2 tahun berturut-turut); 001 Pasal 29(1)
def layak_penghargaan(riwayat: Mapping[int, Predikat | str | None], tahun: int) -> bool:
    """Prioritas talent pool/pengembangan kompetensi: Sangat Baik pada ``tahun`` dan ``tahun - 1``."""

    def sangat_baik(t: int) -> bool:
        p = riwayat.get(t)
        return p is not None and Predikat.coerce(p) is Predikat.SANGAT_BAIK

    return sangat_baik(tahun) and sangat_baik(tahun - 1)


# R14 — 003 Pasal 33 (JPT), 003 Pasal 34 (JA/JF), 001 Pasal 31(2) (PPPK)
def jalur_sanksi(
    jenis_jabatan: JenisJabatan | str,
    jenis_asn: JenisASN | str,
    predikat: Predikat | str,
    lama_menjabat_tahun: float = 1,
    force_majeure: bool = False,
    memenuhi_target_perjanjian: bool | None = None,
) -> list[JenisTindakLanjut]:
    """Urutan entri register sanksi yang terpicu; daftar kosong bila tidak terpicu.

    * kondisi tidak normal (force majeure) → kosong (003 Pasal 33 b, 34 b);
    * PPPK: hanya jalur perjanjian kerja — ``memenuhi_target_perjanjian is False``
      → rekomendasi pemberhentian dari PPPK; ``None`` (penilaian atasan dan tim
      penilai PPPK belum ada) → kosong (keputusan: tidak diturunkan dari predikat);
    * PNS/CPNS JPT: predikat Butuh Perbaikan ("Cukup"), Kurang, atau Sangat Kurang
      setelah menjabat ≥ 1 tahun → perbaikan 6 bulan → uji kompetensi ulang →
      pemindahan/penurunan jabatan;
    * PNS/CPNS JA (administrator, pengawas, pelaksana) dan JF: Kurang atau Sangat
      Kurang → perbaikan 6 bulan → uji kompetensi ulang → pemindahan/penurunan →
      penempatan sementara ≤ 1 tahun → pemberhentian dengan hormat.
    """
    jabatan = JenisJabatan.coerce(jenis_jabatan)
    asn = JenisASN.coerce(jenis_asn)
    p = Predikat.coerce(predikat)
    if force_majeure:
        return []
    if asn is JenisASN.PPPK:
        if memenuhi_target_perjanjian is False:
            return [JenisTindakLanjut.REKOMENDASI_PEMUTUSAN_PPPK]
        return []
    if jabatan.is_jpt:
        if p in _PEMICU_JPT and lama_menjabat_tahun >= 1:
            return list(_JALUR_JPT)
        return []
    if p in _PEMICU_JA_JF:
        return list(_JALUR_JA_JF)
    return []
