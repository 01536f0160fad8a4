"""Password policy for local accounts (issue 9): length, character classes, and no demo password in production."""
from __future__ import annotations

import re

from flask import current_app
from flask_appbuilder.exceptions import PasswordComplexityValidationError

DEMO_BAWAAN = "Demo#Kinerja2026"


def sandi_demo(password: str) -> bool:
    return password in {DEMO_BAWAAN, current_app.config.get("DEMO_PASSWORD", DEMO_BAWAAN)}


def validasi_sandi(password: str) -> None:
    """FAB_PASSWORD_COMPLEXITY_VALIDATOR: ≥ 10 characters with upper, lower, digit and symbol."""
    kurang = []
    if len(password) < 10:
        kurang.append("minimal 10 karakter")
    if not re.search(r"[A-Z]", password):
        kurang.append("huruf besar")
    if not re.search(r"[a-z]", password):
        kurang.append("huruf kecil")
    if not re.search(r"\d", password):
        kurang.append("angka")
    if not re.search(r"[^A-Za-z0-9]", password):
        kurang.append("simbol")
    if kurang:
        raise PasswordComplexityValidationError("Kata sandi belum memenuhi kebijakan: " + ", ".join(kurang) + ".")
    if current_app.config.get("PRODUCTION") and sandi_demo(password):
        raise PasswordComplexityValidationError("Kata sandi demo tidak boleh dipakai pada mode produksi.")
