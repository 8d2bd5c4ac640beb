"""water works, water-quality tests, and regulations as data

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23

Units, conversions and parameters (with plausible ranges); regulations, their versions with
validity windows (never two in force on one day) and their thresholds, seeded with what is known:
QCVN 01-1:2018/BYT groups A and B until 30/06/2025, its successor under Circular 52/2024/TT-BYT
(values carried over, unconfirmed), QCVN 08:2023/BTNMT levels A-D, and QCVN 40:2025/BTNMT and
QCVN 62:2025/BTNMT in force from 01/09/2025 with no limit values yet. Rural water-supply works
(point) with their service areas, quality tests and results, and the latest test's verdict kept
on the work by trigger.
"""

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry
from sqlalchemy.dialects import postgresql

from gisapp.models.table_version import version_trigger_ddl
from gisapp.models.water_ddl import LATEST_TEST_FUNCTION_DDL, LATEST_TEST_TRIGGERS, SERVICE_AREAS_VIEW_DDL

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LAYER_TABLES = ("water_works", "water_work_areas")
DOMAIN = "DOMAIN.md"
SECONDARY = (
    "Secondary transcription of QCVN 08:2023/BTNMT Table 2 (rivers and streams); "
    "check against the official text before relying on it."
)
CARRIED_OVER = "Carried over from QCVN 01-1:2018/BYT; not checked against Circular 52/2024/TT-BYT's text."

# fmt: off
# code, Vietnamese name, English name, aliases (matched case-, space- and diacritics-blind)
UNITS = [
    ("-", "không đơn vị (pH)", "dimensionless (pH)", ["pH", "không đơn vị"]),
    ("mg/L", "miligam trên lít", "milligrams per litre", ["mg/lít", "mg/lit"]),
    ("µg/L", "microgam trên lít", "micrograms per litre", ["ug/L", "μg/L", "mcg/L"]),
    ("CFU/100mL", "CFU/100 mL", "CFU per 100 mL", ["vk/100mL"]),
    ("MPN/100mL", "MPN/100 mL", "MPN per 100 mL", []),
    ("NTU", "NTU", "nephelometric turbidity units", []),
    ("TCU", "TCU (đơn vị màu Pt-Co)", "true colour units (Pt-Co)", ["Pt-Co"]),
]
CONVERSIONS = [("mg/L", "µg/L", 1000), ("µg/L", "mg/L", 0.001)]
PLAUSIBLE_NOTE = "Plausible range: engineering judgement, not regulation; widen it if real values fail."
# code, Vietnamese, English, canonical unit, plausible min and max (canonical unit), aliases
PARAMETERS = [
    ("ph", "pH", "pH", "-", 0, 14, ["pH"]),
    ("turbidity", "Độ đục", "Turbidity", "NTU", 0, 10_000, ["Độ đục", "Turbidity"]),
    ("colour", "Màu sắc", "Colour", "TCU", 0, 10_000, ["Màu sắc", "Màu", "Độ màu", "Colour", "Color"]),
    ("coliform", "Coliform tổng số", "Total coliforms", "CFU/100mL", 0, 100_000_000,
     ["Coliform", "Coliforms", "Tổng Coliform", "Coliform tổng số", "Total coliforms", "Total coliform"]),
    ("e_coli", "E. coli", "E. coli", "CFU/100mL", 0, 100_000_000, ["E.coli", "Ecoli", "Escherichia coli"]),
    ("arsenic", "Asen (As)", "Arsenic (As)", "mg/L", 0, 100, ["As", "Asen", "Arsenic", "Arsen"]),
    ("free_chlorine", "Clo dư tự do", "Free residual chlorine", "mg/L", 0, 100,
     ["Clo dư", "Clo tự do", "Free chlorine", "Free residual chlorine", "Residual chlorine"]),
    ("ammonium", "Amoni (NH₃ và NH₄⁺ tính theo N)", "Ammonium (as N)", "mg/L", 0, 10_000,
     ["Amoni", "NH4+", "NH4", "Ammonium"]),
    ("iron", "Sắt (Fe)", "Iron (Fe)", "mg/L", 0, 10_000, ["Fe", "Sắt", "Sắt tổng số", "Iron"]),
    ("manganese", "Mangan (Mn)", "Manganese (Mn)", "mg/L", 0, 10_000, ["Mn", "Mangan", "Manganese"]),
    ("nitrate_n", "Nitrat (NO₃⁻ tính theo N)", "Nitrate (as N)", "mg/L", 0, 10_000,
     ["Nitrat", "NO3-", "NO3", "Nitrate"]),
    ("nitrite_n", "Nitrit (NO₂⁻ tính theo N)", "Nitrite (as N)", "mg/L", 0, 10_000,
     ["Nitrit", "NO2-", "NO2", "Nitrite"]),
    ("lead", "Chì (Pb)", "Lead (Pb)", "mg/L", 0, 1_000, ["Pb", "Chì", "Lead"]),
    ("cadmium", "Cadimi (Cd)", "Cadmium (Cd)", "mg/L", 0, 1_000, ["Cd", "Cadimi", "Cadmi", "Cadmium"]),
    ("hardness", "Độ cứng tổng số (tính theo CaCO₃)", "Total hardness (as CaCO₃)", "mg/L", 0, 100_000,
     ["Độ cứng", "Độ cứng tổng số", "Hardness", "Total hardness"]),
    ("bod5", "BOD₅ (20 °C)", "BOD₅ (20 °C)", "mg/L", 0, 1_000_000, ["BOD5", "BOD"]),
    ("cod", "COD", "COD", "mg/L", 0, 1_000_000, ["COD"]),
    ("toc", "Tổng cacbon hữu cơ (TOC)", "Total organic carbon (TOC)", "mg/L", 0, 1_000_000, ["TOC"]),
    ("tss", "Tổng chất rắn lơ lửng (TSS)", "Total suspended solids (TSS)", "mg/L", 0, 1_000_000,
     ["TSS", "SS", "Chất rắn lơ lửng", "Tổng chất rắn lơ lửng"]),
    ("dissolved_oxygen", "Ôxy hòa tan (DO)", "Dissolved oxygen (DO)", "mg/L", 0, 25,
     ["DO", "Oxy hòa tan", "Ôxy hòa tan", "Dissolved oxygen"]),
    ("total_nitrogen", "Tổng nitơ", "Total nitrogen", "mg/L", 0, 100_000,
     ["Tổng N", "Tổng nitơ", "Total N", "Total nitrogen", "T-N"]),
    ("total_phosphorus", "Tổng phốtpho", "Total phosphorus", "mg/L", 0, 100_000,
     ["Tổng P", "Tổng phốt pho", "Tổng phốtpho", "Total P", "Total phosphorus", "T-P"]),
]
# id, Vietnamese title, English title, medium, class kind, classes, note
REGULATIONS = [
    ("QCVN 01-1", "Chất lượng nước sạch sử dụng cho mục đích sinh hoạt", "Domestic clean-water quality",
     "domestic_water", "group", ["A", "B"],
     "Nhóm A bắt buộc thử nghiệm, nhóm B do địa phương lựa chọn; mọi giới hạn đều áp dụng. / "
     "Group A must be tested, group B is chosen by the province; every limit applies."),
    ("QCVN 08", "Chất lượng nước mặt", "Surface-water quality", "surface_water", "level",
     ["A", "B", "C", "D"],
     "Mức tốt nhất mà giá trị đạt; D là mọi giá trị kém hơn C. / The best level the value meets; "
     "D takes everything worse than C. Total N and P (lakes and reservoirs only) are not entered."),
    ("QCVN 40", "Nước thải công nghiệp", "Industrial effluent", "industrial_effluent", "column", ["A", "B"],
     "Cột theo nguồn tiếp nhận. / Column by receiving water. Whether the 2025 text adds columns or "
     "flow bands is unconfirmed."),
    ("QCVN 62", "Nước thải chăn nuôi", "Livestock effluent", "livestock_effluent", "column", ["A", "B"],
     "Cột theo nguồn tiếp nhận. / Column by receiving water; the 2025 columns are unconfirmed."),
]
NO_LIMITS_YET = (
    "No limit values entered yet: results are 'not assessable' until they are added from the official text."
)
# id, regulation, instrument, valid from, valid to (inclusive), window confirmed, source note
VERSIONS = [
    ("QCVN 01-1:2018/BYT", "QCVN 01-1", "Thông tư 41/2018/TT-BYT / Circular 41/2018/TT-BYT",
     date(2019, 6, 15), date(2025, 6, 30), False,
     "In force until 30/06/2025, replaced by Circular 52/2024/TT-BYT from 01/07/2025 (DOMAIN.md). The "
     "start date (15/06/2019, Circular 41/2018/TT-BYT taking effect) is unconfirmed."),
    ("QCVN 01-1 (TT 52/2024/TT-BYT)", "QCVN 01-1", "Thông tư 52/2024/TT-BYT / Circular 52/2024/TT-BYT",
     date(2025, 7, 1), None, True,
     "Replaces QCVN 01-1:2018/BYT from 01/07/2025; operators test group A at least every 6 months and "
     "publish results within 3 working days (DOMAIN.md). " + CARRIED_OVER),
    ("QCVN 08:2023/BTNMT", "QCVN 08", "Thông tư 01/2023/TT-BTNMT / Circular 01/2023/TT-BTNMT",
     date(2023, 9, 12), None, False,
     "Instrument and start date (12/09/2023) from secondary sources, unconfirmed."),
    ("QCVN 40:2025/BTNMT", "QCVN 40", "Thông tư 06/2025/TT-BTNMT / Circular 06/2025/TT-BTNMT",
     date(2025, 9, 1), None, True,
     "In force from 01/09/2025 (DOMAIN.md); instrument from secondary sources. " + NO_LIMITS_YET),
    ("QCVN 62:2025/BTNMT", "QCVN 62", "văn bản ban hành chưa xác nhận / instrument unconfirmed",
     date(2025, 9, 1), None, True, "In force from 01/09/2025 (DOMAIN.md). " + NO_LIMITS_YET),
]
NONE = None  # no limit on that side
# parameter, class, unit, min, min inclusive, max, max inclusive, confirmed, source
QCVN_01_1_2018 = [
    ("coliform",      "A", "CFU/100mL", NONE, True, 3,     False, True, DOMAIN),
    ("e_coli",        "A", "CFU/100mL", NONE, True, 1,     False, True, DOMAIN),
    ("arsenic",       "A", "mg/L",      NONE, True, 0.01,  True,  True, DOMAIN),
    ("free_chlorine", "A", "mg/L",      0.2,  True, 1.0,   True,  True, DOMAIN),
    ("turbidity",     "A", "NTU",       NONE, True, 2,     True,  True, DOMAIN),
    ("colour",        "A", "TCU",       NONE, True, 15,    True,  True, DOMAIN),
    ("ph",            "A", "-",         6.0,  True, 8.5,   True,  True, DOMAIN),
    ("ammonium",      "B", "mg/L",      NONE, True, 0.3,   True,  True, DOMAIN),
    ("iron",          "B", "mg/L",      NONE, True, 0.3,   True,  True, DOMAIN),
    ("manganese",     "B", "mg/L",      NONE, True, 0.1,   True,  True, DOMAIN),
    ("nitrate_n",     "B", "mg/L",      NONE, True, 2,     True,  True, DOMAIN),
    ("nitrite_n",     "B", "mg/L",      NONE, True, 0.05,  True,  True, DOMAIN),
    ("lead",          "B", "mg/L",      NONE, True, 0.01,  True,  True, DOMAIN),
    ("cadmium",       "B", "mg/L",      NONE, True, 0.003, True,  True, DOMAIN),
    ("hardness",      "B", "mg/L",      NONE, True, 300,   True,  True, DOMAIN),
]
QCVN_08_2023 = [
    ("ph",   "A", "-",    6.5,  True, 8.5,  True, True,  DOMAIN),
    ("ph",   "B", "-",    6.0,  True, 8.5,  True, False, SECONDARY),
    ("ph",   "C", "-",    6.0,  True, 8.5,  True, False, SECONDARY),
    ("bod5", "A", "mg/L", NONE, True, 4,    True, True,  DOMAIN),
    ("bod5", "B", "mg/L", NONE, True, 6,    True, False, SECONDARY),
    ("bod5", "C", "mg/L", NONE, True, 10,   True, False, SECONDARY),
    ("cod",  "A", "mg/L", NONE, True, 10,   True, True,  DOMAIN),
    ("cod",  "B", "mg/L", NONE, True, 15,   True, False, SECONDARY),
    ("cod",  "C", "mg/L", NONE, True, 20,   True, False, SECONDARY),
    ("toc",  "A", "mg/L", NONE, True, 4,    True, False, SECONDARY),
    ("toc",  "B", "mg/L", NONE, True, 6,    True, False, SECONDARY),
    ("toc",  "C", "mg/L", NONE, True, 8,    True, False, SECONDARY),
    # Level C of TSS is "over 100 with no floating rubbish": not decidable from the number alone.
    ("tss",  "A", "mg/L", NONE, True, 25,   True, False, SECONDARY),
    ("tss",  "B", "mg/L", NONE, True, 100,  True, False, SECONDARY),
    ("dissolved_oxygen", "A", "mg/L", 6.0, True, NONE, True, False, SECONDARY),
    ("dissolved_oxygen", "B", "mg/L", 5.0, True, NONE, True, False, SECONDARY),
    ("dissolved_oxygen", "C", "mg/L", 4.0, True, NONE, True, False, SECONDARY),
    ("coliform", "A", "CFU/100mL", NONE, True, 1_000, True, False, SECONDARY),
    ("coliform", "B", "CFU/100mL", NONE, True, 5_000, True, False, SECONDARY),
    ("coliform", "C", "CFU/100mL", NONE, True, 7_500, True, False, SECONDARY),
]
# fmt: on


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")  # one version in force per day
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "env_regulations",
        sa.Column("id", sa.String(length=40), nullable=False, comment="e.g. QCVN 01-1, QCVN 08"),
        sa.Column("title_vi", sa.String(length=300), nullable=False),
        sa.Column("title_en", sa.String(length=300), nullable=False),
        sa.Column(
            "medium",
            sa.String(length=40),
            nullable=False,
            comment="domestic_water, surface_water, industrial_effluent, livestock_effluent",
        ),
        sa.Column("class_kind", sa.String(length=10), nullable=False, comment="group, column or level"),
        sa.Column(
            "classes",
            sa.ARRAY(sa.String(length=10)),
            nullable=False,
            comment="class codes; for levels best first, the last taking everything worse",
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "class_kind IN ('group', 'column', 'level')", name=op.f("ck_env_regulations_class_kind")
        ),
        sa.CheckConstraint("cardinality(classes) >= 1", name=op.f("ck_env_regulations_has_classes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_env_regulations")),
    )
    op.create_table(
        "env_units",
        sa.Column("code", sa.String(length=20), nullable=False, comment="e.g. mg/L, CFU/100mL, NTU, -"),
        sa.Column("name_vi", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column(
            "aliases",
            sa.ARRAY(sa.String(length=40)),
            server_default=sa.text("'{}'::varchar[]"),
            nullable=False,
            comment="other spellings labs use, matched case- and diacritics-blind, spaces ignored",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_env_units")),
    )
    op.create_table(
        "env_parameters",
        sa.Column("code", sa.String(length=40), nullable=False, comment="e.g. ph, e_coli, arsenic"),
        sa.Column("name_vi", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False, comment="canonical unit"),
        sa.Column(
            "plausible_min",
            sa.Numeric(precision=20, scale=6),
            nullable=False,
            comment="lowest physically possible value, canonical unit",
        ),
        sa.Column(
            "plausible_max",
            sa.Numeric(precision=20, scale=6),
            nullable=False,
            comment="highest believable value, canonical unit; above is a typo or a wrong unit",
        ),
        sa.Column(
            "aliases",
            sa.ARRAY(sa.String(length=80)),
            server_default=sa.text("'{}'::varchar[]"),
            nullable=False,
            comment="names and symbols labs write (Asen, As, Độ đục…), matched case- and diacritics-blind",
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("code ~ '^[a-z][a-z0-9_]*$'", name=op.f("ck_env_parameters_code_format")),
        sa.CheckConstraint("plausible_min < plausible_max", name=op.f("ck_env_parameters_plausible_range")),
        sa.ForeignKeyConstraint(["unit"], ["env_units.code"], name=op.f("fk_env_parameters_unit_env_units")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_env_parameters")),
    )
    op.create_table(
        "env_regulation_versions",
        sa.Column("id", sa.String(length=80), nullable=False, comment="e.g. QCVN 01-1:2018/BYT"),
        sa.Column("regulation_id", sa.String(length=40), nullable=False),
        sa.Column(
            "instrument", sa.String(length=300), nullable=False, comment="the legal document that issued it"
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True, comment="last day in force; NULL: still in force"),
        sa.Column(
            "confirmed",
            sa.Boolean(),
            nullable=False,
            comment="validity window checked; doubts in source_note",
        ),
        sa.Column("source_note", sa.Text(), nullable=False),
        postgresql.ExcludeConstraint(
            (sa.column("regulation_id"), "="),
            (sa.text("daterange(valid_from, valid_to, '[]')"), "&&"),
            using="gist",
            name="ex_env_regulation_versions_one_in_force",
        ),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from",
            name=op.f("ck_env_regulation_versions_window_ordered"),
        ),
        sa.ForeignKeyConstraint(
            ["regulation_id"],
            ["env_regulations.id"],
            name=op.f("fk_env_regulation_versions_regulation_id_env_regulations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_env_regulation_versions")),
    )
    op.create_table(
        "env_unit_conversions",
        sa.Column("from_unit", sa.String(length=20), nullable=False),
        sa.Column("to_unit", sa.String(length=20), nullable=False),
        sa.Column("factor", sa.Numeric(precision=20, scale=10), nullable=False),
        sa.CheckConstraint("factor > 0", name=op.f("ck_env_unit_conversions_factor_positive")),
        sa.CheckConstraint("from_unit <> to_unit", name=op.f("ck_env_unit_conversions_distinct_units")),
        sa.ForeignKeyConstraint(
            ["from_unit"], ["env_units.code"], name=op.f("fk_env_unit_conversions_from_unit_env_units")
        ),
        sa.ForeignKeyConstraint(
            ["to_unit"], ["env_units.code"], name=op.f("fk_env_unit_conversions_to_unit_env_units")
        ),
        sa.PrimaryKeyConstraint("from_unit", "to_unit", name=op.f("pk_env_unit_conversions")),
    )
    op.create_table(
        "water_test_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("tests", sa.Integer(), nullable=False),
        sa.Column("imported_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_user_id"],
            ["users.id"],
            name=op.f("fk_water_test_imports_imported_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_water_test_imports")),
    )
    op.create_geospatial_table(
        "water_works",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True, comment="the province's code, if any"),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("work_type", sa.String(length=20), nullable=False, comment="centralised or household"),
        sa.Column("water_source", sa.String(length=20), nullable=False, comment="surface, ground or spring"),
        sa.Column("treatment", sa.String(length=300), nullable=True, comment="e.g. lắng, lọc, khử trùng clo"),
        sa.Column("design_capacity_m3_day", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("actual_capacity_m3_day", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("households_served", sa.Integer(), nullable=True),
        sa.Column("people_served", sa.Integer(), nullable=True),
        sa.Column(
            "operator_name",
            sa.String(length=300),
            nullable=True,
            comment="the operating organisation (public); its contact person is private",
        ),
        sa.Column("management_model", sa.String(length=30), nullable=True),
        sa.Column("year_built", sa.SmallInteger(), nullable=True),
        sa.Column("sustainability", sa.String(length=30), nullable=True),
        sa.Column("loss_rate_pct", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("tariff_vnd_per_m3", sa.Integer(), nullable=True),
        sa.Column(
            "commune_code",
            sa.String(length=5),
            nullable=True,
            comment="commune in force holding the point, resolved spatially",
        ),
        sa.Column(
            "latest_test_status",
            sa.String(length=20),
            server_default="never_tested",
            nullable=False,
            comment="verdict of the latest test, kept by trigger",
        ),
        sa.Column("latest_test_on", sa.Date(), nullable=True, comment="sample date of the latest test"),
        sa.Column("operator_contact_name", sa.String(length=200), nullable=True, comment="private"),
        sa.Column("operator_contact_phone", sa.String(length=30), nullable=True, comment="private"),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "row_version",
            sa.Integer(),
            server_default="1",
            nullable=False,
            comment="bumped by every update; the ETag that If-Match must name",
        ),
        sa.Column("is_demo", sa.Boolean(), server_default="false", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column(
            "geom",
            Geometry(
                geometry_type="POINT",
                srid=4326,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.CheckConstraint(
            "latest_test_status IN ('pass', 'exceed', 'not_assessable', 'never_tested')",
            name=op.f("ck_water_works_latest_status"),
        ),
        sa.CheckConstraint(
            "management_model IS NULL OR management_model IN "
            "('community', 'commune', 'cooperative', 'public_service_unit', 'enterprise')",
            name=op.f("ck_water_works_management_model"),
        ),
        sa.CheckConstraint(
            "sustainability IS NULL OR sustainability IN "
            "('sustainable', 'relatively_sustainable', 'weak', 'not_operating')",
            name=op.f("ck_water_works_sustainability"),
        ),
        sa.CheckConstraint(
            "water_source IN ('surface', 'ground', 'spring')", name=op.f("ck_water_works_water_source")
        ),
        sa.CheckConstraint(
            "work_type IN ('centralised', 'household')", name=op.f("ck_water_works_work_type")
        ),
        sa.CheckConstraint(
            "actual_capacity_m3_day IS NULL OR actual_capacity_m3_day >= 0",
            name=op.f("ck_water_works_actual_capacity"),
        ),
        sa.CheckConstraint(
            "design_capacity_m3_day IS NULL OR design_capacity_m3_day >= 0",
            name=op.f("ck_water_works_design_capacity"),
        ),
        sa.CheckConstraint(
            "households_served IS NULL OR households_served >= 0", name=op.f("ck_water_works_households")
        ),
        sa.CheckConstraint(
            "loss_rate_pct IS NULL OR loss_rate_pct BETWEEN 0 AND 100", name=op.f("ck_water_works_loss_rate")
        ),
        sa.CheckConstraint("people_served IS NULL OR people_served >= 0", name=op.f("ck_water_works_people")),
        sa.CheckConstraint(
            "tariff_vnd_per_m3 IS NULL OR tariff_vnd_per_m3 >= 0", name=op.f("ck_water_works_tariff")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_water_works_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_water_works")),
        sa.UniqueConstraint("code", name=op.f("uq_water_works_code")),
    )
    op.create_geospatial_index(
        "idx_water_works_geom",
        "water_works",
        ["geom"],
        unique=False,
        postgresql_using="gist",
        postgresql_ops={},
    )
    op.create_index("ix_water_works_commune_code", "water_works", ["commune_code"], unique=False)
    op.create_table(
        "env_thresholds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.String(length=80), nullable=False),
        sa.Column("parameter", sa.String(length=40), nullable=False),
        sa.Column(
            "class_code",
            sa.String(length=10),
            nullable=False,
            comment="group, column or level of the regulation",
        ),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("min_value", sa.Numeric(precision=20, scale=6), nullable=True),
        sa.Column("min_inclusive", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("max_value", sa.Numeric(precision=20, scale=6), nullable=True),
        sa.Column(
            "max_inclusive",
            sa.Boolean(),
            server_default=sa.text("true"),
            nullable=False,
            comment="false for strict limits such as coliform < 3",
        ),
        sa.Column("valid_from", sa.Date(), nullable=True, comment="NULL: from the version's start"),
        sa.Column("valid_to", sa.Date(), nullable=True, comment="NULL: to the version's end"),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("source_note", sa.Text(), nullable=False),
        postgresql.ExcludeConstraint(
            (sa.column("version_id"), "="),
            (sa.column("parameter"), "="),
            (sa.column("class_code"), "="),
            (sa.text("daterange(valid_from, valid_to, '[]')"), "&&"),
            using="gist",
            name="ex_env_thresholds_one_per_day",
        ),
        sa.CheckConstraint(
            "min_value IS NOT NULL OR max_value IS NOT NULL", name=op.f("ck_env_thresholds_has_limit")
        ),
        sa.CheckConstraint(
            "min_value IS NULL OR max_value IS NULL OR min_value <= max_value",
            name=op.f("ck_env_thresholds_ordered"),
        ),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name=op.f("ck_env_thresholds_window"),
        ),
        sa.ForeignKeyConstraint(
            ["parameter"], ["env_parameters.code"], name=op.f("fk_env_thresholds_parameter_env_parameters")
        ),
        sa.ForeignKeyConstraint(["unit"], ["env_units.code"], name=op.f("fk_env_thresholds_unit_env_units")),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["env_regulation_versions.id"],
            name=op.f("fk_env_thresholds_version_id_env_regulation_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_env_thresholds")),
    )
    op.create_table(
        "water_quality_tests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("water_work_id", sa.Integer(), nullable=False),
        sa.Column("sampled_on", sa.Date(), nullable=False),
        sa.Column(
            "lab", sa.String(length=200), nullable=False, comment="the laboratory that analysed the sample"
        ),
        sa.Column(
            "sampling_point", sa.String(length=10), nullable=False, comment="tank (bể chứa) or tap (vòi)"
        ),
        sa.Column("verdict", sa.String(length=20), nullable=False, comment="overall verdict as last judged"),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "sampling_point IN ('tank', 'tap')", name=op.f("ck_water_quality_tests_sampling_point")
        ),
        sa.CheckConstraint(
            "verdict IN ('pass', 'exceed', 'not_assessable')", name=op.f("ck_water_quality_tests_verdict")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_water_quality_tests_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["water_test_imports.id"],
            name=op.f("fk_water_quality_tests_import_id_water_test_imports"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["water_work_id"],
            ["water_works.id"],
            name=op.f("fk_water_quality_tests_water_work_id_water_works"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_water_quality_tests")),
    )
    op.create_index(
        "ix_water_quality_tests_water_work_id",
        "water_quality_tests",
        ["water_work_id", "sampled_on"],
        unique=False,
    )
    op.create_index(
        "uq_water_quality_tests_sample",
        "water_quality_tests",
        ["water_work_id", "sampled_on", "sampling_point", sa.literal_column("lower(lab)")],
        unique=True,
    )
    op.create_geospatial_table(
        "water_work_areas",
        sa.Column("water_work_id", sa.Integer(), nullable=False),
        sa.Column(
            "area_ha",
            sa.Numeric(precision=12, scale=4),
            sa.Computed("round((ST_Area(geom::geography) / 10000)::numeric, 4)", persisted=True),
            nullable=False,
            comment="geodesic area in hectares, kept by the database",
        ),
        sa.Column(
            "geom",
            Geometry(
                geometry_type="MULTIPOLYGON",
                srid=4326,
                dimension=2,
                spatial_index=False,
                from_text="ST_GeomFromEWKT",
                name="geometry",
                nullable=False,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["water_work_id"],
            ["water_works.id"],
            name=op.f("fk_water_work_areas_water_work_id_water_works"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("water_work_id", name=op.f("pk_water_work_areas")),
    )
    op.create_geospatial_index(
        "idx_water_work_areas_geom",
        "water_work_areas",
        ["geom"],
        unique=False,
        postgresql_using="gist",
        postgresql_ops={},
    )
    op.create_table(
        "water_quality_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("test_id", sa.Integer(), nullable=False),
        sa.Column("parameter", sa.String(length=40), nullable=False),
        sa.Column(
            "value", sa.Numeric(precision=20, scale=6), nullable=False, comment="as the lab reported it"
        ),
        sa.Column("unit", sa.String(length=20), nullable=False, comment="as reported"),
        sa.ForeignKeyConstraint(
            ["parameter"],
            ["env_parameters.code"],
            name=op.f("fk_water_quality_results_parameter_env_parameters"),
        ),
        sa.ForeignKeyConstraint(
            ["test_id"],
            ["water_quality_tests.id"],
            name=op.f("fk_water_quality_results_test_id_water_quality_tests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit"], ["env_units.code"], name=op.f("fk_water_quality_results_unit_env_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_water_quality_results")),
        sa.UniqueConstraint("test_id", "parameter", name="uq_water_quality_results_parameter"),
    )
    # ### end Alembic commands ###
    _seed()
    for table in LAYER_TABLES:
        op.execute(version_trigger_ddl(table))
    op.execute(LATEST_TEST_FUNCTION_DDL)
    for ddl in LATEST_TEST_TRIGGERS:
        op.execute(ddl)
    op.execute(SERVICE_AREAS_VIEW_DDL)


def _seed() -> None:
    """Units, parameters, regulations, versions and thresholds known at this revision."""
    units = sa.table("env_units", *(sa.column(c) for c in ("code", "name_vi", "name_en", "aliases")))
    op.bulk_insert(
        units, [dict(zip(("code", "name_vi", "name_en", "aliases"), u, strict=True)) for u in UNITS]
    )
    conversions = sa.table(
        "env_unit_conversions", sa.column("from_unit"), sa.column("to_unit"), sa.column("factor")
    )
    op.bulk_insert(conversions, [{"from_unit": a, "to_unit": b, "factor": f} for a, b, f in CONVERSIONS])
    names = ("code", "name_vi", "name_en", "unit", "plausible_min", "plausible_max", "aliases")
    parameters = sa.table("env_parameters", *(sa.column(c) for c in (*names, "note")))
    op.bulk_insert(
        parameters, [dict(zip(names, p, strict=True)) | {"note": PLAUSIBLE_NOTE} for p in PARAMETERS]
    )
    names = ("id", "title_vi", "title_en", "medium", "class_kind", "classes", "note")
    regulations = sa.table("env_regulations", *(sa.column(c) for c in names))
    op.bulk_insert(regulations, [dict(zip(names, r, strict=True)) for r in REGULATIONS])
    names = ("id", "regulation_id", "instrument", "valid_from", "valid_to", "confirmed", "source_note")
    versions = sa.table("env_regulation_versions", *(sa.column(c) for c in names))
    op.bulk_insert(versions, [dict(zip(names, v, strict=True)) for v in VERSIONS])
    _thresholds("QCVN 01-1:2018/BYT", QCVN_01_1_2018)
    _thresholds("QCVN 01-1 (TT 52/2024/TT-BYT)", [(*t[:7], False, CARRIED_OVER) for t in QCVN_01_1_2018])
    _thresholds("QCVN 08:2023/BTNMT", QCVN_08_2023)


def _thresholds(version: str, rows: list[tuple[object, ...]]) -> None:
    names = (
        "parameter",
        "class_code",
        "unit",
        "min_value",
        "min_inclusive",
        "max_value",
        "max_inclusive",
        "confirmed",
        "source_note",
    )
    thresholds = sa.table("env_thresholds", *(sa.column(c) for c in (*names, "version_id")))
    op.bulk_insert(thresholds, [dict(zip(names, r, strict=True)) | {"version_id": version} for r in rows])


def downgrade() -> None:
    op.execute("DROP VIEW water_work_service_areas")
    op.execute("DROP TABLE water_quality_results")
    op.execute("DROP TABLE water_quality_tests")  # its triggers go with it
    op.execute("DROP FUNCTION gisapp_water_latest_test()")
    # ### commands auto generated by Alembic - please adjust! ###
    op.drop_geospatial_index(
        "idx_water_work_areas_geom",
        table_name="water_work_areas",
        postgresql_using="gist",
        column_name="geom",
    )
    op.drop_geospatial_table("water_work_areas")
    op.drop_table("env_thresholds")
    op.drop_index("ix_water_works_commune_code", table_name="water_works")
    op.drop_geospatial_index(
        "idx_water_works_geom", table_name="water_works", postgresql_using="gist", column_name="geom"
    )
    op.drop_geospatial_table("water_works")
    op.drop_table("water_test_imports")
    op.drop_table("env_unit_conversions")
    op.drop_table("env_regulation_versions")
    op.drop_table("env_parameters")
    op.drop_table("env_units")
    op.drop_table("env_regulations")
    # ### end Alembic commands ###
