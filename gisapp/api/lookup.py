"""`GET /api/lookup`: farmers and buyers find a growing area by code, by GPS position or by name."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request, Response

from gisapp.api.deps import CatalogDep, SessionDep
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


@router.get("/lookup", summary="Find growing areas by code, position or name", response_class=Response)
def lookup(
    request: Request,
    session: SessionDep,
    catalog: CatalogDep,
    # Declared for the documentation only: parse_lookup reads the raw parameters and words every refusal.
    code: Annotated[str | None, Query(description="Official or export code, any spacing and case")] = None,
    lon: Annotated[str | None, Query(description="Longitude (WGS 84 degrees), with lat")] = None,
    lat: Annotated[str | None, Query(description="Latitude (WGS 84 degrees), with lon")] = None,
    q: Annotated[
        str | None,
        Query(description=f"Name, commune, crop or representative; diacritics optional; ≤ {MAX_TEXT_LENGTH}"),
    ] = None,
    limit: Annotated[str | None, Query(description=f"1–{MAX_LIMIT}, default {DEFAULT_LIMIT}")] = None,
) -> Response:
    """Public, issued/suspended/revoked areas only, public properties only: a GeoJSON FeatureCollection.

    Exactly one of `code`, `lon`+`lat` (the area containing the point, else those within 50 m with
    `distance_m`) or `q` (ranked by `score`). An unknown code answers an empty collection.
    """
    parsed = parse_lookup(request.query_params.multi_items())
    found = lookup_service.lookup(session, catalog.get(LAYER_ID), parsed)
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
