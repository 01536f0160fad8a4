"""FAB's security views whose column labels FAB leaves untranslatable (auto-generated from column names).

Same class names as FAB's (permission and endpoint names stay unchanged); only ``label_columns`` gain
``lazy_gettext`` entries, so the catalog (app/translations) gives Indonesian and English stays English.
"""

from __future__ import annotations

from flask_appbuilder.security import views as fab
from flask_babel import lazy_gettext as _l


class UserGroupModelView(fab.UserGroupModelView):
    label_columns = {
        "name": _l("Name"),
        "label": _l("Label"),
        "description": _l("Description"),
        "users": _l("Users"),
        "roles": _l("Roles"),
    }


class PermissionViewModelView(fab.PermissionViewModelView):
    label_columns = {**fab.PermissionViewModelView.label_columns, "role": _l("Role")}
