"""Which growing areas supply a packing house: the links lots are checked against."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, func
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class PackingHouseSupplier(Base):
    __tablename__ = "packing_house_suppliers"
    __table_args__ = (Index("ix_packing_house_suppliers_growing_area_id", "growing_area_id"),)

    packing_house_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("packing_houses.id", ondelete="CASCADE"), primary_key=True
    )
    growing_area_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"), primary_key=True
    )
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
