"""Status history of a packing house: the same decisions, reasons and documents as growing areas."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base
from gisapp.models.transition_record import TransitionRecord


class PackingHouseTransition(TransitionRecord, Base):
    __tablename__ = "packing_house_transitions"
    __table_args__ = (Index("ix_packing_house_transitions_packing_house_id", "packing_house_id", "at"),)

    packing_house_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("packing_houses.id", ondelete="CASCADE")
    )
