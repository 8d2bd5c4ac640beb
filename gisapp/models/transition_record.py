"""Columns every status history shares (growing areas, packing houses): one decision per row.

A mixin, so each registry keeps its own table with a real foreign key to the record it decides on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column


class TransitionRecord:
    """A decision with its reason, deciding document and authority, and who recorded it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    code: Mapped[str | None] = mapped_column(String(40), comment="the code when the decision was taken")
    reason: Mapped[str] = mapped_column(Text)
    document_number: Mapped[str | None] = mapped_column(String(100))
    document_date: Mapped[date | None] = mapped_column(Date)
    authority: Mapped[str | None] = mapped_column(String(300), comment="who decided (body or office)")
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(64), comment="who recorded it, kept if the user goes")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
