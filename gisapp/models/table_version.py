"""A counter per table that any write bumps (by trigger), for tile and feature ETags."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base


class TableVersion(Base):
    __tablename__ = "table_versions"

    table_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


# Revision 0001's function; 0003 replaces it with NOTIFYING_BUMP_FUNCTION_DDL.
BUMP_FUNCTION_DDL = """
CREATE OR REPLACE FUNCTION gisapp_bump_table_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO table_versions (table_name, version, changed_at)
    VALUES (TG_TABLE_NAME, 1, now())
    ON CONFLICT (table_name)
    DO UPDATE SET version = table_versions.version + 1, changed_at = now();
    RETURN NULL;
END
$$
"""


def version_trigger_ddl(table: str) -> str:
    """DDL that makes every write to `table` bump its version (used by migrations)."""
    return (
        f"CREATE TRIGGER {table}_bump_version "
        f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION gisapp_bump_table_version()"
    )


NOTIFYING_BUMP_FUNCTION_DDL = """
CREATE OR REPLACE FUNCTION gisapp_bump_table_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    bumped bigint;
BEGIN
    INSERT INTO table_versions (table_name, version, changed_at)
    VALUES (TG_TABLE_NAME, 1, now())
    ON CONFLICT (table_name)
    DO UPDATE SET version = table_versions.version + 1, changed_at = now()
    RETURNING version INTO bumped;
    -- Delivered at commit (never for a rolled-back write) to every listening app process.
    PERFORM pg_notify('gisapp_table_versions', TG_TABLE_NAME || ':' || bumped);
    RETURN NULL;
END
$$
"""
