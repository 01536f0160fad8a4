"""Pelaksanaan dan pembinaan (R9, R11, R12): documentation, continuous feedback, progress decisions,
coaching/mentoring, behaviour reports and counselling.

Every decision "may this user do this to this row" is here; the views only fetch rows through the scope
(``app.security.scope``), call one function, and commit once (or roll back on ``GalatPelaksanaan``). Functions
only add and flush. Rule decisions come from ``app.rules`` (R9 ``opsi_tindak_lanjut_progres``/``validasi_ambil_alih``,
R11 ``boleh_membaca_konseling``/``transisi_konseling_valid``/``tujuan_hasil_konseling``, R12
``penerima_laporan_bimbingan``, R6 ``periode_evaluasi``).

Counselling confidentiality: the result (``hasil``) and the follow-up (``tindak_lanjut``) are written with a
Core UPDATE guarded by the optimistic-lock version, so the automatic flush audit never copies the confidential
text into ``audit_log`` (the audit row says "[rahasia]"); every read of a counselling record is audited by the
caller with ``catat("konseling", id, "baca")``.

Modules by concern (each imports what it needs; this package re-exports their public names, so callers
keep ``from app.queries import pelaksanaan as q``):

* ``umum``: Shared by the implementation modules: the refusal class and status shorthands.
* ``masukan``: Input parsers specific to these forms (the common ones are in app.aksi).
* ``peran``: Who the user is for an SKP, and the documentation periods of its year.
* ``dokumentasi``: B.1.2 pendokumentasian: realisasi and bukti dukung.
* ``umpan_balik``: B.1.3–B.1.5 continuous feedback (R9).
* ``progres``: R9 progress decision and RHK take-over (001 Pasal 19; 000 Pasal 9).
* ``bimbingan``: R12 bimbingan kinerja: coaching (B.1.6), mentoring (B.1.7), B.1.8, B.1.9.
* ``pelatihan``: Formal / informal training (000 Lampiran D.4 c) 3)–4)): no regulation format; routed like coaching
  (R12).
* ``konseling``: R11 behaviour report (B.1.10) and counselling.
* ``daftar``: Lists for the index page.
"""

from app.aksi import PESAN_BASI
from app.queries.pelaksanaan.bimbingan import (
    BAGIAN_DITANDATANGANI,
    PeranBimbingan,
    buat_bimbingan,
    format_bimbingan,
    hash_bimbingan,
    isi_bimbingan,
    kanonik_bimbingan,
    muat_bimbingan,
    peran_bimbingan,
    rincian_bimbingan,
    skp_aktif_pegawai,
    tanda_tangan_bimbingan,
    tandatangani_bimbingan,
)
from app.queries.pelaksanaan.daftar import daftar_skp_berjalan
from app.queries.pelaksanaan.dokumentasi import (
    bukti_dalam_cakupan,
    hapus_bukti,
    realisasi_skp,
    simpan_realisasi,
    tambah_bukti,
)
from app.queries.pelaksanaan.konseling import (
    boleh_baca_konseling,
    boleh_tindak_lanjut,
    buat_laporan,
    bukti_laporan,
    calon_konselor,
    catat_hasil_konseling,
    fakta_konselor,
    jadwalkan_konseling,
    muat_konseling,
    muat_laporan,
    peran_konseling,
    register_konseling,
    tetapkan_konseling,
    tidak_tetapkan_konseling,
    tindak_lanjut_konseling,
)
from app.queries.pelaksanaan.masukan import bulat, cek_versi_wajib, pilihan, waktu, ya
from app.queries.pelaksanaan.pelatihan import (
    KOLOM_PELATIHAN,
    boleh_ubah_pelatihan,
    catat_pelatihan,
    muat_pelatihan,
    register_pelatihan,
    ubah_pelatihan,
)
from app.queries.pelaksanaan.peran import (
    PeranSKP,
    jenis_periode_dokumentasi,
    muat_skp,
    peran_skp,
    periode_dari_nomor,
    periode_kini,
    periode_list,
    rhk_milik,
    skp_berjalan,
)
from app.queries.pelaksanaan.progres import catatan_ambil_alih, putuskan_progres, sudah_dibina, tindakan_skp
from app.queries.pelaksanaan.umpan_balik import (
    JUDUL_REKAM,
    beri_umpan_balik,
    boleh_beri_umpan_balik,
    format_rekam,
    minta_umpan_balik,
    permintaan_terbuka,
    rekam_umpan_balik,
    relasi_pemberi,
    teks_realisasi,
    teks_umpan_balik,
    tolak_permintaan,
    umpan_balik_skp,
)
from app.queries.pelaksanaan.umum import PEMBINAAN, SK, GalatPelaksanaan

__all__ = [
    "BAGIAN_DITANDATANGANI",
    "JUDUL_REKAM",
    "KOLOM_PELATIHAN",
    "PEMBINAAN",
    "PESAN_BASI",
    "SK",
    "GalatPelaksanaan",
    "PeranBimbingan",
    "PeranSKP",
    "beri_umpan_balik",
    "boleh_baca_konseling",
    "boleh_beri_umpan_balik",
    "boleh_tindak_lanjut",
    "boleh_ubah_pelatihan",
    "buat_bimbingan",
    "buat_laporan",
    "bukti_dalam_cakupan",
    "bukti_laporan",
    "bulat",
    "calon_konselor",
    "catat_hasil_konseling",
    "catat_pelatihan",
    "catatan_ambil_alih",
    "cek_versi_wajib",
    "daftar_skp_berjalan",
    "fakta_konselor",
    "format_bimbingan",
    "format_rekam",
    "hapus_bukti",
    "hash_bimbingan",
    "isi_bimbingan",
    "jadwalkan_konseling",
    "jenis_periode_dokumentasi",
    "kanonik_bimbingan",
    "minta_umpan_balik",
    "muat_bimbingan",
    "muat_konseling",
    "muat_laporan",
    "muat_pelatihan",
    "muat_skp",
    "peran_bimbingan",
    "peran_konseling",
    "peran_skp",
    "periode_dari_nomor",
    "periode_kini",
    "periode_list",
    "permintaan_terbuka",
    "pilihan",
    "putuskan_progres",
    "realisasi_skp",
    "register_konseling",
    "register_pelatihan",
    "rekam_umpan_balik",
    "relasi_pemberi",
    "rhk_milik",
    "rincian_bimbingan",
    "simpan_realisasi",
    "skp_aktif_pegawai",
    "skp_berjalan",
    "sudah_dibina",
    "tambah_bukti",
    "tanda_tangan_bimbingan",
    "tandatangani_bimbingan",
    "teks_realisasi",
    "teks_umpan_balik",
    "tetapkan_konseling",
    "tidak_tetapkan_konseling",
    "tindak_lanjut_konseling",
    "tindakan_skp",
    "tolak_permintaan",
    "ubah_pelatihan",
    "umpan_balik_skp",
    "waktu",
    "ya",
]
