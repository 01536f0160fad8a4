"""Navbar helpers: hide entries whose list is empty by construction for this user, short category labels, the
user's display name and role (app/templates/appbuilder/navbar.html, navbar_right.html); the rendered menu is
cached per process (``menu_navbar``)."""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import current_app, g, render_template, request
from flask_babel import get_locale
from markupsafe import Markup

from app.security import roles as R
from app.security.scope import daftar_berisi, konteks
from app.views.baris_daftar import baris_daftar

# menu item name → matrix resource (each resource's own item and its further links)
_SUMBER_MENU: dict[str, str] = {}
for _key, _res in R.RESOURCES.items():
    _SUMBER_MENU[_res.menu[1]] = _key
    for _nama in _res.menu_lain:
        _SUMBER_MENU[_nama] = _key


def menu_berisi(item) -> bool:
    """A menu item (FAB MenuItem) the user may open whose list can hold rows for them; a category: when one of
    its items is. FAB's ``is_menu_visible`` checks the permission only."""
    if not current_app.appbuilder.sm.has_access("menu_access", item.name):
        return False
    if item.childs:
        return any(c.name != "-" and menu_berisi(c) for c in item.childs)
    key = _SUMBER_MENU.get(item.name)
    return key is None or daftar_berisi(key)


class CacheMenu:
    """Bounded LRU of rendered menus, one per application object (each gunicorn worker keeps its own; tests
    building several apps in one process do not share entries), thread-safe."""

    def __init__(self, maks: int = 256):
        self.maks, self._isi, self._kunci = maks, OrderedDict(), threading.Lock()

    def ambil(self, kunci):
        with self._kunci:
            html = self._isi.get(kunci)
            if html is not None:
                self._isi.move_to_end(kunci)
            return html

    def simpan(self, kunci, html) -> None:
        with self._kunci:
            self._isi[kunci] = html
            self._isi.move_to_end(kunci)
            while len(self._isi) > self.maks:
                self._isi.popitem(last=False)

    def kosongkan(self) -> None:
        with self._kunci:
            self._isi.clear()

    def __len__(self) -> int:
        return len(self._isi)


def cache_menu(app=None) -> CacheMenu:
    return (app or current_app).extensions["kinerja_menu"]


def kunci_menu() -> tuple | None:
    """Everything the menu HTML (navbar_menu.html) depends on, read live on every request, so an entry never
    needs invalidating: a changed role set or employee record gives another key (stale ones age out of the LRU).

    - the roles FAB checks (``get_user_roles``: the user's and their groups'): ``menu_access`` of a built-in role
      is code (app/security/roles.py FAB_ROLES), so the names say it all. A role kept in the database can have
      its permissions edited in FAB's role admin with no stamp to key on: such a user's menu is never cached.
    - the facts ``menu_berisi`` reads through ``daftar_berisi``: the Konteks roles and whether the user has an
      employee record and a position, heads a unit, is a team member, has filed a clinic letter. Scopes decide
      ``false()`` on these alone, never on the ids' values (tests/views/test_menu_cache.py checks every scope);
      ``konteks()`` reads them in one statement per request, the one the list's row scope uses anyway.
    - the locale (labels go through gettext) and the script root (links go through url_for).
    No active-item highlight is rendered (the template marks none), so the request path is not part of the key.
    None: do not cache (anonymous or inactive user, a database role).
    """
    user = getattr(g, "user", None)
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    sm = current_app.appbuilder.sm
    roles = sm.get_user_roles(user)
    if any(r.name not in sm.builtin_roles for r in roles):
        return None
    k = konteks()
    fakta = (bool(k.pegawai_id), bool(k.jabatan_id), k.kepala_unit, k.anggota_tim, k.pemohon_klinik)
    return (frozenset(r.name for r in roles), frozenset(k.role_names), fakta, str(get_locale()), request.script_root)


def render_menu() -> Markup:
    """The navbar's menu entries, rendered now (app/templates/appbuilder/navbar_menu.html)."""
    ab = current_app.appbuilder
    return Markup(render_template("appbuilder/navbar_menu.html", menu=ab.menu, appbuilder=ab))


def menu_navbar() -> Markup:
    """The menu entries from the process cache: every entry's permission and row scope was checked and rendered
    on every request, a quarter of a list page's server time. Nothing per request (CSRF token, nonce, unread
    count, user name) is in this fragment; ``KINERJA_CACHE_MENU = False`` renders every time."""
    kunci = kunci_menu() if current_app.config.get("KINERJA_CACHE_MENU", True) else None
    if kunci is None:
        return render_menu()
    cache = cache_menu()
    html = cache.ambil(kunci)
    if html is None:
        html = render_menu()
        cache.simpan(kunci, html)
    return html


def label_kategori(nama: str) -> str:
    """Short navbar label of a menu category (the full name stays in the item's title)."""
    return R.KATEGORI_SINGKAT.get(nama, nama)


def nama_pengguna(user) -> str:
    """First and last name; FAB requires a last name, so logins without one store "-", which is not shown."""
    bagian = (getattr(user, "first_name", "") or "", getattr(user, "last_name", "") or "")
    return " ".join(b.strip() for b in bagian if b.strip() and b.strip() != "-")


def peran_pengguna(user) -> str:
    """The user's roles, the base role "Pegawai" last (a Konselor is also an employee)."""
    nama = sorted((r.name for r in getattr(user, "roles", ()) or ()), key=lambda n: (n == R.PEGAWAI, n))
    return ", ".join(nama)


def boleh_kelola(modelview_name: str) -> bool:
    """Show a list's add/edit/delete buttons? The view's ``boleh_kelola()`` when it has one (the permission is
    checked by FAB next to it): a role may hold "can_add" for the few users who can add somewhere."""
    for view in current_app.appbuilder.baseviews:
        if type(view).__name__ == modelview_name:
            fn = getattr(view, "boleh_kelola", None)
            return fn() if callable(fn) else True
    return True


def favicon():
    return current_app.send_static_file("favicon.svg")


def pasang_menu(app) -> None:
    # browsers ask /favicon.ico before reading the page's <link rel="icon">
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.extensions["kinerja_menu"] = CacheMenu()
    app.jinja_env.filters["menu_berisi"] = menu_berisi
    app.jinja_env.filters["label_kategori"] = label_kategori
    app.jinja_env.globals["nama_pengguna"] = nama_pengguna
    app.jinja_env.globals["boleh_kelola"] = boleh_kelola
    app.jinja_env.globals["peran_pengguna"] = peran_pengguna
    app.jinja_env.globals["menu_navbar"] = menu_navbar
    app.jinja_env.globals["baris_daftar"] = baris_daftar
