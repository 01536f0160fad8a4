"""Backup and restore round trip on the demo data, through the CLI."""

from sqlalchemy import select

from app.cadangan import checksum
from schema.models import Pegawai


def test_cadangan_dan_pulihkan_bolak_balik(app, tmp_path):
    from app.extensions import db

    runner = app.test_cli_runner()
    berkas = tmp_path / "cadangan.bin"
    with app.app_context():
        with db.engine.connect() as c:
            asli = checksum(c)
        assert asli["pegawai"][0] > 0
        r = runner.invoke(args=["cadangan", "buat", str(berkas)])
        assert r.exit_code == 0, r.output
        assert berkas.stat().st_size > 0
        # change something after the backup
        p = db.session.scalars(select(Pegawai).order_by(Pegawai.id).limit(1)).one()
        p.nama = "Diubah Setelah Cadangan"
        db.session.commit()
        with db.engine.connect() as c:
            assert checksum(c)["pegawai"] != asli["pegawai"]
        db.session.remove()
        r = runner.invoke(args=["cadangan", "pulihkan", "--ya", str(berkas)])
        assert r.exit_code == 0, r.output
        with db.engine.connect() as c:
            assert checksum(c) == asli


def test_pulihkan_berkas_tidak_ada(app, tmp_path):
    r = app.test_cli_runner().invoke(args=["cadangan", "pulihkan", "--ya", str(tmp_path / "tidak-ada.bin")])
    assert r.exit_code != 0 and "does not exist" in r.output or "tidak ada" in r.output
