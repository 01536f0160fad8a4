"""Deadline reminders: H-3, H-1, H and overdue counted in working days (a public holiday and a weekend inside
the window), each once per person, deadline and step, on the office's local date — checked at 00:30 WIB
while the server's clock (UTC) still shows the previous day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from app.queries import pengingat
from app.rules.waktu import is_hari_kerja
from schema.models import EvaluasiKinerja
from schema.models.notifikasi import Notifikasi
from tests import bantu
from tests.notifikasi.conftest import uid

TENGGAT = dt.date(2041, 12, 30)  # Monday; 25 December (Wednesday) a public holiday, 28–29 a weekend


def test_kalender_jendela():
    assert not is_hari_kerja(dt.date(2041, 12, 25)) and not is_hari_kerja(dt.date(2041, 12, 28))
    harapan = {
        20: None,
        23: None,
        24: "h-3",  # 3rd working day before: 27, 26, (25 holiday), 24
        25: "h-3",
        26: "h-3",
        27: "h-1",
        28: "h-1",
        29: "h-1",
        30: "h",
        31: "lewat",
    }
    for hari, step in harapan.items():
        assert pengingat.langkah(dt.date(2041, 12, hari), TENGGAT) == step, hari


@pytest.fixture()
def ev_diterima(login, db_session, hari, monkeypatch):
    db = db_session
    login = bantu.login_bersih(login)
    skp = bantu.skp_ditetapkan(db, 2041)
    ev = bantu.ev_diterima(login, db, hari, skp, 3, dt.date(2041, 9, 25))
    monkeypatch.undo()  # back to the app's one clock (JAM_TETAP below)
    db.rollback()
    e = db.get(EvaluasiKinerja, ev.id)
    e.tenggat_pengembalian = TENGGAT
    db.commit()
    yield e
    db.rollback()
    db.execute(delete(Notifikasi).where(Notifikasi.tautan == f"/evaluasi/show/{e.id}"))
    db.commit()


def test_pengingat_sekali_per_langkah_pada_tanggal_lokal(app, db_session, ev_diterima):
    db = db_session
    tautan = f"/evaluasi/show/{ev_diterima.id}"

    def jalan(lokal: str) -> list[str]:
        app.config["JAM_TETAP"] = lokal
        try:
            pengingat.ingatkan()
            db.commit()
        finally:
            app.config.pop("JAM_TETAP", None)
        return list(
            db.scalars(
                select(Notifikasi.kunci_unik)
                .where(Notifikasi.tautan == tautan, Notifikasi.jenis == "pengingat_tenggat")
                .where(Notifikasi.user_id == uid(db, "pegawai"))
                .order_by(Notifikasi.id)
            )
        )

    assert jalan("2041-12-23T23:59:00+07:00") == []  # local 23 December: before the window
    pertama = jalan("2041-12-24T00:30:00+07:00")  # 23 Dec 17:30 UTC, yet the office's date is the 24th: H-3
    assert len(pertama) == 1
    assert jalan("2041-12-24T20:00:00+07:00") == pertama  # a second run the same day adds nothing
    for lokal in ("2041-12-25T00:30:00+07:00", "2041-12-26T09:00:00+07:00"):  # holiday, then a working day
        assert len(jalan(lokal)) == 1
    assert len(jalan("2041-12-27T00:30:00+07:00")) == 2
    assert len(jalan("2041-12-28T00:30:00+07:00")) == 2  # weekend: still H-1, already sent
    assert len(jalan("2041-12-30T00:30:00+07:00")) == 3
    kunci = jalan("2041-12-31T00:30:00+07:00")
    assert jalan("2042-01-02T00:30:00+07:00") == kunci  # overdue once
    assert [k.rsplit(":", 1)[1] for k in kunci] == ["h-3", "h-1", "h", "lewat"]
    n = db.scalars(select(Notifikasi).where(Notifikasi.kunci_unik == kunci[0])).one()
    assert "30 Desember 2041" in n.isi
