"""Kinerja ASN — Flask-AppBuilder application factory.

Build order matters (Flask-AppBuilder 5.3): migrate the schema first, then create the AppBuilder
inside an app context of *this* app, so a second app in the same process (tests) is whole.
"""

from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask
from flask_appbuilder import AppBuilder
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from app.berkas_privat import siapkan_instance
from app.cli import register_cli
from app.extensions import csrf, db
from app.format import install_filters
from app.jam import cek_jam_tetap
from app.security.csrf_api import install_api_csrf
from app.security.headers import install_security_headers
from app.security.sandi import cek_kunci_rahasia
from app.sehat import install_sehat
from schema.migrate import kunci_migrasi, upgrade

log = logging.getLogger(__name__)


def atur_perencana(app: Flask) -> None:
    """PostgreSQL planner costs of every connection (``PG_RANDOM_PAGE_COST``, default 1.1 — SSD storage, as the
    PostgreSQL manual advises). With the server's 4.0 a bounded count of a name search read 750 000 entries of
    the name index (138 ms) instead of the trigram index's 18 000 matches (16 ms) at 1 000 000 employees."""
    nilai = str(app.config.get("PG_RANDOM_PAGE_COST") or "").strip()
    if not nilai or not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return
    biaya = float(nilai)  # a typo fails the start, not every connection

    with app.app_context():
        mesin = db.engine

    @event.listens_for(mesin, "connect")
    def _saat_sambung(dbapi_conn, _record):
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET random_page_cost = {biaya}")
        dbapi_conn.commit()


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    # Modules that import schema.models stay local: schema.models imports app.rules, which runs this package's
    # __init__ first, so importing them here at module level would be a cycle.
    from app.antrean import pasang as pasang_celery
    from app.pekerjaan import bereskan_yatim
    from app.security.audit import install_audit
    from app.security.manager import KinerjaSecurityManager
    from app.views.daftar import INDEX_VIEW, daftarkan

    app = Flask(__name__, instance_relative_config=False)
    app.config.from_object("config")
    if overrides:
        app.config.update(overrides)
    cek_kunci_rahasia(app.config)  # before anything touches the database
    cek_jam_tetap(app.config)  # a set clock (demo/training) must parse; never in production

    siapkan_instance(app)  # instance/ 0700, its files and the SQLite database 0600 before anything writes there

    if app.config.get("PROXY_FIX_X_FOR", 0) > 0:  # trust X-Forwarded-For only from configured proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"])

    db.init_app(app)
    atur_perencana(app)
    install_audit()
    csrf.init_app(app)  # FAB's action_post and GET actions are unprotected without it
    install_security_headers(app)
    install_api_csrf(app)  # FAB exempts API blueprints from CSRFProtect; the session cookie still needs a token
    install_filters(app)
    install_sehat(app)

    # Nodes starting together on an empty database: one migrates and writes FAB's roles and permissions while
    # the others wait for the lock, then find everything current (no duplicate-key crash on either step).
    with kunci_migrasi(app.config["SQLALCHEMY_DATABASE_URI"]):
        if app.config.get("AUTO_MIGRATE"):
            upgrade(app.config["SQLALCHEMY_DATABASE_URI"], kunci=False)
        with app.app_context():
            appbuilder = AppBuilder(
                security_manager_class=KinerjaSecurityManager, indexview=INDEX_VIEW, base_template="kinerja/base.html"
            )
            appbuilder.init_app(app, db.session)
            daftarkan(appbuilder, app)

    bereskan_yatim(app)  # jobs of a dead process (stale heartbeat) → "gagal", their stored inputs deleted
    pasang_celery(app)  # only when REDIS_URL/CELERY_BROKER_URL is set: jobs and the schedule go to workers
    register_cli(app)
    return app
