"""SKP signatures over the current content (001 Pasal 14(3); 001 Lampiran "Penetapan SKP" 1–2): the SKP is set
only over the employee's signature of the content as it stands; any content change after the employee signed
sends the SKP back to the employee to re-sign; the superseded signature is kept; signing asks for confirmation.

Years 2056–2059 are used by this module only.
"""

from __future__ import annotations

import html as H

from sqlalchemy import func, select

from app.queries.perencanaan import hash_skp
from schema.models import SKP, AuditLog, IndikatorKinerja, Jabatan, Pegawai, TandaTangan
from tests import bantu
from tests.bantu import skp_buat, skp_iki, skp_post, skp_rhk, skp_siap_ajukan


def _tts(db, skp_id):
    db.rollback()
    return db.scalars(
        select(TandaTangan)
        .where(TandaTangan.jenis_dokumen == "skp", TandaTangan.dokumen_id == skp_id)
        .order_by(TandaTangan.id)
    ).all()


def _status(db, skp_id):
    db.rollback()
    return db.get(SKP, skp_id).status


def _teks(h: str) -> str:
    return H.unescape(h)


def test_ubah_ekspektasi_sesudah_ditandatangani_kembali_ke_pegawai_lalu_tanda_tangan_ulang(login, db_session):
    db = db_session
    c, cp = login("pegawai"), login("penilai")
    skp = skp_buat(c, db, 2057)
    skp_siap_ajukan(c, db, skp)
    # signing asks for confirmation first (kinerja.js data-konfirmasi), as signing an evaluation does
    h = bantu.html(c.get(f"/skp/show/{skp.id}"))
    assert 'id="btn-ajukan" data-konfirmasi="Tandatangani SKP ini' in h
    assert "ditandatangani dan diajukan" in skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    h = bantu.html(cp.get(f"/skp/show/{skp.id}"))
    assert 'id="btn-tetapkan" data-konfirmasi="Tetapkan dan tandatangani SKP ini?' in h
    assert 'data-konfirmasi="SKP ini sudah ditandatangani pegawai. Mengubah ekspektasi khusus' in h
    (ttd_lama,) = _tts(db, skp.id)
    hash_lama, id_lama = ttd_lama.hash_sha256, ttd_lama.id

    # the evaluator changes the content after the employee signed: back to the employee, with the reason
    h = _teks(skp_post(cp, f"/skp/ekspektasi/{skp.id}", db, skp, ekspektasi_akuntabel="Laporan harian tepat waktu"))
    assert "Ekspektasi khusus pimpinan disimpan" in h
    assert "Isi SKP berubah (ekspektasi khusus pimpinan) sesudah pegawai menandatanganinya" in h
    assert _status(db, skp.id) == "dikembalikan"
    # "Tetapkan" is refused with the message; nothing is signed
    h = _teks(skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp))
    assert "SKP menunggu tanda tangan ulang pegawai" in h and "ditetapkan dan ditandatangani" not in h
    assert _status(db, skp.id) == "dikembalikan"
    assert [t.peran for t in _tts(db, skp.id)] == ["pegawai"]
    # the employee sees why; the old signature is shown as no longer valid (kept, not deleted)
    h = _teks(bantu.html(c.get(f"/skp/show/{skp.id}")))
    assert 'id="catatan-penilai"' in h and "ditandatangani ulang" in h
    assert "Tidak berlaku lagi: isi SKP berubah sesudah ditandatangani" in h
    db.rollback()
    assert hash_skp(db.get(SKP, skp.id)) != hash_lama
    assert (
        db.scalar(
            select(func.count(AuditLog.id)).where(
                AuditLog.tabel == "tanda_tangan",
                AuditLog.baris_id == str(id_lama),
                AuditLog.aksi == "ubah",
                AuditLog.sesudah.contains('"berlaku": false'),
            )
        )
        == 1
    )

    # the employee re-signs; then "Tetapkan" goes through
    assert "ditandatangani dan diajukan" in skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    assert "ditetapkan dan ditandatangani" in skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp)
    db.rollback()
    s = db.get(SKP, skp.id)
    tts = _tts(db, skp.id)
    assert s.status == "ditetapkan"
    assert [t.peran for t in tts] == ["pegawai", "pegawai", "pejabat_penilai"]
    assert tts[0].id == id_lama and tts[0].hash_sha256 == hash_lama  # history kept as it was
    assert tts[1].hash_sha256 == tts[2].hash_sha256 == hash_skp(s) != hash_lama


def test_tetapkan_atas_tanda_tangan_basi_ditolak_dan_dikembalikan(login, db_session):
    """A submitted SKP whose content no longer matches the employee's signature (changed by a path that did not
    return it, e.g. rows from before this rule): the page offers no "Tetapkan"; a POST is refused and the SKP
    goes back to the employee (committed), nothing is signed."""
    db = db_session
    c, cp = login("pegawai"), login("penilai")
    skp = skp_buat(c, db, 2058)
    rhk = skp_siap_ajukan(c, db, skp)
    skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    assert _status(db, skp.id) == "diajukan"
    db.execute(IndikatorKinerja.__table__.update().where(IndikatorKinerja.rhk_id == rhk.id).values(target_nilai=55))
    db.commit()
    h = _teks(bantu.html(cp.get(f"/skp/show/{skp.id}")))
    assert 'id="penetapan-ditolak"' in h and 'id="btn-tetapkan"' not in h
    assert "tanda tangan pegawai tidak berlaku" in h
    h = _teks(skp_post(cp, f"/skp/tetapkan/{skp.id}", db, skp))
    assert "Isi SKP telah berubah sesudah pegawai menandatanganinya" in h and "ditetapkan dan ditandatangani" not in h
    assert _status(db, skp.id) == "dikembalikan"
    assert [t.peran for t in _tts(db, skp.id)] == ["pegawai"]


def test_operator_mengganti_penilai_sesudah_ditandatangani_kembali_ke_pegawai(login, db_session):
    """The evaluator named on the signed form changed (001 "Penetapan SKP" 6): the employee re-signs."""
    db = db_session
    c, co = login("pegawai"), login("operator")
    skp = skp_buat(c, db, 2056)
    skp_siap_ajukan(c, db, skp)
    skp_post(c, f"/skp/ajukan/{skp.id}", db, skp)
    atasan = bantu.peg(db, "atasan")
    h = _teks(skp_post(co, f"/skp/penilai/{skp.id}", db, skp, penilai=atasan.id))
    assert "ditetapkan secara manual" in h and "Isi SKP berubah (pejabat penilai)" in h
    assert _status(db, skp.id) == "dikembalikan"


def test_kepala_daerah_lewat_pyb_tidak_menetapkan_atas_tanda_tangan_basi(login, db_session):
    """JPT SKP set by the Kepala Daerah, acted by the PyB (001 Lampiran "Penetapan SKP" 2): same rule."""
    db = db_session
    jpt = db.scalars(
        select(Pegawai)
        .join(Jabatan, Pegawai.jabatan_id == Jabatan.id)
        .where(Jabatan.jenis == "jpt_pratama", Pegawai.status == "aktif", Pegawai.user_id.is_(None))
        .order_by(Pegawai.id.desc())
    ).first()
    co, pyb = login("operator"), login("pyb")
    skp = skp_buat(co, db, 2059, jpt.id)
    assert skp.ditetapkan_kepala_daerah
    rhk, _ = skp_rhk(co, db, skp, "Meningkatnya kualitas layanan", perspektif="penerima_layanan")
    skp_iki(co, db, skp, rhk, perspektif="penerima_layanan")

    def tanda_tangan_pegawai():  # the JPT has no login in the demo: record the signature as ajukan() does
        db.rollback()
        s = db.get(SKP, skp.id)
        s.status = "diajukan"
        db.add(
            TandaTangan(
                jenis_dokumen="skp",
                dokumen_id=s.id,
                peran="pegawai",
                pegawai_id=jpt.id,
                nama=jpt.nama,
                nip=jpt.nip,
                hash_sha256=hash_skp(s),
            )
        )
        db.commit()

    tanda_tangan_pegawai()
    assert 'id="btn-tetapkan"' in bantu.html(pyb.get(f"/skp/show/{skp.id}"))
    # the content changes after signing (here the operator, on the Kepala Daerah's instruction)
    h = _teks(skp_post(co, f"/skp/ekspektasi/{skp.id}", db, skp, ekspektasi_kolaboratif="Memimpin forum lintas OPD"))
    assert "Isi SKP berubah (ekspektasi khusus pimpinan)" in h
    assert _status(db, skp.id) == "dikembalikan"
    assert "SKP menunggu tanda tangan ulang pegawai" in _teks(skp_post(pyb, f"/skp/tetapkan/{skp.id}", db, skp))
    assert [t.peran for t in _tts(db, skp.id)] == ["pegawai"]
    tanda_tangan_pegawai()
    assert "ditetapkan dan ditandatangani" in skp_post(pyb, f"/skp/tetapkan/{skp.id}", db, skp)
    tts = _tts(db, skp.id)
    assert [t.peran for t in tts] == ["pegawai", "pegawai", "kepala_daerah"]
    assert tts[1].hash_sha256 == tts[2].hash_sha256 != tts[0].hash_sha256
