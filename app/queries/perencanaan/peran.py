"""Who the user is for an SKP (owner, evaluator, atasan, operator, PyB for the Kepala Daerah)."""

from __future__ import annotations

from dataclasses import dataclass

from app import jam
from app.queries.perencanaan.umum import BISA_DISUSUN, TERKUNCI
from app.security import roles as R
from schema.enums import PeranTandaTangan
from schema.models import SKP


@dataclass(frozen=True)
class Peran:
    pemilik: bool
    penilai: bool
    atasan: bool
    operator: bool
    kepala_daerah: bool  # PyB acting for the Kepala Daerah (or Admin)

    @property
    def apa_pun(self) -> bool:
        return any((self.pemilik, self.penilai, self.atasan, self.operator, self.kepala_daerah))


def peran_pada(skp: SKP, k) -> Peran:
    roles = k.role_names
    me = k.pegawai_id
    return Peran(
        pemilik=bool(me) and skp.pegawai_id == me,
        penilai=bool(me) and skp.penilai_id == me and bool(roles & {R.PENILAI, R.ATASAN, R.ADMIN}),
        atasan=bool(me) and skp.atasan_penilai_id == me and (R.ATASAN in roles or R.ADMIN in roles),
        operator=R.OPERATOR in roles or R.ADMIN in roles,
        kepala_daerah=R.PYB in roles or R.ADMIN in roles,
    )


def boleh_menyusun(skp: SKP, k) -> bool:
    """RHK, IKI, lampiran: the employee (or an operator helping) while the SKP is a draft / returned."""
    p = peran_pada(skp, k)
    return skp.status in BISA_DISUSUN and (p.pemilik or p.operator)


def boleh_ekspektasi(skp: SKP, k) -> bool:
    """Ekspektasi khusus: the leader (001 Pasal 10(4)) before the SKP is set."""
    p = peran_pada(skp, k)
    return skp.status not in TERKUNCI and (
        p.penilai
        or p.kepala_daerah
        and skp.ditetapkan_kepala_daerah
        or p.operator
        or (p.atasan and skp.diajukan_ke_atasan)
    )


def penetap_sekarang(skp: SKP, k) -> str | None:
    """Which signature role the current user would set the SKP with, or None if they may not."""
    p = peran_pada(skp, k)
    if skp.ditetapkan_kepala_daerah:
        return PeranTandaTangan.KEPALA_DAERAH.value if p.kepala_daerah else None
    if p.penilai:
        return PeranTandaTangan.PEJABAT_PENILAI.value
    if p.atasan and skp.diajukan_ke_atasan:  # 001 Lampiran "Penetapan SKP" 4
        return PeranTandaTangan.ATASAN_PENILAI.value
    if k.role_names & {R.ADMIN}:
        return PeranTandaTangan.PEJABAT_PENILAI.value
    return None


def sentuh(skp: SKP) -> None:
    """Any change to the content bumps the SKP's optimistic-lock version."""
    skp.diubah_pada = jam.sekarang_utc()
