"""A layer's features as one GeoJSON page, for the `/api/<layer>` list routes of editable layers.

Private properties only for readers cleared for them (services/features.py decides); the answer
varies by caller, so it is never cached for a signed-in one.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request, Response
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.services import features
from gisapp.services.feature_query import parse_items_query
from gisapp.services.principal import Principal
from gisapp.settings import Settings

GEOJSON = "application/geo+json"


def geojson_page(
    request: Request, session: Session, settings: Settings, reader: Principal | None, layer: Layer
) -> Response:
    params = list(request.query_params.multi_items())
    query = parse_items_query(
        layer, params, default_limit=settings.default_page_size, max_limit=settings.max_page_size
    )
    page = features.read_page(session, layer, query, count_cap=settings.exact_count_cap, reader=reader)
    tail: dict[str, Any] = {"numberReturned": len(page.features)}
    if page.number_matched is not None:
        tail["numberMatched"] = page.number_matched
    body = (
        b'{"type":"FeatureCollection","features":['
        + b",".join(page.features)
        + b"],"
        + orjson.dumps(tail)[1:]
    )
    headers = {"Vary": "Authorization, Cookie"}
    if reader is not None:
        headers["Cache-Control"] = "private, no-store"
    return Response(body, media_type=GEOJSON, headers=headers)
