"""Security manager: FAB's, plus the link from a login to its pegawai row."""

from __future__ import annotations

from flask import current_app, g
from flask import session as sesi_flask
from flask_appbuilder.security import views as fab_views
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_login import user_logged_in
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from app.format import KOSONG, nilai, waktu, ya_tidak
from app.security import login as login_kinerja
from app.security import sesi, tampilan_fab
from app.security.sandi import sandi_demo, tegakkan_sandi
from app.security.scope import ATRIBUT_FAKTA, dengan_fakta
from schema.models import SesiPengguna


def _waktu(v):
    return waktu(v) if v else KOSONG


class UserDBModelView(fab_views.UserDBModelView):
    """FAB's user admin hashes a new user's password in ``pre_add``, bypassing ``add_user``: check it there too,
    whatever FAB_PASSWORD_COMPLEXITY_ENABLED says (a refusal is flashed, nothing is added). Same class name as
    FAB's, so permission and endpoint names stay unchanged."""

    # every shown value through app/format.py: Ya/Tidak, "—", Indonesian date-times (FAB stamps with the
    # server clock, UTC in our deployments)
    formatters_columns = {
        "active": ya_tidak,
        **{k: nilai for k in ("login_count", "fail_login_count", "created_by", "changed_by", "email")},
        **{k: _waktu for k in ("last_login", "created_on", "changed_on")},
    }

    def pre_add(self, item):
        tegakkan_sandi(item.password)
        super().pre_add(item)


class KinerjaSecurityManager(SecurityManager):
    """FAB's manager with exact-name checks for the roles declared as data (app/security/roles.py).

    FAB matches FAB_ROLES entries with ``re.match`` per check; with several hundred distinct entries Python's
    regex cache (512) thrashes and every permission check recompiles patterns — menus took seconds. Our
    entries are plain names (Admin's ``.*`` means everything), so a set lookup is exact and O(1).
    """

    _builtin_sets: dict | None = None

    # FAB views with auto-generated (untranslatable) labels, relabelled through the catalog
    groupmodelview = tampilan_fab.UserGroupModelView
    # FAB's login statistics page loads its chart library from a CDN (blocked by our CSP) and labels the counts in
    # English; it adds nothing the audit log does not hold, so it is not registered (no page, no menu entry)
    userstatschartview = None
    permissionviewmodelview = tampilan_fab.PermissionViewModelView
    # login throttling answered 429 on both login paths (app/security/login.py)
    authdbview = login_kinerja.AuthDBView
    security_api = login_kinerja.SecurityApi
    userdbmodelview = UserDBModelView

    # Every way a password is set — FAB's `fab create-admin` / `create-user` / `reset-password` CLI, the user
    # admin, the reset-password forms, our seeders — ends in add_user or reset_password: enforce the policy there
    # (app/security/sandi.py), in every mode. A pre-hashed password or none (FAB then stores a random one) is not
    # a password someone typed.
    def add_user(
        self, username, first_name, last_name, email, role=None, password="", hashed_password="", *args, **kwargs
    ):
        if password and not hashed_password:
            tegakkan_sandi(password)
        return super().add_user(
            username, first_name, last_name, email, role, password, hashed_password, *args, **kwargs
        )

    def reset_password(self, userid, password):
        tegakkan_sandi(password)
        return super().reset_password(userid, password)

    def _has_access_builtin_roles(self, role, permission_name: str, view_name: str) -> bool:
        if self._builtin_sets is None:
            sets = {}
            for name, pvms in self.builtin_roles.items():
                sets[name] = True if [".*", ".*"] in pvms else {(v, p) for v, p in pvms}
            self._builtin_sets = sets
        allowed = self._builtin_sets.get(role.name)
        if allowed is None:
            return False
        return allowed is True or (view_name, permission_name) in allowed

    def get_user_by_id(self, pk):
        """The logged-in user with the roles and groups every permission check reads, its session generation
        (app/security/sesi.py) and its employee facts (``scope.konteks``), in one SELECT per request (FAB
        lazy-loads them: 3 statements on every page; tests/test_jumlah_sql.py budgets ≤ 6 per list page)."""
        try:
            pk = int(pk)  # FAB's admin password reset passes the id from the query string
        except (TypeError, ValueError):
            return None
        if not -(2**63) <= pk < 2**63:
            return None  # beyond any key (a bound parameter would overflow the driver)
        baris = self.session.execute(self._stmt_pengguna(), {"pk": pk}).unique().first()
        if baris is None:
            return None
        user, generasi, *fakta = baris
        setattr(user, sesi.ATRIBUT, generasi)
        setattr(user, ATRIBUT_FAKTA, tuple(fakta))  # read by scope.konteks(): no statement of its own
        return user

    _stmt_pengguna_siap = None

    def _stmt_pengguna(self):
        """The user-load statement, built once per app: it runs on every request, and building the select (with
        its joins, eager options and the facts' EXISTS) cost more CPU than running it."""
        if self._stmt_pengguna_siap is None:
            um = self.user_model
            q = (
                select(um, SesiPengguna.generasi)
                .outerjoin(SesiPengguna, SesiPengguna.user_id == um.id)
                .where(um.id == bindparam("pk"))
                .options(joinedload(um.roles), joinedload(um.groups))
            )
            self._stmt_pengguna_siap = dengan_fakta(q, um.id)
        return self._stmt_pengguna_siap

    def load_user(self, pk):
        """Cookie session: valid only while it carries the user's current session generation."""
        user = super().load_user(pk)
        if user is not None and sesi.berlaku(user, sesi_flask.get(sesi.KUNCI)):
            return user
        return None

    def load_user_jwt(self, _jwt_header, jwt_data):
        """JWT (access or refresh): valid only while its ``sesi`` claim is the user's current generation."""
        try:
            user = self.get_user_by_id(int(jwt_data["sub"]))
        except (KeyError, TypeError, ValueError):
            return None
        if user is not None and user.is_active and sesi.berlaku(user, jwt_data.get(sesi.KLAIM)):
            g.user = user
            return user
        return None

    def create_login_manager(self, app):
        sesi.pasang()
        lm = super().create_login_manager(app)
        # FAB passes current_app (a proxy): blinker matches the sender by identity, so connect the real app
        user_logged_in.connect(self._simpan_generasi_sesi, getattr(app, "_get_current_object", lambda: app)())
        return lm

    def _simpan_generasi_sesi(self, _app, user=None, **_kw):
        sesi_flask[sesi.KUNCI] = getattr(user, sesi.ATRIBUT, None) or sesi.pastikan(self.session, user.id)

    def create_jwt_manager(self, app):
        jwt = super().create_jwt_manager(app)
        jwt.additional_claims_loader(lambda identity: {sesi.KLAIM: sesi.pastikan(self.session, int(identity))})
        return jwt

    def on_user_login(self, user) -> None:
        setattr(user, sesi.ATRIBUT, sesi.pastikan(self.session, user.id))

    def on_user_logout(self, user) -> None:
        """Logging out ends every session and token of this user, in every browser (a copied cookie too)."""
        sesi.akhiri_semua(self.session, user.id)
        self.session.commit()
        sesi_flask.pop(sesi.KUNCI, None)

    def create_limiter(self, app):
        limiter = super().create_limiter(app)
        self.pembatas_login = login_kinerja.PembatasLogin(limiter, app.config)
        return limiter

    def auth_user_db(self, username, password):
        """The one path of HTML and API logins: failed attempts are throttled per account and per client address
        (app/security/login.py); in production a demo password never logs anyone in, whatever the stored hash."""
        akun = self._akun_login(username) if self.pembatas_login.aktif else None
        alamat = login_kinerja.alamat_klien()
        tunggu = self.pembatas_login.tunggu(akun, alamat)
        if tunggu is not None:
            login_kinerja.log.warning("login dibatasi: akun %r dari %s, %d detik", username, alamat, tunggu)
            login_kinerja.tandai_dibatasi(tunggu)
            return None
        if current_app.config.get("PRODUCTION") and sandi_demo(password or ""):
            user = None
        else:
            user = super().auth_user_db(username, password)
        if user is None:
            self.pembatas_login.gagal(akun, alamat)
        else:
            self.pembatas_login.berhasil(akun)
        return user

    def _akun_login(self, username) -> str | None:
        """The counter key of an account: its id when the name (or e-mail, which FAB also accepts) is known,
        so the two spellings of one account share one budget; else the lower-cased name."""
        if not username:
            return None
        user = self.find_user(username=username) or self.find_user(email=username)
        return f"id:{user.id}" if user is not None else f"nama:{str(username).strip().lower()[:200]}"


def current_user():
    return getattr(g, "user", None)
