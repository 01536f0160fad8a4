"""Uploaded evidence (bukti dukung): stored outside the web root under random names, typed by content.

* The type is decided from the file's **first bytes** (``%PDF-``, PNG signature, JPEG SOI), never from the
  client's Content-Type or file name; only types listed in ``UNGGAH_TIPE_DIIZINKAN`` are kept.
* The size limit is ``UNGGAH_UKURAN_MAKS`` (default ``MAX_CONTENT_LENGTH``), enforced while streaming.
* Files are stored in the database (app/penyimpanan.py: every app node serves them) as
  ``secrets.token_hex(16)`` + our extension; nothing of the client's name reaches storage.
* ``Unggahan`` is one user action's upload: the file is written in the action's transaction, so a refused
  input, a database error or a failed commit leaves nothing behind.
* Serving (``kirim``) always sets our own Content-Type, ``Content-Disposition: attachment`` and
  ``X-Content-Type-Options: nosniff``; the caller checks the reader's scope first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from flask import Response, current_app, stream_with_context

from app import penyimpanan
from app.extensions import db

TANDA_TANGAN_BERKAS = (  # magic bytes → (content type, extension)
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
LABEL_TIPE = {"application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG"}
_NAMA_SIMPAN = re.compile(r"^[0-9a-f]{32}\.(pdf|png|jpg)$")


class GalatBerkas(ValueError):
    """The upload is refused; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class BerkasTersimpan:
    nama_simpan: str
    nama_asli: str
    content_type: str
    ukuran: int


def folder_lama() -> Path:
    """Where an older installation kept uploads on disk (``flask --app run berkas pindahkan`` copies them in)."""
    return Path(current_app.config["UPLOAD_FOLDER"])


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


def periksa_nama(nama_simpan: str) -> str:
    """Refuses any name we did not generate (no traversal into the legacy folder)."""
    if not nama_simpan or not _NAMA_SIMPAN.match(nama_simpan):
        raise GalatBerkas("Nama berkas tidak valid.")
    return nama_simpan


def _nama_asli(nama: str | None) -> str:
    nama = os.path.basename((nama or "").replace("\\", "/")).strip()
    nama = "".join(ch for ch in nama if ch.isprintable() and ch not in '<>:"|?*')
    return (nama or "berkas")[:200]


def hapus(nama_simpan: str) -> None:
    """Delete a stored file in its own short transaction (after the action that dropped its row committed)."""
    try:
        penyimpanan.hapus(periksa_nama(nama_simpan))
        db.session.commit()
    except GalatBerkas:
        pass


def _pesan_terlalu_besar(maks: int) -> str:
    return f"Berkas melebihi batas ukuran {maks // (1024 * 1024) or maks} {'MB' if maks >= 1024 * 1024 else 'byte'}."


class Unggahan:
    """``with Unggahan() as u: b = u.simpan(request.files["berkas"]); …; db.session.commit()``.

    The file is written in the action's transaction: the rollback of a failed action removes it.
    """

    def __enter__(self) -> "Unggahan":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        return False

    def batalkan(self) -> None:
        """Nothing to undo beyond the rollback (kept for ``transaksi(saat_batal=…)`` callers)."""

    def simpan(self, berkas) -> BerkasTersimpan:
        """Validate by content and size while writing."""
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
        try:
            nama, total = penyimpanan.simpan(stream, "bukti", ext, awal=kepala, maks=ukuran_maks())
        except penyimpanan.TerlaluBesar as e:
            raise GalatBerkas(_pesan_terlalu_besar(e.maks)) from None
        return BerkasTersimpan(nama, _nama_asli(berkas.filename), tipe, total)


def _isi(nama_simpan: str) -> tuple[Iterator[bytes], int]:
    """Chunks and size: from the database, else an older installation's file on disk."""
    periksa_nama(nama_simpan)
    ukuran = penyimpanan.ukuran(nama_simpan)
    if ukuran is not None:
        return penyimpanan.potongan(nama_simpan), ukuran
    lama = folder_lama() / nama_simpan
    if not lama.is_file():
        raise FileNotFoundError(nama_simpan)

    def baca() -> Iterator[bytes]:
        with open(lama, "rb") as f:
            while p := f.read(penyimpanan.POTONGAN):
                yield p

    return baca(), lama.stat().st_size


def kirim(nama_simpan: str, content_type: str, nama_unduh: str):
    """Send a stored file as an attachment with our own type and ``nosniff``, streamed chunk by chunk."""
    if content_type not in LABEL_TIPE:
        content_type = "application/octet-stream"
    isi, ukuran = _isi(nama_simpan)
    return unduhan(isi, ukuran, content_type, _nama_asli(nama_unduh))


def unduhan(isi: Iterator[bytes], ukuran: int, content_type: str, nama_unduh: str) -> Response:
    """An attachment response streaming ``isi`` (inside the request's context: the chunks are read lazily)."""
    r = Response(stream_with_context(isi), mimetype=content_type, direct_passthrough=True)
    r.headers["Content-Length"] = str(ukuran)
    r.headers["Content-Disposition"] = content_disposition(nama_unduh)
    r.headers["X-Content-Type-Options"] = "nosniff"
    r.headers["Cache-Control"] = "private, no-store"
    r.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return r


def content_disposition(nama: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266), as werkzeug's send_file does."""
    ascii_nama = nama.encode("ascii", "ignore").decode() or "berkas"
    ascii_nama = ascii_nama.replace("\\", "").replace('"', "")
    return f"attachment; filename=\"{ascii_nama}\"; filename*=UTF-8''{quote(nama)}"
