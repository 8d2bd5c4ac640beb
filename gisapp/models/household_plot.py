"""A member household's own plot inside a growing area, located as EUDR asks (Regulation 2023/1115).

A plot of more than 4 ha must be a polygon; one of 4 ha or less may be a point, and then its
declared area is what shows it is small enough (the database refuses a point without one). The
holder's name is personal data; the layer is for staff only.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import (
    CheckConstraint,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

POINT_MAX_HA = Decimal(4)  # EUDR: plots over 4 ha must be polygons


class HouseholdPlot(Base):
    __tablename__ = "household_plots"
    __table_args__ = (
        Index("ix_household_plots_growing_area_id", "growing_area_id"),
        Index("ix_household_plots_household_id", "household_id"),
        Index("ix_household_plots_commune_code", "commune_code"),
        Index("ix_household_plots_created_by_user_id", "created_by_user_id"),
        CheckConstraint("GeometryType(geom) IN ('POINT', 'MULTIPOLYGON')", name="point_or_polygon"),
        CheckConstraint("declared_area_ha IS NULL OR declared_area_ha > 0", name="declared_area_positive"),
        CheckConstraint(
            f"GeometryType(geom) <> 'POINT' OR declared_area_ha <= {POINT_MAX_HA}", name="point_at_most_4_ha"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    household_id: Mapped[int | None] = mapped_column(
        Integer,
        ForeignKey("growing_area_households.id", ondelete="SET NULL"),
        comment="the member household holding the plot, if known",
    )
    label: Mapped[str] = mapped_column(
        String(100), comment="plot designation, e.g. 'Thửa 125, tờ 7'; no names"
    )
    holder_name: Mapped[str | None] = mapped_column(String(200), comment="private")
    declared_area_ha: Mapped[Decimal | None] = mapped_column(
        Numeric(10, 4), comment="area stated by the household; required for a point"
    )
    area_ha: Mapped[Decimal | None] = mapped_column(
        Numeric(10, 4),
        Computed(
            "CASE WHEN ST_Dimension(geom) = 2 THEN round((ST_Area(geom::geography) / 10000)::numeric, 4) END",
            persisted=True,
        ),
        comment="geodesic area of a polygon in hectares, kept by the database",
    )
    commune_code: Mapped[str | None] = mapped_column(String(5), comment="resolved spatially")
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    row_version: Mapped[int] = mapped_column(
        Integer, server_default="1", comment="bumped by every update; the ETag that If-Match must name"
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    geom: Mapped[WKBElement] = mapped_column(
        Geometry("GEOMETRY", srid=4326, spatial_index=True), nullable=False
    )
