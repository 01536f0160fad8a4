"""Security manager: FAB's, plus the link from a login to its pegawai row."""
from __future__ import annotations

from flask import g
from flask_appbuilder.security.sqla.manager import SecurityManager


class KinerjaSecurityManager(SecurityManager):
    pass


def current_user():
    return getattr(g, "user", None)
