"""R2–R5: kuadran kinerja, panduan rating, pola distribusi, capaian organisasi.

Sumber utama: 001 (Perbup Sumedang 103/2023) Lampiran "Evaluasi Kinerja" B.1–B.3
dan 002 (slide BKD Sulsel: "bukan forced distribution").
Semua hasil di sini adalah *panduan*: sistem menyarankan, Pejabat Penilai
memutuskan; keputusan yang berbeda dari saran wajib disertai alasan tertulis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .enums import CapaianOrganisasi, Predikat, Rating

# (hasil kerja, perilaku kerja) -> predikat; sel-sel tabel "Penjelasan terhadap
# kuadran kinerja Pegawai" 001 Lampiran "Evaluasi Kinerja" B.3 a 3).
KUADRAN: Mapping[tuple[Rating, Rating], Predikat] = {
    (Rating.DIATAS, Rating.DIATAS): Predikat.SANGAT_BAIK,
    (Rating.DIATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DIATAS, Rating.DIBAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.DIATAS): Predikat.BAIK,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DIBAWAH): Predikat.KURANG,
    (Rating.DIBAWAH, Rating.DIATAS): Predikat.BUTUH_PERBAIKAN,
    (Rating.DIBAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DIBAWAH, Rating.DIBAWAH): Predikat.SANGAT_KURANG,
}


# R2 — 001 Lampiran "Evaluasi Kinerja" B.3 a 3) (kuadran kinerja Pegawai); 002
def predikat(hasil_kerja: Rating | str, perilaku: Rating | str) -> Predikat:
    """Predikat kinerja dari rating hasil kerja (sumbu y) dan perilaku kerja (sumbu x)."""
    return KUADRAN[(Rating.coerce(hasil_kerja), Rating.coerce(perilaku))]


# R2 — 001 Lampiran "Evaluasi Kinerja" B.3 a 3) (tugas belajar tidak lulus / drop out)
def predikat_tugas_belajar(perilaku: Rating | str, gagal: bool, hasil_kerja: Rating | str | None = None) -> Predikat:
    """Predikat pegawai tugas belajar.

    Gagal studi (tidak lulus/drop out): regulasi hanya berkata "Kurang atau Sangat
    Kurang dengan mempertimbangkan perilaku kerja". Pemetaan yang dipilih
    mengikuti baris perilaku pada kuadran: perilaku Di Bawah Ekspektasi →
    Sangat Kurang; perilaku Sesuai atau Di Atas → Kurang.

    Tidak gagal: kuadran biasa; ``hasil_kerja`` (rating hasil akademik, lihat
    :func:`predikat_ipk`) wajib diisi.
    """
    p = Rating.coerce(perilaku)
    if gagal:
        return Predikat.SANGAT_KURANG if p is Rating.DIBAWAH else Predikat.KURANG
    if hasil_kerja is None:
        raise ValueError("Rating hasil kerja wajib diisi bagi pegawai tugas belajar yang tidak gagal studi.")
    return predikat(hasil_kerja, p)


# R3 — 001 Lampiran "Evaluasi Kinerja" B.3 a 1) (d) (panduan pengkategorian rating hasil kerja)
def saran_rating_hasil_kerja(rhk: Iterable[tuple[bool, Rating | str]], umpan_balik: Iterable[bool] = ()) -> Rating:
    """Saran rating hasil kerja dari rating per RHK dan umpan balik.

    ``rhk``: pasangan ``(is_utama, rating)`` per RHK. ``umpan_balik``: ``True`` =
    respon positif, ``False`` = tidak positif.

    Tafsiran angka (dipilih, didokumentasikan):

    * "sebagian besar" = lebih dari 50 % (pecahan eksak, tanpa pembulatan);
    * **Di Atas**: > 50 % RHK di atas ekspektasi, *tidak ada* RHK utama di bawah,
      dan > 50 % umpan balik positif;
    * **Di Bawah**: (> 50 % RHK di bawah ekspektasi, *atau* > 50 % RHK utama di
      bawah ekspektasi — yaitu bukan lagi "sebagian kecil" RHK utama) dan
      < 50 % umpan balik positif ("sebagian besar tidak positif");
    * **Sesuai**: selain itu (termasuk tepat 50 % umpan balik positif = "sebagian").
    * Tanpa umpan balik: umpan balik netral — tidak menghalangi Di Atas maupun
      Di Bawah; keputusan hanya dari RHK.
    * Tanpa RHK: Sesuai.

    Fungsi ini monoton: menaikkan rating satu RHK, menambah umpan balik positif,
    atau mengubah satu umpan balik menjadi positif tidak pernah menurunkan saran.
    """
    daftar = [(bool(u), Rating.coerce(r)) for u, r in rhk]
    if not daftar:
        return Rating.SESUAI
    ub = [bool(x) for x in umpan_balik]
    n = len(daftar)
    atas = sum(1 for _, r in daftar if r is Rating.DIATAS)
    bawah = sum(1 for _, r in daftar if r is Rating.DIBAWAH)
    utama = [r for u, r in daftar if u]
    utama_bawah = sum(1 for r in utama if r is Rating.DIBAWAH)
    porsi_positif = Fraction(sum(ub), len(ub)) if ub else None
    setengah = Fraction(1, 2)

    ub_mendukung_atas = porsi_positif is None or porsi_positif > setengah
    ub_mendukung_bawah = porsi_positif is None or porsi_positif < setengah

    if Fraction(atas, n) > setengah and utama_bawah == 0 and ub_mendukung_atas:
        return Rating.DIATAS
    sebagian_besar_bawah = Fraction(bawah, n) > setengah or (
        bool(utama) and Fraction(utama_bawah, len(utama)) > setengah
    )
    if sebagian_besar_bawah and ub_mendukung_bawah:
        return Rating.DIBAWAH
    return Rating.SESUAI


# R4 — 001 Lampiran "Evaluasi Kinerja" B.3 a 2) (panduan rating perilaku kerja)
def saran_rating_perilaku(konsisten: bool, penjaga_nilai: bool) -> Rating:
    """Di Atas: konsisten menjalankan nilai dasar ASN *dan* menjadi penjaga nilai di
    dalam/luar unit; Sesuai: konsisten; Di Bawah: belum konsisten (menjadi penjaga
    tanpa konsisten tetap Di Bawah)."""
    if not konsisten:
        return Rating.DIBAWAH
    return Rating.DIATAS if penjaga_nilai else Rating.SESUAI


_DOMINAN = {
    CapaianOrganisasi.ISTIMEWA: Predikat.SANGAT_BAIK,
    CapaianOrganisasi.BAIK: Predikat.BAIK,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Predikat.BUTUH_PERBAIKAN,
    CapaianOrganisasi.KURANG: Predikat.KURANG,
    CapaianOrganisasi.SANGAT_KURANG: Predikat.SANGAT_KURANG,
}


# R5 — 001 Lampiran "Evaluasi Kinerja" B.2 b)–f) (pola distribusi); 002 "bukan forced distribution"
def predikat_dominan(capaian: CapaianOrganisasi | str) -> Predikat:
    """Predikat yang idealnya dimiliki sebagian besar pegawai untuk capaian unit ini."""
    return _DOMINAN[CapaianOrganisasi.coerce(capaian)]


@dataclass(frozen=True)
class PerbandinganDistribusi:
    """Distribusi predikat aktual di samping panduan (tidak pernah memaksa)."""

    capaian: CapaianOrganisasi
    total: int
    jumlah: dict[Predikat, int]  # kelima kunci selalu ada
    proporsi: dict[Predikat, float]  # 0.0 bila total 0
    modus_harapan: Predikat
    modus_aktual: tuple[Predikat, ...]  # terbaik dahulu; kosong bila total 0
    menyimpang: bool
    pesan: str


# R5 — 001 Lampiran "Evaluasi Kinerja" B.2 a) (pola distribusi sebagai pertimbangan); 002
def bandingkan_distribusi(
    predikat_list: Iterable[Predikat | str], capaian: CapaianOrganisasi | str, ambang_minimal: float | None = None
) -> PerbandinganDistribusi:
    """Bandingkan distribusi predikat pegawai suatu unit dengan panduan.

    ``menyimpang`` (hanya penanda, bukan larangan) bernilai True bila ada data dan
    predikat yang diharapkan (lihat :func:`predikat_dominan`) *bukan* salah satu
    modus aktual; bila ``ambang_minimal`` (0–1) diberikan, juga bila porsi
    predikat yang diharapkan kurang dari ambang itu (mis. 0.5 untuk "sebagian
    besar"). Daftar kosong tidak pernah menyimpang.
    """
    cap = CapaianOrganisasi.coerce(capaian)
    harapan = predikat_dominan(cap)
    jumlah = {p: 0 for p in Predikat}
    for p in predikat_list:
        jumlah[Predikat.coerce(p)] += 1
    total = sum(jumlah.values())
    proporsi = {p: (jumlah[p] / total if total else 0.0) for p in Predikat}
    if total:
        maks = max(jumlah.values())
        modus = tuple(p for p in Predikat if jumlah[p] == maks)
    else:
        modus = ()
    menyimpang = bool(total) and (
        harapan not in modus or (ambang_minimal is not None and proporsi[harapan] < ambang_minimal)
    )
    if not total:
        pesan = "Belum ada predikat pegawai untuk dibandingkan."
    elif menyimpang:
        pesan = (
            f"Distribusi menyimpang dari panduan: dengan capaian organisasi {cap.label}, "
            f"idealnya sebagian besar pegawai berpredikat {harapan.label}. "
            "Ini panduan, bukan distribusi paksa."
        )
    else:
        pesan = f"Distribusi sesuai panduan capaian organisasi {cap.label}."
    return PerbandinganDistribusi(cap, total, jumlah, proporsi, harapan, modus, menyimpang, pesan)


@dataclass(frozen=True)
class CapaianDipakai:
    capaian: CapaianOrganisasi | None
    tahun_sumber: int | None
    alasan: str


def _baca_terbit(nilai: object) -> tuple[CapaianOrganisasi, date | None] | None:
    if nilai is None:
        return None
    if isinstance(nilai, tuple):
        cap, tgl = nilai
        return CapaianOrganisasi.coerce(cap), tgl
    return CapaianOrganisasi.coerce(nilai), None


# R5 — 001 Lampiran "Evaluasi Kinerja" B.1 f) (capaian terbit melewati Januari → tahun sebelumnya)
def capaian_yang_dipakai(
    tahun: int, terbit: Mapping[int, object], tanggal_evaluasi: date | None = None
) -> CapaianDipakai:
    """Capaian kinerja organisasi tahunan yang dipakai untuk evaluasi tahunan ``tahun``.

    ``terbit`` memetakan tahun → ``(capaian, tanggal_terbit)``, atau ``capaian``
    saja (tanggal tidak diketahui; dianggap terbit tepat waktu), atau ``None``
    (belum terbit). Batas terbit: 31 Januari ``tahun + 1``.

    * terbit paling lambat batas (dan, bila ``tanggal_evaluasi`` diberikan, sudah
      terbit pada tanggal itu) → capaian ``tahun``;
    * belum terbit tetapi ``tanggal_evaluasi`` masih ≤ batas → ``None`` (tunggu);
    * terbit sesudah batas atau tidak terbit → capaian ``tahun - 1``.
    """
    batas = date(tahun + 1, 1, 31)
    ini = _baca_terbit(terbit.get(tahun))
    if ini is not None and (ini[1] is None or ini[1] <= batas):  # published on time
        sudah = tanggal_evaluasi is None or ini[1] is None or ini[1] <= tanggal_evaluasi
        if sudah:
            return CapaianDipakai(ini[0], tahun, f"Capaian kinerja organisasi tahun {tahun}.")
        return CapaianDipakai(
            None,
            None,
            f"Capaian kinerja organisasi tahun {tahun} belum terbit; tunggu hingga akhir Januari {tahun + 1}.",
        )
    if ini is None and tanggal_evaluasi is not None and tanggal_evaluasi <= batas:
        return CapaianDipakai(
            None,
            None,
            f"Capaian kinerja organisasi tahun {tahun} belum terbit; tunggu hingga akhir Januari {tahun + 1}.",
        )
    lalu = _baca_terbit(terbit.get(tahun - 1))
    if lalu is None:
        return CapaianDipakai(
            None,
            None,
            f"Capaian tahun {tahun} tidak terbit sampai akhir Januari {tahun + 1} dan capaian tahun {tahun - 1} "
            "tidak tersedia.",
        )
    return CapaianDipakai(
        lalu[0],
        tahun - 1,
        f"Capaian tahun {tahun} tidak terbit sampai akhir Januari {tahun + 1}; dipakai capaian tahun {tahun - 1}.",
    )
