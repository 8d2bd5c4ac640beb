"""Tiles and lookups run on generic plans (direct_reads.PLANNED_ONCE): PostgreSQL plans each of them
once per connection, not on every request, and those plans still use the indexes that serve them."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from psycopg import sql
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.services.direct_reads import native_statement
from gisapp.services.driver_sql import DriverQuery
from gisapp.services.lookup import lookup_query
from gisapp.services.lookup_input import ByCode, ByPosition, ByText, Criterion, LookupRequest
from gisapp.services.read_pool import PooledReader
from gisapp.settings import Settings
from tests.db.test_direct_reads import tile_queries

RUNS = 7  # past the five custom plans PostgreSQL tries first when left to choose
PLANS = DriverQuery(
    "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE %(pattern)s",
    {"pattern": "%ST_AsMVT%"},
)


def test_the_read_pool_plans_a_statement_once(test_db_url: str, settings: Settings) -> None:
    pool = PooledReader(test_db_url, settings.model_copy(update={"tile_pool_size": 1}))
    z15_tile = tile_queries(test_db_url, settings)[4]

    async def plans() -> list[tuple[Any, ...]]:
        await pool.open()
        try:
            for _ in range(RUNS):
                await pool.fetch_row(z15_tile)
            return await pool.fetch_rows(PLANS)
        finally:
            await pool.close()

    assert asyncio.run(plans()) == [(RUNS, 0)]


def lookup(criterion: Criterion) -> DriverQuery:
    layer = load_catalog(Settings().layers_dir).get("growing_areas")
    return lookup_query(layer, LookupRequest(criterion, limit=10))


LOOKUPS: dict[str, tuple[Criterion, tuple[str, ...]]] = {
    "code": (ByCode("VN-68-24820-234-25"), ("uq_growing_areas_code", "uq_growing_areas_export_code")),
    "position": (ByPosition(108.44, 11.94), ("ix_growing_areas_geog",)),
    "text": (
        ByText("sau rieng bao loc", ("rieng", "sau", "bao", "loc")),
        ("ix_growing_areas_search_words", "ix_growing_areas_search_text"),
    ),
}
TILES = {"z8 cells": 0, "z12 simplified": 2, "z15 full detail": 4}
TILE_INDEXES = {"z8 cells": ("pk_growing_area_cells",), "z12 simplified": ("idx_growing_areas_geom",)}


@pytest.mark.parametrize("kind", list(LOOKUPS))
def test_generic_lookup_plans_use_their_indexes(session: Session, kind: str) -> None:
    criterion, indexes = LOOKUPS[kind]
    plan = generic_plan(session, lookup(criterion))
    for index in indexes:
        assert index in plan, plan


@pytest.mark.parametrize("kind", list(TILES))
def test_generic_tile_plans_use_their_indexes(
    session: Session, test_db_url: str, settings: Settings, kind: str
) -> None:
    plan = generic_plan(session, tile_queries(test_db_url, settings)[TILES[kind]])
    for index in TILE_INDEXES.get(kind, ("idx_growing_areas_geom",)):
        assert index in plan, plan


def generic_plan(session: Session, query: DriverQuery) -> str:
    """EXPLAIN of the statement as the read pool prepares it, planned without its values (as the
    read pool's connections do); sequential scans off, as the test tables are small."""
    statement = native_statement(query.sql)
    connection = session.connection()
    raw = connection.connection.driver_connection
    assert raw is not None
    values = sql.SQL(", ").join(sql.Literal(query.params[name]) for name in statement.names)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
    connection.exec_driver_sql(
        "PREPARE generic_plan_under_test AS " + statement.sql.decode().replace("%", "%%")
    )
    try:
        explain = sql.SQL("EXPLAIN EXECUTE generic_plan_under_test({})").format(values).as_string(raw)
        plan = "\n".join(row[0] for row in connection.exec_driver_sql(explain.replace("%", "%%")))
    finally:
        session.execute(text("DEALLOCATE generic_plan_under_test"))
    assert re.search(r"\$\d", plan), plan  # planned without the values: a generic plan
    return plan
