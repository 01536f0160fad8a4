"""Throttling of *failed* logins per account and per client address, on the HTML and the API login alike.

FAB's ``AUTH_RATE_LIMITED`` limits POSTs to the HTML ``/login/`` only (``/api/v1/security/login`` was open to
guessing) and counts successful logins too (an office behind one NAT address would lock itself out at 9 am).
Both paths call ``KinerjaSecurityManager.auth_user_db``; it asks ``PembatasLogin`` before checking the password
and records a failure after. Counters live in Flask-Limiter's storage (``RATELIMIT_STORAGE_URI``: ``memory://``
per process, Redis shared by every worker) with the ``limits`` moving-window strategy. A refused attempt is
not checked at all — the right password is refused too — and is answered 429 by the two views below.
Client address = ``request.remote_addr``: ``X-Forwarded-For`` counts only through ProxyFix (``PROXY_FIX_X_FOR``).
"""

from __future__ import annotations

import logging
import math
import time

from flask import flash, g, has_request_context, request, session
from flask_appbuilder.security import api as fab_api
from flask_appbuilder.security import views as fab_views
from flask_appbuilder.security.decorators import no_cache
from flask_appbuilder.security.forms import LoginForm_db
from flask_appbuilder.views import expose
from limits import parse
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

log = logging.getLogger(__name__)

DIBATASI = "_kinerja_login_dibatasi"  # g attribute: seconds until the next attempt is allowed


def pesan(tunggu: int) -> str:
    menit = max(1, math.ceil(tunggu / 60))
    return (
        f"Terlalu banyak percobaan masuk yang gagal untuk akun ini atau dari alamat ini. Coba lagi dalam {menit} menit."
    )


class PembatasLogin:
    """Failure counters over Flask-Limiter's storage; inactive when rate limiting is off (``RATELIMIT_ENABLED``)."""

    def __init__(self, limiter, config):
        self.aktif = bool(limiter.enabled)
        self.per_akun = parse(config.get("LOGIN_GAGAL_PER_AKUN", "5 per 15 minute"))
        self.per_alamat = parse(config.get("LOGIN_GAGAL_PER_ALAMAT", "50 per 15 minute"))
        self.strategi = None
        if self.aktif:
            try:
                self.strategi = MovingWindowRateLimiter(limiter.storage)
            except NotImplementedError:  # e.g. memcached: no moving window
                self.strategi = FixedWindowRateLimiter(limiter.storage)

    def _batas(self, akun: str | None, alamat: str):
        if akun:
            yield self.per_akun, ("login-gagal", "akun", akun)
        yield self.per_alamat, ("login-gagal", "alamat", alamat)

    def tunggu(self, akun: str | None, alamat: str) -> int | None:
        """Seconds until this account/address may try again, or None when it may try now."""
        if not self.aktif:
            return None
        for item, ids in self._batas(akun, alamat):
            if not self.strategi.test(item, *ids):
                reset = self.strategi.get_window_stats(item, *ids).reset_time
                return max(1, math.ceil(reset - time.time()))
        return None

    def gagal(self, akun: str | None, alamat: str) -> None:
        if self.aktif:
            for item, ids in self._batas(akun, alamat):
                self.strategi.hit(item, *ids)

    def berhasil(self, akun: str | None) -> None:
        """A success clears the account's failures (its owner knows the password), never the address's:
        otherwise one valid login would reset a guesser's per-address budget."""
        if self.aktif and akun:
            self.strategi.clear(self.per_akun, "login-gagal", "akun", akun)


def alamat_klien() -> str:
    return (request.remote_addr or "?") if has_request_context() else "-"


def tandai_dibatasi(tunggu: int) -> None:
    g.setdefault(DIBATASI, tunggu)


class AuthDBView(fab_views.AuthDBView):
    """FAB's HTML login; a throttled attempt gets the login page again with status 429 (same class name: same
    endpoint ``AuthDBView.login``)."""

    @expose("/login/", methods=["GET", "POST"])
    @no_cache
    def login(self):
        jawab = super().login()
        tunggu = g.pop(DIBATASI, None)
        if tunggu is None:
            return jawab
        flashes = session.get("_flashes") or []
        if flashes:  # FAB's "invalid login" would contradict the real reason
            flashes.pop()
            session["_flashes"] = flashes
        flash(pesan(tunggu), "danger")
        halaman = self.render_template(
            self.login_template, title=self.title, form=LoginForm_db(), appbuilder=self.appbuilder
        )
        return halaman, 429, {"Retry-After": str(tunggu)}


class SecurityApi(fab_api.SecurityApi):
    """FAB's API login; a throttled attempt gets 429 with an Indonesian JSON message and ``Retry-After``."""

    @expose("/login", methods=["POST"])
    def login(self):
        jawab = super().login()
        tunggu = g.pop(DIBATASI, None)
        if tunggu is None:
            return jawab
        r = self.response(429, message=pesan(tunggu))
        r.headers["Retry-After"] = str(tunggu)
        return r

    login.__doc__ = (fab_api.SecurityApi.login.__doc__ or "").replace(
        "            500:\n",
        "            429:\n              description: Terlalu banyak percobaan masuk yang gagal\n            500:\n",
        1,
    )
