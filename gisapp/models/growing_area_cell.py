"""Counts of growing areas per map cell and crop, for tiles at zooms where plots are sub-pixel.

A plot of half a hectare is a fraction of a pixel until about zoom 12, so drawing a million of
them at zoom 6 costs seconds and shows nothing. Instead the low-zoom tiles draw these cells,
kept current by a trigger on `growing_areas` and rebuilt in one statement after bulk loads.
Cells align with WebMercatorQuad: CELLS_PER_TILE cells along each side of a tile of that zoom.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, Numeric, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base
from gisapp.models.growing_area import PUBLIC_STATUSES

CELLS_PER_TILE = 64  # a cell is 4 pixels wide on a 256-pixel tile
OVERVIEW_ZOOMS = range(4, 11)  # zooms 4…10 have cell counts
WEB_MERCATOR_HALF_WORLD = 20037508.342789244


class GrowingAreaCell(Base):
    __tablename__ = "growing_area_cells"

    zoom: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    cx: Mapped[int] = mapped_column(Integer, primary_key=True, comment="cell column from the west")
    cy: Mapped[int] = mapped_column(Integer, primary_key=True, comment="cell row from the north")
    crop: Mapped[str] = mapped_column(String(100), primary_key=True)
    plots: Mapped[int] = mapped_column(Integer)
    area_ha: Mapped[Decimal] = mapped_column(Numeric(14, 4))


def _cell_index(axis: str, point: str) -> str:
    """SQL for a point's cell column (x) or row (y) at zoom `z`."""
    size = f"(2 * {WEB_MERCATOR_HALF_WORLD} / ((2 ^ z) * {CELLS_PER_TILE}))"
    if axis == "x":
        return f"floor((ST_X({point}) + {WEB_MERCATOR_HALF_WORLD}) / {size})::int"
    return f"floor(({WEB_MERCATOR_HALF_WORLD} - ST_Y({point})) / {size})::int"


def cell_function_ddl(published_only: bool = False) -> str:
    """Functions that add or remove one plot from its cells, the trigger, and the bulk rebuild.

    `published_only` (revision 0006 on): only areas the public may see are counted, so the
    overview never reveals draft dossiers.
    """
    published = "status IN (" + ", ".join(f"'{s}'" for s in PUBLIC_STATUSES) + ")"
    old_counts = f" AND OLD.{published}" if published_only else ""
    new_counts = f" AND NEW.{published}" if published_only else ""
    rebuild_where = f" WHERE {published}" if published_only else ""
    zooms = f"generate_series({OVERVIEW_ZOOMS.start}, {OVERVIEW_ZOOMS.stop - 1}) AS z"
    # DDL from this module's constants only; nothing here comes from a request.
    cells_of_p = f"SELECT z, {_cell_index('x', 'p')}, {_cell_index('y', 'p')} FROM {zooms}"
    return f"""
CREATE OR REPLACE FUNCTION gisapp_growing_area_cells_apply(
    plot geometry, plot_crop text, plot_area numeric, sign integer
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    p geometry := ST_Transform(ST_PointOnSurface(plot), 3857);
BEGIN
    INSERT INTO growing_area_cells AS c (zoom, cx, cy, crop, plots, area_ha)
    SELECT cell.*, plot_crop, sign, sign * plot_area FROM ({cells_of_p}) AS cell
    ON CONFLICT (zoom, cx, cy, crop)
    DO UPDATE SET plots = c.plots + EXCLUDED.plots, area_ha = c.area_ha + EXCLUDED.area_ha;
    IF sign < 0 THEN
        DELETE FROM growing_area_cells
        WHERE crop = plot_crop AND plots <= 0 AND (zoom, cx, cy) IN ({cells_of_p});
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION gisapp_growing_area_cells_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE growing_area_cells;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE'){old_counts} THEN
        PERFORM gisapp_growing_area_cells_apply(OLD.geom, OLD.crop, OLD.area_ha, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE'){new_counts} THEN
        PERFORM gisapp_growing_area_cells_apply(NEW.geom, NEW.crop, NEW.area_ha, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION gisapp_growing_area_cells_rebuild() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE growing_area_cells;
    INSERT INTO growing_area_cells (zoom, cx, cy, crop, plots, area_ha)
    SELECT z, {_cell_index("x", "p")}, {_cell_index("y", "p")}, crop, count(*), sum(area_ha)
    FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 3857) AS p, crop, area_ha
          FROM growing_areas{rebuild_where}) AS g,
         {zooms}
    GROUP BY 1, 2, 3, 4;
$$;
"""


# Revision 0006: a change of status moves an area in or out of the published counts.
PUBLISHED_CELL_TRIGGER = (
    "CREATE TRIGGER growing_areas_cells AFTER INSERT OR DELETE OR UPDATE OF geom, crop, status "
    "ON growing_areas FOR EACH ROW EXECUTE FUNCTION gisapp_growing_area_cells_trigger()"
)
CELL_TRIGGERS = (
    "CREATE TRIGGER growing_areas_cells AFTER INSERT OR DELETE OR UPDATE OF geom, crop "
    "ON growing_areas FOR EACH ROW EXECUTE FUNCTION gisapp_growing_area_cells_trigger()",
    "CREATE TRIGGER growing_areas_cells_truncate AFTER TRUNCATE "
    "ON growing_areas FOR EACH STATEMENT EXECUTE FUNCTION gisapp_growing_area_cells_trigger()",
)
