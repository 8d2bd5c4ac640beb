"""`/api/<layer>` for every editable layer: read one feature, create, update (If-Match), history.

Routes are made from the catalog (no per-layer code). Write handlers read the body themselves,
after authentication, so an anonymous write is answered 401 before its body is even parsed.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from gisapp.api.deps import CurrentUser, OptionalUser, RowId, SessionDep, SettingsDep, WriteSessionDep
from gisapp.catalog import Catalog, Layer
from gisapp.errors import Forbidden, InvalidInput, NotFound
from gisapp.services import audit
from gisapp.services.authorization import may_read_private
from gisapp.services.feature_writes import (
    create_feature,
    feature_etag,
    private_names,
    public_names,
    rules,
    snapshot,
    update_feature,
)
from gisapp.services.principal import Principal
from gisapp.settings import Settings

GEOJSON = "application/geo+json"
MakeValid = Annotated[bool, Query(description="Let PostGIS repair an invalid polygon (ST_MakeValid)")]
AsOf = Annotated[date | None, Query(description="The version in force at the end of this day (YYYY-MM-DD)")]


async def json_feature_body(request: Request) -> dict[str, Any]:
    """A JSON object (a Feature, or a merge patch of one): anything else is refused here."""
    raw = await request.body()
    if len(raw) > 5_000_000:
        raise InvalidInput("The feature is larger than 5 MB; simplify the geometry or split it.")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"The body is not valid JSON: {exc}.") from None
    if not isinstance(body, dict):
        raise InvalidInput(f"The body must be a JSON object (a GeoJSON Feature), not {_json_kind(body)}.")
    return body


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, list):
        return "a list"
    return "a string" if isinstance(value, str) else "a number"


def feature_body(layer: Layer, feature_id: int, stored: dict[str, Any], private: bool) -> dict[str, Any]:
    """The GeoJSON Feature a write answers with: public properties, private ones when `private`."""
    keep = public_names(layer) | (private_names(layer) if private else set())
    properties = {k: v for k, v in stored["properties"].items() if k in keep}
    return {"type": "Feature", "id": feature_id, "geometry": stored["geometry"], "properties": properties}


def response_for(
    layer: Layer, feature_id: int, stored: dict[str, Any], private: bool, status: int = 200
) -> Response:
    headers = {"ETag": feature_etag(int(stored["properties"]["row_version"]))}
    if status == 201:
        headers["Location"] = f"/api/{layer.path}/{feature_id}"
    body = orjson.dumps(feature_body(layer, feature_id, stored, private))
    return Response(body, status_code=status, media_type=GEOJSON, headers=headers)


def _add_routes(router: APIRouter, layer: Layer) -> None:
    base = f"/{layer.path}"
    title = layer.config.title.en

    @router.get(base + "/{feature_id}", summary=f"One {title} feature (private fields for staff in scope)")
    def read(
        feature_id: RowId, session: SessionDep, settings: SettingsDep, user: OptionalUser, at: AsOf = None
    ) -> Response:
        if at is None:
            stored = snapshot(session, layer, feature_id)
        else:
            stored = _as_of(session, settings, layer, feature_id, at)
        _require_published(layer, feature_id, stored, user)
        private = may_read_private(session, user, stored["properties"].get("commune_code"))
        response = response_for(layer, feature_id, stored, private)
        if at is not None:
            del response.headers["ETag"]  # a past version cannot be the base of an update
        return response

    @router.post(base, status_code=201, summary=f"Create a {title} feature (GeoJSON Feature)")
    async def create(
        request: Request,
        user: CurrentUser,
        session: WriteSessionDep,
        settings: SettingsDep,
        make_valid: MakeValid = False,
    ) -> Response:
        body = await json_feature_body(request)
        new_id, stored = await run_in_threadpool(
            partial(create_feature, repair=make_valid, settings=settings), session, layer, user, body
        )
        return response_for(layer, new_id, stored, True, status=201)

    @router.patch(
        base + "/{feature_id}", summary=f"Change a {title} feature (JSON Merge Patch; needs If-Match)"
    )
    async def update(
        feature_id: RowId,
        request: Request,
        user: CurrentUser,
        session: WriteSessionDep,
        settings: SettingsDep,
        if_match: Annotated[str | None, Header()] = None,
        make_valid: MakeValid = False,
    ) -> Response:
        body = await json_feature_body(request)
        stored = await run_in_threadpool(
            partial(update_feature, repair=make_valid, settings=settings),
            session,
            layer,
            user,
            feature_id,
            body,
            if_match,
        )
        return response_for(layer, feature_id, stored, True)

    @router.get(
        base + "/{feature_id}/history", summary=f"Audit history of a {title} feature (staff in scope)"
    )
    def history(feature_id: RowId, session: SessionDep, user: CurrentUser) -> list[dict[str, Any]]:
        stored = snapshot(session, layer, feature_id)
        _require_private(session, user, stored)
        return audit.history(session, layer.id, str(feature_id))


def _as_of(session: Session, settings: Settings, layer: Layer, feature_id: int, day: date) -> dict[str, Any]:
    stored = rules(layer).as_of(session, feature_id, day, settings.registry_timezone)
    if stored is None:
        raise NotFound(f"Feature {feature_id} did not exist yet on {day.isoformat()}.")
    return stored


def _require_published(layer: Layer, feature_id: int, stored: dict[str, Any], user: Principal | None) -> None:
    """Rows the layer does not publish (draft dossiers), and staff-only layers, exist only for staff."""
    if user is None and layer.staff_only:
        raise NotFound(f"No collection '{layer.id}' for anonymous callers: sign in to see it.")
    rows = layer.config.published_rows
    if user is None and rows is not None and stored["properties"].get(rows.property) not in rows.values:
        raise NotFound(f"Collection '{layer.id}' has no published feature with id '{feature_id}'.")


def _require_private(session: Session, user: Principal, stored: dict[str, Any]) -> None:
    if not may_read_private(session, user, stored["properties"].get("commune_code")):
        raise Forbidden("This feature lies outside your scope: its history is not yours to read.")


def feature_router(catalog: Catalog) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["Features"])
    for layer in catalog:
        if layer.config.editing is not None:
            _add_routes(router, layer)
    return router
