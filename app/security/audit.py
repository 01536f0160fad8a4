"""Audit trail: who, when, what (before/after) — written in the same transaction as the change.

``install_audit()`` listens to every ORM flush: inserts, updates and deletes of the audited
models become ``audit_log`` rows with the changed columns before/after. Explicit entries
(reads of counselling records, signatures, imports) go through ``catat``. Bulk SQL
(imports, demo generator) is recorded once per action by its caller.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from flask import g, has_request_context, request
from flask_appbuilder import Model
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.extensions import db
from schema.models import AuditLog
from schema.models._base import kolom_rahasia

RAHASIA = "[rahasia]"  # stands in an audit row for the value of a confidential column (``rahasia()``)

# tables whose every change is audited: SKP and its parts, evaluations, ratings, keberatan,
# counselling, teams, master data, signatures
AUDITED = {
    "instansi",
    "unit_kerja",
    "jabatan",
    "golongan",
    "pegawai",
    "penugasan_plt",
    "tugas_belajar",
    "konfigurasi_periode",
    "skp",
    "rencana_hasil_kerja",
    "indikator_kinerja",
    "ekspektasi_khusus",
    "lampiran_skp",
    "tanda_tangan",
    "evaluasi_kinerja",
    "rating_rhk",
    "keberatan",
    "konseling",
    "laporan_perilaku",
    "tim_pemantau",
    "anggota_tim",
    "penugasan_tim",
    "capaian_organisasi",
    "ab_user",
    "mutasi_pegawai",
    "delegasi_penilai",  # R15: who evaluates around a transfer / by delegation
    "penghargaan",
    "tindak_lanjut_sanksi",  # R14 registers: every edit, manual entry and API write
}
IGNORED_COLUMNS = {
    "dibuat_pada",
    "diubah_pada",
    "password",
    "last_login",
    "login_count",
    "fail_login_count",
    "changed_on",
    "created_on",
}


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


def _json(v: Any) -> str | None:
    return None if v is None else json.dumps(v, default=str, ensure_ascii=False, sort_keys=True)


def _pelaku():
    if not has_request_context():
        return None, None, None
    user = getattr(g, "user", None)
    uid = getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None
    return uid, getattr(user, "username", None) if uid else None, request.remote_addr


def _rahasia(tabel: str) -> frozenset[str]:
    t = Model.metadata.tables.get(tabel)
    return kolom_rahasia(t) if t is not None else frozenset()


def _saring(tabel: str, nilai: dict | None) -> dict | None:
    """Who/when/which fields of a confidential table, never the content: every audit row passes here."""
    if not nilai:
        return nilai
    rahasia = _rahasia(tabel)
    return {k: (RAHASIA if k in rahasia and v is not None else v) for k, v in nilai.items()}


def catat(
    tabel: str, baris_id, aksi: str, sebelum: dict | None = None, sesudah: dict | None = None, session=None
) -> None:
    uid, uname, ip = _pelaku()
    (session or db.session).add(
        AuditLog(
            user_id=uid,
            username=uname,
            aksi=aksi,
            tabel=tabel,
            baris_id=None if baris_id is None else str(baris_id),
            sebelum=_json(_saring(tabel, sebelum)),
            sesudah=_json(_saring(tabel, sesudah)),
            alamat_ip=ip,
        )
    )


def _kolom(obj):
    return [a for a in inspect(obj).mapper.column_attrs if a.key not in IGNORED_COLUMNS]


def _after_flush(session: Session, _ctx) -> None:
    if not has_request_context():  # user actions only; seeding/CLI runs are system work
        return
    entries = []
    for obj in session.new:
        t = getattr(obj, "__tablename__", None)
        if t in AUDITED:
            entries.append((t, obj, "tambah", None, {a.key: _plain(getattr(obj, a.key)) for a in _kolom(obj)}))
    for obj in session.dirty:
        t = getattr(obj, "__tablename__", None)
        if t not in AUDITED or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        before, after = {}, {}
        for a in _kolom(obj):
            h = state.attrs[a.key].history
            if h.has_changes():
                before[a.key] = _plain(h.deleted[0]) if h.deleted else None
                after[a.key] = _plain(h.added[0]) if h.added else None
        if after:
            entries.append((t, obj, "ubah", before, after))
    for obj in session.deleted:
        t = getattr(obj, "__tablename__", None)
        if t in AUDITED:
            entries.append((t, obj, "hapus", {a.key: _plain(getattr(obj, a.key)) for a in _kolom(obj)}, None))
    if not entries:
        return
    uid, uname, ip = _pelaku()
    for t, obj, aksi, before, after in entries:
        # identity is only set after the flush completes; new rows already carry their generated key
        pk = inspect(obj).mapper.primary_key_from_instance(obj)
        session.add(
            AuditLog(
                user_id=uid,
                username=uname,
                aksi=aksi,
                tabel=t,
                baris_id=str(pk[0]) if pk and pk[0] is not None else None,
                sebelum=_json(_saring(t, before)),
                sesudah=_json(_saring(t, after)),
                alamat_ip=ip,
            )
        )


_installed = False


def install_audit() -> None:
    global _installed
    if not _installed:
        event.listen(Session, "after_flush", _after_flush)
        _installed = True
