"""Overlaps between active growing areas, kept by a row trigger so the staff-only conflicts layer
can be tiled through a spatial index (a self-join view could not be)."""

from __future__ import annotations

from geoalchemy2 import Geometry, WKBElement
from sqlalchemy import BigInteger, CheckConstraint, Float, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gisapp.models.base import Base
from gisapp.models.growing_area import ACTIVE_STATUSES

_ACTIVE = ", ".join(f"'{s}'" for s in ACTIVE_STATUSES)


class GrowingAreaOverlap(Base):
    __tablename__ = "growing_area_overlaps"
    __table_args__ = (
        UniqueConstraint("area_id", "other_id", name="uq_growing_area_overlaps_pair"),
        CheckConstraint("area_id < other_id", name="ordered_pair"),
        Index("ix_growing_area_overlaps_other_id", "other_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    area_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(Integer, ForeignKey("growing_areas.id", ondelete="CASCADE"))
    overlap_m2: Mapped[float] = mapped_column(Float, comment="geodesic area of the shared part")
    geom: Mapped[WKBElement] = mapped_column(
        Geometry("MULTIPOLYGON", srid=4326, spatial_index=True), nullable=False
    )


def _pairs(left: str, sources: str, where: str = "") -> str:
    """Rows (area_id, other_id, overlap_m2, geom) for active areas whose interiors share a surface;
    `right` is always the other growing area, `left` the new row or the outer one."""
    right = "other"
    return f"""
    SELECT least({left}.id, {right}.id), greatest({left}.id, {right}.id), ST_Area(x.geom::geography), x.geom
    FROM {sources}
    CROSS JOIN LATERAL (
        SELECT ST_Multi(ST_CollectionExtract(ST_Intersection({left}.geom, {right}.geom), 3)) AS geom
    ) AS x
    WHERE {where} {right}.geom && {left}.geom AND {right}.id <> {left}.id AND {right}.status IN ({_ACTIVE})
      AND ST_Intersects({left}.geom, {right}.geom)  -- cheap (cached) test before the costly DE-9IM one
      AND ST_Relate({left}.geom, {right}.geom, '2********') AND NOT ST_IsEmpty(x.geom)
"""


_OUTER_ACTIVE = f"a.id < other.id AND a.status IN ({_ACTIVE}) AND"
OVERLAP_FUNCTIONS_DDL = (
    f"""
CREATE OR REPLACE FUNCTION gisapp_growing_area_overlaps_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM growing_area_overlaps WHERE area_id = NEW.id OR other_id = NEW.id;
    IF NEW.status IN ({_ACTIVE}) THEN
        INSERT INTO growing_area_overlaps (area_id, other_id, overlap_m2, geom)
        {_pairs("NEW", "growing_areas AS other")}
        ON CONFLICT (area_id, other_id) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$
""",
    f"""
CREATE OR REPLACE FUNCTION gisapp_growing_area_overlaps_rebuild() RETURNS void
LANGUAGE sql AS $$
    TRUNCATE growing_area_overlaps;
    INSERT INTO growing_area_overlaps (area_id, other_id, overlap_m2, geom)
    {_pairs("a", "growing_areas AS a JOIN growing_areas AS other ON true", _OUTER_ACTIVE)};
$$
""",
)
OVERLAP_TRIGGER = (
    "CREATE TRIGGER growing_areas_overlaps AFTER INSERT OR UPDATE OF geom, status ON growing_areas "
    "FOR EACH ROW EXECUTE FUNCTION gisapp_growing_area_overlaps_trigger()"
)
