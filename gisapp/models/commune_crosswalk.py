"""Old (pre-1 July 2025) commune → new commune, so closed codes can name their successor."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class CommuneCrosswalk(Base):
    __tablename__ = "commune_crosswalk"
    __table_args__ = (
        CheckConstraint("merge_type IN ('full', 'partial')", name="merge_type"),
        Index("ix_commune_crosswalk_new_commune_code", "new_commune_code"),
    )

    old_commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    new_commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    old_commune_name: Mapped[str] = mapped_column(String(200))
    new_commune_name: Mapped[str] = mapped_column(String(200))
    new_province_code: Mapped[str] = mapped_column(String(2))
    merge_type: Mapped[str] = mapped_column(String(10))
