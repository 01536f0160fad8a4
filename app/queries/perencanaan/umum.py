"""Shared by the SKP modules: the refusal classes, status groups and A-form titles."""

from __future__ import annotations

from app.aksi import Ditolak
from app.rules import StatusPegawai, StatusSKP, wajib_skp

S = StatusSKP
BISA_DISUSUN = (S.DRAF.value, S.DIKEMBALIKAN.value)  # the employee (or an operator) may edit the content
TERKUNCI = (S.DITETAPKAN.value, S.DIUBAH.value)  # signed: immutable
STATUS_WAJIB_SKP = tuple(s.value for s in StatusPegawai if wajib_skp(s))
FORMAT_JPT = ("A.1.1", "A.1.2")
FORMAT_KUANTITATIF = ("A.1.2", "A.1.7")

PESAN_TERKUNCI = (
    "SKP ini sudah ditetapkan dan ditandatangani, sehingga tidak dapat diubah. Perubahan di tengah "
    'tahun dilakukan melalui "Ubah SKP" (versi baru dengan alasan, 000 Pasal 11).'
)
JUDUL_FORMAT = {
    "A.1.1": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUALITATIF BAGI PEJABAT PIMPINAN TINGGI DAN "
    "PIMPINAN UNIT KERJA MANDIRI",
    "A.1.2": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT PIMPINAN TINGGI DAN "
    "PIMPINAN UNIT KERJA MANDIRI",
    "A.1.6": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUALITATIF BAGI PEJABAT ADMINISTRASI DAN "
    "PEJABAT FUNGSIONAL",
    "A.1.7": "SASARAN KINERJA PEGAWAI PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN "
    "PEJABAT FUNGSIONAL",
}


class GalatSKP(Ditolak):
    """A refused user action; the message is shown to the user as is (Indonesian)."""


class SKPDikembalikan(GalatSKP):
    """Refused, but the SKP was returned to the employee on the way (their signature no longer covers the
    content): the caller commits that return instead of rolling back."""
