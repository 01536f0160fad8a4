"""Shared column helpers for the relational model.

Every table lives on ``flask_appbuilder.Model.metadata`` (Flask-AppBuilder 5.3: ``db.create_all``
creates none of them); Alembic's ``target_metadata`` is the same object.
Enumerated columns are plain strings guarded by a CHECK built from the ``str``
enums of ``app.rules`` so the rule module stays the single source of the values.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from enum import Enum

from flask_appbuilder import Model
from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Integer, MetaData, String, event
from sqlalchemy.engine import Engine

__all__ = ["Model", "fk", "enum_col", "Jejak", "utcnow", "add_enum_checks"]

# Named constraints so Alembic (batch mode on SQLite) can alter them later.
Model.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_conn, _record):
    """SQLite enforces foreign keys (and so ON DELETE RESTRICT) only when asked, per connection."""
    if isinstance(dbapi_conn, sqlite3.Connection):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


def utcnow() -> dt.datetime:
    """Column default for system stamps: naive UTC from the application's one clock (app/jam.py)."""
    from app.jam import sekarang_utc  # here: importing app runs app/__init__, which imports these models

    return sekarang_utc()


def enum_col(enum, nullable: bool = False, default=None, index: bool = False, length: int = 40) -> Column:
    """A string column whose allowed values come from a rule enum (CHECK added by ``add_enum_checks``)."""
    if isinstance(default, Enum):
        default = default.value
    return Column(String(length), nullable=nullable, default=default, index=index, info={"enum": enum})


def rahasia() -> dict:
    """``Column(..., info=rahasia())``: confidential content (R11). The audit trail records that such a column
    changed, never its value; lists never sort or filter by it (app/security/audit.py, app/views/base.py)."""
    return {"rahasia": True}


def kolom_rahasia(table) -> frozenset[str]:
    return frozenset(c.name for c in table.columns if c.info.get("rahasia"))


def fk(target: str, nullable: bool = False, ondelete: str = "RESTRICT", index: bool = True, **kw) -> Column:
    """Foreign key defaulting to ON DELETE RESTRICT: records people signed are never cascaded away."""
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index, **kw)


class Jejak:
    """Who/when columns; the full before/after lives in ``audit_log``."""

    dibuat_pada = Column(DateTime, default=utcnow, nullable=False)
    diubah_pada = Column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)


def add_enum_checks(metadata: MetaData) -> None:
    """Append a named CHECK for every ``enum_col`` (idempotent)."""
    for table in metadata.tables.values():
        existing = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
        for col in table.columns:
            enum = col.info.get("enum")
            if enum is None:
                continue
            name = f"ck_{table.name}_{col.name}"
            if name in existing:
                continue
            vals = ", ".join(f"'{e.value if isinstance(e, Enum) else e}'" for e in enum)
            expr = f"{col.name} IN ({vals})"
            if col.nullable:
                expr = f"{col.name} IS NULL OR {expr}"
            table.append_constraint(CheckConstraint(expr, name=name))
