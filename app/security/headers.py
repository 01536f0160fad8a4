"""Security headers FAB does not set (Flask-AppBuilder 5.3): frame denial, nosniff, HSTS in production, and a CSP whose
scripts run only from our own files or from inline ``<script nonce="{{ csp_nonce() }}">`` blocks.

The nonce is fresh for every request (``secrets.token_urlsafe``) and is the one the header names, so a script
injected into a page (stored XSS) has no valid nonce and does not run. FAB 5.3's own templates already call
``csp_nonce()`` through ``baselib.get_nonce()`` (the Flask-Talisman convention) when it is defined. Inline
event handlers (``onclick=``) and ``javascript:`` URLs cannot carry a nonce: our pages use ``data-*``
attributes handled in ``static/kinerja.js`` instead.
"""

from __future__ import annotations

import secrets

from flask import Flask, current_app, g

# 'unsafe-inline' stays for styles only: FAB's and our templates use style="…" attributes, Bootstrap/Select2
# set element styles, and CSS cannot run script (the issue CSP solves here is script injection).
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'nonce-{nonce}'; object-src 'none'; font-src 'self' data:; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"


def csp_nonce() -> str:
    """This request's script nonce (created on first use; the header names the same value)."""
    nonce = g.get("_csp_nonce")
    if nonce is None:
        nonce = g._csp_nonce = secrets.token_urlsafe(18)
    return nonce


def install_security_headers(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.before_request
    def _nonce_baru():
        # ``g`` lives as long as the app context, which a test (or a CLI command) may keep across requests
        g._csp_nonce = secrets.token_urlsafe(18)

    @app.after_request
    def _headers(resp):
        resp.headers.setdefault("X-Frame-Options", "DENY")
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("Content-Security-Policy", CSP.format(nonce=csp_nonce()))
        if current_app.config.get("PRODUCTION"):
            # production runs behind TLS; plain-HTTP development on localhost must not be pinned to HTTPS
            resp.headers.setdefault("Strict-Transport-Security", HSTS)
        return resp
