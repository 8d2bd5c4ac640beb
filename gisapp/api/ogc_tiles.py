"""OGC API Tiles: tile matrix sets, tilesets per collection, MVT tiles and TileJSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response

from gisapp.api.deps import LayerDep, SessionDep, SettingsDep, TileDeliveryDep, base_url
from gisapp.api.ogc_landing import only_format
from gisapp.api.ogc_links import JSON, MVT, link
from gisapp.services import tilesets
from gisapp.services.layer_extent import layer_extent
from gisapp.services.layer_versions import known_version, layer_etag
from gisapp.services.tile_matrix import (
    TILE_MATRIX_SET_ID,
    check_layer_zoom,
    get_tile_matrix_set,
    tile_bounds,
)

router = APIRouter(prefix="/ogc", tags=["OGC API"])
TILE_CACHE_CONTROL = "public, no-cache"
STAFF_TILE_CACHE_CONTROL = "private, no-cache"  # staff-only layers: never kept by a shared cache


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
async def tile(
    request: Request,
    layer: LayerDep,
    tileMatrixSetId: str,
    tileMatrix: Annotated[int, Path(description="Zoom level")],
    tileRow: Annotated[int, Path(description="Row (y)")],
    tileCol: Annotated[int, Path(description="Column (x)")],
    delivery: TileDeliveryDep,
    settings: SettingsDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Async on purpose: the hot path of the map, served from the async read pool (services/read_pool.py)."""
    only_format(request)
    get_tile_matrix_set(tileMatrixSetId)
    bounds = tile_bounds(tileMatrix, tileRow, tileCol)
    check_layer_zoom(layer, tileMatrix)
    known = known_version(layer, if_none_match)
    tile = await delivery.tile(layer, bounds, known, extent=settings.tile_extent, buffer=settings.tile_buffer)
    cache_control = STAFF_TILE_CACHE_CONTROL if layer.staff_only else TILE_CACHE_CONTROL
    headers = {"ETag": layer_etag(layer, tile.version), "Cache-Control": cache_control}
    if tile.data is None:
        return Response(status_code=304, headers=headers)
    if not tile.data:
        return Response(status_code=204, headers=headers)
    return Response(tile.data, media_type=MVT, headers=headers)
