"""Registration from data: every resource of ``app.security.roles.RESOURCES`` is added here, in one loop.

Each ``Resource`` names its view class, menu (category, label, icon, further links ``menu_lain``/``tautan``) and
REST API class; the classes are looked up by name among the view and API modules below, so the matrix, the menu
and the permissions cannot name a class that is not registered. Menu order: ``roles.URUTAN_MENU``.
"""

from __future__ import annotations

from flask_appbuilder import BaseView
from flask_appbuilder.api import BaseApi

from app.api import klinik as api_klinik
from app.api import master as api_master
from app.api import notifikasi as api_notifikasi
from app.api import pelaksanaan as api_pelaksanaan
from app.api import pemantauan as api_pemantauan
from app.api import penilaian as api_penilaian
from app.api import perencanaan as api_perencanaan
from app.api import tindak_lanjut as api_tindak_lanjut
from app.security.roles import RESOURCES, URUTAN_MENU
from app.views import (
    audit,
    impor,
    isian,
    klinik,
    master,
    notifikasi,
    parameter,
    pekerjaan,
    pelaksanaan,
    pemantauan,
    penilaian,
    perencanaan,
    siasn,
    tarik_siasn,
    tindak_lanjut,
)
from app.views.beranda import BerandaIndexView
from app.views.menu import pasang_menu

INDEX_VIEW = BerandaIndexView

MODUL = (
    master,
    impor,
    perencanaan,
    pelaksanaan,
    pemantauan,
    penilaian,
    tindak_lanjut,
    klinik,
    audit,
    siasn,
    tarik_siasn,
    pekerjaan,
    notifikasi,
    api_master,
    api_perencanaan,
    api_pelaksanaan,
    api_pemantauan,
    api_penilaian,
    api_tindak_lanjut,
    api_klinik,
    api_notifikasi,
)


def kelas_terdaftar() -> dict[str, type]:
    """Class name → view/API class defined in the modules above."""
    return {
        nama: obj
        for mod in MODUL
        for nama, obj in vars(mod).items()
        if isinstance(obj, type) and issubclass(obj, (BaseView, BaseApi)) and obj.__module__ == mod.__name__
    }


def daftarkan(appbuilder, app) -> None:
    """Adds every resource's view (menu order), its further menu links, then the REST APIs."""
    if sorted(URUTAN_MENU) != sorted(RESOURCES):
        raise RuntimeError("roles.URUTAN_MENU harus memuat setiap kunci RESOURCES tepat sekali.")
    kelas = kelas_terdaftar()
    pasang_menu(app)
    for key in URUTAN_MENU:
        res = RESOURCES[key]
        kategori, label = res.menu
        appbuilder.add_view(kelas[res.view], label, icon=res.icon, category=kategori)
        for nama, (href, icon) in zip(res.menu_lain, res.tautan, strict=True):
            appbuilder.add_link(nama, href=href, icon=icon, category=kategori)
    for res in RESOURCES.values():
        if res.api:
            appbuilder.add_api(kelas[res.api])
    parameter.pasang(app)  # list parameters of every CRUD view checked before FAB reads them
    isian.pasang(app)  # a refused hand-written form is shown again holding what the user typed
