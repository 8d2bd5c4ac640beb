"""OGC API landing page, conformance and API definition."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from gisapp.api.deps import SettingsDep, base_url
from gisapp.api.ogc_links import JSON, link
from gisapp.services.feature_query import check_crs, check_format, check_known, single_values

router = APIRouter(prefix="/ogc", tags=["OGC API"])

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
    "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
]


def only_format(request: Request, *, crs: bool = False) -> None:
    """Endpoints without parameters of their own still refuse unknown ones."""
    values = single_values(list(request.query_params.multi_items()))
    check_known(values, {"f", "crs"} if crs else {"f"})
    check_format(values)
    check_crs(values)


@router.get("", summary="Landing page")
def landing(request: Request, settings: SettingsDep) -> dict[str, object]:
    only_format(request)
    base = base_url(request, settings)
    return {
        "title": "gisapp — Bản đồ nông nghiệp số",
        "description": "Growing areas, administrative units and environment layers of Vietnam (OGC API).",
        "links": [
            link(f"{base}/ogc", "self", title="This document"),
            link(
                f"{base}/ogc/api",
                "service-desc",
                "application/vnd.oai.openapi+json;version=3.1",
                "API definition (OpenAPI)",
            ),
            link(f"{base}/docs", "service-doc", "text/html", "API documentation"),
            link(f"{base}/ogc/conformance", "conformance", title="Conformance classes"),
            link(f"{base}/ogc/collections", "data", title="Collections"),
            link(
                f"{base}/ogc/tileMatrixSets",
                "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                JSON,
                "Tile matrix sets",
            ),
        ],
    }


@router.get("/conformance", summary="Conformance classes")
def conformance(request: Request) -> dict[str, list[str]]:
    only_format(request)
    return {"conformsTo": CONFORMANCE}


@router.get("/api", summary="API definition (OpenAPI)")
def api_definition(request: Request) -> JSONResponse:
    only_format(request)
    return JSONResponse(request.app.openapi(), media_type="application/vnd.oai.openapi+json;version=3.1")
