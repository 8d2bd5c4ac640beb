"""Bulk loading growing areas (benchmark data, large imports) without per-row maintenance work.

The row trigger that keeps the low-zoom cell counts current is switched off while rows stream in,
and the counts are rebuilt in one statement at the end: far faster than a million small upserts.
Everything happens in the caller's transaction, so a failed load leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

COPY_COLUMNS = ("code", "name", "crop", "status", "issued_year", "commune_code", "is_demo", "geom")
CELL_TRIGGER = "growing_areas_cells"


@contextmanager
def growing_areas_bulk_load(connection: Connection) -> Iterator[None]:
    """Wrap a COPY (or many INSERTs) into growing_areas; rebuilds derived data and statistics on exit."""
    connection.execute(text(f"ALTER TABLE growing_areas DISABLE TRIGGER {CELL_TRIGGER}"))
    yield
    connection.execute(text(f"ALTER TABLE growing_areas ENABLE TRIGGER {CELL_TRIGGER}"))
    connection.execute(text("SELECT gisapp_growing_area_cells_rebuild()"))
    connection.execute(text("ANALYZE growing_areas"))
    connection.execute(text("ANALYZE growing_area_cells"))
