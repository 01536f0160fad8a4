"""R15: siapa yang berwenang mengevaluasi; final/keberatan (R7).

Sumber: 001 Lampiran "Evaluasi Kinerja" 2–7 (penilai, berhalangan tetap, Plt/Plh,
pejabat fungsional), 11–12 (hasil final), 13 (perpindahan pegawai, contoh Sari),
14 (perpindahan penilai, contoh Purnama); 001 Lampiran "Keberatan".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .enums import JenisEvaluasi, JenisPenilai, KeputusanKeberatan
from .waktu import Periode, jendela_evaluasi_periodik, jendela_evaluasi_tahunan, keberatan_tepat_waktu


@dataclass(frozen=True)
class PenilaiBerwenang:
    siapa: JenisPenilai
    penjelasan: str
    final: bool = False


# R15 — 001 Lampiran "Evaluasi Kinerja" 2–3, 7, 11, 13–14
def penilai_berwenang(
    jenis_evaluasi: JenisEvaluasi | str,
    *,
    penilai_terlambat: bool = False,
    pegawai_dipindah: bool = False,
    sepakat_hasil_lama: bool = False,
    tanggal_penilai_pindah: date | None = None,
    periode: Periode | None = None,
    penilai_berhalangan_tetap: bool = False,
    didelegasikan_plt_plh: bool = False,
    penilai_pejabat_fungsional: bool = False,
    memimpin_unit: bool = False,
    cuti_bersama: Iterable[date] = (),
) -> PenilaiBerwenang:
    """Tentukan pihak yang mengevaluasi. Urutan pemeriksaan:

    1. ``penilai_terlambat`` — penilai tidak mengevaluasi dalam jangka waktu →
       atasan penilai, hasil **final** (angka 11).
    2. ``pegawai_dipindah`` — periodik: penilai baru dengan capaian periodik unit
       baru (periode mengikuti unit baru), atau hasil periodik sebelumnya di unit
       lama bila ``sepakat_hasil_lama`` (→ ``PENILAI_LAMA``); tahunan: penilai baru
       dengan capaian tahunan unit baru (angka 13, contoh Sari).
    3. ``tanggal_penilai_pindah`` — penilai pindah pada tahun berjalan: bila tanggal
       pindah dalam rentang pelaksanaan evaluasi ``periode`` (lihat
       :func:`~app.rules.waktu.jendela_evaluasi_periodik`) penilai lama tetap
       mengevaluasi unit lama, bila tidak penilai baru (angka 14, contoh
       Purnama). Untuk evaluasi tahunan dipakai rentang Desember–Januari
       (keputusan: analogi angka 14). ``periode`` wajib untuk periodik.
    4. ``penilai_berhalangan_tetap`` → atasan penilai, atau Plt/Plh bila atasan
       mendelegasikan (angka 2–3).
    5. ``penilai_pejabat_fungsional`` → sah sebagai penilai (delegasi) hanya bila
       ``memimpin_unit`` (kepala sekolah, kepala instalasi gizi); bila tidak,
       atasan penilai (angka 7).
    6. selain itu → Pejabat Penilai Kinerja (atasan langsung).
    """
    jenis = JenisEvaluasi.coerce(jenis_evaluasi)
    if penilai_terlambat:
        return PenilaiBerwenang(
            JenisPenilai.ATASAN_PENILAI,
            "Pejabat Penilai Kinerja tidak mengevaluasi dalam jangka waktu; evaluasi oleh atasan Pejabat "
            "Penilai Kinerja dan hasilnya bersifat final.",
            final=True,
        )
    if pegawai_dipindah:
        if jenis is JenisEvaluasi.PERIODIK and sepakat_hasil_lama:
            return PenilaiBerwenang(
                JenisPenilai.PENILAI_LAMA,
                "Pegawai pindah: sesuai kesepakatan dipakai hasil evaluasi periodik periode sebelumnya pada unit lama.",
            )
        if jenis is JenisEvaluasi.PERIODIK:
            return PenilaiBerwenang(
                JenisPenilai.PENILAI_BARU,
                "Pegawai pindah: evaluasi periodik oleh Pejabat Penilai Kinerja yang baru berdasarkan capaian "
                "kinerja organisasi periodik unit baru (periode mengikuti unit baru).",
            )
        return PenilaiBerwenang(
            JenisPenilai.PENILAI_BARU,
            "Pegawai pindah: evaluasi tahunan oleh Pejabat Penilai Kinerja yang baru berdasarkan capaian "
            "kinerja organisasi tahunan unit baru.",
        )
    if tanggal_penilai_pindah is not None:
        if jenis is JenisEvaluasi.PERIODIK:
            if periode is None:
                raise ValueError("Periode evaluasi wajib diisi untuk menentukan penilai yang pindah.")
            jendela = jendela_evaluasi_periodik(periode, cuti_bersama)
            nama = periode.label
        else:
            tahun = periode.tahun if periode is not None else tanggal_penilai_pindah.year
            jendela = jendela_evaluasi_tahunan(tahun)
            nama = f"tahunan {tahun}"
        if jendela.memuat(tanggal_penilai_pindah):
            return PenilaiBerwenang(
                JenisPenilai.PENILAI_LAMA,
                f"Pejabat Penilai Kinerja pindah dalam rentang waktu evaluasi {nama}; ia tetap mengevaluasi "
                "pegawai pada unit lama.",
            )
        return PenilaiBerwenang(
            JenisPenilai.PENILAI_BARU,
            f"Pejabat Penilai Kinerja pindah di luar rentang waktu evaluasi {nama}; ia tidak mengevaluasi "
            "pegawai pada unit lama.",
        )
    if penilai_berhalangan_tetap:
        if didelegasikan_plt_plh:
            return PenilaiBerwenang(
                JenisPenilai.PLT_PLH,
                "Pejabat Penilai Kinerja berhalangan tetap; atasan mendelegasikan evaluasi kepada Plt./Plh.",
            )
        return PenilaiBerwenang(
            JenisPenilai.ATASAN_PENILAI,
            "Pejabat Penilai Kinerja berhalangan tetap; evaluasi oleh atasan Pejabat Penilai Kinerja secara berjenjang.",
        )
    if penilai_pejabat_fungsional:
        if memimpin_unit:
            return PenilaiBerwenang(
                JenisPenilai.PENILAI,
                "Pejabat fungsional yang memimpin unit kerja memperoleh delegasi sebagai Pejabat Penilai Kinerja.",
            )
        return PenilaiBerwenang(
            JenisPenilai.ATASAN_PENILAI,
            "Pejabat fungsional yang tidak memimpin unit kerja tidak dapat menjadi Pejabat Penilai Kinerja; "
            "evaluasi oleh atasannya.",
        )
    return PenilaiBerwenang(JenisPenilai.PENILAI, "Evaluasi oleh atasan langsung sebagai Pejabat Penilai Kinerja.")


# R7/R15 — 001 Lampiran "Evaluasi Kinerja" 11 (atasan karena penilai terlambat) dan 12 c, e (Kepala Daerah)
def hasil_final(dinilai_oleh_atasan_karena_terlambat: bool, dinilai_kepala_daerah: bool) -> bool:
    """Hasil final tidak dapat diajukan keberatan."""
    return bool(dinilai_oleh_atasan_karena_terlambat or dinilai_kepala_daerah)


# R7 — 001 Lampiran "Keberatan" 1–2; 001 Lampiran "Evaluasi Kinerja" 11–12; 003 Pasal 35 a
def cek_keberatan(
    dinilai_oleh_atasan_karena_terlambat: bool = False,
    dinilai_kepala_daerah: bool = False,
    tanggal_terima: date | None = None,
    tanggal_pengajuan: date | None = None,
    cuti_bersama: Iterable[date] = (),
) -> list[str]:
    """Alasan keberatan tidak dapat diajukan (kosong = boleh)."""
    pesan = []
    if hasil_final(dinilai_oleh_atasan_karena_terlambat, dinilai_kepala_daerah):
        pesan.append("Hasil evaluasi bersifat final sehingga tidak dapat diajukan keberatan.")
    if tanggal_terima is not None and tanggal_pengajuan is not None:
        if not keberatan_tepat_waktu(tanggal_terima, tanggal_pengajuan, cuti_bersama):
            pesan.append("Keberatan diajukan di luar batas 14 hari kerja sejak dokumen evaluasi kinerja diterima.")
    return pesan


# R7 — 001 Lampiran "Keberatan" 1–2; 001 Lampiran "Evaluasi Kinerja" 11–12
def boleh_keberatan(
    dinilai_oleh_atasan_karena_terlambat: bool = False,
    dinilai_kepala_daerah: bool = False,
    tanggal_terima: date | None = None,
    tanggal_pengajuan: date | None = None,
    cuti_bersama: Iterable[date] = (),
) -> bool:
    return not cek_keberatan(
        dinilai_oleh_atasan_karena_terlambat, dinilai_kepala_daerah, tanggal_terima, tanggal_pengajuan, cuti_bersama
    )


# R7 — 001 Lampiran "Tindak lanjut" 4, 8 (D.1.1/D.1.2) dan "Keberatan" 7 (D.1.3 bila mengubah)
def format_dokumen_evaluasi(
    dinilai_oleh_atasan_karena_terlambat: bool = False, keputusan_keberatan: KeputusanKeberatan | str | None = None
) -> str:
    """D.1.3 bila keberatan mengubah hasil; D.1.2 bila ditandatangani atasan karena
    penilai terlambat; selain itu D.1.1 (keberatan yang menguatkan tidak mengubah dokumen)."""
    if (
        keputusan_keberatan is not None
        and KeputusanKeberatan.coerce(keputusan_keberatan) is KeputusanKeberatan.MENGUBAH
    ):
        return "D.1.3"
    return "D.1.2" if dinilai_oleh_atasan_karena_terlambat else "D.1.1"
