"""R1 (BerAKHLAK), R10 (perubahan SKP), dan keberlakuan/penetapan/format SKP (siklus 1).

Sumber: 001 Pasal 10(3)–(4); 000 Pasal 11; 001 Lampiran "Penetapan SKP" 1–2, 7;
001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 9.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .enums import JenisJabatan, Pendekatan, PenetapSKP, StatusPegawai, StatusSKP

# ------------------------------------------------------------------ R1


@dataclass(frozen=True)
class NilaiInti:
    kode: str
    nama: str
    perilaku: tuple[str, str, str]


# R1 — 001 Pasal 10(3) a–g (nilai dasar ASN BerAKHLAK dan panduan perilakunya; teks sesuai formulir)
NILAI_BERAKHLAK: tuple[NilaiInti, ...] = (
    NilaiInti(
        "berorientasi_pelayanan",
        "Berorientasi Pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    NilaiInti(
        "akuntabel",
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    NilaiInti(
        "kompeten",
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    NilaiInti(
        "harmonis",
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    NilaiInti(
        "loyal",
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
            "setia pada NKRI serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    NilaiInti(
        "adaptif",
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    NilaiInti(
        "kolaboratif",
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
        ),
    ),
)

# ------------------------------------------------------------------ R10


@dataclass(frozen=True)
class AlasanPerubahanSKP:
    kode: str
    uraian: str
    perlu_persetujuan_kepala_daerah: bool


# R10 — 000 Pasal 11(2) a–h dan 11(3) (kondisi perubahan SKP; "kondisi tertentu lainnya" perlu persetujuan)
ALASAN_PERUBAHAN_SKP: tuple[AlasanPerubahanSKP, ...] = (
    AlasanPerubahanSKP("perubahan_pemangku_jabatan", "Perubahan pemangku jabatan", False),
    AlasanPerubahanSKP(
        "perubahan_strategi",
        "Perubahan strategi yang mempengaruhi pencapaian tujuan dan sasaran (program, kegiatan, alokasi anggaran)",
        False,
    ),
    AlasanPerubahanSKP(
        "perubahan_prioritas",
        "Perubahan prioritas atau asumsi yang berakibat signifikan dalam pencapaian tujuan dan sasaran",
        False,
    ),
    AlasanPerubahanSKP("sakit_cuti", "Sakit dan cuti yang waktunya lebih dari 1 (satu) bulan", False),
    AlasanPerubahanSKP(
        "penugasan_pengembangan_kompetensi",
        "Penugasan kedinasan lain lebih dari 1 (satu) bulan: pengembangan kompetensi",
        False,
    ),
    AlasanPerubahanSKP(
        "penugasan_mewakili_institusi", "Penugasan kedinasan lain lebih dari 1 (satu) bulan: mewakili institusi", False
    ),
    AlasanPerubahanSKP("kondisi_lainnya", "Kondisi tertentu lainnya (dengan persetujuan Kepala Daerah)", True),
)
_ALASAN = {a.kode: a for a in ALASAN_PERUBAHAN_SKP}


# R10 — 000 Pasal 11(2)
def alasan_perubahan_valid(kode: str) -> bool:
    return kode in _ALASAN


# R10 — 000 Pasal 11(3) (kondisi tertentu lainnya dengan persetujuan Wali Kota/Kepala Daerah)
def perlu_persetujuan_kepala_daerah(kode: str) -> bool:
    """ValueError bila kode tidak dikenal."""
    try:
        return _ALASAN[kode].perlu_persetujuan_kepala_daerah
    except KeyError:
        raise ValueError(f"Alasan perubahan SKP '{kode}' tidak dikenal.") from None


# ------------------------------------------------------------------ siklus 1: keberlakuan SKP

_TANPA_SKP = frozenset(
    {
        StatusPegawai.PEJABAT_NEGARA,
        StatusPegawai.DIBERHENTIKAN_SEMENTARA,
        StatusPegawai.CLTN,
        StatusPegawai.MPP,
        StatusPegawai.PENSIUN,
        StatusPegawai.DIBERHENTIKAN,
    }
)


# Siklus 1 — 001 Lampiran "Penetapan SKP" 7 a–d (perencanaan kinerja tidak berlaku)
def wajib_skp(status_pegawai: StatusPegawai | str) -> bool:
    """False bagi pejabat negara/anggota LNS, diberhentikan sementara, CLTN, MPP
    (dan, dengan sendirinya, pensiun/diberhentikan). Tugas belajar tetap ber-SKP."""
    return StatusPegawai.coerce(status_pegawai) not in _TANPA_SKP


# Siklus 1 — 001 Lampiran "Penetapan SKP" 1–2; 001 Lampiran "Evaluasi Kinerja" 12 a (JPT utama)
def penetap_skp(jenis_jabatan: JenisJabatan | str, unit_mandiri_head: bool = False) -> PenetapSKP:
    """JPT madya/pratama dan pimpinan unit kerja mandiri → Kepala Daerah; JPT utama →
    menteri yang mengoordinasikan (di luar pemerintah daerah); lainnya → Pejabat Penilai."""
    j = JenisJabatan.coerce(jenis_jabatan)
    if j is JenisJabatan.JPT_UTAMA:
        return PenetapSKP.MENTERI_KOORDINATOR
    if j.is_jpt or unit_mandiri_head:
        return PenetapSKP.KEPALA_DAERAH
    return PenetapSKP.PEJABAT_PENILAI


# Siklus 1 — 001 Lampiran "Penyusunan SKP bagi pegawai yang melaksanakan tugas belajar" 9; forms A.1.1–A.1.7
def format_skp(
    jenis_jabatan: JenisJabatan | str, pendekatan: Pendekatan | str, kepala_unit_mandiri: bool = False
) -> str:
    """JPT dan pimpinan unit kerja mandiri: A.1.1 (kualitatif) / A.1.2 (kuantitatif);
    JA dan JF: A.1.6 (kualitatif) / A.1.7 (kuantitatif)."""
    j = JenisJabatan.coerce(jenis_jabatan)
    kualitatif = Pendekatan.coerce(pendekatan) is Pendekatan.KUALITATIF
    if j.is_jpt or kepala_unit_mandiri:
        return "A.1.1" if kualitatif else "A.1.2"
    return "A.1.6" if kualitatif else "A.1.7"


# Siklus 3 — 001 Lampiran "Evaluasi Kinerja" B.3 (Format C.1.1/C.1.2/C.1.3)
def format_hasil_evaluasi(
    jenis_jabatan: JenisJabatan | str, pendekatan: Pendekatan | str, kepala_unit_mandiri: bool = False
) -> str:
    """Kualitatif: C.1.1; kuantitatif JPT/pimpinan unit mandiri: C.1.2; kuantitatif JA/JF: C.1.3."""
    j = JenisJabatan.coerce(jenis_jabatan)
    if Pendekatan.coerce(pendekatan) is Pendekatan.KUALITATIF:
        return "C.1.1"
    return "C.1.2" if (j.is_jpt or kepala_unit_mandiri) else "C.1.3"


# ------------------------------------------------------------------ siklus 1: tanda tangan pegawai → penetapan


@dataclass(frozen=True)
class KeputusanPenetapanSKP:
    boleh: bool  # SKP boleh ditetapkan sekarang
    kembali_ke_pegawai: bool  # SKP harus kembali kepada pegawai untuk ditandatangani (ulang)
    alasan: str  # kosong bila boleh


# SKP ditandatangani Pegawai, lalu ditetapkan Pejabat Penilai Kinerja / Kepala Daerah:
# Siklus 1 — 001 Pasal 14(3); 001 Lampiran "Penetapan SKP" 1–2
def keputusan_penetapan_skp(
    status: StatusSKP | str, hash_tanda_tangan_pegawai: Sequence[str], hash_isi: str
) -> KeputusanPenetapanSKP:
    """Penetapan hanya atas isi yang ditandatangani pegawai: tanda tangan pegawai yang terakhir
    (``hash_tanda_tangan_pegawai`` urut waktu, SHA-256 isi kanonik) harus sama dengan ``hash_isi``
    (isi sekarang). Isi yang berubah sesudah pegawai menandatangani — oleh siapa pun — membuat tanda
    tangan itu tidak berlaku lagi: SKP kembali kepada pegawai untuk ditandatangani ulang."""
    st = StatusSKP.coerce(status)
    if st in (StatusSKP.DITETAPKAN, StatusSKP.DIUBAH):
        return KeputusanPenetapanSKP(False, False, "SKP ini sudah ditetapkan.")
    ada = bool(hash_tanda_tangan_pegawai)
    berlaku = ada and hash_tanda_tangan_pegawai[-1] == hash_isi
    if st is StatusSKP.DIAJUKAN:
        if berlaku:
            return KeputusanPenetapanSKP(True, False, "")
        if not ada:
            return KeputusanPenetapanSKP(
                False, True, 'SKP belum ditandatangani pegawai (001 Lampiran "Penetapan SKP" 1).'
            )
        return KeputusanPenetapanSKP(
            False,
            True,
            "Isi SKP telah berubah sesudah pegawai menandatanganinya, sehingga tanda tangan pegawai tidak berlaku "
            "lagi. SKP dikembalikan kepada pegawai untuk diperiksa dan ditandatangani ulang sebelum dapat "
            'ditetapkan (001 Lampiran "Penetapan SKP" 1).',
        )
    if st is StatusSKP.DIKEMBALIKAN and ada and not berlaku:
        return KeputusanPenetapanSKP(
            False,
            True,
            "SKP menunggu tanda tangan ulang pegawai: isinya berubah sesudah pegawai menandatanganinya "
            '(001 Lampiran "Penetapan SKP" 1).',
        )
    if st is StatusSKP.DIKEMBALIKAN:
        return KeputusanPenetapanSKP(
            False,
            True,
            "SKP sedang dikembalikan kepada pegawai; tunggu pegawai menandatangani dan mengajukannya kembali.",
        )
    return KeputusanPenetapanSKP(False, True, "SKP belum ditandatangani dan diajukan oleh pegawai.")
