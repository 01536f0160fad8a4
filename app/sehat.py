"""``GET /sehat`` for a load balancer: is this node able to serve — database reachable, and the broker when
Celery is configured. 200 or 503, a few words in JSON, no names of hosts, no versions, no error texts."""

from __future__ import annotations

from flask import Flask, jsonify
from sqlalchemy import text

from app.extensions import db


def _basis_data() -> bool:
    try:
        with db.engine.connect() as c:
            c.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


def _antrean(app: Flask) -> str:
    celery = app.extensions.get("celery")
    if celery is None:
        return "tidak dipakai"
    try:
        with celery.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
        return "ok"
    except Exception:
        return "galat"


def install_sehat(app: Flask) -> None:
    @app.route("/sehat")
    def sehat():
        bd = _basis_data()
        antrean = _antrean(app)
        baik = bd and antrean != "galat"
        r = jsonify(status="sehat" if baik else "tidak sehat", basis_data="ok" if bd else "galat", antrean=antrean)
        r.status_code = 200 if baik else 503
        r.headers["Cache-Control"] = "no-store"
        return r
