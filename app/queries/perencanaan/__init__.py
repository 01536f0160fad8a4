"""Perencanaan: SKP creation with identity snapshots, evaluator resolution, workflow, signing,
versioning (R10), cascading, MPPH, "belum ditetapkan" and the Excel forms.

Shared by the views, the REST API, the demo seeder and the tests. Callers own the transaction: every
function here only adds/flushes; the view commits once per user action (or rolls back on ``GalatSKP``).

"Ditetapkan oleh Kepala Daerah" (001 Lampiran "Penetapan SKP" 2): the Kepala Daerah has no login of
their own; the **PyB** role acts for the Kepala Daerah (sets JPT madya/pratama and unit-mandiri heads'
SKP, approves R10 "kondisi tertentu lainnya"); the signature is recorded with ``peran = kepala_daerah``
and the name of the user who clicked.

Modules by concern (each imports what it needs; this package re-exports their public names, so callers
keep ``from app.queries import perencanaan as q``):

* ``umum``: Shared by the SKP modules: the refusal classes, status groups and A-form titles.
* ``peran``: Who the user is for an SKP (owner, evaluator, atasan, operator, PyB for the Kepala Daerah).
* ``penilai``: The chain of leaders, who evaluates whom, and the leader's RHK an RHK cascades from.
* ``tanda_tangan``: Identity snapshots, canonical SKP content, signatures and their hash.
* ``pembuatan``: Creating an SKP (with the tugas-belajar RHK when applicable).
* ``isi``: The SKP's content while it is a draft: RHK, IKI, ekspektasi khusus, lampiran.
* ``alur``: Workflow: submit, return, set, route to the atasan, evaluator, versions (R10).
* ``rencana_aksi``: Rencana aksi & timeline (003 Pasal 15; B.1.1).
* ``baca``: Reading one SKP for the detail page / print (a bounded number of queries).
* ``belum_ditetapkan``: "SKP belum ditetapkan" lists (set-based).
* ``matriks``: Matriks peran hasil (MPPH, A.1.5).
* ``ekspor``: Excel: the SKP register, the A.1.x form, manual IKI and the MPPH.
"""

from app.aksi import PESAN_BASI
from app.queries.memo import instansi_nama
from app.queries.perencanaan.alur import (
    ajukan,
    atur_penilai,
    kelengkapan,
    kembalikan,
    riwayat_versi,
    rute_atasan,
    salin_isi,
    setujui_perubahan,
    tetapkan,
    ubah_versi,
    versi_tertunda,
)
from app.queries.perencanaan.baca import lampiran_skp, muat_skp, perilaku_skp
from app.queries.perencanaan.belum_ditetapkan import belum_ditetapkan_per_unit, belum_ditetapkan_tim
from app.queries.perencanaan.ekspor import (
    JUDUL_LAMPIRAN,
    register_skp,
    target_teks,
    xlsx_manual_iki,
    xlsx_mpph,
    xlsx_skp,
)
from app.queries.perencanaan.isi import (
    hapus_iki,
    hapus_lampiran,
    hapus_rhk,
    rhk_pada,
    simpan_ekspektasi,
    simpan_iki,
    simpan_lampiran,
    simpan_rhk,
)
from app.queries.perencanaan.matriks import mpph
from app.queries.perencanaan.pembuatan import (
    buat_skp,
    kepala_unit_mandiri,
    rhk_tugas_belajar,
    tambah_rhk_tugas_belajar,
    tugas_belajar_tahun,
)
from app.queries.perencanaan.penilai import (
    HasilPenilai,
    cek_rhk_pimpinan,
    pegawai_rantai_pimpinan,
    pemangku,
    pilihan_rhk_pimpinan,
    rantai_jabatan,
    rhk_pimpinan_stmt,
    tanggal_acuan,
    tentukan_penilai,
)
from app.queries.perencanaan.peran import Peran, boleh_ekspektasi, boleh_menyusun, penetap_sekarang, peran_pada, sentuh
from app.queries.perencanaan.rencana_aksi import (
    boleh_rencana_aksi,
    hapus_rencana_aksi,
    rencana_aksi_skp,
    simpan_rencana_aksi,
)
from app.queries.perencanaan.tanda_tangan import (
    IDENTITAS_KANONIK,
    IKI_KANONIK,
    PESAN_KEMBALI_KE_PEGAWAI,
    RHK_KANONIK,
    buat_tanda_tangan,
    data_kanonik,
    dikembalikan_karena_isi,
    hash_kanonik,
    hash_skp,
    isi_snapshot,
    kanonik,
    kembalikan_ke_pegawai,
    keputusan_penetapan,
    ringkasan_audit,
    tanda_tangan_basi,
    tanda_tangan_skp,
)
from app.queries.perencanaan.umum import (
    BISA_DISUSUN,
    FORMAT_JPT,
    FORMAT_KUANTITATIF,
    JUDUL_FORMAT,
    PESAN_TERKUNCI,
    STATUS_WAJIB_SKP,
    TERKUNCI,
    GalatSKP,
    S,
    SKPDikembalikan,
)
from app.rules.waktu import tenggat_penetapan_skp

__all__ = [
    "BISA_DISUSUN",
    "FORMAT_JPT",
    "FORMAT_KUANTITATIF",
    "IDENTITAS_KANONIK",
    "IKI_KANONIK",
    "JUDUL_FORMAT",
    "JUDUL_LAMPIRAN",
    "PESAN_BASI",
    "PESAN_KEMBALI_KE_PEGAWAI",
    "PESAN_TERKUNCI",
    "RHK_KANONIK",
    "STATUS_WAJIB_SKP",
    "TERKUNCI",
    "GalatSKP",
    "HasilPenilai",
    "Peran",
    "S",
    "SKPDikembalikan",
    "ajukan",
    "atur_penilai",
    "belum_ditetapkan_per_unit",
    "belum_ditetapkan_tim",
    "boleh_ekspektasi",
    "boleh_menyusun",
    "boleh_rencana_aksi",
    "buat_skp",
    "buat_tanda_tangan",
    "cek_rhk_pimpinan",
    "data_kanonik",
    "dikembalikan_karena_isi",
    "hapus_iki",
    "hapus_lampiran",
    "hapus_rencana_aksi",
    "hapus_rhk",
    "hash_kanonik",
    "hash_skp",
    "instansi_nama",
    "isi_snapshot",
    "kanonik",
    "kelengkapan",
    "kembalikan",
    "kembalikan_ke_pegawai",
    "kepala_unit_mandiri",
    "keputusan_penetapan",
    "lampiran_skp",
    "mpph",
    "muat_skp",
    "pegawai_rantai_pimpinan",
    "pemangku",
    "penetap_sekarang",
    "peran_pada",
    "perilaku_skp",
    "pilihan_rhk_pimpinan",
    "rantai_jabatan",
    "register_skp",
    "rencana_aksi_skp",
    "rhk_pada",
    "rhk_pimpinan_stmt",
    "rhk_tugas_belajar",
    "ringkasan_audit",
    "riwayat_versi",
    "rute_atasan",
    "salin_isi",
    "sentuh",
    "setujui_perubahan",
    "simpan_ekspektasi",
    "simpan_iki",
    "simpan_lampiran",
    "simpan_rencana_aksi",
    "simpan_rhk",
    "tambah_rhk_tugas_belajar",
    "tanda_tangan_basi",
    "tanda_tangan_skp",
    "tanggal_acuan",
    "target_teks",
    "tenggat_penetapan_skp",
    "tentukan_penilai",
    "tetapkan",
    "tugas_belajar_tahun",
    "ubah_versi",
    "versi_tertunda",
    "xlsx_manual_iki",
    "xlsx_mpph",
    "xlsx_skp",
]
