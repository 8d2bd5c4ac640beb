"""A pollution problem reported by anyone at a point, waiting for environment staff to moderate it.

The reporter is anonymous to the public: the contact (if given) is private to environment staff in
scope, and the client address is kept only as a salted hash, enough to count a flood of reports from
one address and nothing more. The photo kept is the copy without location; the original is not kept.
"""

from __future__ import annotations

from datetime import datetime

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base, one_of

REPORT_STATUSES = ("received", "under_review", "linked", "dismissed")
OPEN_STATUSES = ("received", "under_review")
CATEGORIES = ("water", "air", "waste", "noise", "odour", "other")


class CitizenReport(Base):
    __tablename__ = "citizen_reports"
    __table_args__ = (
        CheckConstraint(one_of("status", REPORT_STATUSES, nullable=False), name="status"),
        CheckConstraint(one_of("category", CATEGORIES), name="category"),
        CheckConstraint("receipt ~ '^[2-9A-HJKMNP-Z]{10}$'", name="receipt_alphabet"),
        CheckConstraint("address_hash ~ '^[0-9a-f]{64}$'", name="address_hash_hex"),
        CheckConstraint("(status = 'linked') = (pollution_source_id IS NOT NULL)", name="linked_has_source"),
        Index("ix_citizen_reports_address_hash", "address_hash", "created_at"),
        Index("ix_citizen_reports_commune_code", "commune_code", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt: Mapped[str] = mapped_column(String(10), unique=True, comment="what the reporter keeps")
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(20))
    contact: Mapped[str | None] = mapped_column(String(200), comment="private: environment staff in scope")
    photo_path: Mapped[str | None] = mapped_column(
        String(300), unique=True, comment="the photo without location, relative to the attachments folder"
    )
    photo_media_type: Mapped[str | None] = mapped_column(String(100))
    address_hash: Mapped[str] = mapped_column(String(64), comment="salted hash of the client address")
    commune_code: Mapped[str | None] = mapped_column(String(5), comment="commune in force holding the point")
    status: Mapped[str] = mapped_column(String(20), server_default="received")
    pollution_source_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("pollution_sources.id", ondelete="RESTRICT")
    )
    public_note: Mapped[str | None] = mapped_column(String(1000), comment="what the reporter is told")
    moderated_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    moderated_by: Mapped[str | None] = mapped_column(String(64), comment="username, kept if the account goes")
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    geom: Mapped[WKBElement] = mapped_column(Geometry("POINT", srid=4326, spatial_index=True), nullable=False)
