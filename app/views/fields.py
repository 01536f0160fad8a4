"""Form field helpers shared by views."""

from __future__ import annotations

from functools import partial

from wtforms import SelectField
from wtforms.validators import DataRequired, Optional

from app.format import label, ya_tidak


def pilihan(label: str, enum, wajib: bool = True, description: str = "") -> SelectField:
    """A select over a code enum, storing the code, showing the Indonesian label."""
    choices = list(enum.choices())
    if not wajib:
        choices = [("", "—")] + choices
    return SelectField(
        label,
        choices=choices,
        validators=[DataRequired(message="Wajib dipilih.")] if wajib else [Optional()],
        description=description,
        coerce=lambda v: v or None,
    )


def label_enum(enum):
    """List/show formatter: stored code → the Indonesian label of its enum ("—" when empty; app/format.py)."""
    return partial(label, enum=enum)


def ya(v) -> str:
    return ya_tidak(v)


def label_pegawai(p) -> str:
    """A person as everywhere on screen: "Nama (NIP)"."""
    return f"{p.nama} ({p.nip})"


def label_pegawai_unit(p) -> str:
    """Option label of the people lookups: the unit tells apart two employees of the same name."""
    unit = p.unit_kerja
    return f"{p.nama} ({p.nip}) — {unit.nama}" if unit is not None else f"{p.nama} ({p.nip})"


def label_unit(u) -> str:
    return u.nama


def label_jabatan(j) -> str:
    return j.nama
