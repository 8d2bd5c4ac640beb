"""OGC API Features: collections, queryables, items and single features, for every catalog layer."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
from fastapi import APIRouter, Request, Response

from gisapp.api.deps import CatalogDep, LayerDep, OptionalUser, SessionDep, SettingsDep, base_url
from gisapp.api.ogc_landing import only_format
from gisapp.api.ogc_links import GEOJSON, JSON, collection_document, link, with_query
from gisapp.catalog.json_schema_types import JSON_SCHEMA_TYPES
from gisapp.services import features
from gisapp.services.feature_query import parse_items_query
from gisapp.services.layer_extent import layer_extent
from gisapp.services.principal import Principal

router = APIRouter(prefix="/ogc/collections", tags=["OGC API"])


@router.get("", summary="Collections")
def collections(
    request: Request, catalog: CatalogDep, session: SessionDep, settings: SettingsDep, reader: OptionalUser
) -> dict[str, object]:
    only_format(request)
    base = base_url(request, settings)
    return {
        "links": [link(f"{base}/ogc/collections", "self")],
        "collections": [
            collection_document(base, layer, layer_extent(session, layer))
            for layer in catalog.visible_to(reader is not None)
        ],
    }


@router.get("/{collectionId}", summary="One collection")
def collection(
    request: Request, layer: LayerDep, session: SessionDep, settings: SettingsDep
) -> dict[str, object]:
    only_format(request)
    return collection_document(base_url(request, settings), layer, layer_extent(session, layer))


@router.get("/{collectionId}/queryables", summary="Properties that can be filtered on")
def queryables(request: Request, layer: LayerDep, settings: SettingsDep) -> Response:
    only_format(request)
    href = f"{base_url(request, settings)}/ogc/collections/{layer.id}/queryables"
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": href,
        "type": "object",
        "title": layer.config.title.vi,
        "properties": {
            p.name: {"title": p.title.vi, "description": p.title.en, **JSON_SCHEMA_TYPES[p.type]}
            for p in layer.config.filterable
        },
        "additionalProperties": False,
    }
    return Response(orjson.dumps(schema), media_type="application/schema+json")


@router.get("/{collectionId}/items", summary="Features (GeoJSON)", response_class=Response)
def items(
    request: Request, layer: LayerDep, session: SessionDep, settings: SettingsDep, reader: OptionalUser
) -> Response:
    params = list(request.query_params.multi_items())
    query = parse_items_query(
        layer, params, default_limit=settings.default_page_size, max_limit=settings.max_page_size
    )
    page = features.read_page(session, layer, query, count_cap=settings.exact_count_cap, reader=reader)
    href = f"{base_url(request, settings)}/ogc/collections/{layer.id}/items"
    links = [
        link(with_query(href, params), "self", GEOJSON, "This page"),
        link(f"{base_url(request, settings)}/ogc/collections/{layer.id}", "collection", JSON),
    ]
    more = len(page.features) == query.limit and (
        page.number_matched is None or query.offset + query.limit < page.number_matched
    )
    if more:
        links.append(
            link(
                with_query(href, params, offset=str(query.offset + query.limit), limit=str(query.limit)),
                "next",
                GEOJSON,
                "Next page",
            )
        )
    if query.offset > 0:
        previous = max(0, query.offset - query.limit)
        links.append(
            link(
                with_query(href, params, offset=str(previous), limit=str(query.limit)),
                "prev",
                GEOJSON,
                "Previous page",
            )
        )
    tail: dict[str, object] = {
        "timeStamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "numberReturned": len(page.features),
        "links": links,
    }
    if page.number_matched is not None:
        tail["numberMatched"] = page.number_matched
    body = (
        b'{"type":"FeatureCollection","features":['
        + b",".join(page.features)
        + b"],"
        + orjson.dumps(tail)[1:]
    )
    return Response(body, media_type=GEOJSON, headers=_privacy_headers(reader))


@router.get("/{collectionId}/items/{featureId}", summary="One feature (GeoJSON)", response_class=Response)
def item(
    request: Request,
    layer: LayerDep,
    featureId: str,
    session: SessionDep,
    settings: SettingsDep,
    reader: OptionalUser,
) -> Response:
    only_format(request, crs=True)
    feature = features.read_feature(session, layer, featureId, reader)
    href = f"{base_url(request, settings)}/ogc/collections/{layer.id}"
    links = orjson.dumps(
        {
            "links": [
                link(f"{href}/items/{featureId}", "self", GEOJSON),
                link(href, "collection", JSON),
            ]
        }
    )
    return Response(feature[:-1] + b"," + links[1:], media_type=GEOJSON, headers=_privacy_headers(reader))


def _privacy_headers(reader: Principal | None) -> dict[str, str]:
    """What a signed-in reader got may hold personal data: no shared cache may keep it."""
    headers = {"Vary": "Authorization, Cookie"}
    if reader is not None:
        headers["Cache-Control"] = "private, no-store"
    return headers
