"""Row-level scope: one mechanism for list/show/edit/delete, actions, exports and the REST API.

Each resource declares, per role, a function returning a SQL clause over its model (``ALL``
= no restriction). A user's scope is the OR of their roles' clauses; a role that
needs an employee record but has none contributes ``false()`` — never ``IS NULL``
(FAB-NOTES: a filter value of None becomes ``IS NULL``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import g
from flask_appbuilder.models.filters import BaseFilter
from sqlalchemy import false, select, true

from app.extensions import db
from app.security import roles as R

ALL = object()


@dataclass
class Konteks:
    user_id: int | None
    role_names: set[str]
    pegawai_id: int | None
    jabatan_id: int | None


def konteks() -> Konteks:
    """The current user's identity, computed once per request."""
    cached = getattr(g, "_kinerja_konteks", None)
    if cached is not None:
        return cached
    from schema.models import Pegawai

    user = getattr(g, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        k = Konteks(None, set(), None, None)
    else:
        row = db.session.execute(
            select(Pegawai.id, Pegawai.jabatan_id).where(Pegawai.user_id == user.id)
        ).first()
        k = Konteks(user.id, {r.name for r in user.roles}, row[0] if row else None, row[1] if row else None)
    g._kinerja_konteks = k
    return k


ScopeFn = Callable[[Konteks], object]


def _semua(_k: Konteks):
    return ALL


def _pegawai_sendiri(k: Konteks):
    from schema.models import Pegawai

    return Pegawai.id == k.pegawai_id if k.pegawai_id else false()


def _bawahan_langsung(k: Konteks):
    """Holders of positions whose superior position is mine (direct subordinates)."""
    from schema.models import Jabatan, Pegawai

    if not k.jabatan_id:
        return false()
    return Pegawai.jabatan_id.in_(select(Jabatan.id).where(Jabatan.atasan_id == k.jabatan_id))


def _bawahan_dua_tingkat(k: Konteks):
    """An atasan pejabat penilai reads their evaluators' subordinates too."""
    from schema.models import Jabatan, Pegawai

    if not k.jabatan_id:
        return false()
    level1 = select(Jabatan.id).where(Jabatan.atasan_id == k.jabatan_id)
    level2 = select(Jabatan.id).where(Jabatan.atasan_id.in_(level1))
    return Pegawai.jabatan_id.in_(level1) | Pegawai.jabatan_id.in_(level2)


# resource → role → scope function; a role absent here sees no rows of the resource
SCOPES: dict[str, dict[str, ScopeFn]] = {
    "master": {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua},
    "pegawai": {R.ADMIN: _semua, R.OPERATOR: _semua, R.PYB: _semua},
    "profil": {role: _pegawai_sendiri for role in R.ROLES},
    "bawahan": {R.ADMIN: _semua, R.PENILAI: _bawahan_langsung, R.ATASAN: _bawahan_dua_tingkat},
}


def clause_for(resource: str, k: Konteks | None = None):
    k = k or konteks()
    clauses = []
    for role in k.role_names:
        fn = SCOPES.get(resource, {}).get(role)
        if fn is None:
            continue
        c = fn(k)
        if c is ALL:
            return true()
        clauses.append(c)
    if not clauses:
        return false()
    out = clauses[0]
    for c in clauses[1:]:
        out = out | c
    return out


class FilterScope(BaseFilter):
    """``base_filters = [["id", FilterScope, "pegawai"]]`` — the value names the scope resource."""

    name = "Cakupan"
    arg_name = "scope"

    def apply(self, query, value):
        return query.filter(clause_for(value))


def scope_filters(resource: str) -> list:
    return [["id", FilterScope, resource]]
