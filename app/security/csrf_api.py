"""CSRF for the REST API when the browser's session cookie authenticates it.

The model APIs accept the HTML login's session cookie (``allow_browser_login``) and FAB exempts every API
blueprint from ``CSRFProtect``, so without this hook another site could make a logged-in user's browser
write through ``/api/``. One rule for every API, present and future: an unsafe method on ``/api/`` from a
session-authenticated user needs Flask-WTF's token in the ``X-CSRFToken`` header (the same token the HTML
forms carry, ``csrf_token()``). Requests with ``Authorization: Bearer …`` are not cookie-authenticated and
are unaffected: a browser cannot attach that header cross-site without a CORS grant, which the app never
gives. Reads (GET, HEAD, OPTIONS) are unaffected.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

METODE_TIDAK_AMAN = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PESAN = (
    "Token CSRF tidak ada atau tidak sah. Permintaan API dengan cookie sesi peramban harus menyertakan "
    "header X-CSRFToken; klien non-peramban memakai token Bearer."
)


def install_api_csrf(app: Flask) -> None:
    @app.before_request
    def _csrf_api():
        if request.method not in METODE_TIDAK_AMAN or not request.path.startswith("/api/"):
            return None
        if not current_app.config.get("WTF_CSRF_ENABLED", True):
            return None
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            return None
        if not current_user.is_authenticated:
            return None  # neither cookie nor token: the API itself answers 401 (or logs in)
        token = None
        for nama in current_app.config.get("WTF_CSRF_HEADERS", ["X-CSRFToken", "X-CSRF-Token"]):
            token = token or request.headers.get(nama)
        try:
            validate_csrf(token)
        except ValidationError:
            resp = jsonify(message=PESAN)
            resp.status_code = 403
            return resp
        return None
