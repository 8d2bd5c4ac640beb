"""Creating and dropping whole databases (the app's, the tests' and the benchmark's)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool


def _server_engine(url: str | URL) -> Engine:
    """An autocommit engine on the maintenance database of the same server."""
    maintenance = make_url(url).set(database="postgres")
    return create_engine(maintenance, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _name(url: str | URL) -> str:
    name = make_url(url).database
    if not name:
        raise ValueError(f"{make_url(url).render_as_string()} names no database")
    return name


def database_exists(url: str | URL) -> bool:
    name = _name(url)
    engine = _server_engine(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            return found.first() is not None
    finally:
        engine.dispose()


def create_database(url: str | URL, *, template: str | None = None) -> bool:
    """Create the database of `url` unless it exists; True when it was created."""
    if database_exists(url):
        return False
    name = _name(url)
    engine = _server_engine(url)
    preparer = engine.dialect.identifier_preparer
    statement = f"CREATE DATABASE {preparer.quote(name)}"
    if template:
        statement += f" TEMPLATE {preparer.quote(template)}"
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()
    return True


def drop_database(url: str | URL) -> None:
    name = _name(url)
    engine = _server_engine(url)
    quoted = engine.dialect.identifier_preparer.quote(name)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
    finally:
        engine.dispose()


def ensure_postgis(url: str | URL) -> str:
    """Create the PostGIS extension if missing and return its version."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
            return str(conn.execute(text("SELECT postgis_lib_version()")).scalar_one())
    finally:
        engine.dispose()
