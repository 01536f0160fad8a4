"""Kinerja ASN — Flask-AppBuilder application factory.

Build order matters (Flask-AppBuilder 5.3): migrate the schema first, then create the AppBuilder
inside an app context of *this* app, so a second app in the same process (tests) is whole.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask

log = logging.getLogger(__name__)


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    from flask_appbuilder import AppBuilder

    from app.extensions import csrf, db
    from app.security.headers import install_security_headers
    from app.security.manager import KinerjaSecurityManager

    app = Flask(__name__, instance_relative_config=False)
    app.config.from_object("config")
    if overrides:
        app.config.update(overrides)
    from app.security.sandi import cek_kunci_rahasia

    cek_kunci_rahasia(app.config)  # before anything touches the database
    from app.jam import cek_jam_tetap

    cek_jam_tetap(app.config)  # a set clock (demo/training) must parse; never in production

    from app.berkas_privat import siapkan_instance

    siapkan_instance(app)  # instance/ 0700, its files and the SQLite database 0600 before anything writes there
    if app.config.get("AUTO_MIGRATE"):
        from schema.migrate import upgrade

        upgrade(app.config["SQLALCHEMY_DATABASE_URI"])

    if app.config.get("PROXY_FIX_X_FOR", 0) > 0:  # trust X-Forwarded-For only from configured proxies
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"])

    db.init_app(app)
    from app.pekerjaan import bereskan_yatim

    bereskan_yatim(app)  # jobs of a dead process (stale heartbeat) → "gagal", their input files deleted
    from app.security.audit import install_audit

    install_audit()
    csrf.init_app(app)  # FAB's action_post and GET actions are unprotected without it
    install_security_headers(app)
    from app.security.csrf_api import install_api_csrf

    install_api_csrf(app)  # FAB exempts API blueprints from CSRFProtect; the session cookie still needs a token
    from app.format import install_filters

    install_filters(app)

    with app.app_context():
        appbuilder = AppBuilder(
            security_manager_class=KinerjaSecurityManager,
            indexview=_index_view(),
            base_template="kinerja/base.html",
        )
        appbuilder.init_app(app, db.session)
        from app.views import register_views

        register_views(appbuilder)

    from app.cli import register_cli

    register_cli(app)
    return app


def _index_view():
    from app.views.beranda import BerandaIndexView

    return BerandaIndexView
