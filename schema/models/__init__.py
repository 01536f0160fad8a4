"""The normalised relational model of the whole performance cycle (perencanaan → tindak lanjut)."""

from flask_appbuilder.security.sqla.models import User  # noqa: F401  (ab_user is referenced by pegawai)

from schema.models._base import Model, add_enum_checks
from schema.models.audit import AuditLog  # noqa: F401
from schema.models.berkas import BerkasData, BerkasPotongan  # noqa: F401
from schema.models.klinik import (  # noqa: F401
    KlinikAnggota,
    KlinikJawabanSurvei,
    KlinikPermohonan,
    KlinikPertanyaanSurvei,
    KlinikPeserta,
    KlinikSesi,
    KlinikSlot,
    KlinikSurveiToken,
    KlinikTanyaJawab,
    KlinikTim,
)
from schema.models.master import (  # noqa: F401  # noqa: F401  (R15, migration 0003)
    DelegasiPenilai,
    Golongan,
    HariLibur,
    Instansi,
    Jabatan,
    KonfigurasiPeriode,
    MutasiPegawai,
    Pegawai,
    PenugasanPlt,
    TugasBelajar,
    UnitKerja,
)
from schema.models.notifikasi import KirimSurel, Notifikasi, PreferensiNotifikasi, SaklarNotifikasi  # noqa: F401
from schema.models.pekerjaan import JadwalJalan, Pekerjaan  # noqa: F401
from schema.models.pelaksanaan import (  # noqa: F401
    BarisCoaching,
    BimbinganKinerja,
    BuktiDukung,
    BuktiLaporanPerilaku,
    JawabanB18,
    JurnalMentoring,
    Konseling,
    LaporanPerilaku,
    NilaiKompetensi,
    PelatihanKinerja,
    PermintaanUmpanBalik,
    Realisasi,
    TindakanProgresRecord,
    UmpanBalik,
)
from schema.models.pemantauan import (  # noqa: F401
    AnggotaTim,
    Pemantauan,
    PemantauanPegawai,
    PenugasanTim,
    RingkasanCakupan,
    RingkasanCakupanAtasan,
    RingkasanCakupanUnit,
    TimPemantau,
)
from schema.models.penilaian import CapaianKinerjaOrganisasi, CatatanPerilaku, EvaluasiKinerja, Keberatan, RatingRHK  # noqa: F401
from schema.models.perencanaan import (  # noqa: F401
    SKP,
    EkspektasiKhusus,
    IndikatorKinerja,
    LampiranSKP,
    RencanaAksi,
    RencanaHasilKerja,
    SelMPPH,
    TandaTangan,
)
from schema.models.referensi import (  # noqa: F401
    AlasanPerubahanSKP,
    KompetensiB19,
    NilaiInti,
    PerilakuPanduan,
    PernyataanB18,
    PitaIPK,
    Referensi,
    SkalaKompetensi,
)
from schema.models.sesi import SesiPengguna  # noqa: F401
from schema.models.siasn import KirimSiasn, KodeSiasn, RiwayatKirimSiasn, SelisihSiasn  # noqa: F401
from schema.models.tindak_lanjut import Penghargaan, TindakLanjutSanksi  # noqa: F401

metadata = Model.metadata
add_enum_checks(metadata)
