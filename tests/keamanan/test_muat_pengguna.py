"""The per-request user load (one prepared SELECT, app/security/manager.py): hostile ids load nobody, a real one
loads the user with its employee facts, and the facts are what ``scope.konteks`` reads — no statement of its own."""

from __future__ import annotations

from sqlalchemy import select

from app.security.scope import ATRIBUT_FAKTA
from schema.models import Pegawai


def test_id_aneh_tidak_memuat_siapa_pun(app, ctx):
    sm = app.appbuilder.sm
    for pk in ("abc", None, "", "1e3", str(2**63), str(-(2**63) - 1), "99999999999999999999999"):
        assert sm.get_user_by_id(pk) is None, pk


def test_fakta_pegawai_dimuat_bersama_pengguna(app, ctx, db_session, hitung_sql):
    sm = app.appbuilder.sm
    peg = db_session.scalar(select(Pegawai).where(Pegawai.user_id.is_not(None), Pegawai.jabatan_id.is_not(None)))
    with hitung_sql() as h:
        user = sm.get_user_by_id(str(peg.user_id))
    assert h.n == 1
    fakta = getattr(user, ATRIBUT_FAKTA)
    assert fakta[:2] == (peg.id, peg.jabatan_id)
    assert {r.name for r in user.roles}
