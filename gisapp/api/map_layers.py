"""`/api/layers`: the catalog for the web map."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import exists, select

from gisapp.api.deps import CatalogDep, OptionalUser, SessionDep, SettingsDep
from gisapp.catalog.config import Text
from gisapp.models import GrowingArea
from gisapp.schemas.layers import Basemap, LayersOut, View
from gisapp.services.map_catalog import map_layers
from gisapp.settings import Settings

router = APIRouter(prefix="/api", tags=["Map"])
MAINLAND_VIETNAM = (102.1, 8.4, 109.5, 23.4)


@router.get("/layers", response_model=LayersOut, summary="Layers of the web map")
def layers(catalog: CatalogDep, session: SessionDep, settings: SettingsDep, user: OptionalUser) -> LayersOut:
    """Staff-only layers (dossiers, overlap conflicts) are listed to signed-in staff only."""
    demo = session.execute(select(exists().where(GrowingArea.is_demo))).scalar_one()
    return LayersOut(
        demo=demo,
        view=View(bounds=MAINLAND_VIETNAM),
        basemaps=basemaps(settings),
        layers=map_layers(catalog.visible_to(user is not None)),
    )


def basemaps(settings: Settings) -> list[Basemap]:
    """OpenStreetMap and the imagery the deployment configured; none of them is switched on at start."""
    found = []
    if settings.osm_basemap_url:
        found.append(
            Basemap(
                id="osm",
                title=Text(vi="OpenStreetMap (cần Internet)", en="OpenStreetMap (needs Internet)"),
                url=settings.osm_basemap_url,
                attribution="© OpenStreetMap contributors",
                max_zoom=19,
            )
        )
    if settings.imagery_url:
        wms = settings.imagery_kind == "wms"
        found.append(
            Basemap(
                id="imagery",
                title=Text(vi="Ảnh vệ tinh, ảnh bay chụp", en="Satellite and aerial imagery"),
                url=settings.imagery_url,
                attribution=settings.imagery_attribution,
                max_zoom=settings.imagery_max_zoom,
                kind=settings.imagery_kind,
                wms_layers=settings.imagery_wms_layers.strip() if wms else None,
                wms_format=settings.imagery_wms_format if wms else None,
            )
        )
    return found
