"""Form field helpers shared by views."""

from __future__ import annotations

from wtforms import SelectField
from wtforms.validators import DataRequired, Optional


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
    """List/show formatter: stored code → the Indonesian label of its enum."""
    return lambda v: enum(v).label if v else ""


def ya(v) -> str:
    return "Ya" if v else ""


def label_pegawai(p) -> str:
    return f"{p.nama} — {p.nip}"


def label_pegawai_unit(p) -> str:
    """Option label of the people lookups: the unit tells apart two employees of the same name."""
    unit = p.unit_kerja
    return f"{p.nama} ({p.nip}) — {unit.nama}" if unit is not None else f"{p.nama} ({p.nip})"


def label_unit(u) -> str:
    return u.nama


def label_jabatan(j) -> str:
    return j.nama
