"""View registration, following the cycle: data induk → perencanaan → pelaksanaan → penilaian → tindak lanjut.

Each domain module exposes ``register(appbuilder)``; menus/permissions come from app/security/roles.py.
"""
from __future__ import annotations

import importlib

# order = menu order
DOMAIN_MODULES = (
    "app.views.master",
    "app.views.impor",
    "app.views.perencanaan",
    "app.views.pelaksanaan",
    "app.views.pemantauan",
    "app.views.penilaian",
    "app.views.tindak_lanjut",
    "app.views.klinik",
    "app.views.audit",
    "app.views.pekerjaan",
)


def menu(appbuilder, view, key: str, icon: str = "fa-file") -> None:
    """Add a view under the menu declared for ``key`` in RESOURCES (one place for names)."""
    from app.security.roles import RESOURCES

    cat, name = RESOURCES[key].menu
    appbuilder.add_view(view, name, icon=icon, category=cat)


def register_views(appbuilder) -> None:
    for name in DOMAIN_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:  # domain not built yet
                continue
            raise
        mod.register(appbuilder)
    from flask import current_app

    from app.views import isian
    from app.views.parameter import pasang

    pasang(current_app)  # list parameters of every CRUD view checked before FAB reads them
    isian.pasang(current_app)  # a refused hand-written form is shown again holding what the user typed
