"""Status history of a growing area: each decision with its reason, document and decider."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base
from gisapp.models.transition_record import TransitionRecord


class GrowingAreaTransition(TransitionRecord, Base):
    __tablename__ = "growing_area_transitions"
    __table_args__ = (Index("ix_growing_area_transitions_growing_area_id", "growing_area_id", "at"),)

    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
