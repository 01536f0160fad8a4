"""PostgreSQL planner costs set per connection (app/__init__.py ``atur_perencana``): the plans measured at
1 000 000 employees (bounded count of a name search through the trigram index) depend on them."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.extensions import db


def test_random_page_cost_tiap_sambungan(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("needs DATABASE_URL=postgresql+psycopg://… (run by .ci/run)")
        assert db.session.execute(text("SHOW random_page_cost")).scalar() == "1.1"
        db.session.rollback()  # a rolled-back transaction does not undo the connection's setting
        with db.engine.connect() as c:
            assert c.execute(text("SHOW random_page_cost")).scalar() == "1.1"
