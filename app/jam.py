"""The one clock of the application: "today" and "now" in the office's zone (``ZONA_WAKTU``).

Every date the rules reason about (working-day deadlines, "terlambat", periods) is the office's calendar
date, never the server's: a container in UTC is still "yesterday" from 00.00 to 07.00 WIB. System stamps
stored in the database stay naive UTC (shown in ``ZONA_WAKTU`` by ``app.format.waktu``).

``JAM_TETAP`` (config) / ``KINERJA_JAM_TETAP`` (environment) sets the clock to an ISO 8601 instant for
demos, training and tests: "2026-12-05T00:30:00+07:00", "2026-12-04T17:30:00Z", a local wall time without
offset ("2026-12-05T00:30", read in ``ZONA_WAKTU``) or a date ("2026-12-04", local midnight). The clock
reads that instant the first time it sees the value and runs on from there (like setting a wall clock), so
stamps keep their order. Unset (the default) the clock is the system clock.

Nothing else in ``app/`` or ``seeds/`` calls ``date.today()``/``datetime.now()`` (tests/test_jam.py guards it);
``app.rules`` receives dates as arguments.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, has_app_context

ZONA_BAWAAN = "Asia/Jakarta"
# Indonesia has no daylight saving: fixed offsets are exact, and serve where the OS lacks tz data
ZONA_INDONESIA = {
    "Asia/Jakarta": ("WIB", 7),
    "Asia/Pontianak": ("WIB", 7),
    "Asia/Makassar": ("WITA", 8),
    "Asia/Jayapura": ("WIT", 9),
}


def tzinfo_zona(zona: str) -> dt.tzinfo:
    try:
        return ZoneInfo(zona)
    except (ZoneInfoNotFoundError, ValueError):
        if zona in ZONA_INDONESIA:
            return dt.timezone(dt.timedelta(hours=ZONA_INDONESIA[zona][1]))
        raise


__all__ = [
    "ZONA_BAWAAN",
    "ZONA_INDONESIA",
    "tzinfo_zona",
    "hari_ini",
    "sekarang",
    "sekarang_utc",
    "zona",
    "jam_tetap",
    "baca_jam_tetap",
    "cek_jam_tetap",
]

_UTC = dt.timezone.utc
_kunci = threading.Lock()
_awal: dict[tuple[str, str], tuple[dt.datetime, float]] = {}  # (value, zone) -> (UTC instant, monotonic start)


def _config(nama: str, env: str, bawaan):
    if has_app_context():
        return current_app.config.get(nama, bawaan)
    return os.environ.get(env, bawaan)


def zona() -> str:
    """The configured zone: the app's ``ZONA_WAKTU``, or the environment's outside an app."""
    return _config("ZONA_WAKTU", "ZONA_WAKTU", ZONA_BAWAAN) or ZONA_BAWAAN


def jam_tetap() -> str | None:
    v = _config("JAM_TETAP", "KINERJA_JAM_TETAP", None)
    return (str(v).strip() or None) if v else None


def baca_jam_tetap(nilai: str, zona_: str | None = None) -> dt.datetime:
    """An ISO 8601 instant (or local wall time / date in the zone) → aware UTC datetime; ValueError if invalid."""
    s = nilai.strip()
    if s[-1:] in ("Z", "z"):
        s = s[:-1] + "+00:00"
    try:
        t = dt.datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(f"JAM_TETAP {nilai!r} bukan waktu ISO 8601 (contoh: 2026-12-05T00:30:00+07:00).") from None
    if t.tzinfo is None:
        t = t.replace(tzinfo=tzinfo_zona(zona_ or zona()))
    return t.astimezone(_UTC)


def sekarang_utc() -> dt.datetime:
    """Now as naive UTC — for system stamps stored in the database (audit, signatures, ``diubah_pada``)."""
    tetap = jam_tetap()
    if tetap is None:
        return dt.datetime.now(_UTC).replace(tzinfo=None)
    kunci = (tetap, zona())
    with _kunci:
        if kunci not in _awal:
            _awal[kunci] = (baca_jam_tetap(tetap, kunci[1]), time.monotonic())
        mulai, t0 = _awal[kunci]
    return (mulai + dt.timedelta(seconds=time.monotonic() - t0)).replace(tzinfo=None)


def sekarang(zona_: str | None = None) -> dt.datetime:
    """Now as naive local wall time in ``ZONA_WAKTU`` — to compare with times users type in (slot, jadwal)."""
    return sekarang_utc().replace(tzinfo=_UTC).astimezone(tzinfo_zona(zona_ or zona())).replace(tzinfo=None)


def hari_ini() -> dt.date:
    """Today's date in ``ZONA_WAKTU`` (the office's calendar day, whatever the server's zone)."""
    return sekarang().date()


def cek_jam_tetap(config) -> None:
    """At start-up: a set clock must parse, and is refused in production (signatures would carry its time)."""
    nilai = config.get("JAM_TETAP")
    if not nilai:
        return
    if config.get("PRODUCTION"):
        raise RuntimeError(
            "JAM_TETAP (KINERJA_JAM_TETAP) hanya untuk demo, pelatihan dan uji; kosongkan pada produksi."
        )
    baca_jam_tetap(str(nilai), config.get("ZONA_WAKTU") or ZONA_BAWAAN)
