"""Packing houses (cơ sở đóng gói, TCCS 775:2020/BVTV): the record behind a packing-house code.

The code (`VN-BTPH-036`) is approved with the importing country, not issued by the province: an
officer records it, and it is fixed once the packing house is issued. The operator's contact is
personal data (private properties of the layer).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base
from gisapp.models.growing_area import STATUSES


class PackingHouse(Base):
    __tablename__ = "packing_houses"
    __table_args__ = (
        CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),
        CheckConstraint("jsonb_typeof(markets) = 'array'", name="markets"),
        Index("ix_packing_houses_commune_code", "commune_code"),
        Index("ix_packing_houses_created_by_user_id", "created_by_user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(
        String(40), unique=True, comment="packing-house code, normalised: VN-BTPH-036"
    )
    name: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    markets: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB,
        server_default=text("'[]'::jsonb"),
        comment="approved markets: [{market, document_number, document_date}]",
    )
    commune_code: Mapped[str | None] = mapped_column(
        String(5), comment="current commune, resolved spatially from the location"
    )
    operator_name: Mapped[str | None] = mapped_column(String(200), comment="private")
    operator_phone: Mapped[str | None] = mapped_column(String(30), comment="private")
    operator_address: Mapped[str | None] = mapped_column(String(300), comment="private")
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL"), comment="who drafted the record"
    )
    row_version: Mapped[int] = mapped_column(
        Integer, server_default="1", comment="bumped by every update; the ETag that If-Match must name"
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    geom: Mapped[WKBElement] = mapped_column(Geometry("POINT", srid=4326, spatial_index=True), nullable=False)
