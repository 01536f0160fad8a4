"""List rows rendered in Python (app/views/baris_daftar.py) give the HTML the Jinja list widget gave.

The reference is the widget's former template body (FAB 5.3.0's row loop with per-row edit/delete), rendered by
the app's own Jinja environment in a request of a real view; both outputs are parsed and compared tag by tag,
attribute by attribute, text by text (whitespace between tags aside). Values carry markup and quotes: a missed
escape fails here.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from app.security.headers import csp_nonce
from app.views.baris_daftar import baris_daftar

REFERENSI = """
{% import 'appbuilder/baselib.html' as baselib %}
{% macro tombol_crud(teks, can_show, can_edit, can_delete, pk, modelview_name, filters) %}
<div class="btn-group btn-group-xs" style="display: flex;">
{% if can_show %}{% set path = (modelview_name + '.show') | safe_url_for(pk=pk) %}{% if path %}
<a href="{{ path | set_link_filters(filters) }}" class="btn btn-sm btn-default" data-toggle="tooltip" rel="tooltip"
   title="{{ teks.lihat }}"><span class="sr-only">{{ teks.lihat_sr }}</span><i class="fa fa-search"></i></a>
{% endif %}{% endif %}
{% if can_edit %}{% set path = (modelview_name + '.edit') | safe_url_for(pk=pk) %}{% if path %}
<a href="{{ path | set_link_filters(filters) }}" class="btn btn-sm btn-default" data-toggle="tooltip" rel="tooltip"
   title="{{ teks.ubah }}"><span class="sr-only">{{ teks.ubah_sr }}</span><i class="fa fa-edit"></i></a>
{% endif %}{% endif %}
{% if can_delete %}{% set path = (modelview_name + '.delete') | safe_url_for(pk=pk) %}{% if path %}
<a id="btn-delete-{{ path }}" href="#" class="btn btn-sm btn-default confirm" rel="tooltip" title="{{ teks.hapus }}">
<span class="sr-only">{{ teks.hapus_sr }}</span><i class="fa fa-trash"></i></a>
<script nonce="{{ baselib.get_nonce() }}">SKRIP {{ path }} {{ teks.yakin }}</script>
{% endif %}{% endif %}
</div>
{% endmacro %}
{% set teks_crud = {
    "lihat": _('Show record'), "lihat_sr": _('Show'), "ubah": _('Edit record'), "ubah_sr": _('Edit'),
    "hapus": _('Delete record'), "hapus_sr": _('Delete'), "yakin": _('Are you sure you want to delete this item?'),
} %}
{% for item in value_columns %}{% set pk = pks[loop.index-1] %}<tr>
{% if actions %}<td><input id="{{pk}}" class="action_check" name="rowid" value="{{pk}}" type="checkbox"
   aria-label="{{ _('Select row') }} {{ pk }}"></td>{% endif %}
{% if can_show or can_edit or can_delete %}
{% set ubah = can_edit and (baris_kelola is none or baris_kelola.boleh("e", pk)) %}
{% set hapus = can_delete and (baris_kelola is none or baris_kelola.boleh("d", pk)) %}
<td><center>{{ tombol_crud(teks_crud, can_show, ubah, hapus, pk, modelview_name, filters) }}</center></td>
{% endif %}
{% for value in include_columns %}{% set formatter = formatters_columns.get(value) %}
{% if formatter %}<td>{{ formatter(item[value]) }}</td>{% else %}<td>{{ item[value] }}</td>{% endif %}
{% endfor %}</tr>{% endfor %}
"""


class _Pohon(HTMLParser):
    """(tag, sorted attributes) and stripped texts in document order; a script's body is normalised to its
    URL and confirmation text (the reference's script body is abbreviated)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.isi: list = []
        self._skrip = False

    def handle_starttag(self, tag, attrs):
        self.isi.append((tag, tuple(sorted(attrs))))
        self._skrip = tag == "script"

    def handle_endtag(self, tag):
        self.isi.append(("/" + tag,))
        self._skrip = False

    def handle_data(self, data):
        teks = " ".join(data.split())
        if not teks:
            return
        if self._skrip:
            if teks.startswith("SKRIP "):
                path, yakin = teks[6:].split(" ", 1)
            else:  # execute_single_delete('<path>','<text>')
                argumen = teks.split("execute_single_delete(", 1)[1].rsplit(")", 2)[0]
                path, yakin = (a.strip("'") for a in argumen.split("','", 1))
            teks = ("skrip", path, yakin)
        self.isi.append(teks)


def _pohon(html: str) -> list:
    p = _Pohon()
    p.feed(str(html))
    return p.isi


class _Kelola:
    def __init__(self, ubah: set, hapus: set):
        self.ubah, self.hapus = ubah, hapus

    def boleh(self, op, pk):
        return pk in (self.ubah if op == "e" else self.hapus)


class _Saring:
    class _Flt:
        is_related_view = True
        column_name = "skp"

    def __init__(self, terkait: bool):
        self.terkait = terkait

    def get_filters_values(self):
        return [(self._Flt(), 7)] if self.terkait else []


NAKAL = "<b>\"Nama\" & 'kutip'</b>"


@pytest.mark.parametrize(
    "actions,can_show,can_edit,can_delete,kelola,terkait",
    [
        (True, True, True, True, None, False),
        (False, True, True, True, _Kelola({1}, {2}), True),
        (True, True, False, False, None, False),
        (False, False, True, True, _Kelola({2}, set()), False),
        (True, False, False, False, None, True),
    ],
)
def test_sama_dengan_templat_jinja(app, actions, can_show, can_edit, can_delete, kelola, terkait):
    konteks = dict(
        value_columns=[
            {"nama": NAKAL, "angka": 3, "kosong": None},
            {"nama": "Sri", "angka": Markup("<i>4</i>"), "kosong": ""},
            {"nama": "x", "angka": 0, "kosong": False},
        ],
        pks=[1, 2, 3],
        include_columns=["nama", "angka", "kosong"],
        formatters_columns={"angka": lambda v: f"#{v}<"},
        actions=actions,
        can_show=can_show,
        can_edit=can_edit,
        can_delete=can_delete,
        modelview_name="TimPemantauView",
        filters=_Saring(terkait),
        baris_kelola=kelola,
    )
    with app.test_request_context("/"):
        rujukan = app.jinja_env.from_string(REFERENSI).render(**konteks)
        python = baris_daftar(**konteks, nonce=csp_nonce())
    assert _pohon(python) == _pohon(rujukan)
    assert "&lt;b&gt;&#34;Nama&#34; &amp;" in python or "&lt;b&gt;&quot;Nama&quot; &amp;" in python


def test_tanpa_endpoint_tanpa_tombol(app):
    """FAB's safe_url_for: a view without the endpoint gets no button (no error)."""
    with app.test_request_context("/"):
        html = baris_daftar(
            [{"a": 1}], [5], ["a"], {}, None, True, True, True, "TidakAdaView", _Saring(False), None, ""
        )
    assert "href" not in html and "<td>1</td>" in html
