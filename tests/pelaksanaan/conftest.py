"""Fixtures of the pelaksanaan tests: clients whose requests run in their own app context, the demo people by
role, the evidence stored during a test."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from schema.models import Jabatan, Pegawai
from tests.bantu import KlienKonteks, id_pegawai


@pytest.fixture()
def login(app, ctx):
    return lambda username=None: KlienKonteks(app, username)


@pytest.fixture(scope="module")
def orang(app):
    from app.extensions import db

    with app.app_context():
        ids = {
            u: id_pegawai(db.session, u) for u in ("pegawai", "penilai", "atasan", "konselor", "pyb", "tim", "operator")
        }
        # another direct subordinate of penilai (for a second counselling case)
        jab = db.session.get(Pegawai, ids["penilai"]).jabatan_id
        ids["lain"] = db.session.scalar(
            select(Pegawai.id)
            .join(Jabatan, Jabatan.id == Pegawai.jabatan_id)
            .where(Jabatan.atasan_id == jab, Pegawai.id != ids["pegawai"])
            .order_by(Pegawai.id)
        )
    return ids


@pytest.fixture()
def bukti_tersimpan(app):
    """Names of the evidence files stored (in the database) since the test began, sorted."""
    from app.extensions import db
    from schema.models import BerkasData

    def nama() -> set[str]:
        with app.app_context():
            return set(db.session.scalars(select(BerkasData.nama).where(BerkasData.jenis == "bukti")))

    awal = nama()
    return lambda: sorted(nama() - awal)
