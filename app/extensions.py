"""Process-wide extension objects. The AppBuilder itself is built per app in the factory (Flask-AppBuilder 5.3)."""

from flask_appbuilder.utils.legacy import get_sqla_class
from flask_wtf.csrf import CSRFProtect

db = get_sqla_class()()
csrf = CSRFProtect()
