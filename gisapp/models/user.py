"""Staff accounts: who may sign in, with which role, at which level and over which units."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ARRAY, Boolean, CheckConstraint, DateTime, Integer, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base

ROLES = ("admin", "agri_officer", "env_officer", "viewer")
LEVELS = ("commune", "province")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'", name="username"),
        CheckConstraint("role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")", name="role"),
        CheckConstraint("level IS NULL OR level IN ('commune', 'province')", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, comment="lower case, 3-64 characters")
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(Text, comment="Argon2id")
    role: Mapped[str] = mapped_column(String(20))
    level: Mapped[str | None] = mapped_column(String(10), comment="commune or province officer")
    scope_provinces: Mapped[list[str]] = mapped_column(
        ARRAY(String(2)), server_default=text("'{}'"), comment="GSO province codes in scope"
    )
    scope_communes: Mapped[list[str]] = mapped_column(
        ARRAY(String(5)), server_default=text("'{}'"), comment="GSO commune codes in scope"
    )
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    failed_logins: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
