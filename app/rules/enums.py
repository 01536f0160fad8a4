"""Enumerasi domain (str enum) dengan label resmi berbahasa Indonesia.

Semua enum di sini adalah ``class X(str, Enum)``: nilainya (``.value``) huruf
kecil snake_case dan dipakai lead engineer sebagai CHECK enum basis data;
``.label`` memberi teks resmi untuk layar dan cetakan.

Setiap fungsi aturan menerima anggota enum *atau* nilai string-nya; konversi
dilakukan oleh ``X.coerce(v)`` (juga menerima label, tanpa membedakan huruf
besar/kecil, mis. ``Rating.coerce("Di Atas Ekspektasi")``).

Urutan "lebih baik = lebih besar": ``Rating``, ``Predikat`` dan
``CapaianOrganisasi`` dapat dibandingkan dengan ``<``, ``>``, ``<=``, ``>=``.
Anggota yang ditulis pertama adalah yang terbaik, sehingga
``Predikat.SANGAT_BAIK > Predikat.BAIK > Predikat.BUTUH_PERBAIKAN >
Predikat.KURANG > Predikat.SANGAT_KURANG``. ``.peringkat`` memberi angka
(terburuk = 1). Kesamaan (``==``) dan hash tetap milik ``str``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Self


class Berlabel(str, Enum):
    """Dasar semua str enum berlabel (juga kosakata penyimpanan ``schema.enums``).

    Anggota ditulis ``("nilai", "Label")``, atau ``"nilai"`` saja bila labelnya cukup
    ``nilai`` dengan spasi dan huruf awal kapital (``"pihak_lain"`` → ``"Pihak Lain"``)."""

    _value_: str
    _label: str

    # value: Any because mypy checks lookups X(v) against __new__ and a lookup takes any object (→ ValueError)
    def __new__(cls, value: Any, label: str | None = None) -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj._label = label if label is not None else value.replace("_", " ").title()
        return obj

    @property
    def label(self) -> str:
        return self._label

    def __str__(self) -> str:
        return self._value_

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if isinstance(value, str):
            s = value.strip().lower()
            for m in cls:
                if m.value == s or m.label.lower() == s:
                    return m
        return None

    @classmethod
    def coerce(cls, value: Any) -> Self:
        """Anggota enum dari anggota, nilai, atau label (ValueError bila tidak dikenal)."""
        return cls(value)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Pasangan (nilai, label) untuk formulir."""
        return [(m.value, m.label) for m in cls]


class _Berurut(Berlabel):
    """Enum berurutan: anggota pertama terbaik; lebih baik = lebih besar."""

    @property
    def peringkat(self) -> int:
        anggota = list(type(self))
        return len(anggota) - anggota.index(self)

    def _lawan(self, other: object) -> Self | None:
        """Lawan banding sebagai anggota kelas ini; None (→ NotImplemented) untuk bukan-str.

        String/enum lain yang bukan nilai kelas ini → TypeError langsung, agar Python
        tidak diam-diam jatuh ke perbandingan string biasa."""
        if isinstance(other, type(self)):
            return other
        if isinstance(other, str):
            if not isinstance(other, Enum):
                try:
                    return type(self)(other)
                except ValueError:
                    pass
            raise TypeError(f"Tidak dapat membandingkan {type(self).__name__} dengan {other!r}.")
        return None

    def __lt__(self, other: object) -> bool:
        o = self._lawan(other)
        return NotImplemented if o is None else self.peringkat < o.peringkat

    def __le__(self, other: object) -> bool:
        o = self._lawan(other)
        return NotImplemented if o is None else self.peringkat <= o.peringkat

    def __gt__(self, other: object) -> bool:
        o = self._lawan(other)
        return NotImplemented if o is None else self.peringkat > o.peringkat

    def __ge__(self, other: object) -> bool:
        o = self._lawan(other)
        return NotImplemented if o is None else self.peringkat >= o.peringkat

    __hash__ = str.__hash__


class Rating(_Berurut):
    """Rating hasil kerja / perilaku kerja (001 Lampiran "Evaluasi Kinerja" B.3)."""

    DIATAS = ("diatas", "Di Atas Ekspektasi")
    SESUAI = ("sesuai", "Sesuai Ekspektasi")
    DIBAWAH = ("dibawah", "Di Bawah Ekspektasi")


class Predikat(_Berurut):
    """Predikat kinerja pegawai, terbaik → terburuk (001 Lampiran "Evaluasi Kinerja" B.3)."""

    SANGAT_BAIK = ("sangat_baik", "Sangat Baik")
    BAIK = ("baik", "Baik")
    BUTUH_PERBAIKAN = ("butuh_perbaikan", "Butuh Perbaikan")
    KURANG = ("kurang", "Kurang (Misconduct)")
    SANGAT_KURANG = ("sangat_kurang", "Sangat Kurang")


class CapaianOrganisasi(_Berurut):
    """Capaian kinerja organisasi (001 Lampiran "Evaluasi Kinerja" B.1 a)."""

    ISTIMEWA = ("istimewa", "Istimewa")
    BAIK = ("baik", "Baik")
    BUTUH_PERBAIKAN = ("butuh_perbaikan", "Butuh Perbaikan")
    KURANG = ("kurang", "Kurang")
    SANGAT_KURANG = ("sangat_kurang", "Sangat Kurang")


class JenisJabatan(Berlabel):
    JPT_UTAMA = ("jpt_utama", "Jabatan Pimpinan Tinggi Utama")
    JPT_MADYA = ("jpt_madya", "Jabatan Pimpinan Tinggi Madya")
    JPT_PRATAMA = ("jpt_pratama", "Jabatan Pimpinan Tinggi Pratama")
    ADMINISTRATOR = ("administrator", "Jabatan Administrator")
    PENGAWAS = ("pengawas", "Jabatan Pengawas")
    PELAKSANA = ("pelaksana", "Jabatan Pelaksana")
    FUNGSIONAL = ("fungsional", "Jabatan Fungsional")

    @property
    def is_jpt(self) -> bool:
        return self in (JenisJabatan.JPT_UTAMA, JenisJabatan.JPT_MADYA, JenisJabatan.JPT_PRATAMA)

    @property
    def is_administrasi(self) -> bool:
        return self in (JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS, JenisJabatan.PELAKSANA)


class JenisASN(Berlabel):
    PNS = ("pns", "PNS")
    CPNS = ("cpns", "CPNS")
    PPPK = ("pppk", "PPPK")


class StatusPegawai(Berlabel):
    AKTIF = ("aktif", "Aktif")
    TUGAS_BELAJAR = ("tugas_belajar", "Tugas Belajar")
    CLTN = ("cltn", "Cuti di Luar Tanggungan Negara")
    DIBERHENTIKAN_SEMENTARA = ("diberhentikan_sementara", "Diberhentikan Sementara")
    MPP = ("mpp", "Masa Persiapan Pensiun")
    PEJABAT_NEGARA = ("pejabat_negara", "Pejabat Negara / Pimpinan atau Anggota Lembaga Nonstruktural")
    PENSIUN = ("pensiun", "Pensiun")
    DIBERHENTIKAN = ("diberhentikan", "Diberhentikan")


class Pendekatan(Berlabel):
    KUALITATIF = ("kualitatif", "Kualitatif")
    KUANTITATIF = ("kuantitatif", "Kuantitatif")


class Perspektif(Berlabel):
    PENERIMA_LAYANAN = ("penerima_layanan", "Penerima Layanan")
    PROSES_BISNIS = ("proses_bisnis", "Proses Bisnis")
    PENGUATAN_INTERNAL = ("penguatan_internal", "Penguatan Internal")
    ANGGARAN = ("anggaran", "Anggaran")


class Aspek(Berlabel):
    KUANTITAS = ("kuantitas", "Kuantitas")
    KUALITAS = ("kualitas", "Kualitas")
    WAKTU = ("waktu", "Waktu")
    BIAYA = ("biaya", "Biaya")


class JenisPeriode(Berlabel):
    HARIAN = ("harian", "Harian")
    MINGGUAN = ("mingguan", "Mingguan")
    BULANAN = ("bulanan", "Bulanan")
    TRIWULANAN = ("triwulanan", "Triwulanan")
    SEMESTERAN = ("semesteran", "Semesteran")
    TAHUNAN = ("tahunan", "Tahunan")


class StatusSKP(Berlabel):
    DRAF = ("draf", "Draf")
    DIAJUKAN = ("diajukan", "Diajukan")
    DIKEMBALIKAN = ("dikembalikan", "Dikembalikan")
    DITETAPKAN = ("ditetapkan", "Ditetapkan")
    DIUBAH = ("diubah", "Diubah")


class StatusKonseling(Berlabel):
    DILAPORKAN = ("dilaporkan", "Dilaporkan")
    DITETAPKAN_KONSELING = ("ditetapkan_konseling", "Ditetapkan untuk Konseling")
    DIJADWALKAN = ("dijadwalkan", "Dijadwalkan")
    SELESAI = ("selesai", "Selesai")
    DITINDAKLANJUTI = ("ditindaklanjuti", "Ditindaklanjuti")
    TIDAK_DITETAPKAN = ("tidak_ditetapkan", "Tidak Ditetapkan untuk Konseling")  # PyB's "no" — terminal


class JenisKonselor(Berlabel):
    INDEPENDEN = ("independen", "Konselor Independen")
    PENILAI_TERLATIH = ("penilai_terlatih", "Pejabat Penilai Kinerja yang Telah Memperoleh Pelatihan Konseling")
    PEJABAT_KONSELING = ("pejabat_konseling", "Pejabat yang Memiliki Fungsi Memberikan Konseling")


class LevelTim(Berlabel):
    KOTA = ("kota", "Tim Tingkat Kota/Kabupaten")
    UNIT = ("unit", "Tim Tingkat Unit Kerja")


class PeranTim(Berlabel):
    KETUA = ("ketua", "Ketua")
    SEKRETARIS = ("sekretaris", "Sekretaris")
    ANGGOTA = ("anggota", "Anggota")


class KeputusanKeberatan(Berlabel):
    MENGUATKAN = ("menguatkan", "Menguatkan")
    MENGUBAH = ("mengubah", "Mengubah")


class JenisEvaluasi(Berlabel):
    PERIODIK = ("periodik", "Evaluasi Kinerja Periodik")
    TAHUNAN = ("tahunan", "Evaluasi Kinerja Tahunan")


class StatusDokumen(Berlabel):
    DRAF = ("draf", "Draf")
    DITANDATANGANI = ("ditandatangani", "Ditandatangani")
    DISAMPAIKAN = ("disampaikan", "Disampaikan")
    DITERIMA = ("diterima", "Diterima")
    DIKEMBALIKAN = ("dikembalikan", "Dikembalikan")
    FINAL = ("final", "Final")


class KetepatanLulus(Berlabel):
    """001 "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 7."""

    LEBIH_CEPAT = ("lebih_cepat", "Lebih Cepat")
    TEPAT_WAKTU = ("tepat_waktu", "Tepat Waktu")
    PERPANJANGAN = ("perpanjangan", "Adanya Perpanjangan")


class JenisTindakLanjut(Berlabel):
    """Entri register sanksi (003 Pasal 33–34; 001 Pasal 31(2))."""

    PERBAIKAN_6_BULAN = ("perbaikan_6_bulan", "Kesempatan Perbaikan Kinerja 6 Bulan")
    UJI_KOMPETENSI_ULANG = ("uji_kompetensi_ulang", "Uji Kompetensi Kembali")
    PEMINDAHAN_PENURUNAN = ("pemindahan_penurunan", "Pemindahan ke Jabatan Lain atau Jabatan Lebih Rendah")
    PENEMPATAN_SEMENTARA = ("penempatan_sementara", "Penempatan Sementara paling lama 1 Tahun")
    PEMBERHENTIAN_HORMAT = ("pemberhentian_hormat", "Pemberhentian dengan Hormat")
    REKOMENDASI_PEMUTUSAN_PPPK = ("rekomendasi_pemutusan_pppk", "Rekomendasi Pemberhentian dari PPPK")


class TindakanProgres(Berlabel):
    """Tindak lanjut atas kemajuan kinerja (001 Pasal 19; 000 Pasal 9)."""

    PENYESUAIAN_EKSPEKTASI = ("penyesuaian_ekspektasi", "Penyesuaian Ekspektasi")
    PENYESUAIAN_SUMBER_DAYA = ("penyesuaian_sumber_daya", "Penyesuaian Dukungan Sumber Daya")
    BIMBINGAN_KONSELING = ("bimbingan_konseling", "Pembinaan Kinerja (Bimbingan/Konseling)")
    AMBIL_ALIH_RHK = ("ambil_alih_rhk", "Pengambilalihan Rencana Hasil Kerja")
    APRESIASI = ("apresiasi", "Apresiasi")
    PENUGASAN_BARU = ("penugasan_baru", "Penugasan Baru")


class PeranPihak(Berlabel):
    """Pihak dalam alur pembinaan (penerima laporan, pembaca rekaman konseling)."""

    PEGAWAI = ("pegawai", "Pegawai yang Dinilai")
    PEJABAT_PENILAI = ("pejabat_penilai", "Pejabat Penilai Kinerja")
    ATASAN_PEJABAT_PENILAI = ("atasan_pejabat_penilai", "Atasan Pejabat Penilai Kinerja")
    PYB = ("pyb", "PyB / Pimpinan Unit Kerja yang Membidangi Kepegawaian")
    KONSELOR = ("konselor", "Konselor")
    OPERATOR = ("operator", "Operator Kepegawaian")
    TIM_PEMANTAU = ("tim_pemantau", "Tim Pemantau Kinerja")
    REKAN_KERJA = ("rekan_kerja", "Rekan Kerja")


class PenetapSKP(Berlabel):
    """Pejabat yang menetapkan SKP (001 Lampiran "Penetapan SKP" 1–2)."""

    PEJABAT_PENILAI = ("pejabat_penilai", "Pejabat Penilai Kinerja")
    KEPALA_DAERAH = ("kepala_daerah", "Kepala Daerah")
    MENTERI_KOORDINATOR = ("menteri_koordinator", "Menteri yang Mengoordinasikan")


class JenisPenilai(Berlabel):
    """Siapa yang berwenang mengevaluasi (001 Lampiran "Evaluasi Kinerja" 2–7, 11, 13–14)."""

    PENILAI = ("penilai", "Pejabat Penilai Kinerja")
    ATASAN_PENILAI = ("atasan_penilai", "Atasan Pejabat Penilai Kinerja")
    PLT_PLH = ("plt_plh", "Plt./Plh. yang Diberi Delegasi")
    PENILAI_BARU = ("penilai_baru", "Pejabat Penilai Kinerja yang Baru")
    PENILAI_LAMA = ("penilai_lama", "Pejabat Penilai Kinerja yang Lama")
