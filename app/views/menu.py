"""Navbar helpers: hide entries whose list is empty by construction for this user, short category labels, the
user's display name and role (app/templates/appbuilder/navbar.html, navbar_right.html)."""

from __future__ import annotations

from flask import current_app

from app.security import roles as R
from app.security.scope import daftar_berisi

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
    app.jinja_env.filters["menu_berisi"] = menu_berisi
    app.jinja_env.filters["label_kategori"] = label_kategori
    app.jinja_env.globals["nama_pengguna"] = nama_pengguna
    app.jinja_env.globals["boleh_kelola"] = boleh_kelola
    app.jinja_env.globals["peran_pengguna"] = peran_pengguna
