"""CLI (``flask --app run …``): database, reference seeds, demo data, demo users.

The seeds are imported inside the commands: ``app/__init__`` registers this module and ``seeds`` imports
``app`` (a real cycle)."""

from __future__ import annotations

import importlib
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from app.cadangan import GagalCadangan, buat, pulihkan, sensor, tampil
from app.extensions import db
from schema.migrate import revision, upgrade

seed_cli = AppGroup("seed", help="Data referensi dan data demo.")
cadangan_cli = AppGroup("cadangan", help="Cadangkan dan pulihkan basis data.")
db_cli = AppGroup("db", help="Migrasi basis data (Alembic, schema/migrations).")
berkas_cli = AppGroup("berkas", help="Berkas tersimpan (bukti dukung, hasil pekerjaan).")


def siapkan_data(app: Flask, pegawai: int = 600, seed: int = 2026, password: str | None = None) -> dict:
    """What run.py does on start: reference seeds (idempotent), demo data if empty, demo users. Idempotent."""
    from seeds.demo import database_kosong, generate_demo
    from seeds.pengguna import buat_pengguna_demo
    from seeds.referensi import load_reference

    hasil = {"referensi": load_reference(db.session)}
    db.session.commit()
    if app.config.get("PRODUCTION"):
        return hasil  # production: reference data only — no demo regency, no demo logins
    if database_kosong(db.session):
        hasil["demo"] = generate_demo(db.session, pegawai=pegawai, seed=seed)
        hasil["demo"].update(demo_tambahan(db.session, seed=seed))
        db.session.commit()
    password = password or app.config["DEMO_PASSWORD"]
    hasil["pengguna"] = buat_pengguna_demo(app.appbuilder.sm, db.session, password)
    return hasil


# Each capability adds its demo records (SKP in every state, teams, evaluations …) after the regency exists.
DEMO_TAMBAHAN = (
    "seeds.demo_perencanaan",
    "seeds.demo_pelaksanaan",
    "seeds.demo_pemantauan",
    "seeds.demo_penilaian",
    "seeds.demo_klinik",
    "seeds.demo_tindak_lanjut",
)


def demo_tambahan(session, seed: int, tahun: int = 2026) -> dict:

    hasil: dict = {}
    for name in DEMO_TAMBAHAN:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:
                continue
            raise
        hasil.update(mod.generate(session, seed=seed, tahun=tahun))
    return hasil


@db_cli.command("upgrade")
def db_upgrade():
    """Migrate the database to the newest schema."""

    upgrade(current_app.config["SQLALCHEMY_DATABASE_URI"])
    click.echo("Skema basis data mutakhir.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def db_revision(message):
    """(Developers) autogenerate a migration from the models."""

    revision(current_app.config["SQLALCHEMY_DATABASE_URI"], message)


@seed_cli.command("referensi")
def seed_referensi():
    """Load reference data (idempotent)."""
    from seeds.referensi import load_reference

    n = load_reference(db.session)
    db.session.commit()
    click.echo(f"Data referensi dimuat ({n} baris baru/berubah).")


@seed_cli.command("demo")
@click.option(
    "--pegawai", default=600, show_default=True, type=click.IntRange(50, 50000), help="Jumlah pegawai demo (50–50 000)."
)
@click.option("--seed", default=2026, show_default=True, type=int, help="Benih acak (hasil deterministik).")
@click.option("--tahun", default=2026, show_default=True, type=int)
def seed_demo(pegawai, seed, tahun):
    """Generate the demo regency into an empty database, then the demo users."""
    from seeds.demo import database_kosong, generate_demo
    from seeds.pengguna import buat_pengguna_demo
    from seeds.referensi import load_reference

    load_reference(db.session)
    if not database_kosong(db.session):
        raise click.ClickException(
            "Basis data sudah berisi data instansi; data demo hanya dibuat pada basis data kosong."
        )
    hasil = generate_demo(db.session, pegawai=pegawai, seed=seed, tahun=tahun)
    hasil.update(demo_tambahan(db.session, seed=seed, tahun=tahun))
    db.session.commit()
    if not current_app.config.get("PRODUCTION"):
        buat_pengguna_demo(current_app.appbuilder.sm, db.session, current_app.config["DEMO_PASSWORD"])
    click.echo("Data demo dibuat: " + ", ".join(f"{k} {v}" for k, v in hasil.items()))


@seed_cli.command("massal")
@click.option("--pegawai", default=1_000_000, show_default=True, type=click.IntRange(50), help="Jumlah pegawai.")
@click.option("--basis", default=None, type=click.IntRange(50, 50000), help="Pegawai basis demo ORM (bawaan 50 000).")
@click.option("--seed", default=2026, show_default=True, type=int, help="Benih acak (hasil deterministik).")
@click.option("--tanpa-lepas", is_flag=True, help="Jangan lepas indeks/kunci asing selama penyalinan (lebih lambat).")
def seed_massal(pegawai, basis, seed, tanpa_lepas):
    """(PostgreSQL) Demo data at ministry scale: a demo base copied K times inside the server."""
    from seeds.massal import GagalMassal, bangun_massal

    try:
        bangun_massal(
            current_app._get_current_object(), pegawai, basis, seed=seed, lepas=not tanpa_lepas, cetak=click.echo
        )
    except GagalMassal as e:
        raise click.ClickException(str(e)) from None


@cadangan_cli.command("buat")
@click.argument("berkas", type=click.Path(dir_okay=False))
def cadangan_buat(berkas):
    """Dump the database to FILE (pg_dump custom format, or a SQLite copy)."""

    with _tanpa_rahasia():
        buat(current_app.config["SQLALCHEMY_DATABASE_URI"], berkas)
    click.echo(f"Cadangan ditulis ke {berkas} (hanya dapat dibaca pemiliknya).")


@cadangan_cli.command("pulihkan")
@click.argument("berkas", type=click.Path(dir_okay=False))  # existence checked by pulihkan (Indonesian message)
@click.option("--ya", is_flag=True, help="Tanpa konfirmasi.")
def cadangan_pulihkan(berkas, ya):
    """Replace the database's content with FILE."""

    if not ya:
        click.confirm("Seluruh isi basis data akan diganti dengan cadangan. Lanjutkan?", abort=True)
    with _tanpa_rahasia():
        pulihkan(current_app.config["SQLALCHEMY_DATABASE_URI"], berkas, engine=db.engine)
    click.echo("Basis data dipulihkan.")


@contextmanager
def _tanpa_rahasia():
    """Backup/restore failures: a short Indonesian message and exit status 1 — never a traceback, which would
    show the database URL with its password. Anything unexpected is reported redacted too."""

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        yield
    except GagalCadangan as e:
        click.echo(f"Gagal: {e}", err=True)
        raise SystemExit(1) from None
    except Exception as e:
        click.echo(f"Gagal ({tampil(url)}): {sensor(f'{type(e).__name__}: {e}', url)}", err=True)
        raise SystemExit(1) from None


@click.command("jadwal")
@with_appcontext
def jadwal_harian():
    """Run today's daily work once (cron on a single node; Celery beat does it where configured)."""
    from app.jadwal import jalankan_harian  # app.jadwal imports the models, which import app (see top)

    for nama, ringkasan in jalankan_harian(current_app._get_current_object()).items():
        click.echo(f"{nama}: {ringkasan}")


@berkas_cli.command("pindahkan")
def berkas_pindahkan():
    """Copy an older installation's uploads from UPLOAD_FOLDER into the database (shared by every node)."""
    from app.berkas import periksa_nama  # imports the models (see top)
    from app.penyimpanan import simpan_dengan_nama

    folder = Path(current_app.config["UPLOAD_FOLDER"])
    n = 0
    for f in sorted(folder.glob("*")) if folder.is_dir() else []:
        try:
            periksa_nama(f.name)
        except ValueError:
            continue
        with open(f, "rb") as isi:
            n += simpan_dengan_nama(isi, "bukti", f.name)
        db.session.commit()
    click.echo(f"{n} berkas dipindahkan ke basis data; berkas di {folder} boleh dihapus sesudah diperiksa.")


siasn_cli = AppGroup("siasn", help="Platform tunggal ASN (SIASN).")


@siasn_cli.command("kirim")
def siasn_kirim():
    """Send the SIASN outbox's due rows now (cron without Celery)."""
    from app.jadwal import kirim_siasn  # imports the models (see top)

    hasil = kirim_siasn(current_app._get_current_object())
    if hasil is None:
        raise click.ClickException("Integrasi SIASN belum dinyalakan (SIASN_* di lingkungan server).")
    click.echo(", ".join(f"{k} {v}" for k, v in hasil.items()))


surel_cli = AppGroup("surel", help="Surel notifikasi.")


@surel_cli.command("kirim")
def surel_kirim():
    """Send the email outbox's due rows now (cron without Celery)."""
    from app.jadwal import kirim_surel  # imports the models (see top)

    hasil = kirim_surel(current_app._get_current_object())
    if hasil is None:
        raise click.ClickException("Surel notifikasi belum diatur (SMTP_HOST di lingkungan server).")
    click.echo(", ".join(f"{k} {v}" for k, v in hasil.items()))


def register_cli(app: Flask) -> None:
    app.cli.add_command(siasn_cli)
    app.cli.add_command(surel_cli)
    app.cli.add_command(jadwal_harian)
    app.cli.add_command(berkas_cli)
    app.cli.add_command(seed_cli)
    app.cli.add_command(cadangan_cli)
    app.cli.add_command(db_cli)
