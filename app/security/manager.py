"""Security manager: FAB's, plus the link from a login to its pegawai row."""
from __future__ import annotations

from flask import g
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security import views as fab_views

from app.security import tampilan_fab
from app.security.sandi import tegakkan_sandi


class UserDBModelView(fab_views.UserDBModelView):
    """FAB's user admin hashes a new user's password in ``pre_add``, bypassing ``add_user``: check it there too,
    whatever FAB_PASSWORD_COMPLEXITY_ENABLED says (a refusal is flashed, nothing is added). Same class name as
    FAB's, so permission and endpoint names stay unchanged."""

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

    # FAB views with auto-generated (untranslatable) labels, relabelled through the catalog (issue 11)
    groupmodelview = tampilan_fab.UserGroupModelView
    userstatschartview = tampilan_fab.UserStatsChartView
    permissionviewmodelview = tampilan_fab.PermissionViewModelView
    userdbmodelview = UserDBModelView

    # Every way a password is set — FAB's `fab create-admin` / `create-user` / `reset-password` CLI, the user
    # admin, the reset-password forms, our seeders — ends in add_user or reset_password: enforce the policy there
    # (app/security/sandi.py), in every mode. A pre-hashed password or none (FAB then stores a random one) is not
    # a password someone typed.
    def add_user(self, username, first_name, last_name, email, role=None, password="", hashed_password="",
                 *args, **kwargs):
        if password and not hashed_password:
            tegakkan_sandi(password)
        return super().add_user(username, first_name, last_name, email, role, password, hashed_password,
                                *args, **kwargs)

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
        """The logged-in user with the roles and groups every permission check reads, in one SELECT per request
        (FAB lazy-loads them: 3 statements on every page; issue 10 budgets ≤ 6 per list page)."""
        from sqlalchemy.orm import joinedload

        um = self.user_model
        return self.session.get(um, pk, options=[joinedload(um.roles), joinedload(um.groups)])
    def auth_user_db(self, username, password):
        """In production a demo password never logs anyone in, whatever the stored hash says."""
        from flask import current_app

        from app.security.sandi import sandi_demo

        if current_app.config.get("PRODUCTION") and sandi_demo(password or ""):
            return None
        return super().auth_user_db(username, password)


def current_user():
    return getattr(g, "user", None)
