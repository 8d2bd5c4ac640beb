"""Administrative units of both tiers, each with the period it was valid.

Provinces and communes share one table so that the pre-2025 units can later be stored
beside the 2025 ones (a merged unit keeps one old code, so a code alone is not a key).
The `provinces` and `communes` views publish the units in force.
"""

from __future__ import annotations

from datetime import date

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import CheckConstraint, Date, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

MERGER_DATE = date(2025, 7, 1)


class AdminUnit(Base):
    __tablename__ = "admin_units"
    __table_args__ = (
        UniqueConstraint("level", "code", "valid_from", name="uq_admin_units_level_code_valid_from"),
        CheckConstraint("level IN ('province', 'commune')", name="level"),
        Index("ix_admin_units_level_code", "level", "code"),
        Index("ix_admin_units_parent_code", "parent_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(5), comment="GSO code: 2 digits province, 5 commune")
    level: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    unit_type: Mapped[str] = mapped_column(String(50), comment="Tỉnh, Thành phố, Xã, Phường, Đặc khu")
    parent_code: Mapped[str | None] = mapped_column(String(5), comment="province of a commune")
    geometry_detail: Mapped[str] = mapped_column(String(20), default="simplified")
    valid_from: Mapped[date] = mapped_column(Date, default=MERGER_DATE)
    valid_to: Mapped[date | None] = mapped_column(Date)
    geom: Mapped[WKBElement] = mapped_column(
        Geometry("MULTIPOLYGON", srid=4326, spatial_index=True), nullable=False
    )
