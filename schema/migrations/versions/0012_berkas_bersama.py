"""berkas di basis data, pekerjaan menurut nama, jadwal harian, pencarian NIP

Several app nodes share one truth: stored files (evidence, import inputs, job results) move from a node's
``instance/`` folder into ``berkas_data``/``berkas_potongan``; a job records the function to run and its
JSON arguments, so a Celery worker on another machine can run it; ``jadwal_jalan`` makes each daily task run
once per local day whoever triggers it. Quick search matches any part of a NIP: trigram indexes on PostgreSQL.
Files of an older installation are copied in by ``flask --app run berkas pindahkan``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TRGM = (("ix_pegawai_nip_trgm", "pegawai", "nip"), ("ix_skp_pegawai_nip_trgm", "skp", "pegawai_nip"))


def upgrade() -> None:
    op.create_table(
        "berkas_data",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nama", sa.String(length=40), nullable=False),
        sa.Column("jenis", sa.String(length=20), nullable=False),
        sa.Column("ukuran", sa.Integer(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_berkas_data")),
        sa.UniqueConstraint("nama", name=op.f("uq_berkas_data_nama")),
    )
    op.create_index(op.f("ix_berkas_data_jenis"), "berkas_data", ["jenis"])
    op.create_index(op.f("ix_berkas_data_dibuat_pada"), "berkas_data", ["dibuat_pada"])
    op.create_table(
        "berkas_potongan",
        sa.Column("berkas_id", sa.Integer(), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["berkas_id"], ["berkas_data.id"], name=op.f("fk_berkas_potongan_berkas_id_berkas_data"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("berkas_id", "urutan", name=op.f("pk_berkas_potongan")),
    )
    op.create_table(
        "jadwal_jalan",
        sa.Column("nama", sa.String(length=60), nullable=False),
        sa.Column("tanggal", sa.Date(), nullable=False),
        sa.Column("mulai_pada", sa.DateTime(), nullable=False),
        sa.Column("selesai_pada", sa.DateTime(), nullable=True),
        sa.Column("hasil", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("nama", "tanggal", name=op.f("pk_jadwal_jalan")),
    )
    with op.batch_alter_table("pekerjaan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tugas", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("argumen", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("masukan", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("pelari", sa.String(length=10), nullable=False, server_default="proses"))
    for nama, tabel, kolom in TRGM:
        op.create_index(nama, tabel, [kolom], postgresql_using="gin", postgresql_ops={kolom: "gin_trgm_ops"})


def downgrade() -> None:
    for nama, tabel, _kolom in reversed(TRGM):
        op.drop_index(nama, table_name=tabel)
    with op.batch_alter_table("pekerjaan", schema=None) as batch_op:
        batch_op.drop_column("pelari")
        batch_op.drop_column("masukan")
        batch_op.drop_column("argumen")
        batch_op.drop_column("tugas")
    op.drop_table("jadwal_jalan")
    op.drop_table("berkas_potongan")
    op.drop_index(op.f("ix_berkas_data_dibuat_pada"), table_name="berkas_data")
    op.drop_index(op.f("ix_berkas_data_jenis"), table_name="berkas_data")
    op.drop_table("berkas_data")
