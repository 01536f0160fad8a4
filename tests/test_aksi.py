"""The action pipeline (``app.aksi``) against the test database: one transaction per action (commit on success,
rollback on a refusal), a concurrent update becomes ``DataBasi``, the version check, the parsers' messages; and,
over HTTP, a refused view action writes nothing and shows its message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from flask import get_flashed_messages
from sqlalchemy import func, select, update

from app import aksi
from app.aksi import PESAN_BASI, DataBasi, Ditolak, cek_versi, transaksi
from schema.models import SKP, AuditLog, Golongan, TindakLanjutSanksi
from tests import bantu

KODE_UJI = "UJI/aksi"


def _golongan_uji(db):
    return db.scalar(select(Golongan).where(Golongan.kode == KODE_UJI))


@pytest.fixture()
def golongan_bersih(db_session):
    """No test row before or after (a failed assertion must not leave a committed row behind)."""
    db = db_session
    db.rollback()
    assert _golongan_uji(db) is None
    yield db
    db.rollback()
    g = _golongan_uji(db)
    if g is not None:
        db.delete(g)
        db.commit()


# -- transaksi() --------------------------------------------------------------------------------------------


def test_transaksi_commit_saat_berhasil(golongan_bersih):
    db = golongan_bersih
    with transaksi():
        db.add(Golongan(kode=KODE_UJI, jenis_asn="pns", urutan=99))
    db.rollback()  # only what was committed survives this
    assert _golongan_uji(db) is not None


def test_transaksi_rollback_saat_ditolak(golongan_bersih):
    db = golongan_bersih
    dibatalkan = []
    with pytest.raises(Ditolak, match="Uji penolakan"), transaksi(saat_batal=lambda: dibatalkan.append(True)):
        db.add(Golongan(kode=KODE_UJI, jenis_asn="pns", urutan=99))
        db.flush()  # written inside the transaction, then refused
        raise Ditolak("Uji penolakan.")
    assert dibatalkan == [True]  # e.g. uploaded files removed
    assert _golongan_uji(db) is None


def test_transaksi_rollback_saat_galat_lain(golongan_bersih):
    """Not only refusals: any exception rolls back (and propagates as itself)."""
    db = golongan_bersih
    with pytest.raises(ZeroDivisionError), transaksi():
        db.add(Golongan(kode=KODE_UJI, jenis_asn="pns", urutan=99))
        db.flush()
        1 / 0  # noqa: B018
    assert _golongan_uji(db) is None


def test_transaksi_stale_data_menjadi_data_basi(db_session):
    """Someone else saved the row after it was loaded: the flush finds another ``versi`` → ``DataBasi`` (409)."""
    db = db_session
    skp = db.scalars(select(SKP).order_by(SKP.id).limit(1)).first()
    assert skp is not None
    nama = skp.pegawai_nama
    with pytest.raises(DataBasi) as e, transaksi():
        # the concurrent save, bypassing the ORM (which would keep the loaded object's version in step)
        db.execute(update(SKP.__table__).where(SKP.__table__.c.id == skp.id).values(versi=SKP.__table__.c.versi + 1))
        skp.pegawai_nama = "Nama dari klien lain"
    assert e.value.kode == 409 and str(e.value) == PESAN_BASI
    assert isinstance(e.value, Ditolak)
    db.expire_all()
    assert db.get(SKP, skp.id).pegawai_nama == nama  # rolled back, the concurrent update too


# -- cek_versi ----------------------------------------------------------------------------------------------


class _GalatModul(Ditolak):
    pass


def test_cek_versi():
    obj = SimpleNamespace(versi=3)
    cek_versi(obj, "3")
    cek_versi(obj, 3)
    cek_versi(obj, "")  # older forms and API clients send none: no check
    cek_versi(obj, None)
    for basi in ("2", "4", "tiga", "3.0"):
        with pytest.raises(DataBasi, match="diubah pengguna lain"):
            cek_versi(obj, basi)
    with pytest.raises(_GalatModul) as e:
        cek_versi(obj, "2", galat=_GalatModul)
    assert str(e.value) == PESAN_BASI
    cek_versi(SimpleNamespace(versi_lain=5), "5", kolom="versi_lain")


# -- hierarchy ----------------------------------------------------------------------------------------------


def test_kode_http():
    from app.api.master import DiluarCakupan

    assert Ditolak("x").kode == 400 and Ditolak("x", kode=404).kode == 404
    assert DataBasi().kode == 409 and str(DataBasi()) == PESAN_BASI
    assert issubclass(DiluarCakupan, Ditolak) and DiluarCakupan("x").kode == 403
    for modul in ("klinik", "pelaksanaan", "penilaian", "perencanaan", "tindak_lanjut"):
        import importlib

        m = importlib.import_module(f"app.queries.{modul}")
        kelas = [
            v
            for v in vars(m).values()
            if isinstance(v, type)
            and issubclass(v, Exception)
            and v.__module__.startswith(m.__name__)
            and v.__name__.startswith(("Galat", "SKP"))
        ]
        assert kelas and all(issubclass(k, Ditolak) for k in kelas), modul


# -- parsers ------------------------------------------------------------------------------------------------


def test_teks():
    assert aksi.teks("  Uraian  ", "Uraian") == "Uraian"
    assert aksi.teks("   ", "Uraian") is None and aksi.teks(None, "Uraian") is None
    with pytest.raises(Ditolak, match="^Uraian wajib diisi.$"):
        aksi.teks(" ", "Uraian", wajib=True)
    with pytest.raises(Ditolak, match="^Uraian paling panjang 5 karakter.$"):
        aksi.teks("enam!!", "Uraian", maks=5)
    with pytest.raises(_GalatModul):
        aksi.teks("", "Uraian", wajib=True, galat=_GalatModul)


def test_bilangan():
    assert aksi.bilangan("12", "Jumlah") == 12
    for salah in ("", None, "1,5", "dua"):
        with pytest.raises(Ditolak, match="^Jumlah tidak valid.$"):
            aksi.bilangan(salah, "Jumlah")
    assert aksi.bilangan_atau("7") == 7
    assert aksi.bilangan_atau("x", 2026) == 2026 and aksi.bilangan_atau(None, 1) == 1 and aksi.bilangan_atau("") is None


def test_desimal():
    assert aksi.desimal("97,5", "Target") == Decimal("97.5") and aksi.desimal(" 100 ", "Target") == Decimal(100)
    assert aksi.desimal("", "Target") is None and aksi.desimal(None, "Target") is None
    with pytest.raises(Ditolak, match=r"^Target harus berupa angka \(contoh: 100 atau 97,5\).$"):
        aksi.desimal("sembilan", "Target")
    for besar in ("1e16", "NaN", "Infinity"):
        with pytest.raises(Ditolak, match="^Target di luar rentang.$"):
            aksi.desimal(besar, "Target")


def test_tanggal():
    assert aksi.tanggal("2026-03-31", "Tanggal") == dt.date(2026, 3, 31)
    assert aksi.tanggal(dt.date(2026, 1, 2), "Tanggal") == dt.date(2026, 1, 2)
    assert aksi.tanggal("", "Tanggal") is None
    with pytest.raises(Ditolak, match="^Tanggal wajib diisi.$"):
        aksi.tanggal(None, "Tanggal", wajib=True)
    with pytest.raises(Ditolak, match=r"^Tanggal mulai: tanggal tidak valid \(format TTTT-BB-HH\).$"):
        aksi.tanggal("31-03-2026", "Tanggal mulai")
    assert aksi.tanggal_atau("2026-02-30") is None and aksi.tanggal_atau("", dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert aksi.tanggal_atau("2026-02-28") == dt.date(2026, 2, 28)


# -- the views' adapter ---------------------------------------------------------------------------------------


def test_satu_transaksi_flash(app, golongan_bersih):
    from app.views.base import satu_transaksi

    db = golongan_bersih
    with app.test_request_context("/"):
        assert (
            satu_transaksi(
                lambda: db.add(Golongan(kode=KODE_UJI, jenis_asn="pns", urutan=99)) or 5, lambda n: f"Tersimpan {n}."
            )
            == 5
        )
        assert get_flashed_messages(with_categories=True) == [("success", "Tersimpan 5.")]
    db.rollback()
    g = _golongan_uji(db)
    assert g is not None

    def tolak():
        g.urutan = 100
        db.flush()
        raise Ditolak("Golongan uji ditolak.")

    with app.test_request_context("/"):
        assert satu_transaksi(tolak, "Tidak terlihat.") is None
        assert get_flashed_messages(with_categories=True) == [("danger", "Golongan uji ditolak.")]
    db.rollback()
    assert _golongan_uji(db).urutan == 99


# -- over HTTP: a refused view action writes nothing and says why -------------------------------------------


def test_aksi_tampilan_ditolak_tidak_menulis_dan_memberi_pesan(login, db_session):
    db = db_session

    def jumlah():
        db.rollback()
        return (
            db.scalar(select(func.count()).select_from(TindakLanjutSanksi)),
            db.scalar(select(func.count()).select_from(AuditLog)),
        )

    c = bantu.login_bersih(login)("admin")
    sebelum = jumlah()  # after the login (audited itself)
    r = c.post(
        "/tindaklanjutsanksiview/add",
        data={"evaluasi": "2147483000", "jenis": "uji_kompetensi_ulang", "status": "dibuka"},
        follow_redirects=True,
    )
    assert r.status_code == 200
    assert "Evaluasi asal tidak ditemukan atau di luar kewenangan Anda." in bantu.html(r)
    assert jumlah() == sebelum
