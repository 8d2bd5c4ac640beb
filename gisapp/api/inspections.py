"""Inspection records of a growing area (staff only); recording one moves `last_inspected_on` forward."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from gisapp.api.area_access import AreaWritable
from gisapp.api.deps import CurrentUser, SessionDep, SettingsDep, WriteSessionDep, json_body_openapi
from gisapp.api.registry import AreaInScope, RegistryLayer
from gisapp.services import inspections
from gisapp.services.inspection_input import InspectionIn
from gisapp.services.record_input import parse, registry_today

router = APIRouter(prefix="/api/growing-areas", tags=["Registry records"])
PROBLEMS: dict[int | str, dict[str, Any]] = {
    422: {"description": "`record_invalid`: `problems` lists each field and what is wrong"}
}


@router.get("/{area_id}/inspections", summary="Inspections of a growing area, newest first (staff in scope)")
def listing(area_id: AreaInScope, session: SessionDep) -> list[dict[str, Any]]:
    return inspections.listing(session, area_id)


@router.post(
    "/{area_id}/inspections",
    status_code=201,
    summary="Record an inspection (agri_officer or admin in scope); moves last_inspected_on forward",
    openapi_extra=json_body_openapi(InspectionIn),
    responses=PROBLEMS,
)
async def create(
    area_id: AreaWritable,
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: RegistryLayer,
) -> dict[str, Any]:
    inspection = parse(InspectionIn, await request.body())
    return await run_in_threadpool(
        partial(inspections.create, today=registry_today(settings)), session, layer, user, area_id, inspection
    )
