"""Vocabularies that are storage choices, not regulation rules.

Rule vocabularies (Rating, Predikat, JenisJabatan, …) live in ``app.rules``; these
ones only name kinds of rows. All are ``str`` enums stored as lowercase codes.
"""
from enum import Enum


class _Label(str, Enum):
    @property
    def label(self) -> str:
        return LABEL.get(self.value, self.value.replace("_", " ").title())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


LABEL = {"L": "Laki-laki", "P": "Perempuan", "dprd": "DPRD", "uptd": "UPTD", "sekretariat_dprd": "Sekretariat DPRD",
         "plt": "Pelaksana Tugas (Plt)", "plh": "Pelaksana Harian (Plh)",
         "fungsional": "Pejabat Fungsional yang Memimpin Unit Kerja"}


class JenisUnit(_Label):
    SEKRETARIAT_DAERAH = "sekretariat_daerah"
    SEKRETARIAT_DPRD = "sekretariat_dprd"
    INSPEKTORAT = "inspektorat"
    DINAS = "dinas"
    BADAN = "badan"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    PUSKESMAS = "puskesmas"
    SEKOLAH = "sekolah"
    UPTD = "uptd"
    BAGIAN = "bagian"
    BIDANG = "bidang"
    SUBBAGIAN = "subbagian"
    SEKSI = "seksi"


class JenisKelamin(_Label):
    LAKI_LAKI = "L"
    PEREMPUAN = "P"


class JenisRHK(_Label):
    UTAMA = "utama"
    TAMBAHAN = "tambahan"


class JenisLampiran(_Label):
    SUMBER_DAYA = "sumber_daya"
    SKEMA_PERTANGGUNGJAWABAN = "skema_pertanggungjawaban"
    KONSEKUENSI = "konsekuensi"


class TingkatKendali(_Label):
    OUTCOME = "outcome"
    OUTCOME_ANTARA = "outcome_antara"
    OUTPUT = "output"


class JenisBukti(_Label):
    BERKAS = "berkas"
    TAUTAN = "tautan"


class RelasiUmpanBalik(_Label):
    PIMPINAN = "pimpinan"
    REKAN = "rekan"
    BAWAHAN = "bawahan"
    PIHAK_LAIN = "pihak_lain"


class SifatUmpanBalik(_Label):
    BERKALA = "berkala"
    INSIDENTAL = "insidental"


class CaraUmpanBalik(_Label):
    LANGSUNG = "langsung"
    TIDAK_LANGSUNG = "tidak_langsung"


class StatusPermintaan(_Label):
    DIMINTA = "diminta"
    DIJAWAB = "dijawab"
    DITOLAK = "ditolak"


class JenisBimbingan(_Label):
    COACHING = "coaching"
    MENTORING = "mentoring"
    PELATIHAN_FORMAL = "pelatihan_formal"
    PELATIHAN_INFORMAL = "pelatihan_informal"


class JenisPelatihan(_Label):
    """The training kinds of bimbingan kinerja (000 Lampiran D.4 c) 3)–4)); same codes as JenisBimbingan."""

    FORMAL = "pelatihan_formal"
    INFORMAL = "pelatihan_informal"


class BagianCoaching(_Label):
    TUJUAN = "tujuan"
    FAKTA = "fakta"
    LANGKAH = "langkah"


class DinilaiOleh(_Label):
    PENILAI = "penilai"
    ATASAN_PENILAI = "atasan_penilai"
    KEPALA_DAERAH = "kepala_daerah"
    PLT_PLH = "plt_plh"


class JenisPlt(_Label):
    PLT = "plt"
    PLH = "plh"


class JenisDelegasi(_Label):
    """Delegated evaluation authority (001 Lampiran "Evaluasi Kinerja" 2–3, 7)."""

    PLT = "plt"
    PLH = "plh"
    FUNGSIONAL = "fungsional"  # a functional official leading a unit (kepala sekolah, kepala puskesmas)


class StatusTindakLanjut(_Label):
    DIBUKA = "dibuka"
    BERJALAN = "berjalan"
    SELESAI = "selesai"
    DIBATALKAN = "dibatalkan"


class JenisPenghargaan(_Label):
    TALENT_POOL = "talent_pool"
    PENGEMBANGAN_KOMPETENSI = "pengembangan_kompetensi"
    LAINNYA = "lainnya"


class JenisDokumen(_Label):
    SKP = "skp"
    EVALUASI = "evaluasi"
    KEBERATAN = "keberatan"
    BIMBINGAN = "bimbingan"
    LAPORAN_PERILAKU = "laporan_perilaku"


class PeranTandaTangan(_Label):
    PEGAWAI = "pegawai"
    PEJABAT_PENILAI = "pejabat_penilai"
    ATASAN_PENILAI = "atasan_penilai"
    KEPALA_DAERAH = "kepala_daerah"
    PIMPINAN = "pimpinan"


class AksiAudit(_Label):
    TAMBAH = "tambah"
    UBAH = "ubah"
    HAPUS = "hapus"
    BACA = "baca"
    TANDA_TANGAN = "tanda_tangan"


class Akreditasi(_Label):
    A = "A"
    B = "B"
    C = "C"


# Coaching Clinic SKP (issue 12; 004 BAB III C)
class JenisSesiKlinik(_Label):
    INDIVIDU = "individu"
    UNIT = "unit"


class StatusSesiKlinik(_Label):
    DIPESAN = "dipesan"
    DIBATALKAN = "dibatalkan"
    DIJADWALKAN_ULANG = "dijadwalkan_ulang"
    BERLANGSUNG = "berlangsung"
    SELESAI = "selesai"


class StatusPermohonanKlinik(_Label):
    DIAJUKAN = "diajukan"
    DIDISPOSISI = "didisposisi"
    DIJADWALKAN = "dijadwalkan"
    SELESAI = "selesai"
