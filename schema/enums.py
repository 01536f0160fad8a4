"""Vocabularies that are storage choices, not regulation rules.

Rule vocabularies (Rating, Predikat, JenisJabatan, …) live in ``app.rules``; these
ones only name kinds of rows. All are ``str`` enums stored as lowercase codes, on the same
labelled base as the rule enums (``app.rules.enums.Berlabel``: ``.label``, ``choices()``,
``coerce()``); a member without its own label gets its code title-cased.
"""

from app.rules.enums import Berlabel


class JenisUnit(Berlabel):
    SEKRETARIAT_DAERAH = "sekretariat_daerah"
    SEKRETARIAT_DPRD = ("sekretariat_dprd", "Sekretariat DPRD")
    INSPEKTORAT = "inspektorat"
    DINAS = "dinas"
    BADAN = "badan"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    PUSKESMAS = "puskesmas"
    SEKOLAH = "sekolah"
    UPTD = ("uptd", "UPTD")
    BAGIAN = "bagian"
    BIDANG = "bidang"
    SUBBAGIAN = "subbagian"
    SEKSI = "seksi"


class JenisKelamin(Berlabel):
    LAKI_LAKI = ("L", "Laki-laki")
    PEREMPUAN = ("P", "Perempuan")


class JenisRHK(Berlabel):
    UTAMA = "utama"
    TAMBAHAN = "tambahan"


class JenisLampiran(Berlabel):
    SUMBER_DAYA = "sumber_daya"
    SKEMA_PERTANGGUNGJAWABAN = "skema_pertanggungjawaban"
    KONSEKUENSI = "konsekuensi"


class TingkatKendali(Berlabel):
    OUTCOME = "outcome"
    OUTCOME_ANTARA = "outcome_antara"
    OUTPUT = "output"


class JenisBukti(Berlabel):
    BERKAS = "berkas"
    TAUTAN = "tautan"


class RelasiUmpanBalik(Berlabel):
    PIMPINAN = "pimpinan"
    REKAN = "rekan"
    BAWAHAN = "bawahan"
    PIHAK_LAIN = "pihak_lain"


class SifatUmpanBalik(Berlabel):
    BERKALA = "berkala"
    INSIDENTAL = "insidental"


class CaraUmpanBalik(Berlabel):
    LANGSUNG = "langsung"
    TIDAK_LANGSUNG = "tidak_langsung"


class StatusPermintaan(Berlabel):
    DIMINTA = "diminta"
    DIJAWAB = "dijawab"
    DITOLAK = "ditolak"


class JenisBimbingan(Berlabel):
    COACHING = "coaching"
    MENTORING = "mentoring"
    PELATIHAN_FORMAL = "pelatihan_formal"
    PELATIHAN_INFORMAL = "pelatihan_informal"


class JenisPelatihan(Berlabel):
    """The training kinds of bimbingan kinerja (000 Lampiran D.4 c) 3)–4)); same codes as JenisBimbingan."""

    FORMAL = "pelatihan_formal"
    INFORMAL = "pelatihan_informal"


class BagianCoaching(Berlabel):
    TUJUAN = "tujuan"
    FAKTA = "fakta"
    LANGKAH = "langkah"


class DinilaiOleh(Berlabel):
    PENILAI = "penilai"
    ATASAN_PENILAI = "atasan_penilai"
    KEPALA_DAERAH = "kepala_daerah"
    PLT_PLH = "plt_plh"


class JenisPlt(Berlabel):
    PLT = ("plt", "Pelaksana Tugas (Plt)")
    PLH = ("plh", "Pelaksana Harian (Plh)")


class JenisDelegasi(Berlabel):
    """Delegated evaluation authority (001 Lampiran "Evaluasi Kinerja" 2–3, 7)."""

    PLT = ("plt", "Pelaksana Tugas (Plt)")
    PLH = ("plh", "Pelaksana Harian (Plh)")
    # a functional official leading a unit (kepala sekolah, kepala puskesmas)
    FUNGSIONAL = ("fungsional", "Pejabat Fungsional yang Memimpin Unit Kerja")


class StatusTindakLanjut(Berlabel):
    DIBUKA = "dibuka"
    BERJALAN = "berjalan"
    SELESAI = "selesai"
    DIBATALKAN = "dibatalkan"


class JenisPenghargaan(Berlabel):
    TALENT_POOL = "talent_pool"
    PENGEMBANGAN_KOMPETENSI = "pengembangan_kompetensi"
    LAINNYA = "lainnya"


class JenisDokumen(Berlabel):
    SKP = "skp"
    EVALUASI = "evaluasi"
    KEBERATAN = "keberatan"
    BIMBINGAN = "bimbingan"
    LAPORAN_PERILAKU = "laporan_perilaku"


class PeranTandaTangan(Berlabel):
    PEGAWAI = "pegawai"
    PEJABAT_PENILAI = "pejabat_penilai"
    ATASAN_PENILAI = "atasan_penilai"
    KEPALA_DAERAH = "kepala_daerah"
    PIMPINAN = "pimpinan"


class AksiAudit(Berlabel):
    TAMBAH = "tambah"
    UBAH = "ubah"
    HAPUS = "hapus"
    BACA = "baca"
    TANDA_TANGAN = "tanda_tangan"


class Akreditasi(Berlabel):
    A = "A"
    B = "B"
    C = "C"


# Coaching Clinic SKP (004 BAB III C)
class JenisSesiKlinik(Berlabel):
    INDIVIDU = "individu"
    UNIT = "unit"


class StatusSesiKlinik(Berlabel):
    DIPESAN = "dipesan"
    DIBATALKAN = "dibatalkan"
    DIJADWALKAN_ULANG = "dijadwalkan_ulang"
    BERLANGSUNG = "berlangsung"
    SELESAI = "selesai"


class StatusPermohonanKlinik(Berlabel):
    DIAJUKAN = "diajukan"
    DIDISPOSISI = "didisposisi"
    DIJADWALKAN = "dijadwalkan"
    SELESAI = "selesai"
