"""Related values offered in a list's search form pass the list's scope: no database-backed select (FAB's
QuerySelectField lists every row of the related table) on any of our views; the monitoring team filter asks a
lookup that offers only the teams of rows the user reads."""

from __future__ import annotations

from sqlalchemy import select

from app.views.base import KinerjaModelView
from schema.models import Pemantauan, PenugasanTim, TimPemantau


def test_tanpa_pilihan_relasi_tanpa_cakupan(app):
    with app.test_request_context("/"):
        for v in app.appbuilder.baseviews:
            if not isinstance(v, KinerjaModelView):
                continue
            form = v.search_form.refresh()
            for col in v.search_columns or []:
                assert "QuerySelect" not in type(form[col]).__name__, (type(v).__name__, col)


def _tim(r) -> set[int]:
    assert r.status_code == 200
    return {x["id"] for x in r.get_json()["results"]}


def test_filter_tim_hanya_tim_baris_yang_terbaca(login, db_session):
    op = login("operator")
    ada = set(db_session.scalars(select(PenugasanTim.tim_id).distinct()))
    semua = set(db_session.scalars(select(TimPemantau.id)))
    ditawarkan = _tim(op.get("/penugasantim/lookup/tim?page=1"))
    assert ditawarkan and ditawarkan <= ada and ditawarkan <= semua
    # a team without any assignment is never offered
    contoh = db_session.scalar(select(TimPemantau).limit(1))
    kosong = TimPemantau(
        nama="Tim Uji Tanpa Penugasan Zqxw",
        level="kota",
        aktif=True,
        nomor_sk="SK-UJI-ZQXW",
        tanggal_sk=contoh.tanggal_sk,
        instansi_id=contoh.instansi_id,
    )
    db_session.add(kosong)
    db_session.commit()
    try:
        assert kosong.id not in _tim(op.get("/penugasantim/lookup/tim?q=Zqxw"))
        assert kosong.id not in _tim(op.get("/pemantauan/lookup/tim?q=Zqxw"))
        dikunjungi = set(db_session.scalars(select(Pemantauan.tim_id).distinct()))
        assert _tim(op.get("/pemantauan/lookup/tim?page=1")) <= dikunjungi
    finally:
        db_session.delete(kosong)
        db_session.commit()
    # the filter itself: _flt_0_tim = the team id
    if ditawarkan:
        t = min(ditawarkan)
        r = op.get(f"/penugasantim/list/?_flt_0_tim={t}")
        assert r.status_code == 200
    assert login("pegawai").get("/penugasantim/lookup/tim").status_code in (200, 302, 403)
