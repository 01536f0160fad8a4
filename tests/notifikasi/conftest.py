"""Fixtures of the notification tests: notifications made through ``beri_tahu`` and removed afterwards."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import delete, select

from app.queries import notifikasi as q
from schema.models import User
from schema.models.notifikasi import Notifikasi, PreferensiNotifikasi


def uid(db_session, username: str) -> int:
    return db_session.scalar(select(User.id).where(User.username == username))


@pytest.fixture()
def buat(db_session):
    """``buat(username, jenis, judul, isi, tautan)`` → the committed notification; all removed at the end."""
    dibuat: list[int] = []

    def _buat(username, jenis="skp_diajukan", judul="SKP diajukan", isi="", tautan="/skp/", kunci=None):
        n = q.beri_tahu(uid(db_session, username), jenis, judul, isi, tautan, kunci or f"uji:{uuid.uuid4().hex}")
        db_session.commit()
        if n is not None:
            dibuat.append(n.id)
        return n

    yield _buat
    db_session.rollback()
    db_session.execute(delete(Notifikasi).where(Notifikasi.id.in_(dibuat)))
    db_session.execute(delete(PreferensiNotifikasi))
    db_session.commit()


@pytest.fixture(scope="module")
def app_csrf(app, database_url):
    from tests.conftest import make_app

    return make_app(database_url, WTF_CSRF_ENABLED=True)
