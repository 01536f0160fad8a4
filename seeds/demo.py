"""Data demo deterministik: Pemerintah Kabupaten Sukamaju (fiktif), kode instansi ``KAB-DEMO``.

``generate_demo(session, pegawai, seed, tahun)`` membangun satu kabupaten lengkap ke basis data
yang masih kosong (data referensi — golongan dll. — sudah dimuat oleh ``seeds.referensi``):
unit kerja, jabatan beserta rantai atasannya, pegawai dengan NIP sah, Plt, tugas belajar,
konfigurasi periode dan cuti bersama. Sama (pegawai, seed, tahun) → data identik byte demi byte.

Skema kode:

* Unit kerja: perangkat daerah memakai singkatan (``SETDA``, ``SETWAN``, ``INSPEKTORAT``, ``DISDIK``,
  ``DINKES``, ``BKPSDM``, ``DPUPR`` …), kecamatan ``KEC01`` …; sub-unit = kode induk + ``.`` +
  kode lokal: ``SEK`` (sekretariat), ``SB1`` … (subbagian), ``B1`` … (bidang), ``S1`` … (seksi),
  ``KEL01`` … (kelurahan), ``SD0001`` / ``SMP001`` (sekolah), ``PKM01`` (puskesmas); bagian Setda
  memakai singkatan (``SETDA.UMUM``, ``SETDA.ORG`` …).
* Jabatan: kode unit + ``.`` + nomor urut dua digit di unit itu (``DISDIK.B1.01``).

Semua penyisipan memakai INSERT massal (``session.execute(insert(Model), [...])``) per kedalaman
pohon dengan ``RETURNING`` terurut, sehingga id diberikan basis data (aman untuk sequence
PostgreSQL) dan 50 000 pegawai selesai dalam hitungan detik pada SQLite. Fungsi ini tidak
melakukan commit; pemanggil yang melakukannya.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from app.rules import JenisASN, JenisJabatan, JenisPeriode, StatusPegawai
from app.rules.nip import buat_nip
from schema.enums import JenisKelamin, JenisPlt, JenisUnit
from schema.models import (
    Golongan,
    HariLibur,
    Instansi,
    Jabatan,
    KonfigurasiPeriode,
    Pegawai,
    PenugasanPlt,
    TugasBelajar,
    UnitKerja,
    metadata,
)
from seeds.referensi import load_reference

__all__ = ["generate_demo", "pilih_pegawai_demo", "database_kosong", "MIN_PEGAWAI", "KODE_INSTANSI"]

MIN_PEGAWAI = 50
KODE_INSTANSI = "KAB-DEMO"
KODE_SETDA = "SETDA"
KODE_BKPSDM = "BKPSDM"
NAMA_DAERAH = "Sukamaju"

J = JenisJabatan
U = JenisUnit
_STRUKTURAL = (J.JPT_UTAMA, J.JPT_MADYA, J.JPT_PRATAMA, J.ADMINISTRATOR, J.PENGAWAS)

# --------------------------------------------------------------------------------------------
# Katalog organisasi (fiktif, mengikuti nomenklatur perangkat daerah kabupaten)
# --------------------------------------------------------------------------------------------

KECAMATAN = (
    "Sukamaju",
    "Cibeureum",
    "Sindangrasa",
    "Margahayu",
    "Karangsari",
    "Sukaresmi",
    "Cijambu",
    "Tanjungsari",
    "Pasirjati",
    "Mekarwangi",
    "Sirnagalih",
    "Ciherang",
    "Jatinunggal",
    "Cikadu",
    "Sumberjaya",
    "Rancamulya",
    "Gunungsari",
    "Wanasari",
    "Babakanjaya",
    "Cisarua",
    "Legokhuni",
    "Pameungpeuk",
    "Situraja",
    "Cibugel",
    "Darmaraja",
    "Wado",
    "Buahdua",
    "Conggeang",
    "Paseh",
    "Rancakalong",
    "Tomo",
)
_DESA_AWAL = (
    "Suka",
    "Mekar",
    "Sindang",
    "Karang",
    "Sumber",
    "Marga",
    "Tanjung",
    "Pasir",
    "Sirna",
    "Jati",
    "Cipta",
    "Giri",
    "Rawa",
    "Tegal",
    "Bojong",
)
_DESA_AKHIR = ("jaya", "mulya", "sari", "asih", "rahayu", "makmur", "wangi", "galih", "harja", "laksana", "mukti")
DESA = tuple(a + b for b in _DESA_AKHIR for a in _DESA_AWAL)
KELURAHAN_KOTA = ("Kotakulon", "Kotakaler", "Regol Wetan", "Situ", "Talun", "Pasanggrahan Baru", "Cipameungpeuk")

# Bagian Sekretariat Daerah: (kode, nama, asisten, subbagian, jabatan fungsional (nama, jenjang, profil, bobot))
BAGIAN_SETDA = (
    (
        "UMUM",
        "Bagian Umum",
        2,
        ("Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga", "Subbagian Keuangan"),
        (("Arsiparis", "Terampil", "pelaksana", 2),),
    ),
    (
        "ORG",
        "Bagian Organisasi",
        2,
        ("Subbagian Kelembagaan dan Analisis Jabatan", "Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja"),
        (("Analis Kebijakan", "Ahli Muda", "analis", 2),),
    ),
    (
        "HUKUM",
        "Bagian Hukum",
        0,
        ("Subbagian Perundang-undangan", "Subbagian Bantuan Hukum"),
        (("Perancang Peraturan Perundang-undangan", "Ahli Pertama", "hukum", 2),),
    ),
    (
        "PEM",
        "Bagian Tata Pemerintahan",
        0,
        ("Subbagian Otonomi Daerah", "Subbagian Kerja Sama"),
        (("Analis Kebijakan", "Ahli Pertama", "analis", 2),),
    ),
    (
        "EKON",
        "Bagian Perekonomian dan Sumber Daya Alam",
        1,
        ("Subbagian Perekonomian", "Subbagian Sumber Daya Alam"),
        (("Analis Kebijakan", "Ahli Pertama", "analis", 2),),
    ),
    (
        "KESRA",
        "Bagian Kesejahteraan Rakyat",
        0,
        ("Subbagian Kesejahteraan Sosial", "Subbagian Bina Mental"),
        (("Analis Kebijakan", "Ahli Pertama", "analis", 1),),
    ),
    (
        "PBJ",
        "Bagian Pengadaan Barang dan Jasa",
        1,
        ("Subbagian Pengelolaan Pengadaan", "Subbagian Layanan Pengadaan Secara Elektronik"),
        (("Pengelola Pengadaan Barang/Jasa", "Ahli Pertama", "analis", 3),),
    ),
    (
        "ADMPEMB",
        "Bagian Administrasi Pembangunan",
        1,
        ("Subbagian Pengendalian Program", "Subbagian Evaluasi dan Pelaporan"),
        (("Perencana", "Ahli Pertama", "analis", 1),),
    ),
    (
        "PROKOPIM",
        "Bagian Protokol dan Komunikasi Pimpinan",
        2,
        ("Subbagian Protokol", "Subbagian Komunikasi Pimpinan"),
        (("Pranata Hubungan Masyarakat", "Ahli Pertama", "analis", 2),),
    ),
)
ASISTEN = (
    "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    "Asisten Perekonomian dan Pembangunan",
    "Asisten Administrasi Umum",
)

SUBBAG_SEKRETARIAT = (
    ("Subbagian Umum dan Kepegawaian", ("Pengadministrasi Perkantoran", "Pengolah Data dan Informasi")),
    ("Subbagian Keuangan dan Aset", ("Penata Layanan Operasional", "Pengadministrasi Perkantoran")),
    ("Subbagian Perencanaan dan Evaluasi", ("Penelaah Teknis Kebijakan", "Pengolah Data dan Informasi")),
)
PELAKSANA_BIDANG = (
    "Penelaah Teknis Kebijakan",
    "Pengolah Data dan Informasi",
    "Pengelola Layanan Operasional",
    "Penata Layanan Operasional",
    "Operator Layanan Operasional",
)


@dataclass(frozen=True)
class _OPD:
    kode: str
    nama: str
    jenis: JenisUnit
    bidang: tuple  # ((nama, (seksi, ...)[, nama jabatan kepala]), ...)
    jf: tuple  # ((nama, jenjang, profil, bobot), ...): fungsional per bidang, dipakai bergiliran
    profil: str = "pimpinan"  # profil pejabat (gelar)
    kepala: str | None = None  # nama jabatan kepala; bawaan "Kepala " + nama
    sekretaris: str | None = None


OPD_INTI = {
    "SETWAN": _OPD(
        "SETWAN",
        "Sekretariat DPRD",
        U.SEKRETARIAT_DPRD,
        bidang=(
            (
                "Bagian Persidangan dan Perundang-undangan",
                ("Subbagian Persidangan dan Risalah", "Subbagian Perundang-undangan"),
            ),
            (
                "Bagian Fasilitasi Penganggaran dan Pengawasan",
                ("Subbagian Fasilitasi Penganggaran", "Subbagian Fasilitasi Pengawasan"),
            ),
            ("Bagian Humas dan Protokol", ("Subbagian Hubungan Masyarakat", "Subbagian Protokol")),
        ),
        jf=(
            ("Analis Kebijakan", "Ahli Pertama", "analis", 2),
            ("Pranata Hubungan Masyarakat", "Ahli Pertama", "analis", 2),
        ),
        kepala="Sekretaris DPRD",
        sekretaris="Kepala Bagian Umum dan Keuangan",
    ),
    "INSPEKTORAT": _OPD(
        "INSPEKTORAT",
        "Inspektorat Daerah",
        U.INSPEKTORAT,
        bidang=(
            ("Inspektorat Pembantu Wilayah I", (), "Inspektur Pembantu Wilayah I"),
            ("Inspektorat Pembantu Wilayah II", (), "Inspektur Pembantu Wilayah II"),
            ("Inspektorat Pembantu Wilayah III", (), "Inspektur Pembantu Wilayah III"),
            ("Inspektorat Pembantu Wilayah IV", (), "Inspektur Pembantu Wilayah IV"),
        ),
        jf=(
            ("Auditor", "Ahli Pertama", "auditor", 4),
            ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "Ahli Muda", "analis", 3),
            ("Auditor", "Ahli Muda", "auditor", 2),
        ),
        kepala="Inspektur",
    ),
    "DISDIK": _OPD(
        "DISDIK",
        "Dinas Pendidikan",
        U.DINAS,
        bidang=(
            (
                "Bidang Pembinaan Sekolah Dasar",
                (
                    "Seksi Kurikulum dan Penilaian SD",
                    "Seksi Peserta Didik dan Pembangunan Karakter SD",
                    "Seksi Sarana dan Prasarana SD",
                ),
            ),
            (
                "Bidang Pembinaan Sekolah Menengah Pertama",
                (
                    "Seksi Kurikulum dan Penilaian SMP",
                    "Seksi Peserta Didik dan Pembangunan Karakter SMP",
                    "Seksi Sarana dan Prasarana SMP",
                ),
            ),
            ("Bidang Guru dan Tenaga Kependidikan", ("Seksi Pendidik", "Seksi Tenaga Kependidikan")),
            (
                "Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
                ("Seksi Kurikulum PAUD dan PNF", "Seksi Kelembagaan PAUD dan PNF"),
            ),
        ),
        jf=(
            ("Pengawas Sekolah", "Ahli Madya", "guru", 3),
            ("Penilik", "Ahli Muda", "guru", 2),
            ("Analis Sumber Daya Manusia Aparatur", "Ahli Pertama", "analis", 1),
        ),
        profil="pimpinan_pendidikan",
    ),
    "DINKES": _OPD(
        "DINKES",
        "Dinas Kesehatan",
        U.DINAS,
        bidang=(
            (
                "Bidang Pelayanan dan Sumber Daya Kesehatan",
                ("Seksi Pelayanan Kesehatan", "Seksi Kefarmasian dan Alat Kesehatan"),
            ),
            ("Bidang Kesehatan Masyarakat", ("Seksi Kesehatan Keluarga dan Gizi", "Seksi Promosi Kesehatan")),
            (
                "Bidang Pencegahan dan Pengendalian Penyakit",
                ("Seksi Surveilans dan Imunisasi", "Seksi Pengendalian Penyakit Menular"),
            ),
        ),
        jf=(
            ("Administrator Kesehatan", "Ahli Muda", "nakes", 2),
            ("Epidemiolog Kesehatan", "Ahli Pertama", "nakes", 1),
            ("Apoteker", "Ahli Muda", "apoteker", 1),
            ("Nutrisionis", "Ahli Pertama", "nakes", 1),
        ),
        profil="pimpinan_kesehatan",
    ),
    "BKPSDM": _OPD(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        U.BADAN,
        bidang=(
            (
                "Bidang Penilaian Kinerja Aparatur dan Penghargaan",
                ("Subbidang Penilaian Kinerja", "Subbidang Penghargaan dan Disiplin"),
            ),
            (
                "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                ("Subbidang Pengadaan dan Pemberhentian", "Subbidang Data dan Informasi"),
            ),
            ("Bidang Mutasi dan Promosi", ("Subbidang Mutasi", "Subbidang Promosi dan Kepangkatan")),
            (
                "Bidang Pengembangan Kompetensi Aparatur",
                ("Subbidang Diklat Struktural", "Subbidang Diklat Teknis dan Fungsional"),
            ),
        ),
        jf=(
            ("Analis Sumber Daya Manusia Aparatur", "Ahli Muda", "analis", 3),
            ("Asesor Sumber Daya Manusia Aparatur", "Ahli Pertama", "analis", 2),
            ("Pranata Komputer", "Ahli Pertama", "analis", 1),
            ("Analis Sumber Daya Manusia Aparatur", "Ahli Pertama", "analis", 2),
        ),
    ),
}

OPD_TAMBAHAN = (
    _OPD(
        "DPUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        U.DINAS,
        bidang=(
            ("Bidang Bina Marga", ("Seksi Pembangunan Jalan dan Jembatan", "Seksi Pemeliharaan Jalan dan Jembatan")),
            ("Bidang Sumber Daya Air", ("Seksi Irigasi", "Seksi Sungai dan Danau")),
            ("Bidang Cipta Karya", ("Seksi Air Minum dan Sanitasi", "Seksi Bangunan Gedung")),
            ("Bidang Penataan Ruang", ("Seksi Perencanaan Tata Ruang",)),
        ),
        jf=(
            ("Teknik Jalan dan Jembatan", "Ahli Pertama", "teknik", 3),
            ("Teknik Pengairan", "Ahli Pertama", "teknik", 3),
            ("Penata Ruang", "Ahli Pertama", "teknik", 1),
            ("Teknik Tata Bangunan dan Perumahan", "Ahli Pertama", "teknik", 2),
        ),
        profil="pimpinan_teknik",
    ),
    _OPD(
        "DINSOS",
        "Dinas Sosial",
        U.DINAS,
        bidang=(
            ("Bidang Rehabilitasi Sosial", ("Seksi Rehabilitasi Sosial Penyandang Disabilitas",)),
            ("Bidang Perlindungan dan Jaminan Sosial", ("Seksi Perlindungan Sosial Korban Bencana",)),
            ("Bidang Pemberdayaan Sosial", ("Seksi Pemberdayaan Fakir Miskin",)),
        ),
        jf=(("Pekerja Sosial", "Ahli Pertama", "analis", 3), ("Penyuluh Sosial", "Ahli Pertama", "analis", 2)),
    ),
    _OPD(
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        U.BADAN,
        bidang=(
            ("Bidang Anggaran", ("Subbidang Anggaran Belanja",)),
            ("Bidang Perbendaharaan", ("Subbidang Belanja Langsung",)),
            ("Bidang Akuntansi", ("Subbidang Pelaporan Keuangan",)),
            ("Bidang Aset", ("Subbidang Penatausahaan Aset",)),
        ),
        jf=(
            ("Analis Keuangan Pusat dan Daerah", "Ahli Pertama", "auditor", 3),
            ("Analis Pengelolaan Keuangan APBN", "Ahli Pertama", "auditor", 1),
        ),
    ),
    _OPD(
        "BAPPEDA",
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        U.BADAN,
        bidang=(
            ("Bidang Perencanaan, Pengendalian dan Evaluasi", ()),
            ("Bidang Perekonomian dan Sumber Daya Alam", ()),
            ("Bidang Pemerintahan dan Pembangunan Manusia", ()),
            ("Bidang Infrastruktur dan Kewilayahan", ()),
            ("Bidang Penelitian dan Pengembangan", ()),
        ),
        jf=(
            ("Perencana", "Ahli Muda", "analis", 3),
            ("Perencana", "Ahli Pertama", "analis", 3),
            ("Peneliti", "Ahli Pertama", "analis", 1),
        ),
    ),
    _OPD(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        U.DINAS,
        bidang=(
            ("Bidang Pelayanan Pendaftaran Penduduk", ("Seksi Identitas Penduduk",)),
            ("Bidang Pelayanan Pencatatan Sipil", ("Seksi Kelahiran dan Kematian",)),
            (
                "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                ("Seksi Sistem Informasi Administrasi Kependudukan",),
            ),
        ),
        jf=(
            ("Administrator Database Kependudukan", "Ahli Pertama", "analis", 2),
            ("Pranata Komputer", "Terampil", "pelaksana", 2),
        ),
    ),
    _OPD(
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        U.DINAS,
        bidang=(
            ("Bidang Penegakan Peraturan Daerah", ("Seksi Penyelidikan dan Penyidikan",)),
            ("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", ("Seksi Operasi dan Pengendalian",)),
            ("Bidang Perlindungan Masyarakat", ("Seksi Satuan Perlindungan Masyarakat",)),
        ),
        jf=(("Polisi Pamong Praja", "Terampil", "polpp", 8), ("Polisi Pamong Praja", "Ahli Pertama", "polpp", 2)),
    ),
    _OPD(
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika",
        U.DINAS,
        bidang=(
            ("Bidang Aplikasi Informatika", ("Seksi Pengembangan Aplikasi",)),
            ("Bidang Infrastruktur Teknologi Informasi dan Komunikasi", ()),
            ("Bidang Informasi dan Komunikasi Publik", ()),
            ("Bidang Statistik dan Persandian", ()),
        ),
        jf=(
            ("Pranata Komputer", "Ahli Pertama", "analis", 3),
            ("Pranata Hubungan Masyarakat", "Ahli Pertama", "analis", 2),
            ("Statistisi", "Ahli Pertama", "analis", 1),
            ("Sandiman", "Ahli Pertama", "analis", 1),
        ),
    ),
    _OPD(
        "DISPERTA",
        "Dinas Pertanian",
        U.DINAS,
        bidang=(
            ("Bidang Tanaman Pangan", ("Seksi Produksi Tanaman Pangan",)),
            ("Bidang Hortikultura dan Perkebunan", ()),
            ("Bidang Peternakan dan Kesehatan Hewan", ("Seksi Kesehatan Hewan",)),
            ("Bidang Penyuluhan", ()),
        ),
        jf=(
            ("Penyuluh Pertanian", "Ahli Pertama", "pertanian", 8),
            ("Penyuluh Pertanian", "Terampil", "pertanian", 4),
            ("Medik Veteriner", "Ahli Pertama", "pertanian", 1),
            ("Pengawas Benih Tanaman", "Ahli Pertama", "pertanian", 1),
        ),
        profil="pimpinan_teknik",
    ),
    _OPD(
        "DLH",
        "Dinas Lingkungan Hidup",
        U.DINAS,
        bidang=(
            ("Bidang Tata Lingkungan", ()),
            ("Bidang Pengelolaan Sampah dan Limbah B3", ("Seksi Pengelolaan Sampah",)),
            ("Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan", ()),
        ),
        jf=(
            ("Pengendali Dampak Lingkungan", "Ahli Pertama", "teknik", 2),
            ("Pengawas Lingkungan Hidup", "Ahli Pertama", "teknik", 1),
        ),
    ),
    _OPD(
        "DISHUB",
        "Dinas Perhubungan",
        U.DINAS,
        bidang=(
            ("Bidang Lalu Lintas dan Angkutan", ("Seksi Angkutan",)),
            ("Bidang Sarana dan Prasarana", ()),
            ("Bidang Pengendalian dan Operasional", ()),
        ),
        jf=(
            ("Penguji Kendaraan Bermotor", "Terampil", "teknik", 2),
            ("Asisten Inspektur Angkutan", "Terampil", "pelaksana", 2),
        ),
    ),
    _OPD(
        "BAPENDA",
        "Badan Pendapatan Daerah",
        U.BADAN,
        bidang=(
            ("Bidang Pendataan dan Penetapan", ()),
            ("Bidang Penagihan dan Keberatan", ()),
            ("Bidang Pajak Bumi dan Bangunan", ()),
        ),
        jf=(
            ("Analis Keuangan Pusat dan Daerah", "Ahli Pertama", "auditor", 2),
            ("Penilai Pajak Bumi dan Bangunan", "Ahli Pertama", "analis", 1),
        ),
    ),
    _OPD(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        U.DINAS,
        bidang=(
            ("Bidang Pelayanan Perizinan", ()),
            ("Bidang Penanaman Modal", ()),
            ("Bidang Pengaduan dan Informasi", ()),
        ),
        jf=(("Analis Kebijakan", "Ahli Pertama", "analis", 1), ("Penata Perizinan", "Ahli Pertama", "analis", 2)),
    ),
    _OPD(
        "DPMD",
        "Dinas Pemberdayaan Masyarakat dan Desa",
        U.DINAS,
        bidang=(
            ("Bidang Pemerintahan Desa", ()),
            ("Bidang Pemberdayaan Masyarakat Desa", ()),
            ("Bidang Keuangan dan Aset Desa", ()),
        ),
        jf=(("Penggerak Swadaya Masyarakat", "Ahli Pertama", "analis", 2),),
    ),
    _OPD(
        "DP3AKB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana",
        U.DINAS,
        bidang=(
            ("Bidang Pemberdayaan Perempuan dan Perlindungan Anak", ()),
            ("Bidang Pengendalian Penduduk dan Keluarga Berencana", ()),
        ),
        jf=(
            ("Penyuluh Keluarga Berencana", "Ahli Pertama", "analis", 4),
            ("Analis Kebijakan", "Ahli Pertama", "analis", 1),
        ),
    ),
    _OPD(
        "DISNAKER",
        "Dinas Tenaga Kerja",
        U.DINAS,
        bidang=(("Bidang Pelatihan dan Penempatan Tenaga Kerja", ()), ("Bidang Hubungan Industrial", ())),
        jf=(
            ("Pengantar Kerja", "Ahli Pertama", "analis", 2),
            ("Mediator Hubungan Industrial", "Ahli Pertama", "analis", 1),
        ),
    ),
    _OPD(
        "DISPERKIM",
        "Dinas Perumahan dan Kawasan Permukiman",
        U.DINAS,
        bidang=(("Bidang Perumahan", ()), ("Bidang Kawasan Permukiman", ()), ("Bidang Pertanahan", ())),
        jf=(("Teknik Tata Bangunan dan Perumahan", "Ahli Pertama", "teknik", 2),),
        profil="pimpinan_teknik",
    ),
    _OPD(
        "DISKOPUKM",
        "Dinas Koperasi dan Usaha Kecil Menengah",
        U.DINAS,
        bidang=(("Bidang Koperasi", ()), ("Bidang Usaha Mikro, Kecil dan Menengah", ())),
        jf=(("Penyuluh Koperasi", "Ahli Pertama", "analis", 2), ("Pengawas Koperasi", "Ahli Pertama", "analis", 1)),
    ),
    _OPD(
        "DISPERINDAG",
        "Dinas Perindustrian dan Perdagangan",
        U.DINAS,
        bidang=(("Bidang Perindustrian", ()), ("Bidang Perdagangan", ()), ("Bidang Metrologi Legal", ())),
        jf=(("Penera", "Terampil", "teknik", 2), ("Pengawas Perdagangan", "Ahli Pertama", "analis", 1)),
    ),
    _OPD(
        "DISPARBUD",
        "Dinas Pariwisata dan Kebudayaan",
        U.DINAS,
        bidang=(("Bidang Destinasi Pariwisata", ()), ("Bidang Pemasaran Pariwisata", ()), ("Bidang Kebudayaan", ())),
        jf=(
            ("Adyatama Kepariwisataan dan Ekonomi Kreatif", "Ahli Pertama", "analis", 2),
            ("Pamong Budaya", "Ahli Pertama", "analis", 1),
        ),
    ),
    _OPD(
        "DISPORA",
        "Dinas Pemuda dan Olahraga",
        U.DINAS,
        bidang=(("Bidang Kepemudaan", ()), ("Bidang Keolahragaan", ())),
        jf=(("Analis Kebijakan", "Ahli Pertama", "analis", 1),),
    ),
    _OPD(
        "DISARPUS",
        "Dinas Perpustakaan dan Kearsipan",
        U.DINAS,
        bidang=(("Bidang Perpustakaan", ()), ("Bidang Kearsipan", ())),
        jf=(("Pustakawan", "Ahli Pertama", "analis", 2), ("Arsiparis", "Ahli Pertama", "analis", 2)),
    ),
    _OPD(
        "DISKAN",
        "Dinas Perikanan",
        U.DINAS,
        bidang=(("Bidang Perikanan Budidaya", ()), ("Bidang Perikanan Tangkap dan Pengolahan", ())),
        jf=(("Penyuluh Perikanan", "Ahli Pertama", "pertanian", 3),),
        profil="pimpinan_teknik",
    ),
    _OPD(
        "DKP",
        "Dinas Ketahanan Pangan",
        U.DINAS,
        bidang=(("Bidang Ketersediaan dan Distribusi Pangan", ()), ("Bidang Konsumsi dan Keamanan Pangan", ())),
        jf=(("Analis Ketahanan Pangan", "Ahli Pertama", "pertanian", 2),),
        profil="pimpinan_teknik",
    ),
    _OPD(
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        U.BADAN,
        bidang=(
            ("Bidang Pencegahan dan Kesiapsiagaan", ()),
            ("Bidang Kedaruratan dan Logistik", ()),
            ("Bidang Rehabilitasi dan Rekonstruksi", ()),
        ),
        jf=(("Analis Bencana", "Ahli Pertama", "analis", 2), ("Pranata Komputer", "Terampil", "pelaksana", 1)),
    ),
    _OPD(
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        U.BADAN,
        bidang=(
            ("Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa", ()),
            ("Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan", ()),
        ),
        jf=(("Analis Kebijakan", "Ahli Pertama", "analis", 1),),
    ),
)

SEKSI_KECAMATAN = (
    "Seksi Pemerintahan",
    "Seksi Ketenteraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat dan Desa",
    "Seksi Kesejahteraan Sosial",
    "Seksi Pelayanan Umum",
)

# Staf sekolah/puskesmas: (nama jabatan, jenjang, jenis, profil, bobot)
STAF_SD = (
    ("Guru Kelas", "Ahli Pertama", J.FUNGSIONAL, "guru", 6.0),
    ("Guru Kelas", "Ahli Muda", J.FUNGSIONAL, "guru", 4.0),
    ("Guru Pendidikan Agama Islam", "Ahli Pertama", J.FUNGSIONAL, "guru_agama", 1.5),
    ("Guru Pendidikan Jasmani, Olahraga dan Kesehatan", "Ahli Pertama", J.FUNGSIONAL, "guru_pjok", 1.5),
)
STAF_SMP = (
    ("Guru Matematika", "Ahli Pertama", J.FUNGSIONAL, "guru", 3.0),
    ("Guru Bahasa Indonesia", "Ahli Muda", J.FUNGSIONAL, "guru", 3.0),
    ("Guru Bahasa Inggris", "Ahli Pertama", J.FUNGSIONAL, "guru", 2.5),
    ("Guru Ilmu Pengetahuan Alam", "Ahli Muda", J.FUNGSIONAL, "guru", 3.0),
    ("Guru Ilmu Pengetahuan Sosial", "Ahli Pertama", J.FUNGSIONAL, "guru", 2.5),
    ("Guru Pendidikan Agama Islam", "Ahli Pertama", J.FUNGSIONAL, "guru_agama", 2.0),
    ("Guru Pendidikan Jasmani, Olahraga dan Kesehatan", "Ahli Pertama", J.FUNGSIONAL, "guru_pjok", 1.5),
    ("Penata Layanan Operasional", None, J.PELAKSANA, "pelaksana", 2.0),
)
STAF_PUSKESMAS = (
    ("Dokter", "Ahli Pertama", J.FUNGSIONAL, "dokter", 3.0),
    ("Dokter Gigi", "Ahli Pertama", J.FUNGSIONAL, "dokter_gigi", 1.0),
    ("Perawat", "Ahli Pertama", J.FUNGSIONAL, "perawat", 7.0),
    ("Perawat", "Terampil", J.FUNGSIONAL, "perawat_d3", 6.0),
    ("Bidan", "Terampil", J.FUNGSIONAL, "bidan", 8.0),
    ("Apoteker", "Ahli Pertama", J.FUNGSIONAL, "apoteker", 1.0),
    ("Sanitarian", "Terampil", J.FUNGSIONAL, "nakes", 1.0),
    ("Nutrisionis", "Terampil", J.FUNGSIONAL, "nakes", 1.0),
    ("Pranata Laboratorium Kesehatan", "Terampil", J.FUNGSIONAL, "nakes", 1.0),
    ("Pengadministrasi Perkantoran", None, J.PELAKSANA, "pelaksana", 2.0),
)

# --------------------------------------------------------------------------------------------
# Nama, gelar, profil
# --------------------------------------------------------------------------------------------

NAMA_L = (
    "Asep",
    "Dedi",
    "Ujang",
    "Cecep",
    "Agus",
    "Budi",
    "Dadang",
    "Eko",
    "Hendra",
    "Iwan",
    "Joko",
    "Kurnia",
    "Lukman",
    "Mulyadi",
    "Nandang",
    "Oman",
    "Rudi",
    "Sutrisno",
    "Teguh",
    "Wahyu",
    "Yudi",
    "Zainal",
    "Ahmad",
    "Bambang",
    "Dimas",
    "Fajar",
    "Gilang",
    "Hadi",
    "Irfan",
    "Jajang",
    "Rizki",
    "Andri",
    "Aris",
    "Deden",
    "Endang",
    "Feri",
    "Hasan",
    "Ilham",
    "Rahmat",
    "Sigit",
    "Taufik",
    "Yusuf",
    "Arif",
    "Bayu",
    "Dani",
    "Galih",
    "Herman",
    "Indra",
    "Komarudin",
    "Maman",
    "Nugraha",
    "Purnomo",
    "Ridwan",
    "Slamet",
    "Tatang",
    "Usep",
    "Wawan",
    "Yayan",
    "Yosef",
    "Martinus",
    "Daniel",
    "Robert",
    "Fransiskus",
    "Markus",
    "Benny",
    "Ketut",
    "Made",
    "Wayan",
    "Anton",
    "Sahat",
    "Rinaldi",
    "Pandu",
)
NAMA_P = (
    "Siti",
    "Euis",
    "Neneng",
    "Yuyun",
    "Ani",
    "Dewi",
    "Eka",
    "Fitri",
    "Heni",
    "Indah",
    "Lina",
    "Mira",
    "Nia",
    "Ratna",
    "Sri",
    "Tuti",
    "Wulan",
    "Yanti",
    "Ayu",
    "Dian",
    "Erna",
    "Ida",
    "Kartini",
    "Lilis",
    "Nurul",
    "Putri",
    "Rina",
    "Rini",
    "Santi",
    "Tia",
    "Wati",
    "Yeni",
    "Anisa",
    "Cici",
    "Desi",
    "Elis",
    "Hana",
    "Imas",
    "Leni",
    "Mega",
    "Nining",
    "Popon",
    "Rosita",
    "Sarah",
    "Tina",
    "Uum",
    "Vera",
    "Yuli",
    "Agustina",
    "Maria",
    "Theresia",
    "Monika",
    "Kadek",
    "Novi",
    "Oktaviani",
    "Puspa",
    "Rahma",
    "Sekar",
    "Tri",
    "Winda",
    "Nurhasanah",
    "Aminah",
    "Halimah",
)
BELAKANG_L = (
    "Saputra",
    "Pratama",
    "Kurniawan",
    "Hidayat",
    "Setiawan",
    "Wibowo",
    "Nugroho",
    "Santoso",
    "Gunawan",
    "Firmansyah",
    "Ramadhan",
    "Hermawan",
    "Suryana",
    "Sudrajat",
    "Permana",
    "Sulaeman",
    "Saepudin",
    "Rohmat",
    "Mulyana",
    "Hakim",
    "Syahputra",
    "Wijaya",
    "Susanto",
    "Prasetyo",
    "Kusuma",
    "Supriadi",
    "Hidayatullah",
    "Maulana",
    "Fauzi",
    "Rahman",
    "Ruhiyat",
    "Kosasih",
    "Wiguna",
    "Sopandi",
    "Nurjaman",
    "Setiadi",
    "Iskandar",
    "Purwanto",
)
BELAKANG_P = (
    "Lestari",
    "Wulandari",
    "Rahmawati",
    "Handayani",
    "Puspitasari",
    "Kurniasih",
    "Fitriani",
    "Susanti",
    "Yuliani",
    "Rahayu",
    "Anggraeni",
    "Nurhayati",
    "Maharani",
    "Septiani",
    "Marlina",
    "Suryani",
    "Komalasari",
    "Permatasari",
    "Hartini",
    "Setiawati",
    "Nurjanah",
    "Sulastri",
    "Agustina",
    "Kusumawati",
    "Safitri",
    "Utami",
    "Maryati",
    "Herawati",
    "Novitasari",
    "Pertiwi",
)
MARGA = (
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Lubis",
    "Sinaga",
    "Pardede",
    "Tambunan",
    "Manurung",
    "Sitompul",
    "Hutapea",
    "Ginting",
    "Tarigan",
    "Sembiring",
    "Situmorang",
    "Lumban Gaol",
)

# profil → (peluang perempuan, ((gelar_depan, gelar_belakang, bobot), ...))
PROFIL: dict[str, tuple[float, tuple]] = {
    "pimpinan": (
        0.3,
        (
            (None, "S.Sos., M.Si.", 3),
            (None, "S.E., M.M.", 3),
            (None, "S.H., M.H.", 2),
            (None, "S.T., M.T.", 1),
            (None, "S.IP., M.Si.", 2),
            (None, "S.STP., M.Si.", 2),
            ("Dr.", "S.Sos., M.Si.", 1),
            (None, "S.Kom., M.Kom.", 1),
            (None, "S.AP., M.AP.", 1),
            (None, "S.E.", 2),
            (None, "S.Sos.", 2),
            (None, "S.AP.", 1),
        ),
    ),
    "pimpinan_teknik": (
        0.2,
        ((None, "S.T., M.T.", 4), ("Ir.", "M.T.", 2), (None, "S.T.", 2), ("Ir.", "M.Si.", 1), (None, "S.P., M.Si.", 1)),
    ),
    "pimpinan_kesehatan": (
        0.5,
        (("dr.", "M.Kes.", 3), (None, "S.KM., M.Kes.", 3), ("dr.", "M.M.", 1), (None, "S.Kep., Ns., M.Kep.", 1)),
    ),
    "pimpinan_pendidikan": (
        0.45,
        ((None, "S.Pd., M.Pd.", 4), ("Dr.", "M.Pd.", 1), (None, "S.Pd., M.Si.", 1), (None, "S.Sos., M.Si.", 1)),
    ),
    "pelaksana": (
        0.45,
        (
            (None, None, 10),
            (None, "S.E.", 2),
            (None, "S.Sos.", 2),
            (None, "A.Md.", 2),
            (None, "S.Kom.", 1),
            (None, "S.AP.", 1),
            (None, "S.H.", 1),
            (None, "A.Md.Kom.", 1),
        ),
    ),
    "analis": (
        0.5,
        (
            (None, "S.E.", 3),
            (None, "S.Sos.", 2),
            (None, "S.Kom.", 2),
            (None, "S.H.", 2),
            (None, "S.IP.", 1),
            (None, "S.Psi.", 1),
            (None, "S.E., M.Si.", 1),
            (None, "S.AP.", 1),
            (None, "S.Si.", 1),
        ),
    ),
    "hukum": (0.5, ((None, "S.H.", 4), (None, "S.H., M.H.", 1))),
    "teknik": (0.25, ((None, "S.T.", 6), ("Ir.", None, 1), (None, "A.Md.T.", 2), (None, "S.T., M.T.", 1))),
    "pertanian": (0.35, ((None, "S.P.", 5), (None, "S.Pt.", 2), (None, "A.Md.P.", 1), ("drh.", None, 1))),
    "auditor": (0.45, ((None, "S.E., Ak.", 3), (None, "S.Ak.", 3), (None, "S.E.", 2))),
    "guru": (0.65, ((None, "S.Pd.", 8), (None, "S.Pd.SD", 3), (None, "S.Pd., M.Pd.", 1), (None, "S.Pd., Gr.", 2))),
    "guru_agama": (0.5, ((None, "S.Pd.I", 4), (None, "S.Ag.", 3))),
    "guru_pjok": (0.25, ((None, "S.Pd.", 1), (None, "S.Or.", 1))),
    "kepsek": (0.5, ((None, "S.Pd.", 3), (None, "S.Pd., M.Pd.", 3), (None, "S.Pd.SD", 1))),
    "dokter": (0.55, (("dr.", None, 6), ("dr.", "M.Kes.", 1))),
    "dokter_gigi": (0.7, (("drg.", None, 1),)),
    "perawat": (0.7, ((None, "S.Kep., Ns.", 1),)),
    "perawat_d3": (0.65, ((None, "A.Md.Kep.", 1),)),
    "bidan": (1.0, ((None, "A.Md.Keb.", 4), (None, "S.Tr.Keb.", 2), (None, "S.Keb., Bd.", 1))),
    "apoteker": (0.75, (("apt.", "S.Farm.", 1),)),
    "nakes": (0.6, ((None, "A.Md.Kes.", 3), (None, "S.KM.", 2), (None, "S.Gz.", 1))),
    "kapus": (0.5, (("dr.", None, 3), ("dr.", "M.Kes.", 2), (None, "S.KM., M.Kes.", 2))),
    "polpp": (0.15, ((None, None, 6), (None, "S.H.", 1), (None, "S.Sos.", 1))),
}
# bobot pemilihan PPPK per profil (0 = tidak pernah PPPK)
BOBOT_PPPK = {
    "guru": 6,
    "guru_agama": 5,
    "guru_pjok": 5,
    "perawat": 5,
    "perawat_d3": 5,
    "bidan": 5,
    "nakes": 3,
    "pelaksana": 2,
    "polpp": 2,
    "analis": 0.5,
    "teknik": 0.5,
    "pertanian": 1,
    "dokter": 1,
    "dokter_gigi": 1,
    "apoteker": 1,
    "hukum": 0.5,
    "auditor": 0.3,
}
PPPK_GOLONGAN = {
    "pelaksana": ("V", "VII"),
    "polpp": ("V",),
    "perawat_d3": ("VII",),
    "bidan": ("VII",),
    "nakes": ("VII",),
    "dokter": ("XI",),
    "dokter_gigi": ("XI",),
}
GOLONGAN_JENJANG = {
    "Terampil": ("II/c", "II/d"),
    "Mahir": ("III/a", "III/b"),
    "Penyelia": ("III/c", "III/d"),
    "Ahli Pertama": ("III/a", "III/b"),
    "Ahli Muda": ("III/c", "III/d"),
    "Ahli Madya": ("IV/a", "IV/b", "IV/c"),
}
PT_DALAM = (
    "Universitas Padjadjaran",
    "Universitas Gadjah Mada",
    "Universitas Diponegoro",
    "Universitas Brawijaya",
    "Universitas Pendidikan Indonesia",
    "Institut Pemerintahan Dalam Negeri",
    "Universitas Negeri Yogyakarta",
    "Universitas Airlangga",
    "Universitas Terbuka",
)
PT_LUAR = (
    "The University of Melbourne",
    "Universiteit Leiden",
    "Kyushu University",
    "University of Birmingham",
    "Wageningen University & Research",
    "Flinders University",
)
PRODI = {
    "guru": ("Pendidikan Guru Sekolah Dasar", "Manajemen Pendidikan"),
    "perawat": ("Ilmu Keperawatan",),
    "perawat_d3": ("Ilmu Keperawatan",),
    "bidan": ("Kebidanan",),
    "nakes": ("Kesehatan Masyarakat",),
    "teknik": ("Teknik Sipil", "Perencanaan Wilayah dan Kota"),
    "pertanian": ("Agribisnis", "Agroteknologi"),
}
PRODI_UMUM = ("Administrasi Publik", "Ilmu Pemerintahan", "Manajemen", "Kebijakan Publik", "Akuntansi")
CUTI_BERSAMA = {
    2025: (
        ((1, 28), "Tahun Baru Imlek"),
        ((3, 28), "Hari Suci Nyepi"),
        ((4, 2), "Idul Fitri 1446 H"),
        ((4, 3), "Idul Fitri 1446 H"),
        ((4, 4), "Idul Fitri 1446 H"),
        ((4, 7), "Idul Fitri 1446 H"),
        ((5, 13), "Hari Raya Waisak"),
        ((5, 30), "Kenaikan Yesus Kristus"),
        ((6, 9), "Idul Adha 1446 H"),
        ((12, 26), "Hari Raya Natal"),
    ),
    2026: (
        ((2, 16), "Tahun Baru Imlek"),
        ((3, 18), "Hari Suci Nyepi"),
        ((3, 20), "Idul Fitri 1447 H"),
        ((3, 23), "Idul Fitri 1447 H"),
        ((3, 24), "Idul Fitri 1447 H"),
        ((5, 15), "Kenaikan Yesus Kristus"),
        ((5, 28), "Idul Adha 1447 H"),
        ((12, 24), "Hari Raya Natal"),
    ),
}
CUTI_BERSAMA_BAWAAN = (((12, 24), "Hari Raya Natal"),)


# --------------------------------------------------------------------------------------------
# Rancangan organisasi (Python murni, lalu disisipkan massal)
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Unit:
    kode: str
    nama: str
    jenis: JenisUnit
    induk: "_Unit | None"
    kedalaman: int
    is_mandiri: bool = False
    is_sekretariat: bool = False
    boleh_tim_kota: bool = False
    id: int | None = None


@dataclass(eq=False)
class _Jab:
    unit: _Unit
    atasan: "_Jab | None"
    kode: str
    nama: str
    jenis: JenisJabatan
    kedalaman: int
    kepala: bool = False
    profil: str = "pimpinan"
    jenjang: str | None = None
    bobot: float = 0.0
    min_isi: int = 1
    lindungi: bool = False  # tidak dikosongkan; pemangku selalu aktif (peran demo)
    kosong: bool = False
    id: int | None = None

    @property
    def tunggal(self) -> bool:
        """Satu pemangku: jabatan struktural dan kepala unit (kepala sekolah/puskesmas)."""
        return self.jenis in _STRUKTURAL or self.kepala


def _klem(x: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, int(round(x))))


class _Rancangan:
    """Pohon unit dan jabatan untuk ukuran efektif ``E`` (tanpa acak: hanya bergantung pada E)."""

    def __init__(self, E: float):
        self.E = E
        self.units: list[_Unit] = []
        self.jabs: list[_Jab] = []
        self._urut: dict[int, int] = {}
        self.kosong_wajib: list[_Jab] = []
        self.plt: tuple[_Jab, _Jab] | None = None  # (jabatan kosong, jabatan pemangku Plt)
        # tingkat rincian: mini (< 100), kecil (< 200), sedang (< 1000), besar (< 4000), penuh
        self.mini = E < 100
        self.sedang = E >= 200
        self.besar = E >= 1500
        self.penuh = E >= 4000
        self.n_tambahan = _klem((E - 100) / 60, 0, len(OPD_TAMBAHAN))
        self.n_bidang = 0 if self.mini else 1 if E < 200 else 2 if E < 1000 else 3 if E < 4000 else 99
        self.n_subbag = 0 if E < 200 else 1 if E < 1000 else 2 if E < 4000 else 3
        self.n_seksi = 0 if E < 1000 else 1 if E < 4000 else 3
        self.n_bagian = 1 if self.mini else 2 if E < 200 else 4 if E < 1000 else 6 if E < 4000 else len(BAGIAN_SETDA)
        self.asisten = self.penuh
        self.n_kec = _klem(1 + E // 400, 1, len(KECAMATAN))
        self.n_kec_seksi = 0 if E < 200 else 2 if E < 4000 else 5
        self.n_kota = 0 if E < 1000 else 1 if E < 4000 else 3
        self.n_kel = 2 if E < 4000 else 5
        self.n_pkm = _klem(E / 650, 1, 75)
        self.n_sd = max(1, int(round(E * 0.40 / 17)))
        self.n_smp = int(round(E * 0.12 / 28))
        self.staf_sd = STAF_SD[: 1 if E < 300 else 2 if E < 1500 else None]
        self.staf_smp = STAF_SMP[: 3 if E < 1500 else None]
        self.staf_pkm = (
            tuple(STAF_PUSKESMAS[i] for i in ((2, 4) if E < 300 else (0, 2, 3, 4, 9))) if E < 1500 else STAF_PUSKESMAS
        )
        self._bangun()

    # -- primitif ------------------------------------------------------------------------
    def unit(self, kode: str, nama: str, jenis: JenisUnit, induk: _Unit | None = None, **kw) -> _Unit:
        u = _Unit(
            f"{induk.kode}.{kode}" if induk else kode, nama, jenis, induk, induk.kedalaman + 1 if induk else 0, **kw
        )
        self.units.append(u)
        return u

    def jab(self, unit: _Unit, nama: str, jenis: JenisJabatan, atasan: _Jab | None, **kw) -> _Jab:
        n = self._urut.get(id(unit), 0) + 1
        self._urut[id(unit)] = n
        j = _Jab(unit, atasan, f"{unit.kode}.{n:02d}", nama, jenis, atasan.kedalaman + 1 if atasan else 0, **kw)
        self.jabs.append(j)
        return j

    def staf(self, unit: _Unit, atasan: _Jab, nama: str, jenjang: str | None, profil: str, bobot: float, **kw) -> _Jab:
        jenis = J.FUNGSIONAL if jenjang else J.PELAKSANA
        return self.jab(
            unit,
            f"{nama} {jenjang}" if jenjang else nama,
            jenis,
            atasan,
            profil=profil,
            jenjang=jenjang,
            bobot=bobot,
            **kw,
        )

    def kepala(self, unit: _Unit, nama: str, jenis: JenisJabatan, atasan: _Jab | None, **kw) -> _Jab:
        return self.jab(unit, nama, jenis, atasan, kepala=True, **kw)

    # -- organisasi ----------------------------------------------------------------------
    def _bangun(self) -> None:
        self.sekda = self._setda()
        for kode in ("SETWAN", "INSPEKTORAT", "DISDIK", "DINKES", "BKPSDM"):
            opd = self._opd(OPD_INTI[kode], lindungi=kode == KODE_BKPSDM)
            if kode == "DISDIK":
                self._sekolah(opd)
            elif kode == "DINKES":
                self._puskesmas(opd)
        for spec in OPD_TAMBAHAN[: self.n_tambahan]:
            self._opd(spec)
        for i in range(self.n_kec):
            self._kecamatan(i)

    def _setda(self) -> _Jab:
        u = self.unit(KODE_SETDA, "Sekretariat Daerah", U.SEKRETARIAT_DAERAH, boleh_tim_kota=True)
        sekda = self.kepala(u, "Sekretaris Daerah", J.JPT_MADYA, None, lindungi=True)
        asisten = [self.jab(u, a, J.JPT_PRATAMA, sekda) for a in ASISTEN] if self.asisten else None
        for i, (kode, nama, asn, subbag, jf) in enumerate(BAGIAN_SETDA[: self.n_bagian]):
            umum = kode == "UMUM"
            bu = self.unit(kode, nama, U.BAGIAN, u, is_sekretariat=umum)
            kabag = self.kepala(
                bu, f"Kepala {nama}", J.ADMINISTRATOR, asisten[asn] if asisten else sekda, lindungi=umum
            )
            n_sb = max(1, self.n_subbag) if umum else self.n_subbag
            for k, sb in enumerate(subbag[:n_sb], 1):
                inti = umum and k == 1  # Subbagian Tata Usaha Pimpinan: penilai demo (≥ 2 bawahan terisi)
                su = self.unit(f"SB{k}", sb, U.SUBBAGIAN, bu)
                ks = self.kepala(su, f"Kepala {sb}", J.PENGAWAS, kabag, lindungi=inti)
                self.staf(
                    su,
                    ks,
                    "Pengadministrasi Perkantoran",
                    None,
                    "pelaksana",
                    2.0,
                    min_isi=2 if inti else 1,
                    lindungi=inti,
                )
                if self.besar or inti:
                    self.staf(
                        su, ks, PELAKSANA_BIDANG[(i + k) % len(PELAKSANA_BIDANG)], None, "pelaksana", 1.5, lindungi=inti
                    )
            if not n_sb:
                self.staf(bu, kabag, "Pengadministrasi Perkantoran", None, "pelaksana", 1.5)
            if not self.mini:
                for nama_jf, jenjang, profil, bobot in jf:
                    self.staf(bu, kabag, nama_jf, jenjang, profil, bobot)
        return sekda

    def _opd(self, spec: _OPD, lindungi: bool = False) -> dict:
        u = self.unit(spec.kode, spec.nama, spec.jenis, boleh_tim_kota=spec.kode == KODE_BKPSDM)
        kepala = self.kepala(
            u, spec.kepala or f"Kepala {spec.nama}", J.JPT_PRATAMA, self.sekda, profil=spec.profil, lindungi=lindungi
        )
        sek_nama = "Bagian Umum dan Keuangan" if spec.jenis == U.SEKRETARIAT_DPRD else "Sekretariat"
        sek_u = self.unit("SEK", sek_nama, U.BAGIAN, u, is_sekretariat=True)
        sekretaris = self.kepala(
            sek_u,
            spec.sekretaris or f"Sekretaris {spec.nama}",
            J.ADMINISTRATOR,
            kepala,
            lindungi=lindungi or spec.kode == "DISDIK",
        )
        n_sb = max(1, self.n_subbag) if spec.kode in (KODE_BKPSDM, "DINKES") else self.n_subbag
        subbag = []
        for k, (sb, pelaksana) in enumerate(SUBBAG_SEKRETARIAT[:n_sb], 1):
            su = self.unit(f"SB{k}", sb, U.SUBBAGIAN, sek_u)
            ks = self.kepala(su, f"Kepala {sb}", J.PENGAWAS, sekretaris, lindungi=lindungi)
            for m, p in enumerate(pelaksana[: 2 if self.besar else 1]):
                self.staf(
                    su,
                    ks,
                    p,
                    None,
                    "pelaksana",
                    2.0 if m == 0 else 1.5,
                    lindungi=lindungi,
                    min_isi=2 if lindungi and m == 0 else 1,
                )
            subbag.append(ks)
        if not n_sb and not self.mini:
            self.staf(sek_u, sekretaris, "Pengadministrasi Perkantoran", None, "pelaksana", 2.0, lindungi=lindungi)
        if self.sedang:
            self.staf(sek_u, sekretaris, "Perencana", "Ahli Pertama", "analis", 1.0, lindungi=lindungi)
        if spec.kode == "DINKES":  # jabatan pengawas kosong yang bawahannya terisi
            self.kosong_wajib.append(subbag[0])
        bidang = []
        n_bidang = self.n_bidang
        if lindungi or spec.kode == "DISDIK":
            n_bidang = max(1, n_bidang)
        jenis_b = U.BAGIAN if spec.jenis == U.SEKRETARIAT_DPRD else U.BIDANG
        for b, (nama_b, seksi, *kepala_b) in enumerate(spec.bidang[:n_bidang], 1):
            bu = self.unit(f"B{b}", nama_b, jenis_b, u)
            kb = self.kepala(
                bu, kepala_b[0] if kepala_b else f"Kepala {nama_b}", J.ADMINISTRATOR, kepala, lindungi=lindungi
            )
            bidang.append(kb)
            n_seksi = self.n_seksi
            if spec.kode == "DISDIK" and b == 1:
                n_seksi = max(1, n_seksi)  # bidang kosong yang seksinya terisi
                self.kosong_wajib.append(kb)
                self.plt = (kb, sekretaris)
            for s, nama_s in enumerate(seksi[:n_seksi], 1):
                jenis_s = U.SUBBAGIAN if nama_s.startswith("Sub") else U.SEKSI
                su = self.unit(f"S{s}", nama_s, jenis_s, bu)
                ks = self.kepala(su, f"Kepala {nama_s}", J.PENGAWAS, kb, lindungi=lindungi)
                self.staf(
                    su, ks, PELAKSANA_BIDANG[(b + s) % len(PELAKSANA_BIDANG)], None, "pelaksana", 2.0, lindungi=lindungi
                )
                if self.besar:
                    self.staf(
                        su,
                        ks,
                        PELAKSANA_BIDANG[(b + s + 2) % len(PELAKSANA_BIDANG)],
                        None,
                        "pelaksana",
                        1.0,
                        lindungi=lindungi,
                    )
            if not self.mini or lindungi:
                nama_jf, jenjang, profil, bobot = spec.jf[(b - 1) % len(spec.jf)]
                self.staf(bu, kb, nama_jf, jenjang, profil, bobot, lindungi=lindungi, min_isi=2 if lindungi else 1)
            if self.besar and len(spec.jf) > 1:
                nama_jf, jenjang, profil, bobot = spec.jf[b % len(spec.jf)]
                self.staf(bu, kb, nama_jf, jenjang, profil, bobot * 0.6, lindungi=lindungi)
            if not seksi[:n_seksi] and (self.sedang or lindungi):
                self.staf(
                    bu, kb, PELAKSANA_BIDANG[b % len(PELAKSANA_BIDANG)], None, "pelaksana", 1.5, lindungi=lindungi
                )
        return {"unit": u, "kepala": kepala, "sekretaris": sekretaris, "bidang": bidang}

    def _sekolah(self, disdik: dict) -> None:
        du, bidang = disdik["unit"], disdik["bidang"]
        kabid_sd = bidang[0]
        kabid_smp = bidang[1] if len(bidang) > 1 else bidang[0]
        n_lok = len(KECAMATAN)
        for i in range(self.n_sd):
            lok = KECAMATAN[i % n_lok]
            nama = f"SD Negeri {i // n_lok + 1} {lok}"
            su = self.unit(f"SD{i + 1:04d}", nama, U.SEKOLAH, du, is_mandiri=True)
            ks = self.kepala(su, f"Kepala {nama}", J.FUNGSIONAL, kabid_sd, profil="kepsek", jenjang="Ahli Madya")
            for nama_j, jenjang, _jenis, profil, bobot in self.staf_sd:
                self.staf(su, ks, nama_j, jenjang, profil, bobot)
        for i in range(self.n_smp):
            lok = KECAMATAN[i % n_lok]
            nama = f"SMP Negeri {i // n_lok + 1} {lok}"
            su = self.unit(f"SMP{i + 1:03d}", nama, U.SEKOLAH, du, is_mandiri=True)
            ks = self.kepala(su, f"Kepala {nama}", J.FUNGSIONAL, kabid_smp, profil="kepsek", jenjang="Ahli Madya")
            for nama_j, jenjang, _jenis, profil, bobot in self.staf_smp:
                self.staf(su, ks, nama_j, jenjang, profil, bobot)

    def _puskesmas(self, dinkes: dict) -> None:
        du, bidang = dinkes["unit"], dinkes["bidang"]
        atasan = bidang[0] if bidang else dinkes["sekretaris"]
        lokasi = KECAMATAN + DESA
        for i in range(self.n_pkm):
            nama = f"UPTD Puskesmas {lokasi[i]}"
            pu = self.unit(f"PKM{i + 1:02d}", nama, U.PUSKESMAS, du, is_mandiri=True)
            kp = self.kepala(pu, f"Kepala {nama}", J.FUNGSIONAL, atasan, profil="kapus", jenjang="Ahli Madya")
            for nama_j, jenjang, _jenis, profil, bobot in self.staf_pkm:
                self.staf(pu, kp, nama_j, jenjang, profil, bobot)

    def _kecamatan(self, i: int) -> None:
        nama = KECAMATAN[i]
        ku = self.unit(f"KEC{i + 1:02d}", f"Kecamatan {nama}", U.KECAMATAN)
        camat = self.kepala(ku, f"Camat {nama}", J.ADMINISTRATOR, self.sekda)
        sek = self.unit("SEK", f"Sekretariat Kecamatan {nama}", U.BAGIAN, ku, is_sekretariat=True)
        sekcam = self.kepala(sek, f"Sekretaris Kecamatan {nama}", J.ADMINISTRATOR, camat)
        if self.besar:
            su = self.unit("SB1", "Subbagian Umum dan Kepegawaian", U.SUBBAGIAN, sek)
            ks = self.kepala(su, "Kepala Subbagian Umum dan Kepegawaian", J.PENGAWAS, sekcam)
            self.staf(su, ks, "Pengadministrasi Perkantoran", None, "pelaksana", 2.0)
            self.staf(su, ks, "Penata Layanan Operasional", None, "pelaksana", 1.5)
        else:
            self.staf(sek, sekcam, "Pengadministrasi Perkantoran", None, "pelaksana", 2.0)
        for s, nama_s in enumerate(SEKSI_KECAMATAN[: self.n_kec_seksi], 1):
            su = self.unit(f"S{s}", nama_s, U.SEKSI, ku)
            ks = self.kepala(su, f"Kepala {nama_s}", J.PENGAWAS, camat)
            self.staf(su, ks, "Pengelola Layanan Operasional", None, "pelaksana", 1.5)
        if i < self.n_kota:
            for k in range(self.n_kel):
                nama_k = KELURAHAN_KOTA[k % len(KELURAHAN_KOTA)] if i == 0 else DESA[i * 7 + k]
                lu = self.unit(f"KEL{k + 1:02d}", f"Kelurahan {nama_k}", U.KELURAHAN, ku)
                lurah = self.kepala(lu, f"Lurah {nama_k}", J.PENGAWAS, camat)
                self.staf(lu, lurah, "Pengadministrasi Perkantoran", None, "pelaksana", 1.5)
                self.staf(lu, lurah, "Pengelola Layanan Operasional", None, "pelaksana", 1.0)

    # -- ukuran ----------------------------------------------------------------------------
    def kebutuhan(self) -> int:
        """Pegawai minimum: satu per jabatan tunggal yang tidak wajib kosong + min_isi jabatan staf."""
        kosong = {id(j) for j in self.kosong_wajib}
        return sum((1 if id(j) not in kosong else 0) if j.tunggal else j.min_isi for j in self.jabs)


def _rancang(pegawai: int) -> _Rancangan:
    E = float(pegawai)
    while True:
        r = _Rancangan(E)
        if r.kebutuhan() <= pegawai - max(3, pegawai // 10):  # sisakan ruang untuk sebaran staf
            return r
        if E < 10:  # pragma: no cover - rancangan terkecil selalu muat untuk MIN_PEGAWAI
            raise RuntimeError("Rancangan organisasi demo tidak muat untuk jumlah pegawai ini.")
        E *= 0.85


# --------------------------------------------------------------------------------------------
# Pegawai
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Orang:
    jab: _Jab
    asn: str = JenisASN.PNS.value
    status: str = StatusPegawai.AKTIF.value
    id: int | None = None


def _tanggal_dalam_tahun(rng: random.Random, tahun: int) -> dt.date:
    return dt.date(tahun, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _bobot_pilih(rng: random.Random, kandidat: list, bobot, k: int) -> list:
    """Pilih k tanpa pengembalian berbobot (Efraimidis–Spirakis), urutan kandidat tetap."""
    if k <= 0 or not kandidat:
        return []
    kunci = [(rng.random() ** (1.0 / w) if w > 0 else -1.0, i) for i, w in enumerate(bobot)]
    kunci.sort(key=lambda t: (-t[0], t[1]))
    return [kandidat[i] for nilai, i in kunci[:k] if nilai >= 0]


class _Pengisi:
    """Mengisi jabatan dengan pegawai dan membuat atributnya (NIP, nama, gelar, golongan)."""

    def __init__(self, rng: random.Random, tahun: int, golongan: dict[tuple[str, str], int]):
        self.rng = rng
        self.tahun = tahun
        self.golongan = golongan
        self.urut_nip: dict[tuple, int] = {}
        self.nip_terpakai: set[str] = set()

    def umur(self, o: _Orang) -> tuple[int, int]:
        """(umur pada 1 Januari tahun berjalan, masa kerja minimum) menurut jabatan dan status."""
        j, rng = o.jab, self.rng
        if o.status == StatusPegawai.MPP.value:
            bup = 60 if (j.profil.startswith("guru") or j.jenjang == "Ahli Madya") else 58
            return bup, 0
        if o.status == StatusPegawai.TUGAS_BELAJAR.value:
            return rng.randint(26, 40), 2
        if o.asn == JenisASN.CPNS.value:
            return rng.randint(22, 33), 0
        if o.asn == JenisASN.PPPK.value:
            return rng.randint(25, 50), 0
        if j.jenis == J.JPT_MADYA:
            return rng.randint(50, 57), 20
        if j.jenis == J.JPT_PRATAMA:
            return rng.randint(45, 57), 15
        if j.jenis == J.ADMINISTRATOR:
            return rng.randint(40, 56), 10
        if j.jenis == J.PENGAWAS:
            return rng.randint(33, 55), 6
        if j.kepala:
            return rng.randint(42, 57), 12
        if j.jenjang == "Ahli Madya":
            return rng.randint(45, 58), 12
        if j.jenjang in ("Ahli Muda", "Penyelia"):
            return rng.randint(35, 55), 6
        if j.jenjang:
            return rng.randint(24, 48), 0
        return rng.randint(22, 56), 0

    def tmt(self, o: _Orang, lahir: dt.date, masa_min: int) -> dt.date:
        rng, tahun = self.rng, self.tahun
        if o.asn == JenisASN.CPNS.value:
            return dt.date(tahun - 1, rng.choice((3, 6, 7)), 1)
        bulan = rng.choice((1, 1, 1, 3, 3, 4, 6, 10, 12))
        if o.asn == JenisASN.PPPK.value:
            tahun_ada = [y for y in (2019, 2021, 2022, 2023, 2024, 2025) if y <= tahun - 1] or [tahun - 1]
            return dt.date(max(rng.choice(tahun_ada), lahir.year + 19), bulan, 1)
        y = lahir.year + rng.randint(21, 32)
        y = min(y, tahun - 2 - masa_min)
        y = max(y, lahir.year + 18)
        return dt.date(y, bulan, 1)

    def kode_golongan(self, o: _Orang, masa_kerja: int) -> str:
        j, rng = o.jab, self.rng
        if o.asn == JenisASN.PPPK.value:
            return rng.choice(PPPK_GOLONGAN.get(j.profil, ("IX",)))
        if o.asn == JenisASN.CPNS.value:
            return "III/a" if j.jenjang and j.jenjang.startswith("Ahli") else rng.choice(("II/a", "II/a", "III/a"))
        if j.jenis == J.JPT_MADYA:
            return rng.choice(("IV/d", "IV/d", "IV/e"))
        if j.jenis == J.JPT_PRATAMA:
            return rng.choice(("IV/c", "IV/c", "IV/d"))
        if j.jenis == J.ADMINISTRATOR:
            return rng.choice(("IV/a", "IV/b"))
        if j.jenis == J.PENGAWAS:
            return rng.choice(("III/c", "III/d", "III/d"))
        if j.kepala:
            return rng.choice(("III/d", "IV/a", "IV/a", "IV/b"))
        if j.jenjang:
            rentang = GOLONGAN_JENJANG[j.jenjang]
            return rentang[0] if masa_kerja < 4 else rng.choice(rentang)
        if masa_kerja < 4:
            return rng.choice(("II/a", "II/a", "III/a"))
        if masa_kerja < 8:
            return rng.choice(("II/b", "II/c", "III/a"))
        if masa_kerja < 14:
            return rng.choice(("II/c", "II/d", "III/a", "III/b"))
        return rng.choice(("II/d", "III/a", "III/b", "III/b"))

    def nama(self, perempuan: bool) -> str:
        rng = self.rng
        depan = rng.choice(NAMA_P if perempuan else NAMA_L)
        r = rng.random()
        if r < 0.08:
            return f"{depan} {rng.choice(MARGA)}"
        if r < 0.2:
            return depan
        belakang = rng.choice(BELAKANG_P if perempuan else BELAKANG_L)
        if r < 0.3:
            return f"{depan} Nur {belakang}" if perempuan else f"Muhammad {depan} {belakang}"
        return f"{depan} {belakang}"

    def baris(self, o: _Orang, dibuat: dt.datetime) -> dict:
        rng, j = self.rng, o.jab
        p_perempuan, gelar = PROFIL[j.profil]
        if j.jenis in _STRUKTURAL and j.profil == "pimpinan":
            p_perempuan = 0.3
        perempuan = rng.random() < p_perempuan
        jk = JenisKelamin.PEREMPUAN.value if perempuan else JenisKelamin.LAKI_LAKI.value
        umur, masa_min = self.umur(o)
        while True:
            lahir = _tanggal_dalam_tahun(rng, self.tahun - umur)
            tmt = self.tmt(o, lahir, masa_min)
            kunci = (lahir, tmt.year, tmt.month, jk)
            n = self.urut_nip.get(kunci, 0) + 1
            if n <= 999:
                self.urut_nip[kunci] = n
                break
        nip = buat_nip(lahir, tmt, jk, n)
        depan, belakang = rng.choices([(g[0], g[1]) for g in gelar], weights=[g[2] for g in gelar])[0]
        if j.jenis == J.JPT_PRATAMA and depan is None and rng.random() < 0.08:
            depan = "Dr."
        return {
            "nip": nip,
            "nama": self.nama(perempuan),
            "gelar_depan": depan,
            "gelar_belakang": belakang,
            "tanggal_lahir": lahir,
            "tmt_cpns": tmt,
            "jenis_kelamin": jk,
            "jenis_asn": o.asn,
            "status": o.status,
            "golongan_id": self.golongan[
                (
                    JenisASN.PPPK.value if o.asn == JenisASN.PPPK.value else JenisASN.PNS.value,
                    self.kode_golongan(o, self.tahun - tmt.year),
                )
            ],
            "jabatan_id": j.id,
            "unit_kerja_id": j.unit.id,
            "user_id": None,
            "email": None,
            "dibuat_pada": dibuat,
            "diubah_pada": dibuat,
        }


# --------------------------------------------------------------------------------------------
# Penyisipan massal
# --------------------------------------------------------------------------------------------

_POTONG = 5000


def _sisip(session, model, rows: list[dict], kembalikan_id: bool = False) -> list[int]:
    ids: list[int] = []
    for i in range(0, len(rows), _POTONG):
        bagian = rows[i : i + _POTONG]
        if kembalikan_id:
            hasil = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), bagian)
            ids.extend(hasil.scalars().all())
        else:
            session.execute(insert(model), bagian)
    return ids


def _per_kedalaman(items: list) -> list[list]:
    tingkat: dict[int, list] = {}
    for x in items:
        tingkat.setdefault(x.kedalaman, []).append(x)
    return [tingkat[k] for k in sorted(tingkat)]


# --------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------


def database_kosong(session) -> bool:
    """True bila belum ada satu pun Instansi (basis data baru: data demo boleh dibuat)."""
    return session.execute(select(Instansi.id).limit(1)).first() is None


def generate_demo(session, pegawai: int = 600, seed: int = 2026, tahun: int = 2026) -> dict[str, int]:
    """Bangun Kabupaten Sukamaju (fiktif) dengan tepat ``pegawai`` pegawai; tidak melakukan commit.

    Deterministik: (pegawai, seed, tahun) yang sama menghasilkan data yang sama persis.
    """
    if not isinstance(pegawai, int) or pegawai < MIN_PEGAWAI:
        raise ValueError(f"Jumlah pegawai demo minimal {MIN_PEGAWAI} (diminta {pegawai}).")
    if not database_kosong(session):
        raise ValueError("Basis data sudah berisi instansi; data demo hanya dibuat pada basis data kosong.")
    golongan = {
        (asn, kode): gid
        for asn, kode, gid in session.execute(select(Golongan.jenis_asn, Golongan.kode, Golongan.id)).all()
    }
    if (JenisASN.PNS.value, "III/a") not in golongan or (JenisASN.PPPK.value, "IX") not in golongan:
        raise ValueError("Data referensi golongan belum dimuat; jalankan load_reference lebih dahulu.")

    rng = random.Random(f"kinerja-demo:{seed}:{pegawai}:{tahun}")
    dibuat = dt.datetime(tahun, 1, 2, 8, 0, 0)
    jejak = {"dibuat_pada": dibuat, "diubah_pada": dibuat}
    r = _rancang(pegawai)

    # -- instansi, konfigurasi, cuti bersama ---------------------------------------------
    (instansi_id,) = _sisip(
        session,
        Instansi,
        [
            {
                "kode": KODE_INSTANSI,
                "nama": f"Pemerintah Kabupaten {NAMA_DAERAH}",
                "nama_daerah": NAMA_DAERAH,
                "kepala_daerah_nama": "H. Ahmad Suryana, S.H., M.Si.",
                **jejak,
            }
        ],
        kembalikan_id=True,
    )
    _sisip(
        session,
        KonfigurasiPeriode,
        [
            {
                "instansi_id": instansi_id,
                "tahun": tahun,
                "periode_evaluasi": JenisPeriode.TRIWULANAN.value,
                "periode_dokumentasi": JenisPeriode.BULANAN.value,
                "tim_min_anggota": 3,
                "tim_max_anggota": 7,
                "target_penyelesaian_skp": 90,
                **jejak,
            }
        ],
    )
    libur = [
        {"instansi_id": instansi_id, "tanggal": dt.date(tahun, m, d), "keterangan": f"Cuti bersama {ket}"}
        for (m, d), ket in CUTI_BERSAMA.get(tahun, CUTI_BERSAMA_BAWAAN)
    ]
    _sisip(session, HariLibur, libur)

    # -- unit kerja (per kedalaman; id dari RETURNING) -------------------------------------
    for tingkat in _per_kedalaman(r.units):
        rows = [
            {
                "instansi_id": instansi_id,
                "induk_id": u.induk.id if u.induk else None,
                "kode": u.kode,
                "nama": u.nama,
                "jenis": u.jenis.value,
                "is_mandiri": u.is_mandiri,
                "is_sekretariat": u.is_sekretariat,
                "boleh_tim_kota": u.boleh_tim_kota,
                "aktif": True,
                **jejak,
            }
            for u in tingkat
        ]
        for u, uid in zip(tingkat, _sisip(session, UnitKerja, rows, kembalikan_id=True)):
            u.id = uid

    # -- jabatan --------------------------------------------------------------------------
    for tingkat in _per_kedalaman(r.jabs):
        rows = [
            {
                "unit_kerja_id": j.unit.id,
                "atasan_id": j.atasan.id if j.atasan else None,
                "kode": j.kode,
                "nama": j.nama,
                "jenis": j.jenis.value,
                "is_kepala_unit": j.kepala,
                "aktif": True,
                **jejak,
            }
            for j in tingkat
        ]
        for j, jid in zip(tingkat, _sisip(session, Jabatan, rows, kembalikan_id=True)):
            j.id = jid

    # -- lowongan: yang wajib + acak hingga ±3 % jabatan struktural ---------------------------
    struktural = [j for j in r.jabs if j.jenis in _STRUKTURAL]
    for j in r.kosong_wajib:
        j.kosong = True
    target = max(len(r.kosong_wajib), int(round(0.03 * len(struktural))))
    terlarang = {id(j) for j in r.kosong_wajib}
    if r.plt:
        terlarang.add(id(r.plt[1]))
    kandidat = [j for j in struktural if not j.lindungi and id(j) not in terlarang and j.jenis != J.JPT_MADYA]
    acak = rng.sample(kandidat, min(len(kandidat), target - len(r.kosong_wajib)))
    for j in acak:
        j.kosong = True

    # -- sebaran pemangku -----------------------------------------------------------------
    tunggal = [j for j in r.jabs if j.tunggal and not j.kosong]
    staf = [j for j in r.jabs if not j.tunggal]
    isi = {id(j): j.min_isi for j in staf}
    tersisa = pegawai - len(tunggal) - sum(isi.values())
    assert tersisa >= 0
    if tersisa:
        for j in rng.choices(staf, weights=[j.bobot for j in staf], k=tersisa):
            isi[id(j)] += 1
    orang: list[_Orang] = []
    for j in r.jabs:
        if j.tunggal:
            if not j.kosong:
                orang.append(_Orang(j))
        else:
            orang.extend(_Orang(j) for _ in range(isi[id(j)]))
    assert len(orang) == pegawai

    # -- jenis ASN dan status -------------------------------------------------------------
    bebas = [o for o in orang if not o.jab.tunggal and not o.jab.lindungi]
    n_pppk = int(round(0.10 * pegawai))
    for o in _bobot_pilih(rng, bebas, [BOBOT_PPPK.get(o.jab.profil, 0) for o in bebas], n_pppk):
        o.asn = JenisASN.PPPK.value
    pns = [o for o in bebas if o.asn == JenisASN.PNS.value]
    khusus = (
        (
            StatusPegawai.TUGAS_BELAJAR,
            max(1, round(pegawai * 0.01)),
            lambda o: o.jab.jenjang in (None, "Terampil", "Ahli Pertama", "Ahli Muda"),
        ),
        (StatusPegawai.MPP, max(1, round(pegawai * 0.005)), lambda o: True),
        (StatusPegawai.CLTN, max(1, round(pegawai * 0.002)), lambda o: True),
        (StatusPegawai.DIBERHENTIKAN_SEMENTARA, max(1, round(pegawai * 0.001)), lambda o: True),
    )
    for status, n, syarat in khusus:
        calon = [o for o in pns if o.status == StatusPegawai.AKTIF.value and syarat(o)]
        for o in rng.sample(calon, min(n, len(calon))):
            o.status = status.value
    calon = [
        o for o in pns if o.status == StatusPegawai.AKTIF.value and o.jab.jenjang in (None, "Terampil", "Ahli Pertama")
    ]
    for o in rng.sample(calon, min(max(1, round(pegawai * 0.015)), len(calon))):
        o.asn = JenisASN.CPNS.value

    # -- baris pegawai --------------------------------------------------------------------
    pengisi = _Pengisi(rng, tahun, golongan)
    rows = [pengisi.baris(o, dibuat) for o in orang]
    for o, pid in zip(orang, _sisip(session, Pegawai, rows, kembalikan_id=True)):
        o.id = pid

    # -- tugas belajar --------------------------------------------------------------------
    tb_rows = []
    for o in orang:
        if o.status != StatusPegawai.TUGAS_BELAJAR.value:
            continue
        luar = rng.random() < 0.2
        profil = o.jab.profil
        prodi = rng.choice(PRODI.get(profil, PRODI_UMUM))
        if luar:
            jenjang, pt, akr_pt, akr_prodi, lama = "s2", rng.choice(PT_LUAR), None, None, 2
        else:
            jenjang, pt, lama = "s1", rng.choice(PT_DALAM), 2
            akr_pt = rng.choices(("A", "B", "C"), weights=(5, 3, 1))[0]
            akr_prodi = rng.choice(("A", "B"))
        mulai = dt.date(tahun - rng.choice((1, 1, 2)), rng.choice((2, 8, 9)), 1)
        ipk = rng.randint(300, 395) if rng.random() < 0.9 else rng.randint(260, 299)  # dalam perseratus
        tb_rows.append(
            {
                "pegawai_id": o.id,
                "jenjang": jenjang,
                "luar_negeri": luar,
                "perguruan_tinggi": pt,
                "program_studi": prodi,
                "akreditasi_pt": akr_pt,
                "akreditasi_prodi": akr_prodi,
                "mulai": mulai,
                "selesai_rencana": dt.date(mulai.year + lama, mulai.month, 1) - dt.timedelta(days=1),
                "selesai_aktual": None,
                "ipk": f"{ipk // 100}.{ipk % 100:02d}",
                "ketepatan_lulus": None,
                "gagal": False,
                "keterangan": "Beasiswa LPDP" if luar else "Tugas belajar atas biaya APBD kabupaten",
                **jejak,
            }
        )
    _sisip(session, TugasBelajar, tb_rows)

    # -- Plt pada jabatan administrator yang kosong ---------------------------------------
    plt_rows = []
    if pegawai >= 100 and r.plt:
        kosong, pemangku = r.plt
        pemangku_id = next(o.id for o in orang if o.jab is pemangku)
        plt_rows.append(
            {
                "jabatan_id": kosong.id,
                "pegawai_id": pemangku_id,
                "jenis": JenisPlt.PLT.value,
                "nomor_sk": f"800.1.3.3/{rng.randint(100, 999)}/BKPSDM/{tahun}",
                "mulai": dt.date(tahun, 1, 2),
                "selesai": None,
                **jejak,
            }
        )
    _sisip(session, PenugasanPlt, plt_rows)
    session.flush()

    hitung = {
        "instansi": 1,
        "konfigurasi_periode": 1,
        "hari_libur": len(libur),
        "unit_kerja": len(r.units),
        "jabatan": len(r.jabs),
        "jabatan_kosong": sum(1 for j in r.jabs if j.tunggal and j.kosong),
        "pegawai": len(orang),
        "pppk": sum(o.asn == JenisASN.PPPK.value for o in orang),
        "cpns": sum(o.asn == JenisASN.CPNS.value for o in orang),
        "tugas_belajar": len(tb_rows),
        "penugasan_plt": len(plt_rows),
    }
    return hitung


def _subpohon(pasangan: list[tuple[int, int | None]], akar: set[int]) -> set[int]:
    anak: dict[int, list[int]] = {}
    for uid, induk in pasangan:
        if induk is not None:
            anak.setdefault(induk, []).append(uid)
    hasil, tumpuk = set(), sorted(akar)
    while tumpuk:
        u = tumpuk.pop()
        if u not in hasil:
            hasil.add(u)
            tumpuk.extend(anak.get(u, ()))
    return hasil


def pilih_pegawai_demo(session) -> dict[str, int]:
    """Satu id pegawai per peran demo (operator, pyb, penilai, atasan, pegawai, tim, konselor); semua berbeda."""
    aktif = StatusPegawai.AKTIF.value
    units = session.execute(
        select(UnitKerja.id, UnitKerja.induk_id, UnitKerja.kode)
        .join(Instansi, UnitKerja.instansi_id == Instansi.id)
        .where(Instansi.kode == KODE_INSTANSI)
    ).all()
    akar = {kode: uid for uid, _, kode in units if kode in (KODE_BKPSDM, KODE_SETDA)}
    if KODE_BKPSDM not in akar or KODE_SETDA not in akar:
        raise LookupError("Unit BKPSDM/Setda demo tidak ditemukan; jalankan generate_demo lebih dahulu.")
    pasangan = [(uid, induk) for uid, induk, _ in units]
    bkpsdm = _subpohon(pasangan, {akar[KODE_BKPSDM]})
    setda = _subpohon(pasangan, {akar[KODE_SETDA]})

    # (pegawai id, jabatan id, atasan jabatan id, jenis jabatan, unit id, kepala unit) — pegawai aktif saja
    baris = session.execute(
        select(Pegawai.id, Jabatan.id, Jabatan.atasan_id, Jabatan.jenis, Pegawai.unit_kerja_id, Jabatan.is_kepala_unit)
        .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
        .where(Pegawai.status == aktif)
        .order_by(Pegawai.id)
    ).all()
    pemangku: dict[int, list[int]] = {}
    bawahan: dict[int, list[tuple[int, str]]] = {}
    for pid, jid, atasan_id, jenis, _uid, _kep in baris:
        pemangku.setdefault(jid, []).append(pid)
        if atasan_id is not None:
            bawahan.setdefault(atasan_id, []).append((pid, jenis))
    # semua pemangku (status apa pun) untuk syarat "≥ 2 bawahan yang memangku jabatan"
    jumlah_bawahan: dict[int, int] = {}
    for (atasan_id,) in session.execute(
        select(Jabatan.atasan_id).join(Pegawai, Pegawai.jabatan_id == Jabatan.id).where(Jabatan.atasan_id.is_not(None))
    ).all():
        jumlah_bawahan[atasan_id] = jumlah_bawahan.get(atasan_id, 0) + 1
    jab = {
        jid: (atasan_id, jenis)
        for jid, atasan_id, jenis in session.execute(select(Jabatan.id, Jabatan.atasan_id, Jabatan.jenis)).all()
    }
    staf = (J.PELAKSANA.value, J.FUNGSIONAL.value)
    dipakai: list[int] = []

    def ambil(syarat) -> int:
        for pid, jid, atasan_id, jenis, uid, kep in baris:
            if pid not in dipakai and syarat(pid, jid, atasan_id, jenis, uid, kep):
                dipakai.append(pid)
                return pid
        raise LookupError("Data demo tidak memuat pegawai untuk semua peran demo.")

    pyb = ambil(lambda p, j, a, jn, u, k: u == akar[KODE_BKPSDM] and k and jn == J.JPT_PRATAMA.value)
    # penilai: pengawas dengan ≥ 2 bawahan yang memangku jabatan, atasannya administrator yang terisi
    penilai = atasan = peg = None
    for pid, jid, atasan_id, jenis, _uid, _kep in baris:
        if jenis != J.PENGAWAS.value or pid in dipakai or jumlah_bawahan.get(jid, 0) < 2 or atasan_id is None:
            continue
        if jab[atasan_id][1] != J.ADMINISTRATOR.value or not pemangku.get(atasan_id):
            continue
        calon = [p for p, jn in bawahan.get(jid, ()) if jn in staf and p not in dipakai]
        a = next((p for p in pemangku[atasan_id] if p not in dipakai), None)
        if calon and a is not None:
            penilai, atasan, peg = pid, a, calon[0]
            break
    if penilai is None:
        raise LookupError("Tidak ada pengawas dengan dua bawahan dan atasan terisi pada data demo.")
    dipakai += [penilai, atasan, peg]
    operator = ambil(lambda p, j, a, jn, u, k: u in bkpsdm and jn == J.PELAKSANA.value)
    tim = ambil(lambda p, j, a, jn, u, k: u in bkpsdm and jn in staf)
    try:
        konselor = ambil(lambda p, j, a, jn, u, k: u in bkpsdm and jn == J.FUNGSIONAL.value)
    except LookupError:
        konselor = ambil(lambda p, j, a, jn, u, k: (u in bkpsdm or u in setda) and jn in staf)
    return {
        "operator": operator,
        "pyb": pyb,
        "penilai": penilai,
        "atasan": atasan,
        "pegawai": peg,
        "tim": tim,
        "konselor": konselor,
    }


def _main(argv: list[str] | None = None) -> None:  # pragma: no cover - pemeriksaan waktu manual
    """``python -m seeds.demo [pegawai] [berkas.db]``: bangun SQLite sementara dan cetak waktu."""

    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 50_000
    path = Path(args[1]) if len(args) > 1 else Path(tempfile.mkdtemp(prefix="kinerja-demo-")) / "demo.db"
    engine = create_engine(f"sqlite:///{path}")
    metadata.create_all(engine)
    with Session(engine) as s:
        load_reference(s)
        s.commit()
        t0 = time.perf_counter()
        hitung = generate_demo(s, n)
        s.commit()
        t1 = time.perf_counter()
        peran = pilih_pegawai_demo(s)
    print(f"generate_demo({n}) + commit: {t1 - t0:.2f} s  → {path}")
    print(hitung)
    print(peran)


if __name__ == "__main__":  # pragma: no cover
    _main()
