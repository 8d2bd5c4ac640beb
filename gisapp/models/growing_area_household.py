"""Member households of a growing area: personal data, read only by staff in scope."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class GrowingAreaHousehold(Base):
    __tablename__ = "growing_area_households"
    __table_args__ = (Index("ix_growing_area_households_growing_area_id", "growing_area_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, comment="order in the dossier's list")
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    id_number: Mapped[str | None] = mapped_column(String(20), comment="citizen ID")
    address: Mapped[str | None] = mapped_column(String(300))
