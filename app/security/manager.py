"""Security manager: FAB's, plus the link from a login to its pegawai row."""
from __future__ import annotations

from flask import g
from flask_appbuilder.security.sqla.manager import SecurityManager


class KinerjaSecurityManager(SecurityManager):
    def auth_user_db(self, username, password):
        """In production a demo password never logs anyone in, whatever the stored hash says."""
        from flask import current_app

        from app.security.sandi import sandi_demo

        if current_app.config.get("PRODUCTION") and sandi_demo(password or ""):
            return None
        return super().auth_user_db(username, password)


def current_user():
    return getattr(g, "user", None)
