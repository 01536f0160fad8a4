"""HTML views (Flask-AppBuilder), one module per domain of the cycle: data induk → perencanaan → pelaksanaan →
pemantauan → penilaian → tindak lanjut, plus the clinic, audit and background jobs.

Registration (menus, permissions, REST APIs) happens in one place: ``app/views/daftar.py``, from
``app.security.roles.RESOURCES``.
"""
