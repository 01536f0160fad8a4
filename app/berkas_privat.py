"""Owner-only files: everything the app writes under ``instance/`` (and every backup) is 0600, folders 0700.

Those files hold personal data (the SQLite database, uploaded evidence, import files with NIPs and birth
dates, exported registers, backups) or secrets (``secret_key``). The mode is set **when the file is created**
(``os.open(…, 0o600)``), never by a ``chmod`` afterwards that leaves a window in which the file is readable,
and does not depend on the process umask. Existing files and folders of an older installation are tightened
when the app starts (``siapkan_instance``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

MODE_BERKAS = 0o600
MODE_FOLDER = 0o700


def _ketatkan(path: Path, mode: int) -> None:
    """chmod our own file/folder down to ``mode``; someone else's (or a vanished) path is left alone."""
    try:
        st = path.stat()
        if st.st_uid == os.getuid() and st.st_mode & 0o777 != mode:
            os.chmod(path, mode)
    except (FileNotFoundError, PermissionError):
        pass


def folder_privat(path: str | Path) -> Path:
    """The folder, created 0700 if missing (missing parents too), tightened to 0700 if it is ours."""
    p = Path(path)
    if not p.is_dir():
        p.mkdir(mode=MODE_FOLDER, parents=True, exist_ok=True)
    _ketatkan(p, MODE_FOLDER)
    return p


def buka_privat(path: str | Path, baru: bool = False) -> BinaryIO:
    """Open for binary writing, created 0600 (``baru``: refuse an existing file — for generated names)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if baru else os.O_TRUNC) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, MODE_BERKAS)
    try:
        os.fchmod(fd, MODE_BERKAS)  # an existing file keeps its mode on O_TRUNC: tighten it too
    except PermissionError:
        pass
    return os.fdopen(fd, "wb")


def tulis_privat(path: str | Path, data: bytes | str, baru: bool = False) -> None:
    with buka_privat(path, baru=baru) as f:
        f.write(data.encode() if isinstance(data, str) else data)


def privatkan(path: str | Path) -> None:
    """Tighten an existing file to 0600 (e.g. one a library created with its own mode)."""
    _ketatkan(Path(path), MODE_BERKAS)


def berkas_sqlite(url: str) -> Path | None:
    """The database file of a SQLite URL (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite"):
        return None

    db = make_url(url).database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def siapkan_sqlite(url: str) -> None:
    """Create the SQLite file 0600 before SQLite does (SQLite's own default is 0644 & ~umask).

    SQLite gives its -wal/-shm/-journal files the mode of the database file, so those follow.
    """
    p = berkas_sqlite(url)
    if p is None:
        return
    if not p.exists() and p.parent.is_dir():
        try:
            os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE_BERKAS))  # empty file = empty database
        except FileExistsError:
            pass
    for f in (p, Path(f"{p}-wal"), Path(f"{p}-shm"), Path(f"{p}-journal")):
        privatkan(f)


def siapkan_instance(app) -> None:
    """At start-up: instance folders 0700, their files and the SQLite database 0600 (older installs too)."""
    cfg = app.config
    folders = {Path(cfg["INSTANCE_DIR"])} if cfg.get("INSTANCE_DIR") else set()
    if cfg.get("UPLOAD_FOLDER"):
        folders.add(Path(cfg["UPLOAD_FOLDER"]))
    for d in list(folders):  # an older installation's sub-folders (uploads, job results on disk)
        if d.is_dir():
            folders.update(s for s in d.iterdir() if s.is_dir() and not s.is_symlink())
    for d in folders:
        if d.is_dir():
            _ketatkan(d, MODE_FOLDER)
            for f in d.iterdir():
                if f.is_file() and not f.is_symlink():
                    privatkan(f)
    siapkan_sqlite(cfg["SQLALCHEMY_DATABASE_URI"])
