"""View registration, following the cycle: data induk → perencanaan → pelaksanaan → penilaian → tindak lanjut."""
from __future__ import annotations


def register_views(appbuilder) -> None:
    from app.api.master import GolonganApi, InstansiApi, JabatanApi, PegawaiApi, UnitKerjaApi
    from app.security.roles import RESOURCES
    from app.views.impor import ImporView
    from app.views.master import (
        BawahanView, GolonganView, InstansiView, JabatanView, PegawaiView, ProfilSayaView, UnitKerjaView,
    )

    def add(view, key, icon):
        cat, name = RESOURCES[key].menu
        appbuilder.add_view(view, name, icon=icon, category=cat, category_icon="fa-database" if cat == "Data Induk" else "fa-user")

    add(ProfilSayaView, "profil", "fa-id-card")
    add(BawahanView, "bawahan", "fa-users")
    add(InstansiView, "instansi", "fa-building")
    add(UnitKerjaView, "unit_kerja", "fa-sitemap")
    appbuilder.add_link("Pohon Unit Kerja", href="/unitkerjaview/pohon/", icon="fa-tree", category="Data Induk",
                        label="Pohon Unit Kerja")
    add(JabatanView, "jabatan", "fa-briefcase")
    add(GolonganView, "golongan", "fa-signal")
    add(PegawaiView, "pegawai", "fa-user")
    add(ImporView, "impor", "fa-upload")
    for api in (InstansiApi, UnitKerjaApi, JabatanApi, GolonganApi, PegawaiApi):
        appbuilder.add_api(api)
