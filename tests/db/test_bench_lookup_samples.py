"""The bench's lookup requests are drawn the same way every time the data and the seed are the same."""

from __future__ import annotations

from sqlalchemy import Connection, text

from bench.lookup_samples import sample_plots

EVERY_PLOT = 100_000  # asks for more plots than the demo has, so the sample takes them all


def test_the_order_of_the_sample_does_not_depend_on_where_rows_lie(connection: Connection) -> None:
    before = [plot.code for plot in sample_plots(connection, seed=2025, count=EVERY_PLOT)]
    # the first plots' rows move to the end of the table, unchanged; a merge join then sorts by commune
    first = "SELECT id FROM growing_areas ORDER BY id LIMIT 50"
    connection.execute(text(f"UPDATE growing_areas SET name = name WHERE id IN ({first})"))
    connection.execute(text("SET LOCAL enable_hashjoin = off"))
    after = [plot.code for plot in sample_plots(connection, seed=2025, count=EVERY_PLOT)]
    assert len(before) > 50
    assert after == before
