"""Form field helpers shared by views."""

from __future__ import annotations

from functools import partial

from wtforms import SelectField
from wtforms.validators import DataRequired, Optional

from app.format import label, ya_tidak


def pilihan(label: str, enum, wajib: bool = True, description: str = "") -> SelectField:
    """A select over a code enum, storing the code, showing the Indonesian label."""
    # Berlabel.choices(); the job/outbox status enums carry no labels and show their codes
    choices = [(m.value, getattr(m, "label", m.value)) for m in enum]
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
    return f"{p.nama} ({p.nip}) — {label_unit(unit)}" if unit is not None else f"{p.nama} ({p.nip})"


def label_unit(u) -> str:
    """A unit as everywhere on screen: its name, with its parent's when the name repeats
    (``UnitKerja.nama_tampil``, computed in the row's own statement)."""
    return str(u)


def label_jabatan(j) -> str:
    return j.nama
