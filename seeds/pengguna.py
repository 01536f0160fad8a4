"""One demo login per role, linked to a fitting pegawai of the demo regency."""

from __future__ import annotations

from sqlalchemy import select, update

from app import jam
from app.security import roles as R
from schema.models import Pegawai
from seeds.demo import pilih_pegawai_demo
from seeds.demo_klinik import pilih_pegawai_klinik

# username → (role, key of seeds.demo.pilih_pegawai_demo or None)
DEMO_USERS = {
    "admin": (R.ADMIN, None),
    "operator": (R.OPERATOR, "operator"),
    "penilai": (R.PENILAI, "penilai"),
    "atasan": (R.ATASAN, "atasan"),
    "pegawai": (R.PEGAWAI, "pegawai"),
    "tim": (R.TIM, "tim"),
    "konselor": (R.KONSELOR, "konselor"),
    "pyb": (R.PYB, "pyb"),
    "klinik": (R.KLINIK, "klinik"),  # seeds.demo_klinik.pilih_pegawai_klinik
}


def buat_pengguna_demo(sm, session, password: str) -> int:
    """Create missing demo users (idempotent); returns how many were created."""
    pilihan = pilih_pegawai_demo(session)
    pilihan["klinik"] = pilih_pegawai_klinik(session)
    dibuat = 0
    for username, (role_name, key) in DEMO_USERS.items():
        user = sm.find_user(username=username)
        pegawai_id = pilihan.get(key) if key else None
        if user is None:
            role = sm.find_role(role_name)
            roles = [role]
            # every employee login is also "Pegawai" (own SKP); supervisors are also employees
            if role_name not in (R.ADMIN, R.PEGAWAI) and pegawai_id:
                roles.append(sm.find_role(R.PEGAWAI))
            nama = session.scalar(select(Pegawai.nama).where(Pegawai.id == pegawai_id)) if pegawai_id else None
            first, _, last = (nama or username.title()).partition(" ")
            user = sm.add_user(username, first, last or "-", f"{username}@demo.kinerja.local", roles, password)
            if not user:
                raise RuntimeError(f"Gagal membuat pengguna demo {username}")
            # FAB stamps with the server's datetime.now(); demo data follows the application's clock
            user.created_on = user.changed_on = jam.sekarang_utc()
            dibuat += 1
        if pegawai_id:
            session.execute(update(Pegawai).where(Pegawai.id == pegawai_id).values(user_id=user.id))
    session.commit()
    return dibuat
