"""Growing areas (vùng trồng): the registry record behind a growing-area code.

A code is an opaque, permanent identifier: once set, the database refuses to change it
(trigger in revision 0006), so a code is never reused, even after revocation.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

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
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

STATUSES = ("draft", "submitted", "issued", "suspended", "revoked")
PUBLIC_STATUSES = ("issued", "suspended", "revoked")  # drafts and submitted dossiers are for staff only
ACTIVE_STATUSES = ("submitted", "issued", "suspended")  # a new plot may not overlap these
STANDARDS = ("VietGAP", "GlobalGAP", "organic")


class GrowingArea(Base):
    __tablename__ = "growing_areas"
    __table_args__ = (
        CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),
        Index("ix_growing_areas_commune_code", "commune_code"),
        CheckConstraint(
            "standard IS NULL OR standard IN (" + ", ".join(f"'{s}'" for s in STANDARDS) + ")",
            name="standard",
        ),
        CheckConstraint("jsonb_typeof(markets) = 'array'", name="markets"),
        Index("ix_growing_areas_crop", "crop"),
        Index("ix_growing_areas_issued_commune_code", "issued_commune_code"),
        # Lookups within metres use geography; only an index on this very expression serves them.
        Index("ix_growing_areas_geog", text("(geom::geography)"), postgresql_using="gist"),
        # Name search: a 128-byte trigram signature lets a word that matches nothing be ruled out
        # from the index alone (the default 12 bytes read thousands of pages on a million rows).
        Index(
            "ix_growing_areas_search_text",
            "search_text",
            postgresql_using="gist",
            postgresql_ops={"search_text": "gist_trgm_ops(siglen=128)"},
        ),
        # Every typed word whole: found in a millisecond when one is rare, where the GiST scan is slow.
        Index(
            "ix_growing_areas_search_words",
            text("to_tsvector('simple'::regconfig, search_text)"),
            postgresql_using="gin",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True, comment="domestic code, as issued")
    export_code: Mapped[str | None] = mapped_column(
        String(40), unique=True, comment="export (PUC) code, normalised: VN-DNOR-0269"
    )
    name: Mapped[str] = mapped_column(String(300))
    crop: Mapped[str] = mapped_column(String(100), ForeignKey("crops.name", onupdate="CASCADE"))
    variety: Mapped[str | None] = mapped_column(String(100))
    standard: Mapped[str | None] = mapped_column(String(20), comment="VietGAP, GlobalGAP or organic")
    markets: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB,
        server_default=text("'[]'::jsonb"),
        comment="approved markets: [{market, document_number, document_date}]",
    )
    status: Mapped[str] = mapped_column(String(20), default="draft")
    issued_year: Mapped[int | None] = mapped_column(SmallInteger)
    issued_commune_code: Mapped[str | None] = mapped_column(
        String(5), comment="the commune the dossier was filed and issued under, kept as issued"
    )
    commune_code: Mapped[str | None] = mapped_column(
        String(5), comment="current commune, resolved spatially from the plot's point on surface"
    )
    last_inspected_on: Mapped[date | None] = mapped_column(Date)
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL"), comment="who drafted the dossier"
    )
    search_text: Mapped[str | None] = mapped_column(
        Text, comment="codes, name, crop, commune and representative folded (no diacritics), by trigger"
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
