"""OGC API Tiles: tile matrix sets, tilesets per collection, MVT tiles and TileJSON."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Request, Response

from gisapp.api.deps import LayerDep, SessionDep, SettingsDep, TileDeliveryDep, base_url
from gisapp.api.ogc_landing import only_format
from gisapp.api.ogc_links import JSON, MVT, link
from gisapp.api.tile_answer import tile_answer
from gisapp.services import tilesets
from gisapp.services.layer_extent import layer_extent
from gisapp.services.layer_versions import known_tag
from gisapp.services.tile_matrix import (
    TILE_MATRIX_SET_ID,
    check_layer_zoom,
    get_tile_matrix_set,
    tile_bounds,
)

router = APIRouter(prefix="/ogc", tags=["OGC API"])


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
    accept_encoding: Annotated[str | None, Header()] = None,
) -> Response:
    """Async on purpose: the hot path of the map, served from the async read pool (services/read_pool.py)."""
    only_format(request)
    get_tile_matrix_set(tileMatrixSetId)
    bounds = tile_bounds(tileMatrix, tileRow, tileCol)
    check_layer_zoom(layer, tileMatrix)
    sent = known_tag(layer, if_none_match)
    known = sent.version if sent else None
    tile = await delivery.tile(layer, bounds, known, extent=settings.tile_extent, buffer=settings.tile_buffer)
    gzip = "gzip" in (accept_encoding or "")  # as the GZipMiddleware decides for other answers
    answer = tile_answer(layer, bounds, tile, sent=sent, accepts_gzip=gzip, delivery=delivery)
    headers = {name.decode(): value.decode() for name, value in answer.headers}
    return Response(answer.body, status_code=answer.status, headers=headers)
