"""Roles as data (after Airflow's FAB provider): one matrix role × resource × operation.

``FAB_ROLES`` (config) is derived from it, so FAB checks permissions without a query per
request, and the HTTP test in ``tests/test_akses.py`` walks the same matrix. Row-level
scope (whose rows) is decided separately in ``app.security.scope``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ADMIN = "Admin"
OPERATOR = "Operator Kepegawaian"
PENILAI = "Pejabat Penilai"
ATASAN = "Atasan Pejabat Penilai"
PEGAWAI = "Pegawai"
TIM = "Tim Pemantau"
KONSELOR = "Konselor"
PYB = "PyB"

ROLES = (ADMIN, OPERATOR, PENILAI, ATASAN, PEGAWAI, TIM, KONSELOR, PYB)

# operation letter → (ModelView permission, ModelRestApi permission). A MATRIX entry is letters, then
# optional named actions: "ls+tetapkan" grants can_list, can_show and can_tetapkan on the resource's view.
OPS = {
    "l": ("can_list", "can_get"),
    "s": ("can_show", "can_get"),
    "a": ("can_add", "can_post"),
    "e": ("can_edit", "can_put"),
    "d": ("can_delete", "can_delete"),
    "x": ("can_export", None),  # Excel register
    "i": ("can_import", None),  # Excel import
}


@dataclass(frozen=True)
class Resource:
    view: str  # ModelView class name
    menu: tuple[str, str]  # (category, item label)
    api: str | None = None  # ModelRestApi class name (resource name is the Indonesian snake_case entity)
    extra: tuple[str, ...] = field(default_factory=tuple)  # extra view permissions (actions)
    menu_lain: tuple[str, ...] = field(default_factory=tuple)  # further menu items shown with "l"


RESOURCES: dict[str, Resource] = {
    "instansi": Resource("InstansiView", ("Data Induk", "Instansi"), api="InstansiApi"),
    "unit_kerja": Resource("UnitKerjaView", ("Data Induk", "Unit Kerja"), api="UnitKerjaApi",
                           menu_lain=("Pohon Unit Kerja",)),
    "jabatan": Resource("JabatanView", ("Data Induk", "Jabatan"), api="JabatanApi"),
    "golongan": Resource("GolonganView", ("Data Induk", "Golongan/Pangkat"), api="GolonganApi"),
    "pegawai": Resource("PegawaiView", ("Data Induk", "Pegawai"), api="PegawaiApi"),
    "impor": Resource("ImporView", ("Data Induk", "Impor Excel")),
    "profil": Resource("ProfilSayaView", ("Saya", "Profil Saya")),
    "bawahan": Resource("BawahanView", ("Saya", "Bawahan Saya")),
}

ALL = "lsaedxi"
MATRIX: dict[str, dict[str, str]] = {
    OPERATOR: {
        "instansi": "lse", "unit_kerja": "lsaedx", "jabatan": "lsaedx", "golongan": "ls",
        "pegawai": "lsaedx", "impor": "li", "profil": "ls",
    },
    PYB: {"instansi": "ls", "unit_kerja": "ls", "jabatan": "ls", "golongan": "ls", "pegawai": "lsx", "profil": "ls"},
    PENILAI: {"profil": "ls", "bawahan": "lsx"},
    ATASAN: {"profil": "ls", "bawahan": "lsx"},
    PEGAWAI: {"profil": "ls"},
    TIM: {"profil": "ls"},
    KONSELOR: {"profil": "ls"},
}


def permissions_for(role: str) -> list[list[str]]:
    """FAB_ROLES entries ([view_menu, permission]) for one role of the matrix."""
    if role == ADMIN:
        return [[".*", ".*"]]
    perms: list[list[str]] = [["MenuApi", "can_get"], ["UserInfoEditView", "can_this_form_get"],
                              ["UserInfoEditView", "can_this_form_post"], ["UserDBModelView", "can_userinfo"],
                              ["ResetMyPasswordView", "can_this_form_get"], ["ResetMyPasswordView", "can_this_form_post"],
                              ["OpenApi", "can_get"], ["SwaggerView", "can_show"]]
    categories: set[str] = set()
    for res_name, spec in MATRIX.get(role, {}).items():
        res = RESOURCES[res_name]
        ops, actions = parse_ops(spec)
        for action in actions:  # named actions / own endpoints: "+tetapkan" → can_tetapkan
            perms.append([res.view, f"can_{action}"])
        for op in ops:
            view_perm, api_perm = OPS[op]
            perms.append([res.view, view_perm])
            if res.api and api_perm:
                perms.append([res.api, api_perm])
            if res.api and op in "ls":
                perms.append([res.api, "can_info"])
        for extra in res.extra:
            perms.append([res.view, extra])
        perms.append([res.menu[1], "menu_access"])
        if "l" in ops:
            perms.extend([m, "menu_access"] for m in res.menu_lain)
        categories.add(res.menu[0])
    perms.extend([c, "menu_access"] for c in sorted(categories))
    # FAB treats entries as re.match (prefix) patterns and also stores them as permission rows, so
    # names stay plain; tests/test_roles.py checks that no name is a prefix of another.
    return _dedupe(perms)


def parse_ops(spec: str) -> tuple[str, list[str]]:
    """"lse+tetapkan+kembalikan" → ("lse", ["tetapkan", "kembalikan"])."""
    head, *actions = spec.split("+")
    return head, actions


def _dedupe(items):
    seen, out = set(), []
    for it in items:
        key = tuple(it)
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def allowed(role: str, resource: str, op: str) -> bool:
    """``op`` is an operation letter or a named action."""
    if role == ADMIN:
        return True
    ops, actions = parse_ops(MATRIX.get(role, {}).get(resource, ""))
    return op in actions if len(op) > 1 else op in ops


FAB_ROLES = {role: permissions_for(role) for role in ROLES}
