"""Rural clean-water supply works (công trình cấp nước sạch nông thôn) and their service areas.

The work is a point (intake or treatment plant); its service area, when drawn, is a polygon in
`water_work_areas`, published as the `water_work_service_areas` layer. The latest water-quality
test's verdict is kept on the work by a trigger (models/water_ddl.py), so tiles can colour by it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base, one_of

WORK_TYPES = ("centralised", "household")
WATER_SOURCES = ("surface", "ground", "spring")
MANAGEMENT_MODELS = ("community", "commune", "cooperative", "public_service_unit", "enterprise")
# The ministry's classes (QĐ 4826/QĐ-BNN-TCTL indicator set).
SUSTAINABILITY = ("sustainable", "relatively_sustainable", "weak", "not_operating")
TEST_STATUSES = ("pass", "exceed", "not_assessable", "never_tested")


class WaterWork(Base):
    __tablename__ = "water_works"
    __table_args__ = (
        CheckConstraint(one_of("work_type", WORK_TYPES, nullable=False), name="work_type"),
        CheckConstraint(one_of("water_source", WATER_SOURCES, nullable=False), name="water_source"),
        CheckConstraint(one_of("management_model", MANAGEMENT_MODELS), name="management_model"),
        CheckConstraint(one_of("sustainability", SUSTAINABILITY), name="sustainability"),
        CheckConstraint(one_of("latest_test_status", TEST_STATUSES, nullable=False), name="latest_status"),
        CheckConstraint(
            "design_capacity_m3_day IS NULL OR design_capacity_m3_day >= 0", name="design_capacity"
        ),
        CheckConstraint(
            "actual_capacity_m3_day IS NULL OR actual_capacity_m3_day >= 0", name="actual_capacity"
        ),
        CheckConstraint("households_served IS NULL OR households_served >= 0", name="households"),
        CheckConstraint("people_served IS NULL OR people_served >= 0", name="people"),
        CheckConstraint("loss_rate_pct IS NULL OR loss_rate_pct BETWEEN 0 AND 100", name="loss_rate"),
        CheckConstraint("tariff_vnd_per_m3 IS NULL OR tariff_vnd_per_m3 >= 0", name="tariff"),
        Index("ix_water_works_commune_code", "commune_code"),
        # Risk distances in metres use geography; only an index on this very expression serves them.
        Index("ix_water_works_geog", text("(geom::geography)"), postgresql_using="gist"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True, comment="the province's code, if any")
    name: Mapped[str] = mapped_column(String(300))
    work_type: Mapped[str] = mapped_column(String(20), comment="centralised or household")
    water_source: Mapped[str] = mapped_column(String(20), comment="surface, ground or spring")
    treatment: Mapped[str | None] = mapped_column(String(300), comment="e.g. lắng, lọc, khử trùng clo")
    design_capacity_m3_day: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    actual_capacity_m3_day: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    households_served: Mapped[int | None] = mapped_column(Integer)
    people_served: Mapped[int | None] = mapped_column(Integer)
    operator_name: Mapped[str | None] = mapped_column(
        String(300), comment="the operating organisation (public); its contact person is private"
    )
    management_model: Mapped[str | None] = mapped_column(String(30))
    year_built: Mapped[int | None] = mapped_column(SmallInteger)
    sustainability: Mapped[str | None] = mapped_column(String(30))
    loss_rate_pct: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    tariff_vnd_per_m3: Mapped[int | None] = mapped_column(Integer)
    commune_code: Mapped[str | None] = mapped_column(
        String(5), comment="commune in force holding the point, resolved spatially"
    )
    latest_test_status: Mapped[str] = mapped_column(
        String(20), server_default="never_tested", comment="verdict of the latest test, kept by trigger"
    )
    latest_test_on: Mapped[date | None] = mapped_column(Date, comment="sample date of the latest test")
    operator_contact_name: Mapped[str | None] = mapped_column(String(200), comment="private")
    operator_contact_phone: Mapped[str | None] = mapped_column(String(30), comment="private")
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    row_version: Mapped[int] = mapped_column(
        Integer, server_default="1", comment="bumped by every update; the ETag that If-Match must name"
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    geom: Mapped[WKBElement] = mapped_column(Geometry("POINT", srid=4326, spatial_index=True), nullable=False)


class WaterWorkArea(Base):
    """The area a work serves: one polygon per work, replaced whole when redrawn."""

    __tablename__ = "water_work_areas"

    water_work_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("water_works.id", ondelete="CASCADE"), primary_key=True
    )
    area_ha: Mapped[Decimal] = mapped_column(
        Numeric(12, 4),
        Computed("round((ST_Area(geom::geography) / 10000)::numeric, 4)", persisted=True),
        comment="geodesic area in hectares, kept by the database",
    )
    geom: Mapped[WKBElement] = mapped_column(
        Geometry("MULTIPOLYGON", srid=4326, spatial_index=True), nullable=False
    )
