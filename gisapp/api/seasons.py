"""Season records of a growing area (staff only): the plan at the start, the actual yield at the end.

Seasons are not public: yields are the farmers' business figures, and the verification page shows
the registry's facts, not production. Bodies are read after authentication, so an anonymous write
is answered 401 before its body is parsed.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from gisapp.api.area_access import AreaWritable
from gisapp.api.deps import CurrentUser, RowId, SessionDep, SettingsDep, WriteSessionDep, json_body_openapi
from gisapp.api.registry import AreaInScope, RegistryLayer
from gisapp.services import seasons
from gisapp.services.record_input import parse, registry_today

router = APIRouter(prefix="/api/growing-areas", tags=["Registry records"])
PROBLEMS: dict[int | str, dict[str, Any]] = {
    422: {"description": "`record_invalid`: `problems` lists each field and what is wrong"}
}


@router.get("/{area_id}/seasons", summary="Seasons of a growing area, newest first (staff in scope)")
def listing(area_id: AreaInScope, session: SessionDep) -> list[dict[str, Any]]:
    return seasons.listing(session, area_id)


@router.post(
    "/{area_id}/seasons",
    status_code=201,
    summary="Record a season's plan (agri_officer or admin in scope)",
    openapi_extra=json_body_openapi(seasons.SeasonIn),
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
    season = parse(seasons.SeasonIn, await request.body())
    return await run_in_threadpool(
        partial(seasons.create, today=registry_today(settings)), session, layer, user, area_id, season
    )


@router.patch(
    "/{area_id}/seasons/{season_id}",
    summary="Record the end of a season: harvest date and actual yield (agri_officer or admin in scope)",
    openapi_extra=json_body_openapi(seasons.SeasonEnd),
    responses=PROBLEMS,
)
async def record_end(
    area_id: AreaWritable,
    season_id: RowId,
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: RegistryLayer,
) -> dict[str, Any]:
    end = parse(seasons.SeasonEnd, await request.body())
    return await run_in_threadpool(
        partial(seasons.record_end, today=registry_today(settings)),
        session,
        layer,
        user,
        area_id,
        season_id,
        end,
    )
