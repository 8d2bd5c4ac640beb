"""Packing houses' own routes: the list, decisions, and the growing areas that supply them.

Reading, creating and changing one packing house is the generic layer API (api/features.py);
lots are in api/packing_lots.py.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from gisapp.api import packing_lots
from gisapp.api.deps import (
    CurrentUser,
    OptionalUser,
    RowId,
    SessionDep,
    SettingsDep,
    WriteSessionDep,
    json_body,
    json_body_openapi,
)
from gisapp.api.features import response_for
from gisapp.api.packing_deps import LAYER_ID, HouseInScope, PackingLayer
from gisapp.catalog import Catalog
from gisapp.services import lifecycle, packing_houses, packing_suppliers
from gisapp.services.feature_writes import feature_etag, update_feature
from gisapp.services.lifecycle import TransitionIn
from gisapp.services.packing_house_lifecycle import PACKING_HOUSES
from gisapp.services.sql_limits import MAX_OFFSET

router = APIRouter(prefix="/api/packing-houses", tags=["Packing houses"])


@router.get("", summary="Packing houses as GeoJSON (staff also see drafts, and operators in their scope)")
def list_houses(
    session: SessionDep,
    user: OptionalUser,
    layer: PackingLayer,
    status: str | None = None,
    commune_code: Annotated[str | None, Query(max_length=5)] = None,
    code: Annotated[str | None, Query(max_length=60)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    query = packing_houses.HouseQuery(status, commune_code, code, limit, offset)
    return packing_houses.listing(session, layer, user, query)


@router.post(
    "/{house_id}/transitions",
    summary="Take a decision: submit, return, issue, suspend, revoke or re-issue",
    openapi_extra=json_body_openapi(TransitionIn),
)
async def transition(
    house_id: RowId,
    user: CurrentUser,
    decision: Annotated[TransitionIn, Depends(json_body(TransitionIn))],
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: PackingLayer,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    stored = await run_in_threadpool(
        partial(lifecycle.transition, if_match=if_match),
        session,
        settings,
        layer,
        PACKING_HOUSES,
        user,
        house_id,
        decision,
    )
    return response_for(layer, house_id, stored, private=True)


@router.get("/{house_id}/transitions", summary="Status decisions of a packing house (staff in scope)")
def transitions(house_id: HouseInScope, session: SessionDep) -> list[dict[str, Any]]:
    return lifecycle.history(session, PACKING_HOUSES, house_id)


@router.get("/{house_id}/suppliers", summary="Growing areas supplying a packing house (staff in scope)")
def suppliers(house_id: HouseInScope, session: SessionDep) -> list[dict[str, Any]]:
    return packing_suppliers.listing(session, house_id)


class SuppliersIn(BaseModel):
    """The whole list of supplying growing areas, by id or code; it replaces the current one."""

    model_config = ConfigDict(extra="forbid")

    growing_areas: list[int | str] = Field(max_length=packing_suppliers.MAX_SUPPLIERS)


@router.put(
    "/{house_id}/suppliers",
    summary="Replace the supplying growing areas (needs If-Match)",
    openapi_extra=json_body_openapi(SuppliersIn),
)
async def replace_suppliers(
    house_id: RowId,
    user: CurrentUser,
    body: Annotated[SuppliersIn, Depends(json_body(SuppliersIn))],
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: PackingLayer,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    """Written by the one write path, as the `suppliers` property: checked, audited, If-Match."""
    patch = {"properties": {"suppliers": body.growing_areas}}
    stored = await run_in_threadpool(
        partial(update_feature, settings=settings), session, layer, user, house_id, patch, if_match
    )
    listing = await run_in_threadpool(packing_suppliers.listing, session, house_id)
    return _json(listing, etag=feature_etag(int(stored["properties"]["row_version"])))


def _json(body: Any, *, etag: str) -> Response:
    return Response(orjson.dumps(body), media_type="application/json", headers={"ETag": etag})


router.include_router(packing_lots.router)


def packing_router(catalog: Catalog) -> APIRouter | None:
    """Only when the catalog publishes packing houses as an editable layer."""
    return router if LAYER_ID in catalog.ids() else None
