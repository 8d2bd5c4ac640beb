"""The crop catalogue: which crops a growing area may hold, perennial or annual, and the minimum area.

QĐ 3156/QĐ-BNN-TT sets the minimum area by lifecycle (perennial ≥ 1 ha, annual ≥ 0.1 ha); it is
stored per crop so a province can tighten it for one crop without a code change.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

LIFECYCLES = ("perennial", "annual")


class Crop(Base):
    __tablename__ = "crops"
    __table_args__ = (
        CheckConstraint("lifecycle IN ('perennial', 'annual')", name="lifecycle"),
        CheckConstraint("min_area_ha > 0", name="min_area_ha"),
    )

    name: Mapped[str] = mapped_column(String(100), primary_key=True, comment="Vietnamese name, the key")
    name_en: Mapped[str] = mapped_column(String(100))
    lifecycle: Mapped[str] = mapped_column(String(10))
    min_area_ha: Mapped[Decimal] = mapped_column(Numeric(8, 4))
