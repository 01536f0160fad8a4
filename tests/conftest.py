"""Test fixtures: one real database per run — SQLite by default, PostgreSQL when DATABASE_URL says so.

No mocks: the app is built by the real factory, the schema by the real migrations, the data by
the real seeders. ``KINERJA_REQUIRE_POSTGRES=1`` (set by .ci/run) turns "PostgreSQL not
reachable" into a failure instead of a skip.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings

# Tests never depend on wall time: the machine may run several suites at once, so hypothesis' timing checks
# (deadline, too_slow input generation) would fail on load, not on a wrong rule.
settings.register_profile("kinerja", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kinerja")

DEMO_PEGAWAI = 160
DEMO_SEED = 7
PASSWORD = "Demo#Kinerja2026"
AKHIR = "akhir: runs after every other test (fuzzing that writes to or long-reads the shared database)"


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    d = Path(tempfile.mkdtemp(prefix="kinerja-test-"))
    return f"sqlite:///{d / 'test.db'}"


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


def _reset(url: str) -> None:
    """Empty the database so migrations start from nothing."""
    if not is_postgres(url):
        return
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    try:
        with eng.begin() as c:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    finally:
        eng.dispose()


def pytest_configure(config):
    # registered here so the marker passes --strict-markers whatever the ini file lists
    config.addinivalue_line("markers", AKHIR)


def pytest_collection_modifyitems(config, items):
    # ``akhir`` tests run after all others (stable: they keep their order among themselves), whatever their path
    akhir = [i for i in items if i.get_closest_marker("akhir")]
    if akhir:
        items[:] = [i for i in items if not i.get_closest_marker("akhir")] + akhir
    url = os.environ.get("DATABASE_URL", "")
    require = os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1"
    for item in items:
        if "postgres" in item.keywords and not is_postgres(url):
            if require:
                item.add_marker(
                    pytest.mark.xfail(
                        reason="KINERJA_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL", strict=True, run=False
                    )
                )
            else:
                item.add_marker(pytest.mark.skip(reason="needs DATABASE_URL=postgresql+psycopg://… (run by .ci/run)"))


@pytest.fixture(scope="session")
def database_url():
    url = _database_url()
    if os.environ.get("KINERJA_REQUIRE_POSTGRES") == "1" and not is_postgres(url):
        pytest.fail("KINERJA_REQUIRE_POSTGRES=1 but DATABASE_URL is not a PostgreSQL URL")
    _reset(url)
    return url


def make_app(url: str, **extra):
    from app import create_app

    cfg = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "AUTO_MIGRATE": True,
        "SERVER_NAME": None,
    }
    if extra.get("PRODUCTION"):
        cfg["SECRET_KEY_DARI_LINGKUNGAN"] = True  # as an operator deploys it; the refusal has its own test
    cfg.update(extra)
    application = create_app(cfg)
    application.test_client_class = KlienBersih
    return application


class KlienBersih(FlaskClient):
    """A test client whose every request starts with a clean ``g``.

    Fixtures such as ``db_session`` keep an app context open; Flask then reuses it for the client's
    requests, so ``g.user`` (flask-login) and our cached Konteks would leak from one login to the next.
    """

    def open(self, *args, **kwargs):
        from flask import g, has_app_context

        if has_app_context():
            for k in list(vars(g)):
                delattr(g, k)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(database_url):
    """The application over a migrated database with reference data, demo data and one user per role."""
    from app.cli import siapkan_data

    application = make_app(database_url)
    with application.app_context():
        siapkan_data(application, pegawai=DEMO_PEGAWAI, seed=DEMO_SEED, password=PASSWORD)
    return application


@pytest.fixture()
def ctx(app):
    with app.app_context():
        yield app


@pytest.fixture()
def db_session(ctx):
    from app.extensions import db

    yield db.session
    db.session.rollback()


class Client:
    """Test client logged in as a demo user (login through the real form)."""

    def __init__(self, app, username=None):
        self.c = app.test_client()
        if username:
            r = self.c.post("/login/", data={"username": username, "password": PASSWORD}, follow_redirects=False)
            assert r.status_code == 302, f"login {username} gagal: {r.status_code}"
            assert "/login" not in r.headers.get("Location", ""), f"login {username} ditolak"

    def __getattr__(self, name):
        return getattr(self.c, name)


@pytest.fixture()
def login(app):
    def _login(username=None):
        return Client(app, username)

    return _login


class PenghitungSQL:
    """Counts SQL statements sent by the app's engine (statement counts are deterministic; times are not)."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def _cb(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append(statement)

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._cb)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._cb)

    @property
    def n(self):
        return len(self.statements)


@pytest.fixture()
def hitung_sql(app):
    from app.extensions import db

    with app.app_context():
        engine = db.engine

    def _buat():
        return PenghitungSQL(engine)

    return _buat


@pytest.fixture()
def hari(monkeypatch):
    """Set "today" for the evaluation module (deadlines and windows depend on it)."""
    from app import jam

    def _set(d):
        monkeypatch.setattr(jam, "hari_ini", lambda: d)

    return _set
