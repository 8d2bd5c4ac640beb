"""OGC API Tiles: tile matrix sets, tilesets per collection, MVT tiles and TileJSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response
from sqlalchemy.orm import Session

from gisapp.api.deps import LayerDep, SessionDep, SettingsDep, base_url
from gisapp.api.ogc_landing import only_format
from gisapp.api.ogc_links import JSON, MVT, link
from gisapp.catalog import Layer
from gisapp.services import tilesets
from gisapp.services.layer_extent import layer_extent
from gisapp.services.layer_versions import known_version, layer_etag
from gisapp.services.tile_matrix import (
    TILE_MATRIX_SET_ID,
    TileBounds,
    check_layer_zoom,
    get_tile_matrix_set,
    tile_bounds,
)
from gisapp.services.vector_tiles import render_tile_if_changed
from gisapp.settings import Settings

router = APIRouter(prefix="/ogc", tags=["OGC API"])
TILE_CACHE_CONTROL = "public, no-cache"


@router.get("/tileMatrixSets", summary="Tile matrix sets")
def tile_matrix_sets(request: Request, settings: SettingsDep) -> dict[str, object]:
    only_format(request)
    href = f"{base_url(request, settings)}/ogc/tileMatrixSets/{TILE_MATRIX_SET_ID}"
    tms = get_tile_matrix_set(TILE_MATRIX_SET_ID)
    return {
        "tileMatrixSets": [
            {
                "id": TILE_MATRIX_SET_ID,
                "title": tms.title,
                "uri": str(tms.uri),
                "links": [link(href, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", JSON)],
            }
        ]
    }


@router.get("/tileMatrixSets/{tileMatrixSetId}", summary="One tile matrix set")
def tile_matrix_set(request: Request, tileMatrixSetId: str) -> dict[str, object]:
    only_format(request)
    return get_tile_matrix_set(tileMatrixSetId).model_dump(mode="json", exclude_none=True)


@router.get("/collections/{collectionId}/tiles", summary="Vector tilesets of a collection")
def collection_tilesets(request: Request, layer: LayerDep, settings: SettingsDep) -> dict[str, object]:
    only_format(request)
    base = base_url(request, settings)
    return {"tilesets": [tilesets.tileset_summary(base, layer)]}


@router.get("/collections/{collectionId}/tiles/{tileMatrixSetId}", summary="Tileset metadata")
def collection_tileset(
    request: Request,
    layer: LayerDep,
    tileMatrixSetId: str,
    settings: SettingsDep,
) -> dict[str, object]:
    only_format(request)
    get_tile_matrix_set(tileMatrixSetId)
    return tilesets.tileset_metadata(base_url(request, settings), layer)


@router.get("/collections/{collectionId}/tiles/{tileMatrixSetId}/tilejson.json", summary="TileJSON 3.0")
def collection_tilejson(
    request: Request,
    layer: LayerDep,
    tileMatrixSetId: str,
    session: SessionDep,
    settings: SettingsDep,
) -> dict[str, object]:
    only_format(request)
    get_tile_matrix_set(tileMatrixSetId)
    return tilesets.tilejson(base_url(request, settings), layer, layer_extent(session, layer))


@router.get(
    "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
    summary="A vector tile (MVT)",
    response_class=Response,
    responses={
        200: {"content": {MVT: {}}},
        204: {"description": "No feature in this tile"},
        304: {"description": "Unchanged since the ETag sent"},
    },
)
def tile(
    request: Request,
    layer: LayerDep,
    tileMatrixSetId: str,
    tileMatrix: Annotated[int, Path(description="Zoom level")],
    tileRow: Annotated[int, Path(description="Row (y)")],
    tileCol: Annotated[int, Path(description="Column (x)")],
    session: SessionDep,
    settings: SettingsDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    only_format(request)
    get_tile_matrix_set(tileMatrixSetId)
    bounds = tile_bounds(tileMatrix, tileRow, tileCol)
    check_layer_zoom(layer, tileMatrix)
    return _tile_response(session, layer, bounds, settings, if_none_match)


def _tile_response(
    session: Session, layer: Layer, bounds: TileBounds, settings: Settings, if_none_match: str | None
) -> Response:
    tile = render_tile_if_changed(
        session,
        layer,
        bounds,
        known_version(layer, if_none_match),
        extent=settings.tile_extent,
        buffer=settings.tile_buffer,
    )
    headers = {"ETag": layer_etag(layer, tile.version), "Cache-Control": TILE_CACHE_CONTROL}
    data = tile.data
    if data is None:
        return Response(status_code=304, headers=headers)
    if not data:
        return Response(status_code=204, headers=headers)
    return Response(data, media_type=MVT, headers=headers)
