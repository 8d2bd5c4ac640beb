"""One growing season of a growing area: the plan at its start and the actual yield at its end (QĐ 3156)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
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
)
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class GrowingAreaSeason(Base):
    __tablename__ = "growing_area_seasons"
    __table_args__ = (
        Index("ix_growing_area_seasons_growing_area_id", "growing_area_id", "started_on"),
        CheckConstraint("area_ha > 0", name="area_positive"),
        CheckConstraint("expected_yield_t_per_ha >= 0", name="expected_yield_not_negative"),
        CheckConstraint("actual_yield_t IS NULL OR actual_yield_t >= 0", name="actual_yield_not_negative"),
        CheckConstraint(
            "expected_harvest_on IS NULL OR expected_harvest_on >= started_on",
            name="expected_harvest_after_start",
        ),
        CheckConstraint("harvested_on IS NULL OR harvested_on >= started_on", name="harvest_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    label: Mapped[str | None] = mapped_column(String(100), comment="e.g. 'Vụ 2026' or 'Đông Xuân 2026-2027'")
    crop: Mapped[str] = mapped_column(String(100), ForeignKey("crops.name", onupdate="CASCADE"))
    variety: Mapped[str | None] = mapped_column(String(100))
    area_ha: Mapped[Decimal] = mapped_column(Numeric(12, 4), comment="area cropped this season")
    started_on: Mapped[date] = mapped_column(Date)
    expected_yield_t_per_ha: Mapped[Decimal] = mapped_column(Numeric(10, 3), comment="tonnes per hectare")
    expected_harvest_on: Mapped[date | None] = mapped_column(Date)
    expected_market: Mapped[str | None] = mapped_column(String(200))
    harvested_on: Mapped[date | None] = mapped_column(Date, comment="end of harvest, with the actual yield")
    actual_yield_t: Mapped[Decimal | None] = mapped_column(
        Numeric(12, 3), comment="tonnes harvested in total"
    )
    note: Mapped[str | None] = mapped_column(Text)
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
