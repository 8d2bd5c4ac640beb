"""Pollution sources beyond the generic layer API: the list, samples, inspections and what is near.

Reading, creating and changing one source is the generic layer API (api/features.py). Bodies are
read after authentication, so an anonymous write is answered 401 before its body is parsed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from gisapp.api.deps import (
    CatalogDep,
    CurrentUser,
    OptionalUser,
    RowId,
    SessionDep,
    SettingsDep,
    WriteSessionDep,
)
from gisapp.api.layer_listing import geojson_page
from gisapp.api.water_works import UPLOAD_OPENAPI, DryRun, bulk_import, json_body_limited
from gisapp.catalog import Catalog, Layer
from gisapp.services import pollution_inspections, pollution_risk, pollution_samples
from gisapp.services.record_input import registry_today
from gisapp.services.sample_imports.pollution import POLLUTION

LAYER_ID = "pollution_sources"
AREAS_ID = "growing_areas"
router = APIRouter(prefix="/api/pollution-sources", tags=["Pollution sources"])


async def _layer(catalog: CatalogDep) -> Layer:
    return catalog.get(LAYER_ID)


async def _areas(catalog: CatalogDep) -> Layer:
    return catalog.get(AREAS_ID)


SourceLayer = Annotated[Layer, Depends(_layer)]
AreasLayer = Annotated[Layer, Depends(_areas)]
WithinM = Annotated[
    float | None,
    Query(description="Distance in geodesic metres; default: the source type's risk distance"),
]


@router.get(
    "", summary="Pollution sources (GeoJSON; the owner only for staff in scope)", response_class=Response
)
def listing(
    request: Request, session: SessionDep, settings: SettingsDep, reader: OptionalUser, layer: SourceLayer
) -> Response:
    return geojson_page(request, session, settings, reader, layer)


@router.get("/{source_id}/samples", summary="Monitoring samples of a source, each result judged (public)")
def samples(
    source_id: RowId, session: SessionDep, limit: Annotated[int | None, Query(ge=1, le=1000)] = None
) -> list[dict[str, Any]]:
    return pollution_samples.listing(session, source_id, limit)


@router.post(
    "/{source_id}/samples", status_code=201, summary="Record a monitoring sample (environment staff in scope)"
)
async def record_sample(
    source_id: RowId,
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: SourceLayer,
) -> dict[str, Any]:
    body = await json_body_limited(request)
    return await run_in_threadpool(pollution_samples.record, session, settings, layer, user, source_id, body)


@router.post(
    "/imports",
    summary="Import monitoring samples from CSV or XLSX: preview (dry_run=true) or commit all or nothing",
    openapi_extra=UPLOAD_OPENAPI,
)
async def import_samples(
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: SourceLayer,
    dry_run: DryRun = True,
) -> dict[str, Any]:
    return await bulk_import(request, user, session, settings, layer, dry_run, POLLUTION)


@router.get("/{source_id}/inspections", summary="Inspections of a source (staff in scope)")
def inspections(source_id: RowId, session: SessionDep, user: CurrentUser) -> list[dict[str, Any]]:
    return pollution_inspections.listing(session, user, source_id)


@router.post(
    "/{source_id}/inspections", status_code=201, summary="Record an inspection (environment staff in scope)"
)
async def record_inspection(
    source_id: RowId,
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: SourceLayer,
) -> dict[str, Any]:
    raw = await request.body()
    return await run_in_threadpool(
        pollution_inspections.record, session, layer, user, source_id, raw, registry_today(settings)
    )


@router.get("/{source_id}/nearby", summary="Growing areas and water-supply works within its distance")
def nearby(
    source_id: RowId, session: SessionDep, reader: OptionalUser, areas: AreasLayer, within_m: WithinM = None
) -> dict[str, Any]:
    return pollution_risk.nearby(session, areas, reader, source_id, within_m)


def pollution_router(catalog: Catalog) -> APIRouter | None:
    """Only when the catalog publishes pollution sources and growing areas."""
    return router if {LAYER_ID, AREAS_ID} <= set(catalog.ids()) else None
