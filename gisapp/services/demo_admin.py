"""Loading the 2025 administrative units and the old→new commune crosswalk from `data/admin/`."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
from sqlalchemy import Insert, LargeBinary, bindparam, delete, func, insert
from sqlalchemy.orm import Session

from gisapp.models import AdminUnit, CommuneCrosswalk
from gisapp.models.admin_unit import MERGER_DATE

ADMIN_FILE = "admin/vn_admin_2025.gpkg"
CROSSWALK_FILE = "admin/commune_crosswalk_2025.csv"
BATCH = 500
Progress = Callable[[int], None]
UNIT_COLUMNS = (
    "code",
    "level",
    "name",
    "full_name",
    "name_en",
    "unit_type",
    "parent_code",
    "geometry_detail",
    "valid_from",
)


def insert_with_wkb(table: object, columns: tuple[str, ...]) -> Insert:
    """An executemany-friendly INSERT whose geometry arrives as WKB in the `wkb` parameter."""
    values: dict[str, object] = {name: bindparam(name) for name in columns}
    geometry = func.ST_Multi(func.ST_GeomFromWKB(bindparam("wkb", type_=LargeBinary), 4326))
    return insert(table).values(**values, geom=geometry)  # type: ignore[arg-type]


def _rows(frame: gpd.GeoDataFrame, level: str) -> list[dict[str, object]]:
    is_commune = level == "commune"
    return [
        {
            "code": row.code,
            "level": level,
            "name": row.name,
            "full_name": row.full_name,
            "name_en": getattr(row, "name_en", None),
            "unit_type": row.unit_type,
            "parent_code": row.province_code if is_commune else None,
            "geometry_detail": getattr(row, "detail", "simplified"),
            "valid_from": MERGER_DATE,
            "wkb": row.geometry.wkb,
        }
        for row in frame.itertuples(index=False)
    ]


def read_units(data_dir: Path, layer: str) -> gpd.GeoDataFrame:
    """`provinces` or `communes` of the demo's administrative file."""
    return gpd.read_file(data_dir / ADMIN_FILE, layer=layer, engine="pyogrio")


def load_admin_units(session: Session, data_dir: Path, progress: Progress | None = None) -> int:
    """Replace the 2025 units with those of the data file; returns how many were loaded."""
    session.execute(delete(AdminUnit).where(AdminUnit.valid_from == MERGER_DATE))
    statement = insert_with_wkb(AdminUnit.__table__, UNIT_COLUMNS)
    total = 0
    for level, layer in (("province", "provinces"), ("commune", "communes")):
        rows = _rows(read_units(data_dir, layer), level)
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            session.execute(statement, batch)
            total += len(batch)
            if progress:
                progress(len(batch))
    return total


def load_crosswalk(session: Session, data_dir: Path) -> int:
    with (data_dir / CROSSWALK_FILE).open(encoding="utf-8", newline="") as handle:
        rows = [
            {
                k: row[k]
                for k in (
                    "old_commune_code",
                    "old_commune_name",
                    "new_commune_code",
                    "new_commune_name",
                    "new_province_code",
                    "merge_type",
                )
            }
            for row in csv.DictReader(handle)
        ]
    session.execute(delete(CommuneCrosswalk))
    session.execute(insert(CommuneCrosswalk), rows)
    return len(rows)
