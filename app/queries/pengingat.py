"""Deadline reminders, run once per local day by the schedule (app/jadwal.py ``pengingat_tenggat``).

A deadline already computed by the rules (R7, working days) reminds the person who must act: 3 and 1 working
days before (H-3, H-1), on the day (H) and once overdue. The step of "today" (``jam.hari_ini``: the office's
date in ZONA_WAKTU, not the server's) comes from ``langkah``; each (person, deadline, step) is one
``kunci_unik``, so a second run on the same day — or a run on a weekend or holiday inside the window — adds
nothing. A missed run catches up with the current step only (no stale H-3 on the H-1 day).

Deadlines covered so far: the return of a received evaluation document (001 Lampiran "Tindak lanjut" 6 and 9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select

from app import jam
from app.extensions import db
from app.format import tanggal_saja
from app.queries import notifikasi as q
from app.queries.penilaian.kalender import cuti_bersama
from app.rules.enums import StatusDokumen
from app.rules.waktu import hari_kerja_terakhir
from schema.models import EvaluasiKinerja

LANGKAH = {"h-3": "3 hari kerja lagi", "h-1": "1 hari kerja lagi", "h": "hari ini", "lewat": "sudah terlewat"}
LEWAT_DIINGAT_HARI = 60  # overdue deadlines older than this are not scanned again (their "lewat" was sent)


def langkah(hari: dt.date, tenggat: dt.date, cuti: Iterable[dt.date] = ()) -> str | None:
    """The reminder step of ``hari`` for ``tenggat`` (working days, R7), or None outside the window."""
    if hari > tenggat:
        return "lewat"
    if hari == tenggat:
        return "h"
    kemarin = tenggat - dt.timedelta(days=1)
    cuti = frozenset(cuti)
    if hari >= hari_kerja_terakhir(kemarin, 1, cuti):
        return "h-1"
    if hari >= hari_kerja_terakhir(kemarin, 3, cuti):
        return "h-3"
    return None


def _pengembalian_evaluasi(hari: dt.date, cuti: frozenset[dt.date]) -> int:
    t = EvaluasiKinerja
    rows = db.session.execute(
        select(t.id, t.pegawai_id, t.tahun, t.tenggat_pengembalian).where(
            t.aktif.is_(True),
            t.status_dokumen == StatusDokumen.DITERIMA.value,
            t.tenggat_pengembalian.is_not(None),
            t.tenggat_pengembalian.between(hari - dt.timedelta(days=LEWAT_DIINGAT_HARI), hari + dt.timedelta(days=21)),
        )
    ).all()
    n = 0
    for eid, pegawai_id, tahun, tenggat in rows:
        step = langkah(hari, tenggat, cuti)
        if step is None:
            continue
        tautan = f"/evaluasi/show/{eid}"
        uid = q.user_pegawai(pegawai_id)
        if uid is None:
            continue
        baru = q.beri_tahu(
            uid,
            "pengingat_tenggat",
            f"Pengembalian dokumen evaluasi kinerja {tahun}: {LANGKAH[step]}",
            f"Batas pengembalian dokumen hasil evaluasi kinerja: {tanggal_saja(tenggat)}.",
            tautan,
            f"pengingat_tenggat:{tautan}:{uid}:{tenggat.isoformat()}:{step}",
        )
        n += baru is not None
    return n


def ingatkan(hari: dt.date | None = None) -> int:
    """Create today's reminders (in the caller's transaction); returns how many were new."""
    hari = hari or jam.hari_ini()
    return _pengembalian_evaluasi(hari, cuti_bersama())
