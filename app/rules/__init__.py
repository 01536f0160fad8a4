"""Aturan domain Kinerja ASN (PermenPANRB 6/2022) — Python murni.

Modul ini tidak mengimpor Flask, SQLAlchemy, atau paket ``app`` lain; hanya
pustaka standar dan ``holidays``. Semua fungsi menerima anggota enum atau nilai
string-nya. Pesan untuk pengguna berbahasa Indonesia.

Submodul: ``enums``, ``kuadran`` (R2–R5), ``waktu`` (R6–R7), ``tugas_belajar``
(R8), ``pembinaan`` (R9, R11, R12), ``perencanaan`` (R1, R10, keberlakuan SKP),
``tindak_lanjut`` (R14), ``tim`` (R13), ``evaluator`` (R15).
"""

from .enums import (
    Aspek,
    CapaianOrganisasi,
    JenisASN,
    JenisEvaluasi,
    JenisJabatan,
    JenisKonselor,
    JenisPenilai,
    JenisPeriode,
    JenisTindakLanjut,
    KeputusanKeberatan,
    KetepatanLulus,
    LevelTim,
    Pendekatan,
    PenetapSKP,
    PeranPihak,
    PeranTim,
    Perspektif,
    Predikat,
    Rating,
    StatusDokumen,
    StatusKonseling,
    StatusPegawai,
    StatusSKP,
    TindakanProgres,
)
from .evaluator import (
    PenilaiBerwenang,
    boleh_keberatan,
    cek_keberatan,
    format_dokumen_evaluasi,
    hasil_final,
    penilai_berwenang,
)
from .kuadran import (
    KUADRAN,
    CapaianDipakai,
    PerbandinganDistribusi,
    bandingkan_distribusi,
    capaian_yang_dipakai,
    predikat,
    predikat_dominan,
    predikat_tugas_belajar,
    saran_rating_hasil_kerja,
    saran_rating_perilaku,
)
from .pembinaan import (
    ALUR_KONSELING,
    KOMPETENSI_B19,
    PERNYATAAN_B18,
    SKALA_KOMPETENSI,
    KompetensiB19,
    PernyataanB18,
    SkalaKompetensi,
    CalonKonselor,
    alasan_konselor_tidak_layak,
    boleh_membaca_konseling,
    deskripsi_skala,
    opsi_tindak_lanjut_progres,
    penerima_laporan_bimbingan,
    transisi_konseling_valid,
    tujuan_hasil_konseling,
    validasi_ambil_alih,
)
from .perencanaan import (
    ALASAN_PERUBAHAN_SKP,
    NILAI_BERAKHLAK,
    AlasanPerubahanSKP,
    KeputusanPenetapanSKP,
    NilaiInti,
    alasan_perubahan_valid,
    format_hasil_evaluasi,
    format_skp,
    keputusan_penetapan_skp,
    penetap_skp,
    perlu_persetujuan_kepala_daerah,
    wajib_skp,
)
from .tim import (
    BATAS_ANGGOTA_MAX,
    BATAS_ANGGOTA_MIN,
    AnggotaTim,
    PembagianUnit,
    bagi_unit_ke_tim,
    usulkan_anggota_tim,
    validasi_tim,
)
from .nip import NIP, NIPTidakValid, buat_nip, cek_nip, urai_nip
from .tindak_lanjut import jalur_sanksi, layak_penghargaan
from .tugas_belajar import PITA_IPK, HasilIPK, PitaIPK, cek_ipk, kuantisasi_ipk, predikat_ipk
from .waktu import (
    HARI_KERJA_AWAL_EVALUASI,
    NAMA_BULAN,
    PERIODE_EVALUASI_PERIODIK,
    Jendela,
    Periode,
    daftar_periode,
    is_hari_kerja,
    jendela_evaluasi_periodik,
    jendela_evaluasi_tahunan,
    keberatan_tepat_waktu,
    periode_evaluasi,
    semester,
    sudah_dipantau_semester,
    tenggat_atasan_menilai,
    tenggat_atasan_pengembalian,
    tenggat_atasan_penyampaian,
    tenggat_hari_kerja,
    tenggat_keputusan_keberatan,
    tenggat_laporan_pyb,
    tenggat_penetapan_skp,
    tenggat_pengajuan_keberatan,
    tenggat_pengembalian,
    tenggat_penyampaian,
    validasi_periode_evaluasi_periodik,
    WaktuEvaluasi,
    hari_kerja_terakhir,
    waktu_evaluasi,
)

__all__ = [
    "NIP", "NIPTidakValid", "buat_nip", "cek_nip", "urai_nip",
    # enums
    "Aspek", "CapaianOrganisasi", "JenisASN", "JenisEvaluasi", "JenisJabatan", "JenisKonselor",
    "JenisPenilai", "JenisPeriode", "JenisTindakLanjut", "KeputusanKeberatan", "KetepatanLulus",
    "LevelTim", "Pendekatan", "PenetapSKP", "PeranPihak", "PeranTim", "Perspektif", "Predikat",
    "Rating", "StatusDokumen", "StatusKonseling", "StatusPegawai", "StatusSKP", "TindakanProgres",
    # R2–R5
    "KUADRAN", "CapaianDipakai", "PerbandinganDistribusi", "bandingkan_distribusi",
    "capaian_yang_dipakai", "predikat", "predikat_dominan", "predikat_tugas_belajar",
    "saran_rating_hasil_kerja", "saran_rating_perilaku",
    # R6–R7
    "NAMA_BULAN", "PERIODE_EVALUASI_PERIODIK", "Jendela", "Periode", "daftar_periode",
    "is_hari_kerja", "jendela_evaluasi_periodik", "jendela_evaluasi_tahunan",
    "keberatan_tepat_waktu", "periode_evaluasi", "semester", "sudah_dipantau_semester",
    "tenggat_atasan_menilai", "tenggat_atasan_pengembalian", "tenggat_atasan_penyampaian",
    "tenggat_hari_kerja", "tenggat_keputusan_keberatan", "tenggat_laporan_pyb",
    "tenggat_penetapan_skp", "tenggat_pengajuan_keberatan", "tenggat_pengembalian",
    "tenggat_penyampaian", "validasi_periode_evaluasi_periodik",
    "HARI_KERJA_AWAL_EVALUASI", "WaktuEvaluasi", "hari_kerja_terakhir", "waktu_evaluasi",
    # R8
    "PITA_IPK", "HasilIPK", "PitaIPK", "cek_ipk", "kuantisasi_ipk", "predikat_ipk",
    # R9, R11, R12
    "ALUR_KONSELING", "KOMPETENSI_B19", "PERNYATAAN_B18", "SKALA_KOMPETENSI", "KompetensiB19",
    "PernyataanB18", "SkalaKompetensi", "CalonKonselor", "alasan_konselor_tidak_layak", "boleh_membaca_konseling",
    "deskripsi_skala",
    "opsi_tindak_lanjut_progres", "penerima_laporan_bimbingan", "transisi_konseling_valid",
    "tujuan_hasil_konseling", "validasi_ambil_alih",
    # R1, R10, siklus 1
    "ALASAN_PERUBAHAN_SKP", "NILAI_BERAKHLAK", "AlasanPerubahanSKP", "KeputusanPenetapanSKP", "NilaiInti",
    "alasan_perubahan_valid", "format_hasil_evaluasi", "format_skp", "keputusan_penetapan_skp", "penetap_skp",
    "perlu_persetujuan_kepala_daerah", "wajib_skp",
    # R13
    "BATAS_ANGGOTA_MAX", "BATAS_ANGGOTA_MIN", "AnggotaTim", "PembagianUnit", "bagi_unit_ke_tim",
    "usulkan_anggota_tim", "validasi_tim",
    # R14
    "jalur_sanksi", "layak_penghargaan",
    # R15
    "PenilaiBerwenang", "boleh_keberatan", "cek_keberatan", "format_dokumen_evaluasi",
    "hasil_final", "penilai_berwenang",
]
