"""The role × resource × operation matrix walked over HTTP, derived from app/security/roles.py.

The cases are the data: every resource of ``RESOURCES``, every URL the app registers for its view and REST API
(list, show, add/edit forms, delete, ``/ekspor/``, named endpoints, ``action_post`` per ``@action``), every role
of ``ROLES``. A resource, endpoint or action added later is walked without touching this file.

* Permission walk (``test_matriks_peran_sumber_daya``): one user per role holding **only** that role (the demo
  supervisors also hold "Pegawai"; exactness needs one role) and no employee record. Denied → exactly 403 (FAB
  answers an authenticated user 403 for views and APIs). Allowed → never 401/403/5xx; pages without
  parameters → 200/302; show/edit/API item on a real row → 200 when the role's scope covers it, 404 when not
  (without an employee record only "all rows" scopes cover anything).
* Row level (``test_baris_di_luar_cakupan_ditolak``): every demo user whose scope on a resource is restricted
  gets a row outside it by id through show, edit, delete, every ``pk`` endpoint, ``action_post``, the export
  and the API — refused (404 / 403) with nothing written; the export and API list hold only in-scope rows.

Writes never persist: state-changing requests run with ``Session.commit`` turned into a rollback, and deletes
are only attempted on ids that do not exist or are outside the user's scope.
"""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.excel.tulis import HEADER_ROW
from app.security import roles as R
from app.security.scope import ALL, SCOPES, Konteks, clause_for
from seeds.pengguna import DEMO_USERS
from tests.bantu import masuk
from tests.conftest import PASSWORD

TIDAK_ADA = 987654321  # an id no table reaches (and below 2**31: PostgreSQL integer)
BACA_SAJA = {"GET", "HEAD"}
# OPS letter of a view permission; API permissions are named after HTTP verbs
OP_VIEW = {view_perm: op for op, (view_perm, _api) in R.OPS.items()}
OP_API = {"can_post": "a", "can_put": "e", "can_delete": "d"}  # can_get / can_info: "l" or "s"
FAB_STANDAR = {"show", "edit", "delete"}  # FAB endpoints whose <pk> is the view's own model


def _slug(role: str) -> str:
    return "m9_" + re.sub(r"\W+", "_", role.lower())


# ------------------------------------------------------------------------------------------------------------
# catalogue: what the app registered for each resource of the matrix
# ------------------------------------------------------------------------------------------------------------


class Titik:
    """One URL rule of a resource's view or API with the permission FAB checks for it."""

    def __init__(self, rule, view, api: bool):
        self.rule, self.view, self.api = rule, view, api
        self.method = rule.endpoint.split(".", 1)[1]
        fn = getattr(view, self.method)
        self.perm = None
        if hasattr(fn, "_permission_name"):
            nama = (view.method_permission_name or {}).get(self.method) or fn._permission_name
            self.perm = nama if nama.startswith("can_") else f"can_{nama}"
        self.verbs = rule.methods - {"HEAD", "OPTIONS"}

    @property
    def args(self):
        return self.rule.arguments

    def url(self, pk=TIDAK_ADA, **lain) -> str:
        nilai = {}
        for a in self.args:
            if a in lain:
                nilai[a] = lain[a]
            elif a == "pk":
                nilai[a] = pk
            elif a == "col":
                nilai[a] = next(iter(getattr(self.view, "lookup_columns", {}) or {"x": 0}))
            elif self.rule._converters[a].__class__.__name__ == "IntegerConverter":
                nilai[a] = TIDAK_ADA
            else:
                nilai[a] = str(TIDAK_ADA) if a.endswith(("pk", "id")) else "x"
        return self.rule.build(nilai, append_unknown=False)[1]

    def verb(self) -> str:
        if self.api:
            return {
                "get": "GET",
                "get_list": "GET",
                "info": "GET",
                "post": "POST",
                "put": "PUT",
                "delete": "DELETE",
            }.get(self.method, min(self.verbs))
        if self.method == "delete":
            return "POST"  # a delete is a POST (FAB also accepts GET; never exercise that)
        return "GET" if "GET" in self.verbs else min(self.verbs)


class Sumber:
    def __init__(self, key, view, api, rules):
        self.key, self.view, self.api = key, view, api
        self.titik = [Titik(r, view, False) for r in rules.get(type(view).__name__, [])] if view else []
        if api is not None:
            self.titik += [Titik(r, api, True) for r in rules.get(type(api).__name__, [])]
        self.model = getattr(getattr(view, "datamodel", None), "obj", None)
        self.cakupan = getattr(view, "scope_resource", "") or ""
        self.actions = dict(getattr(view, "actions", {}) or {})


@pytest.fixture(scope="module")
def katalog(app):
    views = {type(v).__name__: v for v in app.appbuilder.baseviews}
    rules: dict[str, list] = {}
    for rule in app.url_map.iter_rules():
        rules.setdefault(rule.endpoint.split(".", 1)[0], []).append(rule)
    out = {}
    for key, res in R.RESOURCES.items():
        view = views.get(res.view)
        api = views.get(res.api) if res.api else None
        out[key] = Sumber(key, view, api, rules)
    return out


def boleh(role: str, key: str, perm: str, t_api: bool, target) -> bool:
    """What the matrix grants ``role`` for ``perm`` — and FAB only grants permissions the view declares."""
    if perm not in target.base_permissions:
        return False
    if role == R.ADMIN:
        return True
    if t_api:
        if perm in ("can_get", "can_info"):
            return R.allowed(role, key, "l") or R.allowed(role, key, "s")
        return perm in OP_API and R.allowed(role, key, OP_API[perm])
    op = OP_VIEW.get(perm) or perm.removeprefix("can_")
    return R.allowed(role, key, op)


# ------------------------------------------------------------------------------------------------------------
# clients and helpers
# ------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def klien_peran(app):
    """One logged-in client per role, for a user holding only that role and no employee record."""
    from app.extensions import db

    with app.app_context():
        sm = app.appbuilder.sm
        for role in R.ROLES:
            if not sm.find_user(username=_slug(role)):
                assert sm.add_user(
                    _slug(role), "Uji", role, f"{_slug(role)}@uji.local", [sm.find_role(role)], PASSWORD
                ), role
        db.session.commit()
    cache = {}

    def get(role):
        if role not in cache:
            cache[role] = masuk(app, _slug(role))
        return cache[role]

    return get


@pytest.fixture(scope="module")
def klien_demo(app):
    cache = {}

    def get(username):
        if username not in cache:
            cache[username] = masuk(app, username)
        return cache[username]

    return get


@contextlib.contextmanager
def tanpa_commit():
    """Every commit inside becomes a rollback: the handler runs fully, nothing persists."""
    asli = Session.commit
    Session.commit = Session.rollback
    try:
        yield
    finally:
        Session.commit = asli


class Tulisan:
    """INSERT/UPDATE/DELETE statements sent during a request (reads of counselling records are audited: allowed)."""

    def __init__(self, engine):
        self.engine, self.sql = engine, []

    def _cb(self, conn, cursor, statement, params, context, executemany):
        s = statement.lstrip().upper()
        if s.startswith(("INSERT", "UPDATE", "DELETE")) and "AB_USER" not in s[:40] and "AUDIT_LOG" not in s[:40]:
            self.sql.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._cb)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._cb)


def kirim(c, verb: str, url: str, form=None):
    if verb in BACA_SAJA:
        return c.get(url)
    with tanpa_commit():
        if verb == "POST":
            return c.post(url, data=form or {}) if "/api/" not in url else c.post(url, json={})
        if verb == "PUT":
            return c.put(url, json={})
        return c.delete(url)


def _sql_scope(app, model, cakupan: str, k: Konteks):
    """Ids of ``model`` that ``k`` may see (the same clause the views use) — the test's oracle."""
    from app.extensions import db

    with app.app_context():
        return set(db.session.scalars(select(model.id).where(clause_for(cakupan, k))))


def _baris_pertama(app, model):
    from app.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.min(model.id)))


# ------------------------------------------------------------------------------------------------------------
# 1. the permission walk
# ------------------------------------------------------------------------------------------------------------


def test_setiap_aksi_bernama_di_matriks_ada_di_aplikasi(katalog):
    """A "+name" in MATRIX is a permission some endpoint or @action of the resource's view checks (no typos,
    no grant that protects nothing)."""
    hilang = []
    for role, hak in R.MATRIX.items():
        for key, spec in hak.items():
            s = katalog[key]
            assert s.view is not None, f"{key}: view {R.RESOURCES[key].view} tidak terdaftar"
            perms = {t.perm for t in s.titik if not t.api} | {s.view.get_action_permission_name(a) for a in s.actions}
            ops, actions = R.parse_ops(spec)
            for a in actions:
                if f"can_{a}" not in perms and a not in perms:
                    hilang.append((role, key, a))
            for op in ops:
                if R.OPS[op][0] not in s.view.base_permissions:
                    hilang.append((role, key, op))
    assert not hilang, f"matriks memberi izin yang tidak diperiksa view mana pun: {hilang}"


def test_setiap_titik_dilindungi(katalog):
    """Every URL of a matrix view/API checks a permission (FAB has_access/protect), except the two action
    routes, which check it themselves (ScopedActionsMixin)."""
    tanpa = [
        t.rule.rule
        for s in katalog.values()
        for t in s.titik
        if t.perm is None and t.method not in ("action", "action_post", "api", "openapi")
    ]
    assert not tanpa, tanpa


@pytest.mark.parametrize("key", list(R.RESOURCES))
@pytest.mark.parametrize("role", R.ROLES)
def test_matriks_peran_sumber_daya(app, katalog, klien_peran, role, key):
    s = katalog[key]
    c = klien_peran(role)
    k = Konteks(None, {role}, None, None)
    baris = _baris_pertama(app, s.model) if s.model is not None and s.cakupan else None
    terlihat = baris is not None and bool(_sql_scope(app, s.model, s.cakupan, k) & {baris})
    salah = []
    for t in s.titik:
        if t.perm is None:
            continue
        target = s.api if t.api else s.view
        ok = boleh(role, key, t.perm, t.api, target)
        verb = t.verb()
        pk = TIDAK_ADA
        nyata = baris is not None and (t.method in FAB_STANDAR and not t.api or t.api and t.method == "get")
        if nyata and not (t.api and s.api.scope_resource != s.cakupan):
            pk = baris
        if t.method == "delete" or (t.api and verb in ("PUT", "DELETE")):
            pk = TIDAK_ADA  # never delete/overwrite a real row here
        url = t.url(pk=pk)
        r = kirim(c, verb, url)
        kode = r.status_code
        if not ok:
            if kode != 403:
                salah.append((verb, url, kode, "harus 403"))
            continue
        if kode in (401, 403) or kode >= 500:
            salah.append((verb, url, kode, "diizinkan matriks"))
        elif pk == baris and baris is not None:
            if kode != (200 if terlihat else 404):
                salah.append((verb, url, kode, f"baris {'dalam' if terlihat else 'luar'} cakupan"))
        elif not t.args and verb == "GET" and kode not in (200, 302):
            salah.append((verb, url, kode, "halaman tanpa parameter"))
        elif t.api and verb == "POST" and kode not in (200, 201, 400, 422):
            salah.append((verb, url, kode, "POST kosong: validasi"))
    # named @actions through action_post (an id that exists nowhere: allowed → 404 from the scoped re-fetch)
    for nama in s.actions:
        perm = s.view.get_action_permission_name(nama)
        ok = role == R.ADMIN or R.allowed(role, key, perm.removeprefix("can_"))
        url = f"{s.view.route_base}/action_post"
        r = kirim(c, "POST", url, {"action": nama, "rowid": str(TIDAK_ADA)})
        if r.status_code != (404 if ok else 403):
            salah.append(("POST", f"{url} action={nama}", r.status_code, "aksi"))
    assert not salah, salah


# ------------------------------------------------------------------------------------------------------------
# 2. row level: a row outside the user's scope, by id, through every door
# ------------------------------------------------------------------------------------------------------------


def _konteks_demo(app, username) -> Konteks:
    from app.extensions import db
    from schema.models import Pegawai

    with app.app_context():
        user = app.appbuilder.sm.find_user(username=username)
        row = db.session.execute(select(Pegawai.id, Pegawai.jabatan_id).where(Pegawai.user_id == user.id)).first()
        return Konteks(user.id, {r.name for r in user.roles}, row[0] if row else None, row[1] if row else None)


def _boleh_user(k: Konteks, key, perm, t_api, target) -> bool:
    return any(boleh(role, key, perm, t_api, target) for role in k.role_names)


def _terbatas(k: Konteks, cakupan: str) -> bool:
    fns = SCOPES.get(cakupan, {})
    return not any(fns.get(role) and fns[role](k) is ALL for role in k.role_names)


def _baris_xlsx(data: bytes) -> int:
    ws = load_workbook(io.BytesIO(data), read_only=True).active
    return sum(1 for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if any(v is not None for v in row))


def _pk_skp(t: Titik) -> bool:
    """A custom endpoint of another resource whose <pk> is an SKP (``_skp(pk)``: documentation pages, feedback,
    progress decisions, training, behaviour reports) — its out-of-scope row is an SKP outside the SKP scope."""
    import inspect

    fn = getattr(t.view, t.method)
    try:
        return "_skp(pk" in inspect.getsource(inspect.unwrap(fn))
    except (OSError, TypeError):
        return False


def _luar(app, model, cakupan, k):
    from app.extensions import db

    with app.app_context():
        return db.session.scalar(
            select(func.min(model.id)).where(model.id.not_in(select(model.id).where(clause_for(cakupan, k))))
        )


@contextlib.contextmanager
def _intip_ekspor(view, tangkap: list):
    """Record the ids ``/ekspor/`` hands to the register writer (the list filters + the scope)."""
    from app.extensions import db

    asli = view.tulis_ekspor

    def tulis(ids, pengekspor):
        tangkap.extend(db.session.scalars(select(ids.c.id)))
        return asli(ids, pengekspor)

    view.tulis_ekspor = tulis
    try:
        yield
    finally:
        del view.tulis_ekspor


@pytest.mark.parametrize("key", list(R.RESOURCES))
def test_baris_di_luar_cakupan_ditolak(app, katalog, klien_demo, key):
    from app.extensions import db
    from schema.models import SKP

    s = katalog[key]
    if s.model is None or not s.cakupan:
        pytest.skip("bukan view model ber-cakupan")
    with app.app_context():
        engine = db.engine
    salah, dicoba, diuji = [], [], []
    for username in DEMO_USERS:
        k = _konteks_demo(app, username)
        if not _terbatas(k, s.cakupan):
            continue
        perms = {t.perm for t in s.titik if t.perm and _boleh_user(k, key, t.perm, t.api, s.api if t.api else s.view)}
        luar = _luar(app, s.model, s.cakupan, k)
        if not perms or luar is None:
            continue
        terlihat = _sql_scope(app, s.model, s.cakupan, k)
        diuji.append(username)
        c = klien_demo(username)
        for t in s.titik:
            if t.perm not in perms or "pk" not in t.args or t.api:
                continue
            pk = luar
            if s.model is not SKP and _pk_skp(t):
                pk = _luar(app, SKP, "skp", k) if _terbatas(k, "skp") else None
                if pk is None:
                    continue
            verb = t.verb()
            url = t.url(pk=pk)
            with Tulisan(engine) as tulis:
                r = kirim(c, verb, url)
            dicoba.append((username, url))
            if r.status_code not in (403, 404) or tulis.sql:
                salah.append((username, verb, url, r.status_code, tulis.sql[:2]))
        for nama in s.actions:
            perm = s.view.get_action_permission_name(nama)
            if not any(role == R.ADMIN or R.allowed(role, key, perm.removeprefix("can_")) for role in k.role_names):
                continue
            with Tulisan(engine) as tulis:
                r = kirim(c, "POST", f"{s.view.route_base}/action_post", {"action": nama, "rowid": str(luar)})
            if r.status_code != 404 or tulis.sql:
                salah.append((username, "action_post", nama, r.status_code, tulis.sql[:2]))
        # the export is written from the scoped ids only
        if "can_export" in perms and any(t.method == "ekspor" and not t.api for t in s.titik):
            ids: list = []
            with _intip_ekspor(s.view, ids):
                r = c.get(f"{s.view.route_base}/ekspor/")
            if r.status_code != 200 or luar in ids or not set(ids) <= terlihat:
                salah.append((username, "ekspor", r.status_code, luar in ids, len(set(ids) - terlihat)))
            load_workbook(io.BytesIO(r.data), read_only=True)  # a real workbook
        # the API: list count = the scope; an item outside it → 404 for read, write and delete
        if s.api is not None and "can_get" in perms:
            api_terlihat = (
                terlihat if s.api.scope_resource == s.cakupan else _sql_scope(app, s.model, s.api.scope_resource, k)
            )
            api_luar = luar if s.api.scope_resource == s.cakupan else _luar(app, s.model, s.api.scope_resource, k)
            base = f"/api/v1/{s.api.resource_name}/"
            r = c.get(base)
            if r.status_code != 200 or r.get_json()["count"] != len(api_terlihat):
                salah.append((username, "api list", r.status_code, r.get_json().get("count"), len(api_terlihat)))
            if api_luar is not None:
                for verb, perm in (("GET", "can_get"), ("PUT", "can_put"), ("DELETE", "can_delete")):
                    if perm in perms:
                        with Tulisan(engine) as tulis:
                            r = kirim(c, verb, f"{base}{api_luar}")
                        if r.status_code != 404 or tulis.sql:
                            salah.append((username, "api", verb, api_luar, r.status_code))
            if api_terlihat and (kode := c.get(f"{base}{min(api_terlihat)}").status_code) != 200:
                salah.append((username, "api item dalam cakupan", min(api_terlihat), kode))
        # positive control: a row in scope opens (so the 404s above are the scope, not a broken page)
        if terlihat and "can_show" in perms and any(t.method == "show" and not t.api for t in s.titik):
            sh = next(t for t in s.titik if t.method == "show" and not t.api)
            if (kode := c.get(sh.url(pk=min(terlihat))).status_code) != 200:
                salah.append((username, "show dalam cakupan", min(terlihat), kode))
        with app.app_context():
            assert db.session.get(s.model, luar) is not None  # nothing deleted
    if not diuji:
        pytest.skip("tidak ada pengguna demo bercakupan terbatas yang berhak atas sumber daya ini")
    assert not salah, salah


# ------------------------------------------------------------------------------------------------------------
# 3. a login without an employee record sees nothing that depends on one
# ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in R.ROLES if r != R.ADMIN])
def test_tanpa_data_pegawai_tidak_melihat_data_bergantung_pegawai(app, katalog, klien_peran, role):
    """The matrix users hold one role and no employee record: every resource whose scope for that role depends
    on the employee (not "all rows") shows an empty list, an empty API list and an empty export."""
    k = Konteks(None, {role}, None, None)
    c = klien_peran(role)
    diperiksa, salah = 0, []
    for key, s in katalog.items():
        if s.model is None or not s.cakupan or not R.allowed(role, key, "l"):
            continue
        fn = SCOPES.get(s.cakupan, {}).get(role)
        if fn is not None and fn(k) is ALL:
            continue
        diperiksa += 1
        if _sql_scope(app, s.model, s.cakupan, k):
            salah.append((key, "cakupan SQL tidak kosong"))
        html = c.get(f"{s.view.route_base}/list/").get_data(as_text=True)
        if "Tidak ada data" not in html:
            salah.append((key, "daftar tidak kosong"))
        if s.api is not None:
            r = c.get(f"/api/v1/{s.api.resource_name}/")
            if r.status_code != 200 or r.get_json()["count"] != 0:
                salah.append((key, "api", r.status_code))
        if R.allowed(role, key, "x") and any(t.method == "ekspor" for t in s.titik):
            ids: list = []
            with _intip_ekspor(s.view, ids):
                r = c.get(f"{s.view.route_base}/ekspor/")
            if r.status_code != 200 or ids or _baris_xlsx(r.data):
                salah.append((key, "ekspor", r.status_code, len(ids)))
    if not diperiksa:
        pytest.skip("peran ini hanya punya cakupan 'semua baris'")
    assert not salah, salah


# ------------------------------------------------------------------------------------------------------------
# 3b. users holding two roles: the rows of an operation come only from the roles that grant it
# ------------------------------------------------------------------------------------------------------------


def _peran_baris(app, model, cakupan: str, k: Konteks, key: str, op: str = "ls") -> tuple[set, set]:
    """(rows of the roles granting ``op`` on ``key``, rows of all the user's roles) — each role's own scope
    function run separately and united here, independently of ``clause_for``'s role selection."""
    from app.extensions import db

    beri, semua = set(), set()
    with app.app_context():
        for role in k.role_names:
            fn = SCOPES.get(cakupan, {}).get(role)
            if fn is None:
                continue
            c = fn(k)
            rows = set(db.session.scalars(select(model.id) if c is ALL else select(model.id).where(c)))
            semua |= rows
            if any(R.allowed(role, key, o) for o in op):
                beri |= rows
    return beri, semua


def _multi_peran(app) -> list[str]:
    with app.app_context():
        return [u for u in DEMO_USERS if len(app.appbuilder.sm.find_user(username=u).roles) >= 2]


@pytest.mark.parametrize("key", list(R.RESOURCES))
def test_multi_peran_baris_hanya_dari_peran_pemberi(app, katalog, klien_demo, key):
    """Every demo user holding two roles (Operator + Pegawai, PyB + Pegawai, …): the API list holds exactly the
    rows of the roles that grant reading the resource, the export only those, and a row that only a
    non-granting role would reach is 404 on show and on the API."""
    s = katalog[key]
    if s.model is None or not s.cakupan:
        pytest.skip("bukan view model ber-cakupan")
    multi = _multi_peran(app)
    assert len(multi) >= 5
    salah, diuji = [], 0
    for username in multi:
        k = _konteks_demo(app, username)
        if not any(R.allowed(r, key, "l") or R.allowed(r, key, "s") for r in k.role_names):
            continue
        beri, semua = _peran_baris(app, s.model, s.cakupan, k, key)
        diuji += 1
        c = klien_demo(username)
        if s.api is not None and s.api.scope_resource == s.cakupan:
            r = c.get(f"/api/v1/{s.api.resource_name}/?q=(page_size:1)")
            if r.status_code != 200 or r.get_json()["count"] != len(beri):
                salah.append((username, "api list", r.status_code, (r.get_json() or {}).get("count"), len(beri)))
        if any(R.allowed(r, key, "x") for r in k.role_names) and any(t.method == "ekspor" for t in s.titik):
            ids: list = []
            with _intip_ekspor(s.view, ids):
                c.get(f"{s.view.route_base}/ekspor/")
            if not set(ids) <= beri:
                salah.append((username, "ekspor", len(set(ids) - beri)))
        bocor = semua - beri
        if bocor:
            pk = min(bocor)
            if (
                any(t.method == "show" and not t.api for t in s.titik)
                and (kode := c.get(f"{s.view.route_base}/show/{pk}").status_code) != 404
            ):
                salah.append((username, "show baris peran lain", pk, kode))
            if (
                s.api is not None
                and s.api.scope_resource == s.cakupan
                and (kode := c.get(f"/api/v1/{s.api.resource_name}/{pk}").status_code) != 404
            ):
                salah.append((username, "api baris peran lain", pk, kode))
    if not diuji:
        pytest.skip("tidak ada pengguna demo berperan ganda yang berhak membaca sumber daya ini")
    assert not salah, salah


def test_multi_peran_lookup_dan_info_bercakupan(app, katalog, klien_demo):
    """Every lookup endpoint (AjaxSelectField) and every API ``_info`` as every demo user with two roles: the
    lookup offers only candidates of its declared scope from the roles that grant the view (or the view's own
    narrowing), ``_info`` offers no related values at all."""
    from app.views.base import LookupMixin

    multi = _multi_peran(app)
    salah, dicoba = [], 0
    for key, s in katalog.items():
        view = s.view
        for col, spec in (getattr(view, "lookup_columns", None) or {}).items():
            punya_batas = (
                type(view).lookup_batas is not LookupMixin.lookup_batas or type(view).lookup is not LookupMixin.lookup
            )
            if len(spec) < 4 and not punya_batas:
                salah.append((key, col, "kandidat lookup tanpa cakupan"))
                continue
            if len(spec) < 4:
                continue  # the view's own narrowing: tested with the view (sanksi)
            model, cakupan = spec[0], spec[3]
            for username in multi:
                k = _konteks_demo(app, username)
                if not any(R.allowed(r, key, "l") for r in k.role_names):
                    continue
                if isinstance(cakupan, str):
                    beri, _semua = _peran_baris(app, model, cakupan, k, key, "l")
                else:  # a foreign key of the view's rows: the values the rows of the granting roles carry
                    baris, _semua = _peran_baris(app, view.datamodel.obj, view.scope_resource, k, key, "l")
                    with app.app_context():
                        from app.extensions import db

                        beri = set(db.session.scalars(select(cakupan).where(view.datamodel.obj.id.in_(baris or {-1}))))
                halaman, ids = 1, set()
                while halaman <= 3:
                    r = klien_demo(username).get(f"{view.route_base}/lookup/{col}?page={halaman}")
                    if r.status_code != 200:
                        salah.append((username, key, col, r.status_code))
                        break
                    ids |= {x["id"] for x in r.get_json()["results"]}
                    if not r.get_json()["pagination"]["more"]:
                        break
                    halaman += 1
                dicoba += 1
                if not ids <= beri:
                    salah.append((username, key, col, "kandidat di luar cakupan", len(ids - beri)))
        if s.api is not None:
            for username in multi:
                r = klien_demo(username).get(f"/api/v1/{s.api.resource_name}/_info")
                if r.status_code != 200:
                    continue
                dicoba += 1
                js = r.get_json()
                for kolom in js.get("add_columns", []) + js.get("edit_columns", []):
                    if kolom.get("values") or kolom.get("count"):
                        salah.append((username, key, "_info", kolom["name"]))
    assert dicoba >= 20
    assert not salah, salah


# ------------------------------------------------------------------------------------------------------------
# 4. the security section of ARCHITECTURE.md names tests that exist
# ------------------------------------------------------------------------------------------------------------


def test_rujukan_uji_keamanan_ada():
    """Every `tests/….py::fungsi` (and bare `test_…` continuing the previous file in the same cell) of the
    "Keamanan" section is a function defined in that file — the list cannot rot."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    doc = (root / "ARCHITECTURE.md").read_text(encoding="utf-8")
    bagian = doc.split("\n## Keamanan", 1)[1].split("\n## ", 1)[0]
    fungsi: dict[Path, set[str]] = {}

    def didefinisikan(berkas: Path) -> set[str]:
        if berkas not in fungsi:
            tree = ast.parse(berkas.read_text(encoding="utf-8"))
            fungsi[berkas] = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        return fungsi[berkas]

    rujukan, hilang = 0, []
    for baris in bagian.splitlines():
        if not baris.startswith("|") or baris.startswith("|---"):
            continue
        berkas = None
        for token in re.findall(r"`([^`]+)`", baris.split("|")[-2]):
            m = re.fullmatch(r"(tests/[\w/]+\.py)(?:::(\w+))?", token)
            if m:
                berkas, nama = root / m.group(1), m.group(2)
                if not berkas.exists():
                    hilang.append(token)
                    continue
            elif re.fullmatch(r"test_\w+", token) and berkas is not None:
                nama = token
            else:
                continue
            rujukan += 1
            if nama and nama not in didefinisikan(berkas):
                hilang.append(f"{berkas.relative_to(root)}::{nama}")
    assert rujukan >= 20
    assert not hilang, hilang
