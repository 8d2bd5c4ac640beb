"""`/api/layers`: the catalog for the web map."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import exists, select

from gisapp.api.deps import CatalogDep, OptionalUser, SessionDep, SettingsDep
from gisapp.catalog.config import Text
from gisapp.models import GrowingArea
from gisapp.schemas.layers import Basemap, LayersOut, View
from gisapp.services.map_catalog import map_layers

router = APIRouter(prefix="/api", tags=["Map"])
MAINLAND_VIETNAM = (102.1, 8.4, 109.5, 23.4)


@router.get("/layers", response_model=LayersOut, summary="Layers of the web map")
def layers(catalog: CatalogDep, session: SessionDep, settings: SettingsDep, user: OptionalUser) -> LayersOut:
    """Staff-only layers (dossiers, overlap conflicts) are listed to signed-in staff only."""
    demo = session.execute(select(exists().where(GrowingArea.is_demo))).scalar_one()
    basemaps = []
    if settings.osm_basemap_url:
        basemaps.append(
            Basemap(
                id="osm",
                title=Text(vi="OpenStreetMap (cần Internet)", en="OpenStreetMap (needs Internet)"),
                url=settings.osm_basemap_url,
                attribution="© OpenStreetMap contributors",
                max_zoom=19,
            )
        )
    return LayersOut(
        demo=demo,
        view=View(bounds=MAINLAND_VIETNAM),
        basemaps=basemaps,
        layers=map_layers(catalog.visible_to(user is not None)),
    )
