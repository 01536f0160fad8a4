"""A refused form comes back as the user left it: no hand-written form loses what was typed on a refusal.

Pages with hand-written forms (the evaluation form, the SKP page) redirect after a successful POST. On a refusal
a redirect would show the stored values again and drop the user's choices, so the view re-renders its page in
the refused request instead (``tolak``), and the templates read each field through the Jinja global
``isian(action, **tersembunyi)``: the values this request submitted when it was posted by the form with that
``action`` (and those hidden values, for repeated forms sharing one action), otherwise the stored value.

A refusal with nothing typed (a workflow button) and a stale form (someone else saved first: the page must show
their data, the message asks to reload) still redirect.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, g, request
from jinja2 import Undefined

# fields a form sends that the user did not type
_BUKAN_ISIAN = frozenset({"csrf_token", "versi"})


class Isian:
    """One form's values: the refused submission if there is one, else the stored value the template gives."""

    def __init__(self, kiriman=None):
        self.kiriman = kiriman

    def __bool__(self) -> bool:
        return self.kiriman is not None

    def nilai(self, nama: str, tersimpan=None) -> str:
        if self.kiriman is not None:
            return self.kiriman.get(nama, "")
        return "" if _kosong(tersimpan) else str(tersimpan)

    def pilih(self, nama: str, opsi, tersimpan=None) -> bool:
        """Whether ``opsi`` of select ``nama`` is selected."""
        if self.kiriman is not None:
            return str(opsi) in self.kiriman.getlist(nama)
        return not _kosong(tersimpan) and str(tersimpan) == str(opsi)

    def centang(self, nama: str, tersimpan=False) -> bool:
        if self.kiriman is not None:
            return bool(self.kiriman.get(nama))
        return bool(tersimpan)


def _kosong(v) -> bool:
    return v is None or isinstance(v, Undefined)  # ``x.uraian if x`` in a template is Undefined without x


_KOSONG = Isian()


def isian(action, **tersembunyi) -> Isian:
    """Jinja global: the form posted to ``action`` (with these hidden values), as this request must show it."""
    if not g.get("isian_ditolak") or request.method != "POST":
        return _KOSONG
    if urlsplit(str(action)).path != request.script_root + request.path:
        return _KOSONG
    if any(request.form.get(k, "") != str(v) for k, v in tersembunyi.items()):
        return _KOSONG
    return Isian(request.form)


def ada_isian() -> bool:
    """Whether the user typed or chose anything in this POST (beyond the token and the version)."""
    return any(k not in _BUKAN_ISIAN and v.strip() for k, v in request.form.items(multi=True))


def tandai_ditolak() -> None:
    """This request renders a page after refusing its POST: the forms show what was submitted."""
    g.isian_ditolak = True


def tolak(pesan: str, tampilkan):
    """Refuse with ``pesan``; when the user typed something, the page again (``tampilkan()``) holding it.
    Returns None when there is nothing to keep: the caller redirects as after any action."""
    flash(pesan, "danger")
    if request.method == "POST" and ada_isian():
        tandai_ditolak()
        return tampilkan()
    return None


def pasang(app) -> None:
    app.jinja_env.globals["isian"] = isian
