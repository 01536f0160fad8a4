"""The rows of a list page, rendered in Python.

FAB's list widget renders each row through Jinja macros: per row three ``url_for`` calls, seven translated button
texts and one macro call per cell — on a 25-row page about 600 template calls, a third of a list request's
server time under load. Here the show/edit/delete URLs are built once per page with a placeholder id and
filled per row, the texts translated once, and every cell goes through the same escaping Jinja applied
(``markupsafe.escape``). The HTML is the template's (app/templates/appbuilder/general/widgets/list.html calls
this); ``tests/views/test_baris_daftar.py`` compares both renderings.
"""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

_PENANDA = 987654321987  # placeholder id: built once per page, replaced by each row's pk


def _pola_url(modelview_name: str, metode: str, filters) -> str | None:
    """The row URL of ``metode`` with the placeholder id and, given ``filters``, the list's related-view filters
    (FAB's ``safe_url_for`` + ``set_link_filters``), or None when the view has no such endpoint."""
    try:
        path = url_for(f"{modelview_name}.{metode}", pk=_PENANDA)
    except Exception:  # noqa: BLE001 - FAB's safe_url_for: no endpoint, no button
        return None
    for flt, value in filters.get_filters_values() if filters is not None else ():
        if flt.is_related_view:
            path += ("&" if "?" in path else "?") + "_flt_0_" + flt.column_name + "=" + str(value)
    return path


def _url(pola: str, pk) -> str:
    return pola.replace(str(_PENANDA), str(pk), 1)


def _tombol(teks: dict, pola: dict, pk, ubah: bool, hapus: bool, nonce: str) -> str:
    bagian = ['<div class="btn-group btn-group-xs" style="display: flex;">']
    if pola["show"]:
        bagian.append(
            f'<a href="{escape(_url(pola["show"], pk))}" class="btn btn-sm btn-default" data-toggle="tooltip" '
            f'rel="tooltip" title="{teks["lihat"]}"><span class="sr-only">{teks["lihat_sr"]}</span>'
            '<i class="fa fa-search"></i></a>'
        )
    if ubah and pola["edit"]:
        bagian.append(
            f'<a href="{escape(_url(pola["edit"], pk))}" class="btn btn-sm btn-default" data-toggle="tooltip" '
            f'rel="tooltip" title="{teks["ubah"]}"><span class="sr-only">{teks["ubah_sr"]}</span>'
            '<i class="fa fa-edit"></i></a>'
        )
    if hapus and pola["delete"]:
        path = escape(_url(pola["delete"], pk))
        bagian.append(
            f'<a id="btn-delete-{path}" href="#" class="btn btn-sm btn-default confirm" rel="tooltip" '
            f'title="{teks["hapus"]}"><span class="sr-only">{teks["hapus_sr"]}</span><i class="fa fa-trash"></i></a>'
            f'<script nonce="{nonce}">document.getElementById("btn-delete-{path}")'
            '.addEventListener("click", function () { const adminAction = new AdminActions(); '
            f"return adminAction.execute_single_delete('{path}','{teks['yakin']}'); }})</script>"
        )
    bagian.append("</div>")
    return "".join(bagian)


def baris_daftar(
    value_columns,
    pks,
    include_columns,
    formatters_columns,
    actions,
    can_show: bool,
    can_edit: bool,
    can_delete: bool,
    modelview_name: str,
    filters,
    baris_kelola=None,
    nonce: str = "",
) -> Markup:
    """``<tr>`` of every row: checkbox (actions), show/edit/delete buttons (edit/delete only on the rows
    ``baris_kelola`` allows, app/views/base.py BarisKelola), then each column through its formatter."""
    tombol = can_show or can_edit or can_delete
    if tombol:
        teks = {
            k: escape(v)
            for k, v in {
                "lihat": _("Show record"),
                "lihat_sr": _("Show"),
                "ubah": _("Edit record"),
                "ubah_sr": _("Edit"),
                "hapus": _("Delete record"),
                "hapus_sr": _("Delete"),
                "yakin": _("Are you sure you want to delete this item?"),
            }.items()
        }
        pola = {
            "show": _pola_url(modelview_name, "show", filters) if can_show else None,
            "edit": _pola_url(modelview_name, "edit", filters) if can_edit else None,
            "delete": _pola_url(modelview_name, "delete", None) if can_delete else None,  # FAB: no filters
        }
    pilih = escape(_("Select row")) if actions else ""
    fmt = [(c, formatters_columns.get(c)) for c in include_columns]
    keluar: list[str] = []
    for item, pk in zip(value_columns, pks):
        keluar.append("<tr>")
        if actions:
            p = escape(pk)
            keluar.append(
                f'<td><input id="{p}" class="action_check" name="rowid" value="{p}" type="checkbox" '
                f'aria-label="{pilih} {p}"></td>'
            )
        if tombol:
            ubah = can_edit and (baris_kelola is None or baris_kelola.boleh("e", pk))
            hapus = can_delete and (baris_kelola is None or baris_kelola.boleh("d", pk))
            keluar.append(f"<td><center>{_tombol(teks, pola, pk, ubah, hapus, nonce)}</center></td>")
        for kolom, formatter in fmt:
            nilai = item[kolom]
            keluar.append(f"<td>{escape(formatter(nilai) if formatter else nilai)}</td>")
        keluar.append("</tr>")
    return Markup("".join(keluar))
