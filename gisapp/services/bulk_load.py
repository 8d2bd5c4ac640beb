"""Bulk loading growing areas (benchmark data, large imports) without per-row maintenance work.

The row triggers that keep the low-zoom cell counts and the overlaps between active areas current
are switched off while rows stream in, and both are rebuilt in one statement each at the end: far
faster than a million small upserts. Everything happens in the caller's transaction, so a failed
load leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

COPY_COLUMNS = ("code", "name", "crop", "status", "issued_year", "commune_code", "is_demo", "geom")
DERIVED_TRIGGERS = ("growing_areas_cells", "growing_areas_overlaps")


@contextmanager
def growing_areas_bulk_load(connection: Connection, *, find_overlaps: bool = True) -> Iterator[None]:
    """Wrap a COPY (or many INSERTs) into growing_areas; rebuilds derived data and statistics on exit.

    `find_overlaps=False` is for data that cannot overlap by construction (the benchmark's
    generated plots): the pairwise search over a million plots would take minutes to find nothing.
    """
    for trigger in DERIVED_TRIGGERS:
        connection.execute(text(f"ALTER TABLE growing_areas DISABLE TRIGGER {trigger}"))
    yield
    for trigger in DERIVED_TRIGGERS:
        connection.execute(text(f"ALTER TABLE growing_areas ENABLE TRIGGER {trigger}"))
    connection.execute(text("SELECT gisapp_growing_area_cells_rebuild()"))
    connection.execute(
        text(
            "SELECT gisapp_growing_area_overlaps_rebuild()"
            if find_overlaps
            else "TRUNCATE growing_area_overlaps"
        )
    )
    connection.execute(text("ANALYZE growing_areas"))
    connection.execute(text("ANALYZE growing_area_cells"))
