"""Server-side end of a login session: a per-user session generation (table ``sesi_pengguna``).

FAB's session is a signed Flask cookie: ``/logout/`` only clears it in that browser, so a copied cookie stayed
valid. Now every login stores the user's current generation in the cookie (``KUNCI``) or in its JWTs (claim
``KLAIM``); the user loader (``KinerjaSecurityManager.get_user_by_id``, same SELECT as the user and roles)
compares it on every request. A new generation — written on logout, on a password change (own or by an admin,
any path: an ORM event on ``ab_user``) and on (de)activation — ends every earlier session and token of that
user, in every browser. Logging out therefore ends *all* sessions of that user, not only the current one.
The browser in which a user changes their own password keeps its session (it is given the new generation).
"""

from __future__ import annotations

import hmac
import secrets

from flask import g, has_request_context
from flask import session as sesi_flask
from sqlalchemy import event, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app import jam
from schema.models import SesiPengguna, User

KUNCI = "_kinerja_sesi"  # Flask session key
KLAIM = "sesi"  # JWT claim (access and refresh tokens)
ATRIBUT = "_kinerja_generasi"  # the generation loaded with the user row (not a mapped column)


def generasi_baru() -> str:
    return secrets.token_hex(16)


def berlaku(user, nilai) -> bool:
    """Does a cookie/token value ``nilai`` carry the user's current generation? Sessions older than the table
    (no value) and users without a row (never logged in since) have none: they log in again."""
    gen = getattr(user, ATRIBUT, None)
    return isinstance(nilai, str) and gen is not None and hmac.compare_digest(nilai, gen)


def _insert_abaikan_konflik(dialek: str):
    insert = postgresql.insert if dialek == "postgresql" else sqlite.insert
    return insert(SesiPengguna).on_conflict_do_nothing(index_elements=["user_id"])


def pastikan(session, user_id: int) -> str:
    """The user's current generation; the first login creates it (concurrent first logins agree on one)."""
    q = select(SesiPengguna.generasi).where(SesiPengguna.user_id == user_id)
    gen = session.scalar(q)
    if gen is None:
        dialek = session.get_bind().dialect.name
        session.execute(
            _insert_abaikan_konflik(dialek).values(
                user_id=user_id, generasi=generasi_baru(), diubah_pada=jam.sekarang_utc()
            )
        )
        gen = session.scalar(q)
        session.commit()
    return gen


def akhiri_semua(conn, user_id: int) -> str:
    """Write a new generation: every session and token issued before ends. No row = no live session."""
    baru = generasi_baru()
    conn.execute(
        update(SesiPengguna.__table__)
        .where(SesiPengguna.__table__.c.user_id == user_id)
        .values(generasi=baru, diubah_pada=jam.sekarang_utc())
    )
    return baru


def _sebelum_ubah_user(_mapper, connection, target) -> None:
    st = inspect(target)
    sandi = st.attrs.password.history.has_changes()
    if not (sandi or st.attrs.active.history.has_changes()):
        return
    baru = akhiri_semua(connection, target.id)
    # The browser where users change their own password stays logged in; copies of its old cookie do not.
    if sandi and has_request_context():
        pelaku = g.get("_login_user")  # flask-login's loaded user; never load it here, mid-flush
        if getattr(pelaku, "id", None) == target.id and KUNCI in sesi_flask:
            sesi_flask[KUNCI] = baru


_terpasang = False


def pasang() -> None:
    """Listen to every ``ab_user`` update, whichever path changes the password or ``active`` (FAB views,
    ``reset_password``, CLI, our own code): once per process."""
    global _terpasang
    if not _terpasang:
        event.listen(User, "before_update", _sebelum_ubah_user, propagate=True)
        _terpasang = True
