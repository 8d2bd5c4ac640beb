"""`GET /api/lookup`: farmers and buyers find a growing area by code, by GPS position or by name."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request, Response

from gisapp.api.deps import CatalogDep, ReaderDep
from gisapp.services import lookup as lookup_service
from gisapp.services.lookup_input import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_TEXT_LENGTH,
    ByCode,
    ByPosition,
    Criterion,
    parse_lookup,
)

router = APIRouter(prefix="/api", tags=["Lookup"])
LAYER_ID = "growing_areas"
CACHE_CONTROL = "public, max-age=60"  # a status change shows within a minute; repeated scans are cheap


def _query_parameter(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": description,
    }


# Documented here rather than declared as FastAPI parameters: parse_lookup reads the raw query and
# words every refusal itself, and FastAPI's validation of unused declarations cost 13 % of a lookup.
PARAMETERS = [
    _query_parameter("code", "Official or export code, any spacing and case"),
    _query_parameter("lon", "Longitude (WGS 84 degrees), with lat"),
    _query_parameter("lat", "Latitude (WGS 84 degrees), with lon"),
    _query_parameter("q", f"Name, commune, crop or representative; diacritics optional; ≤ {MAX_TEXT_LENGTH}"),
    _query_parameter("limit", f"1–{MAX_LIMIT}, default {DEFAULT_LIMIT}"),
]


@router.get(
    "/lookup",
    summary="Find growing areas by code, position or name",
    response_class=Response,
    openapi_extra={"parameters": PARAMETERS},
)
async def lookup(request: Request, reader: ReaderDep, catalog: CatalogDep) -> Response:
    """Public, issued/suspended/revoked areas only, public properties only: a GeoJSON FeatureCollection.

    Exactly one of `code`, `lon`+`lat` (the area containing the point, else those within 50 m with
    `distance_m`) or `q` (ranked by `score`). An unknown code answers an empty collection.
    Async on the read pool, like tiles: a farmer's lookup never waits behind the thread pool.
    """
    parsed = parse_lookup(request.query_params.multi_items())
    found = await lookup_service.lookup(reader, catalog.get(LAYER_ID), parsed)
    body = {
        "type": "FeatureCollection",
        "query": _echo(parsed.criterion) | {"limit": parsed.limit},
        "numberReturned": len(found),
        "features": [f.as_feature() for f in found],
    }
    return Response(
        orjson.dumps(body), media_type="application/geo+json", headers={"Cache-Control": CACHE_CONTROL}
    )


def _echo(criterion: Criterion) -> dict[str, Any]:
    """What was searched for, as understood: the normalised code, the point, or the words."""
    if isinstance(criterion, ByCode):
        return {"by": "code", "code": criterion.code}
    if isinstance(criterion, ByPosition):
        within = lookup_service.NEAR_METRES
        return {"by": "position", "lon": criterion.lon, "lat": criterion.lat, "within_m": within}
    return {"by": "text", "q": criterion.text, "words": list(criterion.words)}
