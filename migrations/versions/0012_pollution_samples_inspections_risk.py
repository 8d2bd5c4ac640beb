"""pollution samples, inspections, effluent limits of 2011/2016, risk distances and buffers

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23

Monitoring samples (results per parameter) and inspections of pollution sources; the source's
latest sample verdict and last exceedance kept by trigger; the layer-version trigger the tiles'
ETags need; geography expression indexes on pollution_sources and water_works for distance
queries; risk distances per source type (data) and the `pollution_buffers` view. Seeds QCVN
40:2011/BTNMT and QCVN 62-MT:2016/BTNMT (until 31/08/2025) with values not yet checked against
the official text, and treats MPN/100 mL and CFU/100 mL of coliform as one measure (both methods
are named for the same limits in the regulations).
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

from gisapp.models.pollution_ddl import BUFFERS_VIEW_DDL, LATEST_SAMPLE_FUNCTION_DDL, LATEST_SAMPLE_TRIGGERS
from gisapp.models.table_version import version_trigger_ddl

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LAYER_TABLES = ("pollution_sources", "pollution_risk_distances")
FROM_MEMORY = "Values from memory; check against the official text."
# fmt: off
# source type, distance (m), note
DISTANCES = [
    ("industrial_facility", 1000, None),
    ("industrial_cluster", 1000, None),
    ("craft_village", 500, None),
    ("livestock_farm", 500, None),
    ("aquaculture", 300, None),
    ("landfill", 1000, None),
    ("wastewater_outfall", 300, None),
    ("pesticide_packaging_point", 300, None),
]
VERSIONS = [
    ("QCVN 40:2011/BTNMT", "QCVN 40", "Thông tư 47/2011/TT-BTNMT / Circular 47/2011/TT-BTNMT",
     date(2012, 3, 15), date(2025, 8, 31), False,
     "Replaced by QCVN 40:2025/BTNMT from 01/09/2025 (DOMAIN.md); instrument and start date from "
     "memory, unconfirmed."),
    ("QCVN 62-MT:2016/BTNMT", "QCVN 62", "Thông tư 04/2016/TT-BTNMT / Circular 04/2016/TT-BTNMT",
     date(2016, 6, 15), date(2025, 8, 31), False,
     "Replaced by QCVN 62:2025/BTNMT from 01/09/2025 (DOMAIN.md); instrument and start date from "
     "memory, unconfirmed."),
]
NONE = None
# parameter, column, unit, min, max
QCVN_40_2011 = [
    ("ph", "A", "-", 6, 9), ("ph", "B", "-", 5.5, 9),
    ("bod5", "A", "mg/L", NONE, 30), ("bod5", "B", "mg/L", NONE, 50),
    ("cod", "A", "mg/L", NONE, 75), ("cod", "B", "mg/L", NONE, 150),
    ("tss", "A", "mg/L", NONE, 50), ("tss", "B", "mg/L", NONE, 100),
    ("ammonium", "A", "mg/L", NONE, 5), ("ammonium", "B", "mg/L", NONE, 10),
    ("total_nitrogen", "A", "mg/L", NONE, 20), ("total_nitrogen", "B", "mg/L", NONE, 40),
    ("total_phosphorus", "A", "mg/L", NONE, 4), ("total_phosphorus", "B", "mg/L", NONE, 6),
    ("coliform", "A", "MPN/100mL", NONE, 3000), ("coliform", "B", "MPN/100mL", NONE, 5000),
]
QCVN_62_2016 = [
    ("ph", "A", "-", 5.5, 9), ("ph", "B", "-", 5.5, 9),
    ("bod5", "A", "mg/L", NONE, 40), ("bod5", "B", "mg/L", NONE, 100),
    ("cod", "A", "mg/L", NONE, 100), ("cod", "B", "mg/L", NONE, 300),
    ("tss", "A", "mg/L", NONE, 50), ("tss", "B", "mg/L", NONE, 150),
    ("total_nitrogen", "A", "mg/L", NONE, 50), ("total_nitrogen", "B", "mg/L", NONE, 150),
    ("coliform", "A", "MPN/100mL", NONE, 3000), ("coliform", "B", "MPN/100mL", NONE, 5000),
]
COLIFORM_UNITS = [("MPN/100mL", "CFU/100mL", 1), ("CFU/100mL", "MPN/100mL", 1)]
# fmt: on


def upgrade() -> None:
    _tables()
    op.create_index(
        "ix_pollution_sources_geog",
        "pollution_sources",
        [sa.literal_column("(geom::geography)")],
        unique=False,
        postgresql_using="gist",
    )
    op.create_index(
        "ix_water_works_geog",
        "water_works",
        [sa.literal_column("(geom::geography)")],
        unique=False,
        postgresql_using="gist",
    )
    _seed()
    for table in LAYER_TABLES:
        op.execute(version_trigger_ddl(table))
    op.execute(LATEST_SAMPLE_FUNCTION_DDL)
    for ddl in LATEST_SAMPLE_TRIGGERS:
        op.execute(ddl)
    op.execute(BUFFERS_VIEW_DDL)


def _tables() -> None:
    op.create_table(
        "pollution_risk_distances",
        sa.Column("source_type", sa.String(length=30), nullable=False),
        sa.Column("distance_m", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "distance_m > 0 AND distance_m <= 50000", name=op.f("ck_pollution_risk_distances_distance")
        ),
        sa.PrimaryKeyConstraint("source_type", name=op.f("pk_pollution_risk_distances")),
    )
    op.create_table(
        "pollution_inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pollution_source_id", sa.Integer(), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column(
            "inspector", sa.String(length=200), nullable=False, comment="who inspected (officer or team)"
        ),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("violation", sa.Boolean(), nullable=False),
        sa.Column("violation_description", sa.Text(), nullable=True),
        sa.Column("penalty_vnd", sa.Numeric(precision=15, scale=0), nullable=True, comment="fine in đồng"),
        sa.Column("penalty_decision", sa.String(length=100), nullable=True, comment="decision number"),
        sa.Column("follow_up", sa.Text(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "penalty_vnd IS NULL OR penalty_vnd >= 0", name=op.f("ck_pollution_inspections_penalty")
        ),
        sa.CheckConstraint(
            "violation OR (violation_description IS NULL AND penalty_vnd IS NULL "
            "AND penalty_decision IS NULL)",
            name=op.f("ck_pollution_inspections_penalty_needs_violation"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_pollution_inspections_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pollution_source_id"],
            ["pollution_sources.id"],
            name=op.f("fk_pollution_inspections_pollution_source_id_pollution_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pollution_inspections")),
    )
    op.create_index(
        "ix_pollution_inspections_source",
        "pollution_inspections",
        ["pollution_source_id", "inspected_on"],
        unique=False,
    )
    op.create_table(
        "pollution_samples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pollution_source_id", sa.Integer(), nullable=False),
        sa.Column("sampled_on", sa.Date(), nullable=False),
        sa.Column(
            "lab", sa.String(length=200), nullable=False, comment="the laboratory that analysed the sample"
        ),
        sa.Column(
            "sampling_point", sa.String(length=200), nullable=False, comment="e.g. outlet after treatment"
        ),
        sa.Column(
            "regulation", sa.String(length=40), nullable=False, comment="regulation judged by, at entry"
        ),
        sa.Column(
            "regulation_column", sa.String(length=10), nullable=False, comment="column judged by, at entry"
        ),
        sa.Column("verdict", sa.String(length=20), nullable=False, comment="overall verdict as last judged"),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "verdict IN ('pass', 'exceed', 'not_assessable')", name=op.f("ck_pollution_samples_verdict")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_pollution_samples_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pollution_source_id"],
            ["pollution_sources.id"],
            name=op.f("fk_pollution_samples_pollution_source_id_pollution_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pollution_samples")),
    )
    op.create_index(
        "ix_pollution_samples_source",
        "pollution_samples",
        ["pollution_source_id", "sampled_on"],
        unique=False,
    )
    op.create_index(
        "uq_pollution_samples_sample",
        "pollution_samples",
        [
            "pollution_source_id",
            "sampled_on",
            sa.literal_column("lower(sampling_point)"),
            sa.literal_column("lower(lab)"),
        ],
        unique=True,
    )
    op.create_table(
        "pollution_sample_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sample_id", sa.Integer(), nullable=False),
        sa.Column("parameter", sa.String(length=40), nullable=False),
        sa.Column(
            "value", sa.Numeric(precision=20, scale=6), nullable=False, comment="as the lab reported it"
        ),
        sa.Column("unit", sa.String(length=20), nullable=False, comment="as reported"),
        sa.ForeignKeyConstraint(
            ["parameter"],
            ["env_parameters.code"],
            name=op.f("fk_pollution_sample_results_parameter_env_parameters"),
        ),
        sa.ForeignKeyConstraint(
            ["sample_id"],
            ["pollution_samples.id"],
            name=op.f("fk_pollution_sample_results_sample_id_pollution_samples"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit"], ["env_units.code"], name=op.f("fk_pollution_sample_results_unit_env_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pollution_sample_results")),
        sa.UniqueConstraint("sample_id", "parameter", name="uq_pollution_sample_results_parameter"),
    )


def _seed() -> None:
    distances = sa.table(
        "pollution_risk_distances", sa.column("source_type"), sa.column("distance_m"), sa.column("note")
    )
    op.bulk_insert(distances, [{"source_type": t, "distance_m": d, "note": n} for t, d, n in DISTANCES])
    conversions = sa.table(
        "env_unit_conversions", sa.column("from_unit"), sa.column("to_unit"), sa.column("factor")
    )
    op.bulk_insert(conversions, [{"from_unit": a, "to_unit": b, "factor": f} for a, b, f in COLIFORM_UNITS])
    names = ("id", "regulation_id", "instrument", "valid_from", "valid_to", "confirmed", "source_note")
    versions = sa.table("env_regulation_versions", *(sa.column(c) for c in names))
    op.bulk_insert(versions, [dict(zip(names, v, strict=True)) for v in VERSIONS])
    _limits("QCVN 40:2011/BTNMT", QCVN_40_2011)
    _limits("QCVN 62-MT:2016/BTNMT", QCVN_62_2016)


def _limits(version: str, rows: list[tuple[object, ...]]) -> None:
    names = (
        "version_id",
        "parameter",
        "class_code",
        "unit",
        "min_value",
        "max_value",
        "confirmed",
        "source_note",
    )
    thresholds = sa.table("env_thresholds", *(sa.column(c) for c in names))
    op.bulk_insert(
        thresholds, [dict(zip(names, (version, *r, False, FROM_MEMORY), strict=True)) for r in rows]
    )


def downgrade() -> None:
    op.execute("DROP VIEW pollution_buffers")
    op.execute("DROP TRIGGER pollution_sources_bump_version ON pollution_sources")
    op.execute(
        "DELETE FROM env_thresholds WHERE version_id IN ('QCVN 40:2011/BTNMT', 'QCVN 62-MT:2016/BTNMT')"
    )
    op.execute(
        "DELETE FROM env_regulation_versions WHERE id IN ('QCVN 40:2011/BTNMT', 'QCVN 62-MT:2016/BTNMT')"
    )
    op.execute("DELETE FROM env_unit_conversions WHERE from_unit = 'MPN/100mL' OR to_unit = 'MPN/100mL'")
    op.drop_index("ix_water_works_geog", table_name="water_works", postgresql_using="gist")
    op.drop_index("ix_pollution_sources_geog", table_name="pollution_sources", postgresql_using="gist")
    op.drop_table("pollution_sample_results")
    op.execute("DROP TABLE pollution_samples")  # its triggers go with it
    op.execute("DROP FUNCTION gisapp_pollution_latest_sample()")
    op.drop_index("ix_pollution_inspections_source", table_name="pollution_inspections")
    op.drop_table("pollution_inspections")
    op.drop_table("pollution_risk_distances")
