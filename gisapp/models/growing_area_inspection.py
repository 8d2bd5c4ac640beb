"""An inspection of a growing area (the field record QĐ 3156 and the importers' protocols ask for)."""

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
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

CONCLUSIONS = ("compliant", "compliant_with_conditions", "non_compliant")


class GrowingAreaInspection(Base):
    __tablename__ = "growing_area_inspections"
    __table_args__ = (
        Index("ix_growing_area_inspections_growing_area_id", "growing_area_id", "inspected_on"),
        CheckConstraint(
            "conclusion IN (" + ", ".join(f"'{c}'" for c in CONCLUSIONS) + ")", name="conclusion_known"
        ),
        CheckConstraint(
            "next_inspection_due IS NULL OR next_inspection_due >= inspected_on",
            name="next_due_after_inspection",
        ),
        CheckConstraint("area_ha IS NULL OR area_ha > 0", name="area_positive"),
        CheckConstraint("households IS NULL OR households >= 0", name="households_not_negative"),
        CheckConstraint("tree_age_years IS NULL OR tree_age_years >= 0", name="tree_age_not_negative"),
        CheckConstraint(
            "expected_yield_t_per_ha IS NULL OR expected_yield_t_per_ha >= 0",
            name="expected_yield_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    inspected_on: Mapped[date] = mapped_column(Date)
    inspector_name: Mapped[str] = mapped_column(String(200))
    inspector_position: Mapped[str | None] = mapped_column(String(200), comment="job title and office")
    area_ha: Mapped[Decimal | None] = mapped_column(Numeric(12, 4))
    households: Mapped[int | None] = mapped_column(Integer)
    tree_age_years: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    growth_stage: Mapped[str | None] = mapped_column(String(200))
    expected_harvest_on: Mapped[date | None] = mapped_column(Date)
    expected_yield_t_per_ha: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    # Each a list of {"product", "active_ingredient", "dose", "applied_on"}, as importers ask.
    pesticides_permitted_vn: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb"), comment="permitted in Vietnam"
    )
    pesticides_permitted_importer: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb"), comment="permitted by the importing country"
    )
    pesticides_other: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb"), comment="neither list"
    )
    farm_diary_present: Mapped[bool | None] = mapped_column(Boolean)
    farm_diary_complete: Mapped[bool | None] = mapped_column(Boolean)
    # A list of {"pest", "density", "unit"}.
    pests: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    pest_management: Mapped[str | None] = mapped_column(Text)
    # A list of {"sample", "analysis", "lab", "result"}.
    samples: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, default=list, server_default=text("'[]'::jsonb")
    )
    weeds_residue_cleared: Mapped[bool | None] = mapped_column(Boolean)
    packaging_collected: Mapped[bool | None] = mapped_column(Boolean, comment="pesticide packaging collected")
    conclusion: Mapped[str] = mapped_column(String(30))
    conclusion_note: Mapped[str | None] = mapped_column(Text)
    next_inspection_due: Mapped[date | None] = mapped_column(Date)
    created_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
