"""Start Kinerja ASN: migrate, seed reference data, demo data when empty, demo users; serve.

``python run.py`` serves on HOST:PORT (default 127.0.0.1:8080). ``flask --app run …`` gives the CLI.
Behind gunicorn: ``gunicorn -w 3 -b 127.0.0.1:8080 'run:app'`` (sync workers, cores + 1).
"""

from __future__ import annotations

import os

from app import create_app

# Defence in depth for files a library writes on its own: the server's files are owner-only (our own
# writes under instance/ are 0600 anyway, app/berkas_privat.py).
os.umask(0o077)
app = create_app()

if __name__ == "__main__":
    from app.cli import siapkan_data

    with app.app_context():
        hasil = siapkan_data(app, pegawai=int(os.environ.get("DEMO_PEGAWAI", "600")))
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8080"))
    print(f"Kinerja ASN siap di http://{host}:{port}/  (persiapan: {hasil})", flush=True)
    app.run(host=host, port=port, debug=False, use_reloader=False)
