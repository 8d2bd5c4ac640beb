"""A lot packed at a packing house, kept with the mass-balance verdict it got when recorded.

Weights are stored in kilograms. A lot heavier than its sources can yield is recorded, not refused:
`flagged` and `balance` keep the numbers for the inspector.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
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
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class PackingLot(Base):
    __tablename__ = "packing_lots"
    __table_args__ = (
        Index("ix_packing_lots_packing_house_id", "packing_house_id", "packed_on"),
        Index("ix_packing_lots_created_by_user_id", "created_by_user_id"),
        CheckConstraint("total_weight_kg > 0", name="weight_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    packing_house_id: Mapped[int] = mapped_column(Integer, ForeignKey("packing_houses.id"))
    lot_number: Mapped[str | None] = mapped_column(String(60), comment="the packer's own lot number")
    packed_on: Mapped[date] = mapped_column(Date)
    total_weight_kg: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    flagged: Mapped[bool] = mapped_column(Boolean, comment="over the sources' yield, or a source unchecked")
    balance: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="the mass-balance numbers and flags as they stood when the lot was recorded"
    )
    note: Mapped[str | None] = mapped_column(Text)
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    recorded_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
