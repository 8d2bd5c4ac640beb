"""Growing areas (vùng trồng), first cut: the registry issue extends this table."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Computed,
    DateTime,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

STATUSES = ("draft", "submitted", "active", "suspended", "revoked")


class GrowingArea(Base):
    __tablename__ = "growing_areas"
    __table_args__ = (
        CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),
        Index("ix_growing_areas_commune_code", "commune_code"),
        Index("ix_growing_areas_crop", "crop"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    crop: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    issued_year: Mapped[int | None] = mapped_column(SmallInteger)
    commune_code: Mapped[str | None] = mapped_column(
        String(5), comment="commune resolved spatially from the plot's point on surface"
    )
    area_ha: Mapped[Decimal] = mapped_column(
        Numeric(12, 4),
        Computed("round((ST_Area(geom::geography) / 10000)::numeric, 4)", persisted=True),
        comment="geodesic area in hectares, kept by the database",
    )
    representative_name: Mapped[str | None] = mapped_column(String(200), comment="private")
    representative_phone: Mapped[str | None] = mapped_column(String(30), comment="private")
    representative_id_number: Mapped[str | None] = mapped_column(
        String(20), comment="private: citizen ID or business registration number"
    )
    row_version: Mapped[int] = mapped_column(
        Integer, server_default="1", comment="bumped by every update; the ETag that If-Match must name"
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    geom: Mapped[WKBElement] = mapped_column(
        Geometry("MULTIPOLYGON", srid=4326, spatial_index=True), nullable=False
    )
