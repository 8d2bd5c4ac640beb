"""Lots packed at a packing house, each recorded with its mass-balance verdict (services/packing_lots.py)."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query, Response
from fastapi.concurrency import run_in_threadpool

from gisapp.api.deps import (
    CurrentUser,
    RowId,
    SessionDep,
    SettingsDep,
    WriteSessionDep,
    json_body,
    json_body_openapi,
)
from gisapp.api.packing_deps import HouseInScope, PackingLayer
from gisapp.services import packing_lots
from gisapp.services.lot_input import LotIn
from gisapp.services.sql_limits import MAX_OFFSET

router = APIRouter()  # included by api/packing_houses.py under /api/packing-houses


@router.post(
    "/{house_id}/lots",
    status_code=201,
    summary="Record a lot; one heavier than its sources can yield is recorded and flagged, with the numbers",
    openapi_extra=json_body_openapi(LotIn),
)
async def record_lot(
    house_id: RowId,
    user: CurrentUser,
    lot: Annotated[LotIn, Depends(json_body(LotIn))],
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: PackingLayer,
) -> Response:
    answer = await run_in_threadpool(packing_lots.record, session, settings, layer, user, house_id, lot)
    location = f"/api/packing-houses/{house_id}/lots"
    return Response(orjson.dumps(answer), 201, media_type="application/json", headers={"Location": location})


@router.get(
    "/{house_id}/lots", summary="Lots of a packing house with their mass-balance flags (staff in scope)"
)
def lots(
    house_id: HouseInScope,
    session: SessionDep,
    flagged: Annotated[bool | None, Query(description="true: only the lots flagged for inspection")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[dict[str, Any]]:
    return packing_lots.listing(session, house_id, flagged=flagged, limit=limit, offset=offset)
