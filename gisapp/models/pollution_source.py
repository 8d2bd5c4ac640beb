"""Pollution and waste sources (nguồn thải, điểm ô nhiễm): a point facility, a line outfall or a polygon site.

The owner is often a household (a livestock farm, a craft-village workshop), so the owner's name, tax
code or ID and contact are private. The latest sample's verdict and the date of the latest exceedance
are kept on the row by the sample path, so tiles can mark a source with a recent exceedance.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base, one_of

SOURCE_TYPES = (
    "industrial_facility",
    "industrial_cluster",
    "craft_village",
    "livestock_farm",
    "aquaculture",
    "landfill",
    "wastewater_outfall",
    "pesticide_packaging_point",
)
MONITORING_REGIMES = ("automatic_continuous", "periodic", "none")
SOURCE_STATUSES = ("operating", "under_remediation", "suspended", "closed")
SAMPLE_STATUSES = ("pass", "exceed", "not_assessable", "never_sampled")


class PollutionSource(Base):
    __tablename__ = "pollution_sources"
    __table_args__ = (
        CheckConstraint(one_of("source_type", SOURCE_TYPES, nullable=False), name="source_type"),
        CheckConstraint(one_of("monitoring_regime", MONITORING_REGIMES), name="monitoring_regime"),
        CheckConstraint(one_of("status", SOURCE_STATUSES, nullable=False), name="status"),
        CheckConstraint(
            one_of("latest_sample_status", SAMPLE_STATUSES, nullable=False), name="latest_sample"
        ),
        CheckConstraint(
            "permitted_discharge_m3_day IS NULL OR permitted_discharge_m3_day >= 0",
            name="permitted_discharge",
        ),
        CheckConstraint(
            "actual_discharge_m3_day IS NULL OR actual_discharge_m3_day >= 0", name="actual_discharge"
        ),
        CheckConstraint(
            "GeometryType(geom) IN ('POINT', 'LINESTRING', 'MULTILINESTRING', 'POLYGON', 'MULTIPOLYGON')",
            name="geometry_kind",
        ),
        Index("ix_pollution_sources_commune_code", "commune_code"),
        Index("ix_pollution_sources_source_type", "source_type"),
        # Distances in metres use geography; only an index on this very expression serves them.
        Index("ix_pollution_sources_geog", text("(geom::geography)"), postgresql_using="gist"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    source_type: Mapped[str] = mapped_column(String(30))
    sector: Mapped[str | None] = mapped_column(String(200), comment="e.g. chế biến cà phê, chăn nuôi lợn")
    owner_name: Mapped[str | None] = mapped_column(String(300), comment="private")
    owner_tax_code: Mapped[str | None] = mapped_column(String(20), comment="private: tax code or citizen ID")
    owner_phone: Mapped[str | None] = mapped_column(String(30), comment="private")
    owner_address: Mapped[str | None] = mapped_column(String(300), comment="private")
    permit_number: Mapped[str | None] = mapped_column(
        String(100), comment="environmental permit or EIA decision"
    )
    permit_date: Mapped[date | None] = mapped_column(Date)
    permit_issuer: Mapped[str | None] = mapped_column(String(300))
    permitted_discharge_m3_day: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    actual_discharge_m3_day: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    receiving_water_body: Mapped[str | None] = mapped_column(String(300))
    regulation_code: Mapped[str | None] = mapped_column(
        String(60), comment="effluent regulation its samples are judged by, e.g. QCVN 40:2025/BTNMT"
    )
    regulation_column: Mapped[str | None] = mapped_column(String(10), comment="column or class, e.g. A or B")
    monitoring_regime: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), server_default="operating")
    remediation_note: Mapped[str | None] = mapped_column(Text)
    commune_code: Mapped[str | None] = mapped_column(
        String(5), comment="commune in force holding the source, resolved spatially"
    )
    latest_sample_status: Mapped[str] = mapped_column(
        String(20), server_default="never_sampled", comment="verdict of the latest sample"
    )
    latest_sample_on: Mapped[date | None] = mapped_column(Date)
    last_exceedance_on: Mapped[date | None] = mapped_column(
        Date, comment="latest sample date with an exceedance"
    )
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
    geom: Mapped[WKBElement] = mapped_column(
        Geometry("GEOMETRY", srid=4326, spatial_index=True), nullable=False
    )
