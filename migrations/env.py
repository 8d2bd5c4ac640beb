"""Alembic environment: the URL comes from gisapp (or a connection handed in by tests)."""

from __future__ import annotations

from alembic import context
from geoalchemy2 import alembic_helpers
from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import NullPool

from gisapp.migrate import include_object
from gisapp.models import Base


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        process_revision_directives=alembic_helpers.writer,
        render_item=alembic_helpers.render_item,
        compare_type=True,
    )


def run_online() -> None:
    handed_in = context.config.attributes.get("connection")
    if handed_in is not None:
        _configure(handed_in)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        from gisapp.db import database_url
        from gisapp.settings import Settings

        url = database_url(Settings())
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("gisapp migrations run online only (they need PostGIS functions).")
run_online()
