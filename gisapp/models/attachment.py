"""A file attached to a growing area, and optionally to one of its decisions or inspections.

The bytes live outside the database (settings.attachment_folder); the row keeps what proves them:
the SHA-256, the size, the media type read from the content, the name it was sent under, who sent it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

KINDS = ("decision_scan", "lab_report", "photo", "other")


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (
        Index("ix_attachments_growing_area_id", "growing_area_id", "created_at"),
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in KINDS) + ")", name="kind_known"),
        CheckConstraint("num_nonnulls(transition_id, inspection_id) <= 1", name="one_owner"),
        CheckConstraint("size_bytes > 0", name="size_positive"),
        CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    growing_area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    transition_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("growing_area_transitions.id", ondelete="CASCADE"), comment="a decision's scan"
    )
    inspection_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("growing_area_inspections.id", ondelete="CASCADE"), comment="e.g. a lab report"
    )
    kind: Mapped[str] = mapped_column(String(20))
    caption: Mapped[str | None] = mapped_column(String(500))
    original_filename: Mapped[str] = mapped_column(String(255), comment="as sent, without any folder")
    media_type: Mapped[str] = mapped_column(String(100), comment="detected from the content")
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), comment="hex digest of the stored file")
    stored_path: Mapped[str] = mapped_column(
        String(300), unique=True, comment="relative to the attachments folder"
    )
    public_copy_path: Mapped[str | None] = mapped_column(
        String(300), unique=True, comment="a photo's copy for the public, location (GPS) removed"
    )
    uploaded_by_user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    uploaded_by: Mapped[str] = mapped_column(String(64), comment="username, kept if the account goes")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
