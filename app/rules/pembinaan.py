"""R9 (pemantauan dan umpan balik), R11 (konseling), R12 (bimbingan kinerja).

Sumber: 001 Pasal 19 dan 000 Pasal 9 (tindak lanjut kemajuan kinerja);
000 Pasal 16–17 dan 001 Lampiran "Pembinaan Kinerja" 5 (konseling);
000 Pasal 15, 17(1) dan 001/000 Lampiran "Pembinaan Kinerja" 4 g)–j)
(bimbingan, Format B.1.8 dan B.1.9).
"""

from __future__ import annotations

from dataclasses import dataclass

from .enums import JenisKonselor, PeranPihak, StatusKonseling, TindakanProgres

# ------------------------------------------------------------------ R9


# R9 — 001 Pasal 19(2)–(3), (6); 000 Pasal 9(2)–(3), (6)
def opsi_tindak_lanjut_progres(ada_progres: bool, sudah_dibina: bool) -> list[TindakanProgres]:
    """Tindakan yang boleh dipilih Pimpinan.

    Ada kemajuan → apresiasi dan/atau penugasan baru. Tidak ada kemajuan →
    penyesuaian ekspektasi, penyesuaian sumber daya, dan/atau pembinaan; bila
    tindakan tersebut sudah dilakukan (``sudah_dibina``) dan tetap tidak ada
    kemajuan, pengambilalihan RHK juga boleh.
    """
    if ada_progres:
        return [TindakanProgres.APRESIASI, TindakanProgres.PENUGASAN_BARU]
    opsi = [
        TindakanProgres.PENYESUAIAN_EKSPEKTASI,
        TindakanProgres.PENYESUAIAN_SUMBER_DAYA,
        TindakanProgres.BIMBINGAN_KONSELING,
    ]
    if sudah_dibina:
        opsi.append(TindakanProgres.AMBIL_ALIH_RHK)
    return opsi


# R9 — 001 Pasal 19(6)–(8) (ambil alih RHK wajib dengan catatan; dilihat saat evaluasi)
def validasi_ambil_alih(catatan: str | None, ada_progres: bool = False, sudah_dibina: bool = True) -> list[str]:
    """Pelanggaran syarat pengambilalihan RHK (kosong = boleh)."""
    pesan = []
    if ada_progres:
        pesan.append("RHK tidak dapat diambil alih karena pegawai menunjukkan kemajuan kinerja.")
    elif not sudah_dibina:
        pesan.append(
            "RHK baru dapat diambil alih setelah penyesuaian ekspektasi, penyesuaian sumber daya, "
            "dan/atau pembinaan kinerja dilakukan."
        )
    if catatan is None or not str(catatan).strip():
        pesan.append("Catatan wajib diisi: pegawai yang bersangkutan tidak dapat menyelesaikan rencana hasil kerja.")
    return pesan


# ------------------------------------------------------------------ R11

_TUJUAN_KONSELING = {
    JenisKonselor.PENILAI_TERLATIH: (PeranPihak.ATASAN_PEJABAT_PENILAI,),
    JenisKonselor.PEJABAT_KONSELING: (PeranPihak.PEJABAT_PENILAI, PeranPihak.ATASAN_PEJABAT_PENILAI),
    JenisKonselor.INDEPENDEN: (PeranPihak.PYB,),
}


# R11 — 001 Lampiran "Pembinaan Kinerja" 5 c) 2) (d) (penerima rekaman hasil konseling); 000 Pasal 17(2)
def tujuan_hasil_konseling(jenis_konselor: JenisKonselor | str) -> tuple[PeranPihak, ...]:
    """Penilai terlatih → atasan penilai; pejabat konseling → penilai dan atasannya;
    konselor independen → PyB/pimpinan unit kepegawaian. (000 Pasal 17(2) b menyebut
    "atasan langsung" untuk pejabat konseling; dipakai rumusan 001 yang lebih rinci.)"""
    return _TUJUAN_KONSELING[JenisKonselor.coerce(jenis_konselor)]


# R11 — 000 Pasal 16(5); 001 Lampiran "Pembinaan Kinerja" 5 b) (kerahasiaan konseling)
def boleh_membaca_konseling(peran_pembaca: PeranPihak | str, jenis_konselor: JenisKonselor | str) -> bool:
    """Hanya konselor, PyB/pimpinan unit kepegawaian (penyusun daftar dan penentu
    konseling), dan penerima rekaman menurut jenis konselor; bila konselornya
    penilai terlatih, pejabat penilai adalah konselor itu. Operator, tim pemantau,
    rekan kerja — dan pihak lain — tidak."""
    peran = PeranPihak.coerce(peran_pembaca)
    jenis = JenisKonselor.coerce(jenis_konselor)
    if peran in (PeranPihak.KONSELOR, PeranPihak.PYB):
        return True
    if jenis is JenisKonselor.PENILAI_TERLATIH and peran is PeranPihak.PEJABAT_PENILAI:
        return True
    return peran in _TUJUAN_KONSELING[jenis]


@dataclass(frozen=True)
class CalonKonselor:
    """Fakta seorang calon konselor yang dapat diperiksa aplikasi."""

    pegawai_id: int
    nama: str
    aktif: bool  # pegawai berstatus aktif
    # akun aktif berperan Konselor: penunjukan oleh BKPSDM sebagai pejabat yang memiliki fungsi memberikan
    # konseling, konselor independen, atau pejabat penilai yang telah memperoleh pelatihan konseling
    peran_konselor: bool


_LABEL_PENILAI_TERLATIH = "Pejabat Penilai Kinerja yang Telah Memperoleh Pelatihan Konseling"


# R11 — 000 Pasal 16(4) a–c; 001 Lampiran "Pembinaan Kinerja" 5 c) 2) (a)(3), (b) (siapa dapat menjadi konselor)
def alasan_konselor_tidak_layak(
    jenis_konselor: JenisKonselor | str, calon: CalonKonselor, pegawai_dikonseling_id: int, pelapor_id: int | None
) -> str | None:
    """None bila ``calon`` layak ditunjuk sebagai konselor jenis itu untuk kasus ini; selain itu alasan
    penolakan (menyebut nama calon).

    Setiap jenis memerlukan penunjukan BKPSDM — dalam aplikasi: peran Konselor pada akun pegawai itu
    (000 Pasal 16(4) b "pejabat yang memiliki fungsi memberikan konseling", c "konselor independen yang
    ditetapkan oleh BKPSDM", a "yang telah memperoleh pelatihan konseling"). Penilai terlatih = pejabat
    penilai pelapor sendiri (a); konselor independen dan pejabat fungsi konseling bukan pejabat penilai
    pelapor (hasilnya dilaporkan kepada pejabat penilai / PyB, 000 Pasal 17(2) b–c). Pegawai yang
    dikonseling dan pegawai tidak aktif tidak pernah layak."""
    jenis = JenisKonselor.coerce(jenis_konselor)
    nama = calon.nama
    if calon.pegawai_id == pegawai_dikonseling_id:
        return f"Konselor tidak boleh pegawai yang bersangkutan ({nama})."
    if not calon.aktif:
        return f"{nama} bukan pegawai aktif sehingga tidak dapat ditunjuk sebagai konselor."
    pelapor = pelapor_id is not None and calon.pegawai_id == pelapor_id
    if jenis is JenisKonselor.PENILAI_TERLATIH:
        if not pelapor:
            return (
                f'{nama} bukan pejabat penilai pelapor: untuk jenis "{_LABEL_PENILAI_TERLATIH}" konselornya '
                "adalah pejabat penilai pelapor (000 Pasal 16(4) a)."
            )
        if not calon.peran_konselor:
            return (
                f"{nama} belum tercatat telah memperoleh pelatihan konseling (peran Konselor dari BKPSDM), "
                "sehingga tidak dapat menjadi konselor (000 Pasal 16(4) a)."
            )
        return None
    if pelapor:
        return (
            f"{nama} adalah pejabat penilai pelapor, bukan {jenis.label.lower()}; bila telah memperoleh "
            f'pelatihan konseling, pilih jenis "{_LABEL_PENILAI_TERLATIH}".'
        )
    if not calon.peran_konselor:
        if jenis is JenisKonselor.INDEPENDEN:
            return (
                f"{nama} bukan konselor independen yang ditetapkan BKPSDM (tidak berperan Konselor), sehingga "
                "tidak dapat ditunjuk (000 Pasal 16(4) c)."
            )
        return (
            f"{nama} bukan pejabat yang memiliki fungsi memberikan konseling (tidak ditunjuk sebagai Konselor "
            "oleh BKPSDM), sehingga tidak dapat ditunjuk (000 Pasal 16(4) b)."
        )
    return None


ALUR_KONSELING: tuple[StatusKonseling, ...] = (
    StatusKonseling.DILAPORKAN,
    StatusKonseling.DITETAPKAN_KONSELING,
    StatusKonseling.DIJADWALKAN,
    StatusKonseling.SELESAI,
    StatusKonseling.DITINDAKLANJUTI,
)


# R11 — 001 Lampiran "Pembinaan Kinerja" 5 c) 1) (d), 2) (a)–(e) (urutan tahapan konseling); 000 Pasal 16(3)
def transisi_konseling_valid(dari: StatusKonseling | str | None, ke: StatusKonseling | str) -> bool:
    """Hanya maju satu langkah: (baru) → dilaporkan → ditetapkan_konseling →
    dijadwalkan → selesai → ditindaklanjuti. ``dari=None`` = kasus baru. PyB yang
    "menetapkan pegawai yang akan diberikan konseling" (000 Pasal 16(3)) juga dapat
    memutuskan tidak: dilaporkan → tidak_ditetapkan (akhir; tidak ada langkah sesudahnya)."""
    k = StatusKonseling.coerce(ke)
    if dari is None:
        return k is StatusKonseling.DILAPORKAN
    d = StatusKonseling.coerce(dari)
    if k is StatusKonseling.TIDAK_DITETAPKAN:
        return d is StatusKonseling.DILAPORKAN
    if d is StatusKonseling.TIDAK_DITETAPKAN:
        return False
    i = ALUR_KONSELING.index(d)
    return i + 1 < len(ALUR_KONSELING) and ALUR_KONSELING[i + 1] is k


# ------------------------------------------------------------------ R12


@dataclass(frozen=True)
class SkalaKompetensi:
    nilai: int
    label: str
    deskripsi: str


# R12 — 000 Lampiran D.4 Format B.1.9 "DESKRIPSI SKALA PENILAIAN"
SKALA_KOMPETENSI: tuple[SkalaKompetensi, ...] = (
    SkalaKompetensi(
        1,
        "Sangat Kurang",
        "Diberikan apabila pegawai yang dinilai kompetensinya jauh dibawah standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai bersangkutan (Tidak ada Indikator Kompetensi yang dipenuhi)",
    ),
    SkalaKompetensi(
        2,
        "Kurang Memadai",
        "Diberikan apabila pegawai yang dinilai kompetensinya dibawah standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai yang bersangkutan (1-2 Indikator Kompetensi yang dipenuhi)",
    ),
    SkalaKompetensi(
        3,
        "Memadai",
        "Diberikan apabila pegawai yang dinilai kompetensinya sesuai standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai yang bersangkutan (3 Indikator Kompetensi yang dipenuhi)",
    ),
    SkalaKompetensi(
        4,
        "Diatas Memadai",
        "Diberikan apabila pegawai yang dinilai kompetensinya di atas standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai yang bersangkutan (3 Indikator Kompetensi dipenuhi dan "
        "menunjukkan perilaku di atas level kompetensinya)",
    ),
    SkalaKompetensi(
        5,
        "Istimewa",
        "Diberikan apabila pegawai yang dinilai kompetensinya jauh di atas standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai yang bersangkutan (3 Indikator Perilaku dipenuhi dan "
        "menunjukkan perilaku jauh di atas level kompetensinya)",
    ),
)


@dataclass(frozen=True)
class KompetensiB19:
    kelompok: str  # "manajerial" / "sosio_kultural"
    nomor: int
    nama: str


# R12 — 000 Lampiran D.4 Format B.1.9 (8 manajerial, 1 sosio kultural; teknis per jabatan)
KOMPETENSI_B19: tuple[KompetensiB19, ...] = tuple(
    KompetensiB19("manajerial", i, n)
    for i, n in enumerate(
        (
            "Integritas",
            "Kerjasama",
            "Komunikasi",
            "Orientasi pada Hasil",
            "Pelayanan Publik",
            "Pengembangan Diri dan Orang Lain",
            "Mengelola Perubahan",
            "Pengambilan Keputusan",
        ),
        start=1,
    )
) + (KompetensiB19("sosio_kultural", 1, "Perekat dan Pemersatu Bangsa"),)

KELOMPOK_KOMPETENSI = {"manajerial": "Manajerial", "sosio_kultural": "Sosio Kultural", "teknis": "Teknis"}


@dataclass(frozen=True)
class PernyataanB18:
    nomor: int
    kelompok: str  # "pegawai" / "pimpinan" / "pegawai_dan_pimpinan"
    subjek: str  # teks subjek seperti tercetak
    teks: str


_SUBJEK_B18 = {
    "pegawai": "TENTANG PEGAWAI",
    "pimpinan": "TENTANG PIMPINAN/ PIHAK LAIN YANG DIBERIKAN PENUGASAN KHUSUS",
    "pegawai_dan_pimpinan": "TENTANG PEGAWAI DAN PIMPINAN/ PIHAK LAIN YANG DIBERIKAN PENUGASAN KHUSUS",
}

# R12 — 000 Lampiran D.4 Format B.1.8 (sembilan pernyataan umpan balik pelaksanaan bimbingan)
PERNYATAAN_B18: tuple[PernyataanB18, ...] = tuple(
    PernyataanB18(i, k, _SUBJEK_B18[k], t)
    for i, (k, t) in enumerate(
        (
            ("pegawai", "Saya merasa diperhatikan dan dipahami"),
            ("pegawai", "Saya merasa tindakan/langkah yang telah saya lakukan dihargai"),
            ("pegawai", "Saya merasa dapat dengan bebas mengemukakan pendapat/pemikiran saya"),
            ("pimpinan", "Saya merasa bahwa pandangan yang diberikan berdasarkan data/fakta yang akurat"),
            ("pimpinan", "Saya merasa bahwa pandangan/pendapat yang diberikan kepada saya bersifat positif"),
            ("pimpinan", "Lebih banyak menggunakan metode bertanya dibandingkan menggurui"),
            ("pegawai_dan_pimpinan", "Saya merasa dibantu dalam mencari solusi dan aksi tindak lanjut"),
            (
                "pegawai_dan_pimpinan",
                "Saya tahu apa yang harus saya lakukan setelah mengikuti kegiatan bimbingan kinerja ini",
            ),
            ("pegawai_dan_pimpinan", "Saya memahami maksud dan tujuan kegiatan bimbingan kinerja ini"),
        ),
        start=1,
    )
)


# R12 — 000 Lampiran D.4 Format B.1.9 "DESKRIPSI SKALA PENILAIAN"
def deskripsi_skala(nilai: int) -> SkalaKompetensi:
    if isinstance(nilai, bool) or not isinstance(nilai, int) or not 1 <= nilai <= 5:
        raise ValueError("Nilai kompetensi harus bilangan bulat 1 sampai 5.")
    return SKALA_KOMPETENSI[nilai - 1]


# R12 — 001/000 Lampiran "Pembinaan Kinerja" 4 i)–j); 000 Pasal 17(1)
def penerima_laporan_bimbingan(pembimbing_adalah_penilai: bool) -> PeranPihak:
    """Rekaman B.1.6/B.1.7/B.1.9 oleh pihak lain → Pejabat Penilai; oleh Pejabat
    Penilai sendiri → atasan Pejabat Penilai."""
    return PeranPihak.ATASAN_PEJABAT_PENILAI if pembimbing_adalah_penilai else PeranPihak.PEJABAT_PENILAI
