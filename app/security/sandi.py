"""Password policy for local accounts: length, character classes, and no demo password in production."""

from __future__ import annotations

import re

import click
from flask import current_app
from flask_appbuilder.exceptions import PasswordComplexityValidationError

DEMO_BAWAAN = "Demo#Kinerja2026"
PANJANG_MIN_KUNCI = 32  # bytes; also what PyJWT asks of an HMAC key


class SandiDitolak(PasswordComplexityValidationError, click.ClickException):
    """A refused password. Forms catch it as FAB's complexity error; in ``flask fab create-admin`` /
    ``create-user`` / ``reset-password`` click prints it as one clear line and exits with 1."""

    def __init__(self, pesan: str):
        PasswordComplexityValidationError.__init__(self, pesan)
        self.message = pesan

    def __str__(self) -> str:
        return self.message


def tegakkan_sandi(password: str) -> None:
    """The policy for every way a password is set (forms, CLI, code): raises ``SandiDitolak``."""
    try:
        validasi_sandi(password or "")
    except PasswordComplexityValidationError as e:
        raise SandiDitolak(str(e)) from None


def cek_kunci_rahasia(config) -> None:
    """Production start-up refuses a SECRET_KEY not from the environment or shorter than 32 bytes: it signs
    sessions and tokens, and every node must share it."""
    if not config.get("PRODUCTION"):
        return
    if not config.get("SECRET_KEY_DARI_LINGKUNGAN"):
        raise RuntimeError(
            "Mode produksi memerlukan SECRET_KEY dari variabel lingkungan: semua server aplikasi di belakang "
            "penyeimbang beban harus memakai kunci yang sama (sesi dari server A berlaku di server B). Buat sekali, "
            "mis. `python -c 'import secrets; print(secrets.token_hex(32))'`, dan pasang di setiap server."
        )
    kunci = config.get("SECRET_KEY") or b""
    panjang = len(kunci.encode() if isinstance(kunci, str) else kunci)
    if panjang < PANJANG_MIN_KUNCI:
        raise RuntimeError(
            f"SECRET_KEY terlalu pendek untuk mode produksi ({panjang} byte; minimal {PANJANG_MIN_KUNCI} byte). "
            "Buat yang acak, mis. `python -c 'import secrets; print(secrets.token_hex(32))'`, dan pasang sebagai "
            "variabel lingkungan SECRET_KEY."
        )


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
