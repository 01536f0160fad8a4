"""Penilaian: evaluations generated from the SKP, suggestion/reason/predikat (R2–R4), capaian and
distribution (R5), periods and working-day deadlines (R6–R7), who may evaluate (R15), signed documents
D.1.1–D.1.3 with C.1.x, keberatan.

Shared by the views, the REST API, the demo seeder and the tests. Callers own the transaction: functions here
only add/flush; the view commits once per user action (or rolls back on ``GalatPenilaian``).

Interpretations (documented, configurable later):

* "jangka waktu evaluasi" (001 Lampiran "Tindak lanjut" 8; "Evaluasi Kinerja" 11) ends with the evaluation
  period for a periodic evaluation and on 31 January of the next year for the annual one
  (``jendela_evaluasi_tahunan``). After it the evaluator is late: the atasan evaluates and signs (D.1.2, final)
  within 14 working days; the evaluator can no longer sign.
* It starts at the period's end (``app.rules.waktu_evaluasi``): an evaluation is created and signed from the
  N-th last working day of its period (``konfigurasi_periode.hari_kerja_awal_evaluasi``, default 5), earlier
  only when the evaluator leaves inside the R15 window (contoh Purnama: before the transfer date).
* The capaian counted is that of the unit led by the employee's evaluator (001 B.1 g): the evaluator's unit.
  Periodic: the unit's figure for that period, else the year's annual figure if already published, else the
  previous year's (001 B.1 f). Annual: ``capaian_yang_dipakai``.
* Working days exclude national holidays (``holidays``) and the cuti bersama in ``hari_libur``.

Modules by concern (each imports what it needs; this package re-exports their public names, so callers
keep ``from app.queries import penilaian as q``):

* ``umum``: Shared by the evaluation modules: the refusal class, status shorthands, C-form titles, the session
  helper.
* ``kalender``: Calendar: configured periods, evaluation windows and working-day deadlines (R6, R7).
* ``capaian``: Capaian kinerja organisasi counted for an evaluation (R5; 001 B.1 f–g).
* ``pembuatan``: Creating evaluations from a set SKP, one by one or per period (set-based).
* ``kewenangan``: Who may evaluate (R15: evaluator, Plt/Plh, delegation, late-evaluator fallback) and the user's
  role.
* ``formulir``: The evaluation form: its data, the system's suggested ratings (R3/R4) and saving it.
* ``tanda_tangan``: Signing (D.1.1/D.1.2), delivery, receipt, return and reporting to the PyB (R7).
* ``hitung_predikat``: Set-based "Hitung predikat" (R2, tugas belajar).
* ``keberatan``: Keberatan (R7): filing, explanations, the atasan's decision and D.1.3.
* ``distribusi``: Distribution of predikat per unit against the capaian (R5).
* ``tenggat``: Deadlines and overdue lists (R7).
* ``register``: Register export of evaluations (Core rows, streamed).
* ``dokumen``: What the signed D.1.x/C.1.x document holds, for the page, the workbook and SIASN.

The D.1.x/C.1.x workbook is laid out by ``app.excel.formulir_d`` from ``data_formulir`` and the identities.
"""

from app.aksi import PESAN_BASI
from app.queries.memo import instansi_nama
from app.queries.penilaian.capaian import (
    Capaian,
    baris_capaian,
    capaian_dari,
    capaian_untuk,
    unit_boleh_capaian,
    unit_capaian,
)
from app.queries.penilaian.distribusi import distribusi_unit
from app.queries.penilaian.dokumen import isi_dokumen
from app.queries.penilaian.formulir import (
    data_formulir,
    format_c,
    realisasi_dalam,
    saran_dari_ipk,
    simpan_penilaian,
    tugas_belajar,
)
from app.queries.penilaian.hitung_predikat import (
    ekspresi_predikat,
    hitung_predikat_massal,
    hitung_predikat_periode,
    jumlah_draf_periode,
)
from app.queries.penilaian.kalender import (
    akhir_tugas_pegawai,
    batas_ev,
    batas_penilai,
    cuti_bersama,
    hari_kerja_awal_evaluasi,
    jenis_periode,
    label_periode,
    label_periode_cetak,
    periode,
    periode_ev,
    tenggat_atasan,
    waktu_ev,
)
from app.queries.penilaian.keberatan import ajukan_keberatan, catat_penjelasan, info_keberatan, putuskan, riwayat
from app.queries.penilaian.kewenangan import (
    PESAN_KEPALA_DAERAH,
    Berwenang,
    adalah_admin,
    boleh_menilai,
    muat_evaluasi,
    penilai_sah,
    penilai_sah_massal,
    sinkron_draf,
    sinkron_penilai,
    wajib_menilai,
)
from app.queries.penilaian.pembuatan import buat_evaluasi, buat_evaluasi_periode, hasil_sebelumnya, memakai_hasil_lama
from app.queries.penilaian.register import register_evaluasi
from app.queries.penilaian.tanda_tangan import (
    LAPORKAN_STATUS,
    PESAN_BELUM_DIDOKUMENTASIKAN,
    belum_didokumentasikan,
    boleh_sampaikan,
    hash_evaluasi,
    hash_massal,
    identitas,
    identitas_kepala_daerah,
    kanonik,
    kembalikan,
    laporkan_massal,
    perlu_konfirmasi,
    sampaikan,
    tanda_tangan_evaluasi,
    tandatangani,
    tandatangani_massal,
    terima,
)
from app.queries.penilaian.tenggat import daftar_terlambat, periode_lewat
from app.queries.penilaian.umum import FORMAT_C, PESAN_TERKUNCI, ROMAWI, SD, SKP_BERLAKU, GalatPenilaian, sesi

__all__ = [
    "FORMAT_C",
    "LAPORKAN_STATUS",
    "PESAN_BASI",
    "PESAN_BELUM_DIDOKUMENTASIKAN",
    "PESAN_KEPALA_DAERAH",
    "PESAN_TERKUNCI",
    "ROMAWI",
    "SD",
    "SKP_BERLAKU",
    "Berwenang",
    "Capaian",
    "GalatPenilaian",
    "adalah_admin",
    "ajukan_keberatan",
    "akhir_tugas_pegawai",
    "baris_capaian",
    "batas_ev",
    "batas_penilai",
    "belum_didokumentasikan",
    "boleh_menilai",
    "boleh_sampaikan",
    "buat_evaluasi",
    "buat_evaluasi_periode",
    "capaian_dari",
    "capaian_untuk",
    "catat_penjelasan",
    "cuti_bersama",
    "daftar_terlambat",
    "data_formulir",
    "distribusi_unit",
    "ekspresi_predikat",
    "format_c",
    "hari_kerja_awal_evaluasi",
    "hash_evaluasi",
    "hash_massal",
    "hasil_sebelumnya",
    "hitung_predikat_massal",
    "hitung_predikat_periode",
    "jumlah_draf_periode",
    "identitas",
    "identitas_kepala_daerah",
    "info_keberatan",
    "instansi_nama",
    "isi_dokumen",
    "jenis_periode",
    "kanonik",
    "kembalikan",
    "label_periode",
    "label_periode_cetak",
    "laporkan_massal",
    "memakai_hasil_lama",
    "muat_evaluasi",
    "penilai_sah",
    "penilai_sah_massal",
    "periode",
    "periode_ev",
    "periode_lewat",
    "perlu_konfirmasi",
    "putuskan",
    "realisasi_dalam",
    "register_evaluasi",
    "riwayat",
    "sampaikan",
    "saran_dari_ipk",
    "sesi",
    "simpan_penilaian",
    "sinkron_draf",
    "sinkron_penilai",
    "tanda_tangan_evaluasi",
    "tandatangani",
    "tandatangani_massal",
    "tenggat_atasan",
    "terima",
    "tugas_belajar",
    "unit_boleh_capaian",
    "unit_capaian",
    "wajib_menilai",
    "waktu_ev",
]
