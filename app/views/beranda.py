"""Home page: a short welcome; dashboards per role come with the capability issues."""
from flask import g
from flask_appbuilder import IndexView, expose

from app.security.scope import konteks


class BerandaIndexView(IndexView):
    index_template = "kinerja/beranda.html"

    @expose("/")
    def index(self):
        user = getattr(g, "user", None)
        k = konteks() if user is not None and getattr(user, "is_authenticated", False) else None
        return self.render_template(self.index_template, appbuilder=self.appbuilder, konteks=k)
