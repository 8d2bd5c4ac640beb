"""The code registry's own routes on growing areas: decisions, their history, versions, dry-run checks.

Reading and writing the feature itself is the generic layer API (api/features.py); these routes
add what only the registry has.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.concurrency import run_in_threadpool

from gisapp.api.deps import (
    CatalogDep,
    CurrentUser,
    ReaderDep,
    RowId,
    SessionDep,
    SettingsDep,
    WriteSessionDep,
    json_body,
    json_body_openapi,
)
from gisapp.api.features import GEOJSON, feature_body, json_feature_body, response_for
from gisapp.catalog import Catalog, Layer
from gisapp.errors import Forbidden, InvalidInput
from gisapp.services import area_split, growing_area_versions, registry_lifecycle
from gisapp.services.authorization import ROLE_NAMES, may_read_private
from gisapp.services.feature_writes import feature_etag, snapshot
from gisapp.services.geometry_checks import read_checked_polygon
from gisapp.services.registry_checks import Ground, read_registry_problems
from gisapp.services.registry_lifecycle import TransitionIn

LAYER_ID = "growing_areas"
JSON = "application/json"
router = APIRouter(prefix="/api/growing-areas", tags=["Registry"])


async def _layer(catalog: CatalogDep) -> Layer:
    return catalog.get(LAYER_ID)


RegistryLayer = Annotated[Layer, Depends(_layer)]


@router.post(
    "/checks",
    summary="Run the registry checks on a plot without saving it (dry run)",
    openapi_extra={"requestBody": {"required": True, "content": {GEOJSON: {"schema": {"type": "object"}}}}},
)
async def checks(
    request: Request, user: CurrentUser, reader: ReaderDep, settings: SettingsDep, layer: RegistryLayer
) -> dict[str, Any]:
    """The same answers a create or a geometry change would get, with the overlap parts to draw.

    Read through the async pool in two statements (the geometry's verdict, then every fact the
    checks need), not in a write transaction: an officer drawing a plot asks this at every change.
    """
    editing = layer.config.editing
    if editing is not None and not user.is_admin and user.role not in editing.roles:
        raise Forbidden(f"Your role ({ROLE_NAMES.get(user.role, user.role)}) may not check growing areas.")
    body = await json_feature_body(request)
    properties, area_id = _properties_and_id(body)
    geojson = await read_checked_polygon(reader, body.get("geometry"))
    crop = properties.get("crop")
    if not isinstance(crop, str):
        raise InvalidInput('Give the crop in properties.crop, e.g. "sầu riêng".')
    filed = properties.get("issued_commune_code")
    ground = Ground(
        geojson=geojson, crop=crop, filed_commune=filed if isinstance(filed, str) else None, area_id=area_id
    )
    problems = await read_registry_problems(reader, settings, ground)
    return {"ok": not problems, "problems": [p.as_json() for p in problems]}


def _properties_and_id(body: Any) -> tuple[dict[str, Any], int | None]:
    properties = body.get("properties") or {}
    if not isinstance(properties, dict):
        raise InvalidInput("'properties' must be a JSON object.")
    area_id = body.get("id")
    if area_id is not None and (not isinstance(area_id, int) or isinstance(area_id, bool)):
        raise InvalidInput("'id' must be the whole-number id of the growing area being edited.")
    return properties, area_id


@router.post(
    "/{area_id}/transitions",
    summary="Take a decision: submit, return, issue, suspend, revoke or re-issue",
    openapi_extra=json_body_openapi(TransitionIn),
)
async def transition(
    area_id: RowId,
    user: CurrentUser,
    decision: Annotated[TransitionIn, Depends(json_body(TransitionIn))],
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: RegistryLayer,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    stored = await run_in_threadpool(
        partial(registry_lifecycle.transition, if_match=if_match),
        session,
        settings,
        layer,
        user,
        area_id,
        decision,
    )
    return response_for(layer, area_id, stored, private=True)


@router.post(
    "/{area_id}/split",
    status_code=201,
    summary="Split a growing area in two along a line (If-Match): the larger part keeps the record",
    openapi_extra={"requestBody": {"required": True, "content": {JSON: {"schema": {"type": "object"}}}}},
)
async def split(
    area_id: RowId,
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: RegistryLayer,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    """One transaction: the area keeps the larger part, the other part becomes a new draft dossier."""
    body = await json_feature_body(request)
    kept, new_id, created = await run_in_threadpool(
        partial(area_split.split_area, settings=settings), session, layer, user, area_id, body, if_match
    )
    answer = {
        "kept": feature_body(layer, area_id, kept, True),
        "created": feature_body(layer, new_id, created, True),
    }
    headers = {
        "ETag": feature_etag(int(kept["properties"]["row_version"])),
        "Location": f"/api/{layer.path}/{new_id}",
    }
    return Response(orjson.dumps(answer), status_code=201, media_type=JSON, headers=headers)


def _area_in_scope(area_id: RowId, session: SessionDep, user: CurrentUser, layer: RegistryLayer) -> int:
    """The id of an existing area whose commune is in the caller's scope (else 404 or 403)."""
    if not may_read_private(
        session, user, snapshot(session, layer, area_id)["properties"].get("commune_code")
    ):
        raise Forbidden("This growing area lies outside your scope.")
    return area_id


AreaInScope = Annotated[int, Depends(_area_in_scope)]


@router.get("/{area_id}/transitions", summary="Status decisions of a growing area (staff in scope)")
def transitions(area_id: AreaInScope, session: SessionDep) -> list[dict[str, Any]]:
    return registry_lifecycle.history(session, area_id)


@router.get("/{area_id}/versions", summary="Versions of a growing area, for `?at=` (staff in scope)")
def versions(area_id: AreaInScope, session: SessionDep) -> list[dict[str, Any]]:
    return growing_area_versions.listing(session, area_id)


def registry_router(catalog: Catalog) -> APIRouter | None:
    """Only when the catalog publishes growing areas as an editable layer."""
    return router if LAYER_ID in catalog.ids() else None
