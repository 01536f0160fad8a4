"""Jejak audit: read-only, for Admin and PyB; exported to Excel like every register."""

from __future__ import annotations

from app.views.base import EagerSQLAInterface, KinerjaModelView
from schema.models import AuditLog


class AuditLogView(KinerjaModelView):
    datamodel = EagerSQLAInterface(AuditLog)
    scope_resource = "audit"
    base_permissions = ["can_list", "can_show", "can_export"]
    list_title = "Jejak Audit"
    export_title = "Jejak Audit"
    list_columns = ["waktu", "username", "aksi", "tabel", "baris_id", "alamat_ip"]
    show_columns = ["waktu", "username", "user_id", "aksi", "tabel", "baris_id", "sebelum", "sesudah", "alamat_ip"]
    export_columns = show_columns
    search_columns = ["username", "aksi", "tabel", "baris_id", "waktu"]
    base_order = ("id", "desc")
    label_columns = {
        "waktu": "Waktu",
        "username": "Pengguna",
        "user_id": "ID Pengguna",
        "aksi": "Aksi",
        "tabel": "Tabel",
        "baris_id": "ID Baris",
        "sebelum": "Sebelum",
        "sesudah": "Sesudah",
        "alamat_ip": "Alamat IP",
    }
