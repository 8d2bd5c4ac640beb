"""How much of a lot came from one growing area, and which season of that area it counts against."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, Numeric
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class PackingLotSource(Base):
    __tablename__ = "packing_lot_sources"
    __table_args__ = (
        Index("ix_packing_lot_sources_growing_area_id", "growing_area_id", "season_id"),
        Index("ix_packing_lot_sources_season_id", "season_id"),
        CheckConstraint("weight_kg >= 0", name="weight_not_negative"),
    )

    lot_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("packing_lots.id", ondelete="CASCADE"), primary_key=True
    )
    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id"), primary_key=True)
    season_id: Mapped[int | None] = mapped_column(
        Integer,
        ForeignKey("growing_area_seasons.id", ondelete="SET NULL"),
        comment="the season covering the packing date; null: none was declared",
    )
    weight_kg: Mapped[Decimal] = mapped_column(
        Numeric(14, 3), comment="as given, or the lot's weight shared out (weight_given false)"
    )
    weight_given: Mapped[bool] = mapped_column(Boolean)
