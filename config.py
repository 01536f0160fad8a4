"""Configuration. SQLite under ``instance/`` by default; ``DATABASE_URL`` for PostgreSQL.

Everything a region may choose differently (evaluation period, team size, IPK bands …)
is reference data or ``konfigurasi_periode`` rows, not settings here.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask_appbuilder.const import AUTH_DB

from app.berkas_privat import folder_privat, privatkan, tulis_privat  # owner-only files under instance/

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = folder_privat(os.environ.get("INSTANCE_DIR", BASE_DIR / "instance"))  # 0700


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept under instance/ (≥ 32 bytes).

    Only for one node: every node behind a load balancer must sign sessions with the same key, so production
    refuses to start without it in the environment (app/security/sandi.py).
    """
    env = os.environ.get("SECRET_KEY")
    if env:
        return env
    if os.environ.get("KINERJA_ENV") == "production":
        return ""  # refused at start-up with an explanation, never silently generated per node
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        try:
            tulis_privat(path, secrets.token_hex(32), baru=True)  # 0600 from its creation
        except FileExistsError:  # another worker wrote it first
            pass
    privatkan(path)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
SECRET_KEY_DARI_LINGKUNGAN = bool(os.environ.get("SECRET_KEY"))
SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_DIR / 'kinerja.db'}"
SQLALCHEMY_TRACK_MODIFICATIONS = False
SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

# Production mode refuses demo passwords and sets Secure cookies.
PRODUCTION = os.environ.get("KINERJA_ENV", "development") == "production"

APP_NAME = "Kinerja ASN"
APP_THEME = ""
AUTH_TYPE = AUTH_DB
AUTH_ROLE_ADMIN = "Admin"
AUTH_ROLE_PUBLIC = "Public"
AUTH_USER_REGISTRATION = False
# Tables come from Alembic (schema/migrations); FAB must not create_all behind our back.
AUTO_MIGRATE = os.environ.get("AUTO_MIGRATE", "1") == "1"

# Roles are data (app/security/roles.py): 0 permission queries per request.
from app.security.roles import FAB_ROLES  # noqa: E402, F401 (read by Flask-AppBuilder from this module)

FAB_API_SWAGGER_UI = True
FAB_ADD_SECURITY_API = False  # crashes with marshmallow 4 (Flask-AppBuilder 5.3)
FAB_UPDATE_PERMS = True
FAB_SAFE_REDIRECT_HOSTS = ["localhost", "127.0.0.1"]
FAB_PASSWORD_COMPLEXITY_ENABLED = True
from app.security.sandi import validasi_sandi as FAB_PASSWORD_COMPLEXITY_VALIDATOR  # noqa: E402, F401

# Login throttling (app/security/login.py): *failed* logins per account and per client address, on the HTML
# and the API login, in Flask-Limiter's storage (RATELIMIT_ENABLED turns it on). FAB's own AUTH_RATE_LIMITED
# stays off: it covers the HTML login only and counts successful logins (one NAT office = one address).
# memory:// is per process; with several workers or nodes REDIS_URL (or RATELIMIT_STORAGE_URI) counts for all.
AUTH_RATE_LIMITED = False
RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1") == "1"
RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
LOGIN_GAGAL_PER_AKUN = os.environ.get("LOGIN_GAGAL_PER_AKUN", "5 per 15 minute")
LOGIN_GAGAL_PER_ALAMAT = os.environ.get("LOGIN_GAGAL_PER_ALAMAT", "50 per 15 minute")
# Number of reverse proxies in front of the app whose X-Forwarded-For is trusted (werkzeug ProxyFix);
# 0 = none: the header is ignored and the client address is the TCP peer.
PROXY_FIX_X_FOR = int(os.environ.get("PROXY_FIX_X_FOR", "0"))

WTF_CSRF_ENABLED = True
WTF_CSRF_TIME_LIMIT = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION

BABEL_DEFAULT_LOCALE = "id"
BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "app" / "translations")
LANGUAGES = {"id": {"flag": "id", "name": "Bahasa Indonesia"}, "en": {"flag": "gb", "name": "English"}}

# Uploads (bukti dukung) are stored in the database (app/penyimpanan.py), shared by every node; UPLOAD_FOLDER is
# where an older installation kept them on disk (`flask --app run berkas pindahkan` copies them in).
UPLOAD_FOLDER = str(INSTANCE_DIR / "berkas")
MAX_CONTENT_LENGTH = 10 * 1024 * 1024
UNGGAH_TIPE_DIIZINKAN = ["application/pdf", "image/png", "image/jpeg"]

# Background jobs (app/pekerjaan.py): inputs and results in the database; registers and "Hitung predikat" above
# the thresholds run in the background with a progress page; PEKERJAAN_SINKRON waits for the job (tests).
# With REDIS_URL (or CELERY_BROKER_URL) jobs and the daily schedule run on Celery workers (app/antrean.py),
# otherwise in PEKERJAAN_MAKS_PARALEL threads of the web process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or None
# A job's message is delivered again when its worker has not acknowledged it within this many seconds (a worker
# killed mid-job); keep it above the longest job — a second delivery of a running job does nothing anyway.
CELERY_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
PEKERJAAN_MAKS_PARALEL = 2
PEKERJAAN_SINKRON = False
# A job's runner beats every PEKERJAAN_DETAK_DETIK s (queued or running); a job silent for PEKERJAAN_BATAS_DETAK s
# (its process died: kill -9, restart) is marked "gagal" at start-up and when its page is read.
PEKERJAAN_DETAK_DETIK = float(os.environ.get("PEKERJAAN_DETAK_DETIK", "5"))
PEKERJAAN_BATAS_DETAK = int(os.environ.get("PEKERJAAN_BATAS_DETAK", "60"))
PEKERJAAN_SIMPAN_HARI = 7
EKSPOR_LATAR_AMBANG = int(os.environ.get("EKSPOR_LATAR_AMBANG", "5000"))
HITUNG_LATAR_AMBANG = int(os.environ.get("HITUNG_LATAR_AMBANG", "5000"))
# List pages count exactly up to this many rows, then say "lebih dari …" and page no further (0: always exact);
# see app/views/base.py EagerSQLAInterface.query_count
BATAS_HITUNG_DAFTAR = int(os.environ.get("BATAS_HITUNG_DAFTAR", "10000"))
# PostgreSQL planner: random_page_cost per connection (SSD); empty keeps the server's setting (app/__init__.py)
PG_RANDOM_PAGE_COST = os.environ.get("PG_RANDOM_PAGE_COST", "1.1")
# The daily work (app/jadwal.py) runs at this local time under Celery beat; without Celery, cron runs
# `flask --app run jadwal`. JADWAL_SETIAP_DETIK (tests) makes beat fire every N seconds instead: each task still
# runs once per local day.
JADWAL_JAM = os.environ.get("JADWAL_JAM", "01:30")
JADWAL_SETIAP_DETIK = float(os.environ.get("JADWAL_SETIAP_DETIK", "0")) or None

# Platform tunggal ASN (SIASN, app/siasn/): on only when every SIASN_* below is set — from the environment, never
# from a file in the repository; secrets are never logged nor written to the audit trail. SIASN_KIRIM_DETIK: how
# often Celery beat sends the outbox (without Redis: cron `flask --app run siasn kirim`, or the operator's button).
SIASN_API_URL = os.environ.get("SIASN_API_URL")  # https://apimws.bkn.go.id:8243/apisiasn/1.0
SIASN_WSO_URL = os.environ.get("SIASN_WSO_URL")  # https://apimws.bkn.go.id
SIASN_SSO_URL = os.environ.get("SIASN_SSO_URL")  # https://sso-siasn.bkn.go.id
SIASN_CONSUMER_KEY = os.environ.get("SIASN_CONSUMER_KEY")
SIASN_CONSUMER_SECRET = os.environ.get("SIASN_CONSUMER_SECRET")
SIASN_CLIENT_ID = os.environ.get("SIASN_CLIENT_ID")
SIASN_USERNAME = os.environ.get("SIASN_USERNAME")
SIASN_PASSWORD = os.environ.get("SIASN_PASSWORD")
SIASN_TIMEOUT = float(os.environ.get("SIASN_TIMEOUT", "30"))
SIASN_KIRIM_DETIK = float(os.environ.get("SIASN_KIRIM_DETIK", "300"))

# Email notifications (app/surel.py): on when SMTP_HOST is set; credentials from the environment only.
# SURAT_DIKIRIM_DETIK: how often Celery beat sends the email outbox (without Redis: the daily schedule).
SMTP_HOST = os.environ.get("SMTP_HOST")
SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))
SMTP_USER = os.environ.get("SMTP_USER")
SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
SMTP_STARTTLS = os.environ.get("SMTP_STARTTLS", "1") == "1"
SMTP_TIMEOUT = float(os.environ.get("SMTP_TIMEOUT", "30"))
SURAT_DARI = os.environ.get("SURAT_DARI", "Kinerja ASN <noreply@localhost>")
URL_APLIKASI = os.environ.get("URL_APLIKASI", "http://localhost:5000")
SURAT_DIKIRIM_DETIK = float(os.environ.get("SURAT_DIKIRIM_DETIK", "120"))

# System timestamps are stored as naive UTC and shown in this zone: "Asia/Jakarta" (WIB), regions in WITA set
# "Asia/Makassar", in WIT "Asia/Jayapura". Times users type in (slot, jadwal konseling) are already local.
ZONA_WAKTU = os.environ.get("ZONA_WAKTU", "Asia/Jakarta")
# The app's one clock (app/jam.py) reads "today" in ZONA_WAKTU. For demos, training and tests it can be set to an
# ISO 8601 instant ("2026-12-05T00:30:00+07:00"; without offset = local time; a date = local midnight): the clock
# starts there and runs on. Unset (the default) = the system clock; refused in production.
JAM_TETAP = os.environ.get("KINERJA_JAM_TETAP") or None

# Demo users are created by run.py with this password unless KINERJA_DEMO_PASSWORD is set.
DEMO_PASSWORD = os.environ.get("KINERJA_DEMO_PASSWORD", "Demo#Kinerja2026")
