"""Celery entry point: ``celery -A app.pekerja worker`` and ``celery -A app.pekerja beat``.

The Flask app is built once here (configuration from the environment, as the web nodes), so tasks run with the
same database, clock and scopes. Refuses to start without a broker: without Redis the web process runs jobs
itself.
"""

from __future__ import annotations

from celery.signals import worker_process_init

from app import create_app
from app.extensions import db

flask_app = create_app()
celery = flask_app.extensions.get("celery")
if celery is None:
    raise SystemExit(
        "Pekerja Celery memerlukan REDIS_URL atau CELERY_BROKER_URL (tanpa itu, pekerjaan berjalan di server web)."
    )


@worker_process_init.connect
def _koneksi_baru(**_kwargs) -> None:
    """A forked pool process must not reuse the parent's database connections."""
    with flask_app.app_context():
        db.engine.dispose(close=False)
