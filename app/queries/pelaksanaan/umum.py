"""Shared by the implementation modules: the refusal class and status shorthands."""

from __future__ import annotations

from app.aksi import Ditolak
from app.rules import StatusKonseling, TindakanProgres

SK = StatusKonseling
PEMBINAAN = (
    TindakanProgres.PENYESUAIAN_EKSPEKTASI.value,
    TindakanProgres.PENYESUAIAN_SUMBER_DAYA.value,
    TindakanProgres.BIMBINGAN_KONSELING.value,
)


class GalatPelaksanaan(Ditolak):
    """A refused user action; the message is shown to the user as is (Indonesian)."""
