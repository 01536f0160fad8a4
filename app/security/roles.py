"""Roles as data (after Airflow's FAB provider): one matrix role × resource × operation.

``FAB_ROLES`` (config) is derived from it, so FAB checks permissions without a query per
request, and the HTTP test in ``tests/keamanan/test_akses.py`` walks the same matrix. Row-level
scope (whose rows) is decided separately in ``app.security.scope``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ADMIN = "Admin"
OPERATOR = "Operator Kepegawaian"
PENILAI = "Pejabat Penilai"
ATASAN = "Atasan Pejabat Penilai"
PEGAWAI = "Pegawai"
TIM = "Tim Pemantau"
KONSELOR = "Konselor"
PYB = "PyB"
KLINIK = "Tim Klinik SKP"  # BKPSDM coaching-clinic team members (004 BAB III C)

ROLES = (ADMIN, OPERATOR, PENILAI, ATASAN, PEGAWAI, TIM, KONSELOR, PYB, KLINIK)

# operation letter → (ModelView permission, ModelRestApi permission). A MATRIX entry is letters, then
# optional named actions: "ls+tetapkan" grants can_list, can_show and can_tetapkan on the resource's view.
OPS = {
    "l": ("can_list", "can_get"),
    "s": ("can_show", "can_get"),
    "a": ("can_add", "can_post"),
    "e": ("can_edit", "can_put"),
    "d": ("can_delete", "can_delete"),
    "x": ("can_export", None),  # Excel register
    "i": ("can_import", None),  # Excel import
}


@dataclass(frozen=True)
class Resource:
    view: str  # ModelView class name
    menu: tuple[str, str]  # (category, item label)
    api: str | None = None  # ModelRestApi class name (resource name is the Indonesian snake_case entity)
    extra: tuple[str, ...] = field(default_factory=tuple)  # extra view permissions (actions)
    menu_lain: tuple[str, ...] = field(default_factory=tuple)  # further menu items shown with "l"
    icon: str = "fa-file"  # Font Awesome icon of the menu item
    tautan: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (href, icon) of each menu_lain item


RESOURCES: dict[str, Resource] = {
    "instansi": Resource("InstansiView", ("Data Induk", "Instansi"), api="InstansiApi", icon="fa-building"),
    "unit_kerja": Resource(
        "UnitKerjaView",
        ("Data Induk", "Unit Kerja"),
        api="UnitKerjaApi",
        menu_lain=("Pohon Unit Kerja",),
        icon="fa-sitemap",
        tautan=(("/unitkerjaview/pohon/", "fa-tree"),),
    ),
    "jabatan": Resource("JabatanView", ("Data Induk", "Jabatan"), api="JabatanApi", icon="fa-briefcase"),
    "golongan": Resource("GolonganView", ("Data Induk", "Golongan/Pangkat"), api="GolonganApi", icon="fa-signal"),
    "pegawai": Resource("PegawaiView", ("Data Induk", "Pegawai"), api="PegawaiApi", icon="fa-user"),
    "impor": Resource("ImporView", ("Data Induk", "Impor Excel"), icon="fa-upload"),
    "profil": Resource("ProfilSayaView", ("Saya", "Profil Saya"), icon="fa-id-card"),
    "bawahan": Resource("BawahanView", ("Saya", "Bawahan Saya"), icon="fa-users"),
    "audit": Resource("AuditLogView", ("Audit", "Jejak Audit"), icon="fa-history"),
    # Perencanaan — app/views/perencanaan.py; "Kepala Daerah" is acted by PyB (see app/queries/perencanaan/)
    "skp": Resource(
        "SKPView",
        ("Perencanaan", "Daftar SKP"),
        api="SkpApi",
        menu_lain=("SKP Belum Ditetapkan", "Matriks Peran Hasil"),
        icon="fa-bullseye",
        tautan=(("/skp/belum/", "fa-hourglass-half"), ("/skp/mpph/", "fa-th")),
    ),
    "rencana_hasil_kerja": Resource(
        "RencanaHasilKerjaView", ("Perencanaan", "Rencana Hasil Kerja"), api="RencanaHasilKerjaApi", icon="fa-list-ol"
    ),
    "indikator_kinerja": Resource(
        "IndikatorKinerjaView",
        ("Perencanaan", "Indikator Kinerja Individu"),
        api="IndikatorKinerjaApi",
        icon="fa-tachometer",
    ),
    # Tim Pemantau Kinerja (000 Pasal 10, 20) — app/views/pemantauan.py
    "tim_pemantau": Resource(
        "TimPemantauView", ("Pemantauan Kinerja", "Tim Pemantau"), api="TimPemantauApi", icon="fa-users"
    ),
    "penugasan_tim": Resource(
        "PenugasanTimView", ("Pemantauan Kinerja", "Penugasan Tim"), api="PenugasanTimApi", icon="fa-random"
    ),
    "pemantauan": Resource(
        "PemantauanView", ("Pemantauan Kinerja", "Kunjungan Pemantauan"), api="PemantauanApi", icon="fa-binoculars"
    ),
    "unit_dipantau": Resource(
        "UnitDipantauView", ("Pemantauan Kinerja", "Unit yang Saya Pantau"), icon="fa-building-o"
    ),
    "pemantauan_pegawai": Resource(
        "PemantauanPegawaiView", ("Pemantauan Kinerja", "Pemantauan Bawahan"), icon="fa-eye"
    ),
    "cakupan_pemantauan": Resource(
        "CakupanPemantauanView",
        ("Pemantauan Kinerja", "Cakupan Pemantauan Unit"),
        menu_lain=("Cakupan Pemantauan Atasan",),
        icon="fa-check-square-o",
        tautan=(("/cakupanpemantauan/atasan/", "fa-check-square"),),
    ),
}

ALL = "lsaedxi"
MATRIX: dict[str, dict[str, str]] = {
    OPERATOR: {
        "instansi": "lse",
        "unit_kerja": "lsaedx",
        "jabatan": "lsaedx",
        "golongan": "ls",
        "pegawai": "lsaedx",
        "impor": "li",
        "profil": "ls",
        "tim_pemantau": "lsaedx+bagi_unit+usulkan_anggota",
        "penugasan_tim": "lsx",
        "pemantauan": "lsx",
        "pemantauan_pegawai": "lsx",
        "cakupan_pemantauan": "lx+hitung_ulang",
    },
    PYB: {
        "audit": "lsx",
        "instansi": "ls",
        "unit_kerja": "ls",
        "jabatan": "ls",
        "golongan": "ls",
        "pegawai": "lsx",
        "profil": "ls",
        "tim_pemantau": "lsaedx+bagi_unit+usulkan_anggota",
        "penugasan_tim": "lsx",
        "pemantauan": "lsx",
        "pemantauan_pegawai": "lsx",
        "cakupan_pemantauan": "lx+hitung_ulang",
    },
    # unit heads (jabatan.is_kepala_unit) form their own unit's team: scope "tim_pemantau_kelola" narrows rows
    PENILAI: {
        "profil": "ls",
        "bawahan": "lsx",
        "tim_pemantau": "lsaed+usulkan_anggota",
        "pemantauan": "ls",
        "pemantauan_pegawai": "lsaedx",
    },
    ATASAN: {
        "profil": "ls",
        "bawahan": "lsx",
        "tim_pemantau": "lsaed+usulkan_anggota",
        "pemantauan": "ls",
        "pemantauan_pegawai": "lsaedx",
    },
    PEGAWAI: {"profil": "ls", "tim_pemantau": "lsaed+usulkan_anggota"},
    TIM: {"profil": "ls", "tim_pemantau": "lsx", "penugasan_tim": "lsx", "pemantauan": "lsaedx", "unit_dipantau": "l"},
    KONSELOR: {"profil": "ls"},
}

# Perencanaan. Named actions are the SKP workflow; whose SKP and in which state is decided per row
# in app/queries/perencanaan/ (peran.py). PyB acts for the Kepala Daerah (sets JPT/unit-mandiri SKP, approves R10).
_PERENCANAAN = {
    OPERATOR: {
        "skp": "lsx+buat+ubah_isi+atur_penilai+ubah_versi",
        "rencana_hasil_kerja": "lsx",
        "indikator_kinerja": "lsx",
    },
    PYB: {"skp": "lsx+tetapkan+kembalikan+setujui", "rencana_hasil_kerja": "lsx", "indikator_kinerja": "lsx"},
    PENILAI: {
        "skp": "lsx+ubah_isi+kembalikan+tetapkan+ubah_versi+rencana_aksi",
        "rencana_hasil_kerja": "lsx",
        "indikator_kinerja": "lsx",
    },
    ATASAN: {
        "skp": "lsx+ubah_isi+kembalikan+tetapkan+ubah_versi+rencana_aksi",
        "rencana_hasil_kerja": "lsx",
        "indikator_kinerja": "lsx",
    },
    PEGAWAI: {
        "skp": "lsx+buat+ubah_isi+ajukan+rute_atasan+ubah_versi+rencana_aksi",
        "rencana_hasil_kerja": "lsx",
        "indikator_kinerja": "lsx",
    },
    TIM: {"skp": "lsx", "rencana_hasil_kerja": "lsx", "indikator_kinerja": "lsx"},
}
for _peran, _hak in _PERENCANAAN.items():
    MATRIX.setdefault(_peran, {}).update(_hak)

# Pelaksanaan dan pembinaan (R9, R11, R12) — app/views/pelaksanaan.py. Rows: app/security/scope.py;
# who may act on a row (owner documents, leader gives feedback/decides, counselling chain) is decided per row in
# app/queries/pelaksanaan/. Counselling (konseling) has no REST API and is never readable by operator/tim.
RESOURCES.update(
    {
        "realisasi": Resource(
            "RealisasiView",
            ("Pelaksanaan", "Pendokumentasian Kinerja"),
            api="RealisasiApi",
            menu_lain=("SKP Berjalan",),
            icon="fa-check-square-o",
            tautan=(("/pelaksanaan/skp/", "fa-tasks"),),
        ),
        "umpan_balik": Resource(
            "UmpanBalikView", ("Pelaksanaan", "Umpan Balik"), api="UmpanBalikApi", icon="fa-comments"
        ),
        "permintaan_umpan_balik": Resource(
            "PermintaanUmpanBalikView", ("Pelaksanaan", "Permintaan Umpan Balik"), icon="fa-question-circle"
        ),
        "tindakan_progres": Resource(
            "TindakanProgresView", ("Pelaksanaan", "Keputusan Kemajuan Kinerja"), icon="fa-level-up"
        ),
        "bimbingan_kinerja": Resource(
            "BimbinganKinerjaView", ("Pembinaan Kinerja", "Bimbingan Kinerja"), icon="fa-graduation-cap"
        ),
        "pelatihan_kinerja": Resource(
            "PelatihanKinerjaView", ("Pembinaan Kinerja", "Pelatihan Formal/Informal"), icon="fa-university"
        ),
        "laporan_perilaku": Resource(
            "LaporanPerilakuView", ("Pembinaan Kinerja", "Laporan Perilaku Kerja"), icon="fa-flag"
        ),
        "konseling": Resource(
            "KonselingView", ("Pembinaan Kinerja", "Daftar Permasalahan Perilaku"), icon="fa-user-secret"
        ),
    }
)
_PEMIMPIN = {
    "realisasi": "lsx+dokumentasi",
    "umpan_balik": "lsx+beri",
    "permintaan_umpan_balik": "ls+minta+jawab",
    "tindakan_progres": "lsx+putuskan",
    "bimbingan_kinerja": "ls+buat+isi",
    "pelatihan_kinerja": "lsx+catat+ubah",
    "laporan_perilaku": "ls+laporkan",
    "konseling": "ls+hasil+tindak_lanjut",
}
_PELAKSANAAN = {
    PEGAWAI: {
        "realisasi": "ls+dokumentasi",
        "umpan_balik": "ls+beri",
        "permintaan_umpan_balik": "ls+minta+jawab",
        "bimbingan_kinerja": "ls+isi",
        "pelatihan_kinerja": "ls+ubah",
    },
    PENILAI: _PEMIMPIN,
    ATASAN: _PEMIMPIN,
    TIM: {"realisasi": "ls", "umpan_balik": "ls+beri", "permintaan_umpan_balik": "ls+jawab"},
    PYB: {
        "realisasi": "ls",
        "umpan_balik": "ls",
        "tindakan_progres": "ls",
        "bimbingan_kinerja": "ls",
        "pelatihan_kinerja": "lsx",
        "laporan_perilaku": "lsx",
        "konseling": "lsx+tetapkan+jadwalkan+tindak_lanjut",
    },
    KONSELOR: {"laporan_perilaku": "ls", "konseling": "ls+hasil"},
}
for _peran, _hak in _PELAKSANAAN.items():
    MATRIX.setdefault(_peran, {}).update(_hak)

# Penilaian — app/views/penilaian.py. Whose evaluation and in which state is decided per row in
# app/queries/penilaian/kewenangan.py (evaluator, late-evaluator fallback to the atasan, R15); rows: scope.py.
RESOURCES.update(
    {
        "capaian_organisasi": Resource(
            "CapaianOrganisasiView",
            ("Penilaian Kinerja", "Capaian Kinerja Organisasi"),
            api="CapaianOrganisasiApi",
            icon="fa-line-chart",
        ),
        "evaluasi_kinerja": Resource(
            "EvaluasiKinerjaView",
            ("Penilaian Kinerja", "Evaluasi Kinerja"),
            api="EvaluasiKinerjaApi",
            icon="fa-star-half-o",
        ),
        "keberatan": Resource("KeberatanView", ("Penilaian Kinerja", "Keberatan"), api="KeberatanApi", icon="fa-gavel"),
        "distribusi": Resource(
            "DistribusiPredikatView", ("Penilaian Kinerja", "Distribusi Predikat"), icon="fa-bar-chart"
        ),
        "tenggat_evaluasi": Resource(
            "TenggatEvaluasiView", ("Penilaian Kinerja", "Tenggat Evaluasi"), icon="fa-clock-o"
        ),
        # R15 data: SK mutasi with the date it takes effect, delegated evaluation authority (Plt/Plh, JF head of unit)
        "mutasi_pegawai": Resource("MutasiPegawaiView", ("Data Induk", "Mutasi Pegawai"), icon="fa-exchange"),
        "delegasi_penilai": Resource(
            "DelegasiPenilaiView", ("Penilaian Kinerja", "Delegasi Pejabat Penilai"), icon="fa-share"
        ),
    }
)
_EVALUATOR = "lsx+buat+nilai+hitung_predikat+tetapkan+sampaikan+laporkan"
_PENILAIAN = {
    OPERATOR: {
        "capaian_organisasi": "lsaedx",
        "evaluasi_kinerja": "lsx+laporkan",
        "keberatan": "lsx",
        "distribusi": "l",
        "tenggat_evaluasi": "l",
        "mutasi_pegawai": "lsax",
        "delegasi_penilai": "lsaedx",
    },
    # PyB also acts for the Kepala Daerah: evaluates JPT / unit-mandiri heads (final, 001 "Evaluasi Kinerja" 12)
    PYB: {
        "capaian_organisasi": "lsx",
        "evaluasi_kinerja": "lsx+buat+nilai+hitung_predikat+tetapkan+sampaikan",
        "keberatan": "lsx",
        "distribusi": "l",
        "tenggat_evaluasi": "l",
        "mutasi_pegawai": "lsx",
        "delegasi_penilai": "lsaedx",
    },
    PENILAI: {
        "capaian_organisasi": "lsae",
        "evaluasi_kinerja": _EVALUATOR,
        "keberatan": "ls",
        "distribusi": "l",
        "tenggat_evaluasi": "l",
        "delegasi_penilai": "ls",
    },
    ATASAN: {
        "capaian_organisasi": "lsae",
        "evaluasi_kinerja": _EVALUATOR,
        "keberatan": "ls+putuskan",
        "distribusi": "l",
        "tenggat_evaluasi": "l",
        "delegasi_penilai": "ls",
    },
    PEGAWAI: {"evaluasi_kinerja": "ls+terima+kembalikan", "keberatan": "ls+ajukan"},
    TIM: {"capaian_organisasi": "ls", "evaluasi_kinerja": "ls", "distribusi": "l"},
}
for _peran, _hak in _PENILAIAN.items():
    MATRIX.setdefault(_peran, {}).update(_hak)

# Layanan Coaching Clinic SKP (004 BAB III C) — app/views/klinik.py. Employees book for themselves,
# unit administrators (Kepala Subbagian Umum dan Kepegawaian, or the operator) file a unit's letter, PyB (head of
# BKPSDM) dispositions it, the team runs sessions; whose row and in which state: app/queries/klinik.py.
RESOURCES.update(
    {
        "klinik_sesi": Resource(
            "KlinikSesiView", ("Coaching Clinic SKP", "Sesi Coaching Clinic"), api="KlinikSesiApi", icon="fa-comments"
        ),
        "klinik_permohonan": Resource(
            "KlinikPermohonanView",
            ("Coaching Clinic SKP", "Permohonan Layanan Unit"),
            api="KlinikPermohonanApi",
            icon="fa-envelope",
        ),
        "klinik_slot": Resource("KlinikSlotView", ("Coaching Clinic SKP", "Jadwal Layanan Tim"), icon="fa-calendar"),
        "klinik_tim": Resource("KlinikTimView", ("Coaching Clinic SKP", "Tim Coaching Clinic"), icon="fa-users"),
        "klinik_survei": Resource(
            "KlinikSurveiView", ("Coaching Clinic SKP", "Survei Kepuasan Layanan"), icon="fa-smile-o"
        ),
        "klinik_pertanyaan": Resource(
            "KlinikPertanyaanView", ("Coaching Clinic SKP", "Pertanyaan Survei"), icon="fa-question-circle"
        ),
        "klinik_laporan": Resource(
            "KlinikLaporanView",
            ("Coaching Clinic SKP", "Evaluasi Coaching Clinic"),
            menu_lain=("Penyelesaian SKP per Unit", "Hasil Survei Kepuasan"),
            icon="fa-line-chart",
            tautan=(("/klinik/laporan/penyelesaian/", "fa-pie-chart"), ("/klinik/laporan/hasil/", "fa-star")),
        ),
    }
)
_KLINIK_PENGELOLA = {
    "klinik_sesi": "lsx+cetak",
    "klinik_permohonan": "lsx",
    "klinik_slot": "lsad",
    "klinik_tim": "lsaed",
    "klinik_pertanyaan": "lsaed",
    "klinik_laporan": "lx+hasil",
}
_KLINIK = {
    OPERATOR: {**_KLINIK_PENGELOLA, "klinik_permohonan": "lsx+ajukan+unduh"},
    PYB: {**_KLINIK_PENGELOLA, "klinik_permohonan": "lsx+disposisi+unduh"},
    PEGAWAI: {
        "klinik_sesi": "ls+pesan+batal+jadwal_ulang+cetak",
        "klinik_permohonan": "ls+ajukan+unduh",
        "klinik_survei": "l+isi",
    },
    KLINIK: {
        "klinik_sesi": "lsx+mulai+catat+selesaikan+batal+susun+cetak",
        "klinik_slot": "lsad",
        "klinik_permohonan": "lsx+jadwalkan+unduh",
        "klinik_laporan": "l+hasil",
    },
}
for _peran, _hak in _KLINIK.items():
    MATRIX.setdefault(_peran, {}).update(_hak)

# Tindak lanjut (R14) — app/views/tindak_lanjut.py. Rows: scope.py (sanctions via the evaluation's
# evaluator chain, rewards via subordinates; Tim Pemantau sees neither); registers read clause_for("evaluasi_kinerja").
RESOURCES.update(
    {
        "laporan_pyb": Resource("LaporanPybView", ("Tindak Lanjut", "Laporan kepada PyB"), icon="fa-paper-plane"),
        "peringkat": Resource("PeringkatView", ("Tindak Lanjut", "Pemeringkatan Kinerja"), icon="fa-sort-amount-desc"),
        "penghargaan": Resource(
            "PenghargaanView", ("Tindak Lanjut", "Register Penghargaan"), api="PenghargaanApi", icon="fa-trophy"
        ),
        "tindak_lanjut_sanksi": Resource(
            "TindakLanjutSanksiView",
            ("Tindak Lanjut", "Register Sanksi dan Perbaikan"),
            api="TindakLanjutSanksiApi",
            icon="fa-balance-scale",
        ),
        "tunjangan_kinerja": Resource(
            "TunjanganKinerjaView", ("Tindak Lanjut", "Dasar Tunjangan Kinerja"), icon="fa-money"
        ),
        "tenggat_terlambat": Resource(
            "TenggatTerlambatView", ("Tindak Lanjut", "Register Tenggat Terlampaui"), icon="fa-hourglass-end"
        ),
    }
)
_TL_PENGELOLA = {
    "laporan_pyb": "lx",
    "peringkat": "lx",
    "penghargaan": "lsaex+tandai",
    "tindak_lanjut_sanksi": "lsex+buat_entri",
    "tunjangan_kinerja": "lx",
    "tenggat_terlambat": "lx",
}
_TL_PIMPINAN = {
    "laporan_pyb": "lx",
    "peringkat": "lx",
    "penghargaan": "lsx",
    "tindak_lanjut_sanksi": "lsx",
    "tenggat_terlambat": "lx",
}
# manual register entries (e.g. the PPPK termination recommendation, 001 Pasal 31(2)) are the PPK/PyB's decision
_TINDAK_LANJUT = {
    OPERATOR: _TL_PENGELOLA,
    PYB: {**_TL_PENGELOLA, "tindak_lanjut_sanksi": "lsaex+buat_entri"},
    PENILAI: _TL_PIMPINAN,
    ATASAN: _TL_PIMPINAN,
    PEGAWAI: {"penghargaan": "ls", "tindak_lanjut_sanksi": "ls"},
}
for _peran, _hak in _TINDAK_LANJUT.items():
    MATRIX.setdefault(_peran, {}).update(_hak)

# Pekerjaan latar — app/views/pekerjaan.py: everyone follows their own background jobs (imports,
# big exports); whose job is decided in the view (owner or Admin, 404 otherwise), not by a role.
RESOURCES["pekerjaan"] = Resource("PekerjaanView", ("Saya", "Pekerjaan Latar"), icon="fa-tasks")
# Notifikasi — app/views/notifikasi.py: everyone reads their own notifications; whose entry is decided in the view
# (the owner only, 404 otherwise), not by a role.
RESOURCES["notifikasi"] = Resource("NotifikasiView", ("Saya", "Notifikasi"), api="NotifikasiApi", icon="fa-bell")
# the operator's view of the email outbox and the per-instansi switches (no text of confidential kinds, R11)
RESOURCES["surel_notifikasi"] = Resource("SurelNotifikasiView", ("Data Induk", "Surel Notifikasi"), icon="fa-envelope")

# Platform tunggal ASN (SIASN; 003 Pasal 36 ayat 4) — app/views/siasn.py: BKPSDM's operator and the PyB keep the
# codes SIASN expects and follow what was sent; nobody else sees the outbox (it names every employee's result).
RESOURCES.update(
    {
        "kode_siasn": Resource("KodeSiasnView", ("Data Induk", "Kode SIASN"), icon="fa-exchange"),
        "kirim_siasn": Resource("KirimSiasnView", ("Penilaian Kinerja", "Kirim ke SIASN"), icon="fa-cloud-upload"),
        # app/views/tarik_siasn.py: pull master data, preview the diff, apply what is ticked
        "tarik_siasn": Resource("TarikSiasnView", ("Data Induk", "Tarik dari SIASN"), icon="fa-cloud-download"),
    }
)
MATRIX[OPERATOR].update(
    {"kode_siasn": "lsaed", "kirim_siasn": "lsx+kirim_ulang+kirim_antrean", "tarik_siasn": "l+tarik+terapkan"}
)
MATRIX[PYB].update(
    {"kode_siasn": "ls", "kirim_siasn": "lsx+kirim_ulang+kirim_antrean", "tarik_siasn": "l+tarik+terapkan"}
)
MATRIX[OPERATOR]["surel_notifikasi"] = "le"
MATRIX[PYB]["surel_notifikasi"] = "l"
for _peran in ROLES:
    if _peran != ADMIN:
        MATRIX.setdefault(_peran, {})["pekerjaan"] = "ls"
        MATRIX[_peran]["notifikasi"] = "ls"


# Menu order (categories appear in the order of their first item): the domain cycle, data induk → perencanaan →
# pelaksanaan → pemantauan → penilaian → tindak lanjut, then the clinic, audit and background jobs. Every
# resource once; app/daftar.py registers the views (and each ``tautan``) in this order.
URUTAN_MENU: tuple[str, ...] = (
    "profil",
    "bawahan",
    "instansi",
    "unit_kerja",
    "jabatan",
    "golongan",
    "pegawai",
    "impor",
    "skp",
    "rencana_hasil_kerja",
    "indikator_kinerja",
    "realisasi",
    "umpan_balik",
    "permintaan_umpan_balik",
    "tindakan_progres",
    "bimbingan_kinerja",
    "pelatihan_kinerja",
    "laporan_perilaku",
    "konseling",
    "tim_pemantau",
    "penugasan_tim",
    "pemantauan",
    "unit_dipantau",
    "pemantauan_pegawai",
    "cakupan_pemantauan",
    "evaluasi_kinerja",
    "keberatan",
    "capaian_organisasi",
    "distribusi",
    "tenggat_evaluasi",
    "mutasi_pegawai",
    "delegasi_penilai",
    "laporan_pyb",
    "peringkat",
    "penghargaan",
    "tindak_lanjut_sanksi",
    "tunjangan_kinerja",
    "tenggat_terlambat",
    "klinik_sesi",
    "klinik_permohonan",
    "klinik_survei",
    "klinik_slot",
    "klinik_tim",
    "klinik_pertanyaan",
    "klinik_laporan",
    "kode_siasn",
    "tarik_siasn",
    "kirim_siasn",
    "audit",
    "surel_notifikasi",
    "pekerjaan",
    "notifikasi",
)


# Short navbar labels of the menu categories, so the whole menu fits one row at 1366 px (the full name is the
# item's title and stays the permission name).
KATEGORI_SINGKAT: dict[str, str] = {
    "Data Induk": "Data",
    "Perencanaan": "Rencana",
    "Pelaksanaan": "Pelaksanaan",
    "Pembinaan Kinerja": "Pembinaan",
    "Pemantauan Kinerja": "Pemantauan",
    "Penilaian Kinerja": "Penilaian",
    "Tindak Lanjut": "Tindak Lanjut",
    "Coaching Clinic SKP": "Klinik SKP",
}


def permissions_for(role: str) -> list[list[str]]:
    """FAB_ROLES entries ([view_menu, permission]) for one role of the matrix."""
    if role == ADMIN:
        return [[".*", ".*"]]
    perms: list[list[str]] = [
        ["MenuApi", "can_get"],
        ["UserInfoEditView", "can_this_form_get"],
        ["UserInfoEditView", "can_this_form_post"],
        ["UserDBModelView", "can_userinfo"],
        ["ResetMyPasswordView", "can_this_form_get"],
        ["ResetMyPasswordView", "can_this_form_post"],
        ["OpenApi", "can_get"],
        ["SwaggerView", "can_show"],
    ]
    categories: set[str] = set()
    for res_name, spec in MATRIX.get(role, {}).items():
        res = RESOURCES[res_name]
        ops, actions = parse_ops(spec)
        for action in actions:  # named actions / own endpoints: "+tetapkan" → can_tetapkan
            perms.append([res.view, f"can_{action}"])
        for op in ops:
            view_perm, api_perm = OPS[op]
            perms.append([res.view, view_perm])
            if res.api and api_perm:
                perms.append([res.api, api_perm])
            if res.api and op in "ls":
                perms.append([res.api, "can_info"])
        for extra in res.extra:
            perms.append([res.view, extra])
        perms.append([res.menu[1], "menu_access"])
        if "l" in ops:
            perms.extend([m, "menu_access"] for m in res.menu_lain)
        categories.add(res.menu[0])
    perms.extend([c, "menu_access"] for c in sorted(categories))
    # FAB treats entries as re.match (prefix) patterns and also stores them as permission rows, so
    # names stay plain; tests/keamanan/test_akses.py checks that no name is a prefix of another.
    return _dedupe(perms)


def parse_ops(spec: str) -> tuple[str, list[str]]:
    """ "lse+tetapkan+kembalikan" → ("lse", ["tetapkan", "kembalikan"])."""
    head, *actions = spec.split("+")
    return head, actions


def _dedupe(items):
    seen, out = set(), []
    for it in items:
        key = tuple(it)
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def allowed(role: str, resource: str, op: str) -> bool:
    """``op`` is an operation letter or a named action."""
    if role == ADMIN:
        return True
    ops, actions = parse_ops(MATRIX.get(role, {}).get(resource, ""))
    return op in actions if len(op) > 1 else op in ops


FAB_ROLES = {role: permissions_for(role) for role in ROLES}


OP_LABEL = {"l": "daftar", "s": "lihat", "a": "tambah", "e": "ubah", "d": "hapus", "x": "ekspor", "i": "impor"}


def render_markdown() -> str:
    """The matrix as a Markdown table (pasted into ARCHITECTURE.md; tests/keamanan/test_akses.py checks it is current)."""
    roles = [r for r in ROLES if r != ADMIN]
    lines = ["| sumber daya (menu) | " + " | ".join(roles) + " |", "|---|" + "---|" * len(roles)]
    for key, res in RESOURCES.items():
        cells = []
        for role in roles:
            spec = MATRIX.get(role, {}).get(key, "")
            ops, actions = parse_ops(spec)
            cells.append(" ".join([ops] + [f"+{a}" for a in actions]) if spec else "–")
        lines.append(f"| `{key}` ({res.menu[1]}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(render_markdown())
