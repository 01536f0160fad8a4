"""Audit trail writer: who, when, what (before/after). Called inside the user's transaction."""
from __future__ import annotations

import json
from typing import Any

from flask import g, has_request_context, request

from app.extensions import db
from schema.models import AuditLog


def _json(v: Any) -> str | None:
    return None if v is None else json.dumps(v, default=str, ensure_ascii=False, sort_keys=True)


def catat(tabel: str, baris_id, aksi: str, sebelum: dict | None = None, sesudah: dict | None = None) -> None:
    user = getattr(g, "user", None) if has_request_context() else None
    db.session.add(AuditLog(
        user_id=getattr(user, "id", None), username=getattr(user, "username", None), aksi=aksi, tabel=tabel,
        baris_id=None if baris_id is None else str(baris_id), sebelum=_json(sebelum), sesudah=_json(sesudah),
        alamat_ip=request.remote_addr if has_request_context() else None,
    ))
