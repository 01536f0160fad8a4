"""Shared by the evaluation modules: the refusal class, status shorthands, C-form titles, the session helper."""

from __future__ import annotations

from app.aksi import Ditolak
from app.extensions import db
from app.rules import StatusDokumen, StatusSKP

SD = StatusDokumen
PESAN_TERKUNCI = (
    "Evaluasi ini sudah ditandatangani sehingga tidak dapat diubah. Perubahan hasil hanya melalui "
    "keputusan atas keberatan (D.1.3)."
)
ROMAWI = ("I", "II", "III", "IV")
FORMAT_C = {
    "C.1.1": "HASIL EVALUASI KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUALITATIF",
    "C.1.2": "HASIL EVALUASI KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN "
    "TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
    "C.1.3": "HASIL EVALUASI KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI "
    "DAN PEJABAT FUNGSIONAL",
}
SKP_BERLAKU = (StatusSKP.DITETAPKAN.value,)


class GalatPenilaian(Ditolak):
    """A refused user action; the message is shown to the user as is (Indonesian)."""


def sesi(session):
    return session if session is not None else db.session
