"""Fixtures of the security tests: the application with CSRF protection on (the other tests switch it off)."""

from __future__ import annotations

import pytest

from tests.conftest import make_app


@pytest.fixture(scope="module")
def app_csrf(app, database_url):
    return make_app(database_url, WTF_CSRF_ENABLED=True)
