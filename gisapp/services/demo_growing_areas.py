"""Demo growing areas: generated plots inside real communes of the demo provinces, marked as demo."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gisapp.models import GrowingArea
from gisapp.services.bulk_load import growing_areas_bulk_load
from gisapp.services.demo_admin import BATCH, insert_with_wkb
from gisapp.sql import load_sql

DEMO_PROVINCES = ("68", "48")  # Lâm Đồng and Đà Nẵng, loaded at full detail
ISSUED = {"issued", "suspended", "revoked"}  # a draft or submitted dossier has no code yet
PLOT_COLUMNS = ("code", "name", "crop", "status", "issued_year", "is_demo")
Progress = Callable[[int], None]


def demo_present(session: Session) -> bool:
    return session.execute(select(GrowingArea.id).where(GrowingArea.is_demo).limit(1)).first() is not None


def demo_communes(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return communes[communes["province_code"].isin(DEMO_PROVINCES)]


def load_plots(session: Session, plots: gpd.GeoDataFrame, progress: Progress | None = None) -> int:
    """Insert generated plots as demo rows, then resolve each one's commune spatially."""
    session.execute(delete(GrowingArea).where(GrowingArea.is_demo))
    statement = insert_with_wkb(GrowingArea.__table__, PLOT_COLUMNS)
    rows = [
        {
            "code": r.code if r.status in ISSUED else None,
            "name": r.name,
            "crop": r.crop,
            "status": r.status,
            "issued_year": int(r.issued_year) if r.status in ISSUED else None,
            "is_demo": True,
            "wkb": r.geometry.wkb,
        }
        for r in plots.itertuples(index=False)
    ]
    with growing_areas_bulk_load(session.connection()):
        for start in range(0, len(rows), BATCH):
            session.execute(statement, rows[start : start + BATCH])
            if progress:
                progress(len(rows[start : start + BATCH]))
        session.execute(load_sql("gisapp.services", "resolve_communes"))
        session.execute(load_sql("gisapp.services", "demo_issued_communes"))
        session.execute(load_sql("gisapp.services", "initial_versions"))
    return len(rows)
