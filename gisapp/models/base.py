"""Declarative base with a naming convention, so constraint names are stable across migrations."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every stored entity; `Base.metadata` is what Alembic compares against."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def one_of(column: str, values: tuple[str, ...], *, nullable: bool = True) -> str:
    """The SQL of a CHECK that keeps `column` to `values` (and NULL, unless `nullable` is False)."""
    listed = "(" + ", ".join(f"'{v}'" for v in values) + ")"
    return f"{column} IS NULL OR {column} IN {listed}" if nullable else f"{column} IN {listed}"
