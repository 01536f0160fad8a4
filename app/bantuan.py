"""Guidance shown next to form fields: key → (text, source).

One place for the texts; templates render them with the macro in ``kinerja/_bantuan.html``
(``{% from "kinerja/_bantuan.html" import bantuan %}{{ bantuan("rating_hasil_kerja") }}``). The lists that the
rules already hold as data (R10 reasons) are built from ``app.rules`` so the help cannot drift from the rule.
"""

from __future__ import annotations

from app.rules import ALASAN_PERUBAHAN_SKP

_ALASAN_R10 = "; ".join(
    f"({i}) {a.uraian}{' — perlu persetujuan Kepala Daerah' if a.perlu_persetujuan_kepala_daerah else ''}"
    for i, a in enumerate(ALASAN_PERUBAHAN_SKP, 1)
)

BANTUAN: dict[str, tuple[str, str]] = {
    # R3
    "rating_hasil_kerja": (
        (
            "Di Atas Ekspektasi: sebagian besar RHK di atas ekspektasi, tidak ada RHK utama di bawah ekspektasi, dan "
            "sebagian besar umpan balik positif. Sesuai Ekspektasi: sebagian besar RHK sesuai ekspektasi atau sebagian "
            "kecil RHK utama di bawah ekspektasi. Di Bawah Ekspektasi: sebagian besar RHK (atau RHK utama) di bawah "
            "ekspektasi dan sebagian besar umpan balik tidak positif. Rating boleh berbeda dari saran dengan alasan."
        ),
        'Perbup Sumedang 103/2023 (001) Lampiran "Evaluasi Kinerja" B.3 a 1)(d)',
    ),
    # R4
    "rating_perilaku": (
        (
            "Di Atas Ekspektasi: konsisten menjalankan nilai dasar ASN (BerAKHLAK) dan menjadi penjaga nilai di dalam/"
            "luar unit kerja. Sesuai Ekspektasi: konsisten menjalankan nilai dasar ASN. Di Bawah Ekspektasi: belum "
            "konsisten menjalankan nilai dasar ASN."
        ),
        'Perbup Sumedang 103/2023 (001) Lampiran "Evaluasi Kinerja" B.3 a 2)',
    ),
    # R8
    "ipk": (
        (
            "Predikat pegawai tugas belajar mengikuti pita IPK menurut jenjang, akreditasi perguruan tinggi dan program "
            "studi, dalam/luar negeri: Sangat Baik / Baik / Butuh Perbaikan / Kurang. Contoh S-1 dalam negeri, "
            "akreditasi A: 3,51–4,00 Sangat Baik; 3,01–3,50 Baik; 2,76–3,00 Butuh Perbaikan; < 2,76 Kurang. "
            "Profesi/S-2/S-3 luar negeri: 3,51–4,00; 3,20–3,50; 3,00–3,19; < 3,00."
        ),
        'Perbup Sumedang 103/2023 (001) Lampiran "Penyusunan SKP … tugas belajar" angka 5–7',
    ),
    "nip": (
        (
            "18 digit: tanggal lahir (8, TTTTBBHH), TMT pengangkatan (6, TTTTBB), jenis kelamin (1: laki-laki, "
            "2: perempuan), nomor urut (3)."
        ),
        "Struktur NIP PNS (ARCHITECTURE.md glosarium; app.rules.urai_nip)",
    ),
    # R10
    "alasan_perubahan_skp": (
        "SKP yang sudah ditetapkan hanya dapat diubah bila: " + _ALASAN_R10 + ".",
        "Perwali Tangerang 72/2022 (000) Pasal 11",
    ),
}


def teks(kunci: str) -> tuple[str, str]:
    return BANTUAN[kunci]
