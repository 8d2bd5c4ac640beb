"""Every version of a growing area, written in the transaction that made it, for `?at=` time travel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class GrowingAreaVersion(Base):
    __tablename__ = "growing_area_versions"
    __table_args__ = (
        UniqueConstraint("growing_area_id", "row_version", name="uq_growing_area_versions_row_version"),
        Index("ix_growing_area_versions_growing_area_id", "growing_area_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    row_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    valid_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    valid_to: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), comment="null = current")
    feature: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="every property (private too) and the geometry, as the audit keeps them"
    )
    recorded_by: Mapped[str | None] = mapped_column(String(64))
