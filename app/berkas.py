"""Uploaded evidence (bukti dukung): stored outside the web root under random names, typed by content.

* The type is decided from the file's **first bytes** (``%PDF-``, PNG signature, JPEG SOI), never from the
  client's Content-Type or file name; only types listed in ``UNGGAH_TIPE_DIIZINKAN`` are kept.
* The size limit is ``UNGGAH_UKURAN_MAKS`` (default ``MAX_CONTENT_LENGTH``), enforced while streaming to disk.
* Files land in ``UPLOAD_FOLDER`` (instance/berkas, not under ``static``; folder 0700, files 0600) as
  ``secrets.token_hex(16)`` + our extension; nothing of the client's name reaches the file system.
* ``Unggahan`` is a context manager for one user action: files written inside it are deleted again if the
  block raises (refused input, database error, failed commit) — nothing is left on disk.
* Serving (``kirim``) always sets our own Content-Type, ``Content-Disposition: attachment`` and
  ``X-Content-Type-Options: nosniff``; the caller checks the reader's scope first.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, send_file

from app.berkas_privat import buka_privat, folder_privat

TANDA_TANGAN_BERKAS = (  # magic bytes → (content type, extension)
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
LABEL_TIPE = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}
_NAMA_SIMPAN = re.compile(r"^[0-9a-f]{32}\.(pdf|png|jpg)$")
_POTONGAN = 64 * 1024


class GalatBerkas(ValueError):
    """The upload is refused; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class BerkasTersimpan:
    nama_simpan: str
    nama_asli: str
    content_type: str
    ukuran: int


def folder() -> Path:
    return folder_privat(current_app.config["UPLOAD_FOLDER"])  # 0700


def ukuran_maks() -> int:
    return int(
        current_app.config.get("UNGGAH_UKURAN_MAKS") or current_app.config.get("MAX_CONTENT_LENGTH") or 10 * 1024 * 1024
    )


def tipe_diizinkan() -> list[str]:
    return list(current_app.config.get("UNGGAH_TIPE_DIIZINKAN") or [])


def kenali(kepala: bytes) -> tuple[str, str] | None:
    """(content type, extension) from the first bytes, or None."""
    for tanda, tipe, ext in TANDA_TANGAN_BERKAS:
        if kepala.startswith(tanda):
            return tipe, ext
    return None


def jalur(nama_simpan: str) -> Path:
    """The stored file's path; refuses any name we did not generate (no traversal)."""
    if not nama_simpan or not _NAMA_SIMPAN.match(nama_simpan):
        raise GalatBerkas("Nama berkas tidak valid.")
    return folder() / nama_simpan


def _nama_asli(nama: str | None) -> str:
    nama = os.path.basename((nama or "").replace("\\", "/")).strip()
    nama = "".join(ch for ch in nama if ch.isprintable() and ch not in '<>:"|?*')
    return (nama or "berkas")[:200]


def hapus(nama_simpan: str) -> None:
    try:
        jalur(nama_simpan).unlink(missing_ok=True)
    except GalatBerkas:
        pass


class Unggahan:
    """``with Unggahan() as u: b = u.simpan(request.files["berkas"]); …; db.session.commit()``.

    Any exception inside the block deletes every file this action wrote, then propagates.
    """

    def __init__(self):
        self.dibuat: list[str] = []

    def __enter__(self) -> "Unggahan":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is not None:
            self.batalkan()
        return False

    def batalkan(self) -> None:
        for n in self.dibuat:
            hapus(n)
        self.dibuat.clear()

    def simpan(self, berkas) -> BerkasTersimpan:
        """Validate by content and size while writing; the partial file is removed on refusal."""
        if berkas is None or not getattr(berkas, "filename", None):
            raise GalatBerkas("Pilih berkas bukti dukung yang akan diunggah.")
        stream = berkas.stream
        kepala = stream.read(16)
        dikenal = kenali(kepala)
        izin = tipe_diizinkan()
        label = ", ".join(LABEL_TIPE.get(t, t) for t in izin)
        if dikenal is None or dikenal[0] not in izin:
            raise GalatBerkas(
                f"Jenis berkas tidak diizinkan: unggah {label} (isi berkas diperiksa, bukan nama atau ekstensinya)."
            )
        tipe, ext = dikenal
        maks = ukuran_maks()
        nama = secrets.token_hex(16) + ext
        tujuan = folder() / nama
        self.dibuat.append(nama)  # registered before writing: a failure below removes the partial file
        total = len(kepala)
        try:
            with buka_privat(tujuan, baru=True) as out:  # 0600 from its creation
                out.write(kepala)
                while True:
                    if total > maks:
                        raise GalatBerkas(
                            f"Berkas melebihi batas ukuran {maks // (1024 * 1024) or maks} "
                            f"{'MB' if maks >= 1024 * 1024 else 'byte'}."
                        )
                    potong = stream.read(_POTONGAN)
                    if not potong:
                        break
                    total += len(potong)
                    out.write(potong)
                if total > maks:
                    raise GalatBerkas(
                        f"Berkas melebihi batas ukuran {maks // (1024 * 1024) or maks} "
                        f"{'MB' if maks >= 1024 * 1024 else 'byte'}."
                    )
        except BaseException:
            hapus(nama)
            self.dibuat.remove(nama)
            raise
        return BerkasTersimpan(nama, _nama_asli(berkas.filename), tipe, total)


def kirim(nama_simpan: str, content_type: str, nama_unduh: str):
    """Send a stored file as an attachment with our own type and ``nosniff``."""
    if content_type not in LABEL_TIPE:
        content_type = "application/octet-stream"
    p = jalur(nama_simpan)
    if not p.is_file():
        raise FileNotFoundError(nama_simpan)
    r = send_file(
        p,
        mimetype=content_type,
        as_attachment=True,
        download_name=_nama_asli(nama_unduh),
        max_age=0,
        conditional=False,
        etag=False,
    )
    r.headers["X-Content-Type-Options"] = "nosniff"
    r.headers["Cache-Control"] = "private, no-store"
    r.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return r
