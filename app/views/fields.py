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
        label, choices=choices, validators=[DataRequired(message="Wajib dipilih.")] if wajib else [Optional()],
        description=description, coerce=lambda v: v or None,
    )
