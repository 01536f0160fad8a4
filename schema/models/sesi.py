"""Login session generation: a signed session cookie or JWT is valid only while it carries the user's current
generation (app/security/sesi.py). Logging out, a password change or (de)activation writes a new one, so every
earlier cookie or token of that user stops working — the cookie itself lives in the browser and cannot be
revoked otherwise."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String

from schema.models._base import Model, utcnow


class SesiPengguna(Model):
    __tablename__ = "sesi_pengguna"
    # goes with the account: a removed login has no sessions left to check
    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), primary_key=True)
    generasi = Column(String(32), nullable=False)  # random, not a counter: the writer knows it without a read
    diubah_pada = Column(DateTime, nullable=False, default=utcnow)
