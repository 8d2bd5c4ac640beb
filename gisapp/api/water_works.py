"""Water-supply works beyond the generic layer API: the list, quality tests, and bulk imports.

Reading, creating and changing one work is the generic layer API (api/features.py); these routes
add the list and what only water works have. Upload bodies are read after authentication, so an
anonymous upload is answered 401 before its file is read.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

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
from gisapp.catalog import Catalog, Layer
from gisapp.errors import InvalidInput, PayloadTooLarge
from gisapp.services import water_tests
from gisapp.services.principal import Principal
from gisapp.services.sample_imports.load import Upload, run_import
from gisapp.services.sample_imports.target import Target
from gisapp.services.sample_imports.water import WATER
from gisapp.settings import Settings

LAYER_ID = "water_works"
router = APIRouter(prefix="/api/water-works", tags=["Water supply"])


async def _layer(catalog: CatalogDep) -> Layer:
    return catalog.get(LAYER_ID)


WaterLayer = Annotated[Layer, Depends(_layer)]
DryRun = Annotated[
    bool, Query(description="true: preview only, nothing written; false: import all or nothing")
]
UPLOAD_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            }
        },
    }
}


@router.get(
    "", summary="Water-supply works (GeoJSON; private fields for staff in scope)", response_class=Response
)
def listing(
    request: Request, session: SessionDep, settings: SettingsDep, reader: OptionalUser, layer: WaterLayer
) -> Response:
    return geojson_page(request, session, settings, reader, layer)


@router.get("/{work_id}/tests", summary="Water-quality tests of a work, each result judged (public)")
def tests(work_id: RowId, session: SessionDep) -> list[dict[str, Any]]:
    return water_tests.listing(session, work_id)


@router.post(
    "/{work_id}/tests", status_code=201, summary="Record a water-quality test (environment staff in scope)"
)
async def record_test(
    work_id: RowId,
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: WaterLayer,
) -> dict[str, Any]:
    body = await json_body_limited(request)
    return await run_in_threadpool(water_tests.record, session, settings, layer, user, work_id, body)


async def json_body_limited(request: Request) -> Any:
    """A JSON body of at most 1 MB (a test or a sample), read after authentication."""
    raw = await request.body()
    if len(raw) > 1_000_000:
        raise PayloadTooLarge("Một lần gửi không quá 1 MB / a test or sample body is limited to 1 MB.")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"The body is not valid JSON: {exc}.") from None


@router.post(
    "/imports",
    summary="Import test results from CSV or XLSX: preview (dry_run=true) or commit all or nothing",
    openapi_extra=UPLOAD_OPENAPI,
)
async def import_tests(
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: WaterLayer,
    dry_run: DryRun = True,
) -> dict[str, Any]:
    return await bulk_import(request, user, session, settings, layer, dry_run, WATER)


async def bulk_import(
    request: Request,
    user: Principal,
    session: Session,
    settings: Settings,
    layer: Layer,
    dry_run: bool,
    target: Target,
) -> dict[str, Any]:
    """A lab file for any import target (water tests, pollution samples), read after authentication."""
    upload = await read_upload(request, settings)
    run = partial(run_import, dry_run=dry_run, target=target)
    return await run_in_threadpool(run, session, settings, layer, user, upload)


async def read_upload(request: Request, settings: Settings) -> Upload:
    """The `file` field of a multipart form, refused early when larger than the limit."""
    limit = settings.import_max_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise PayloadTooLarge(
            f"Tệp quá lớn / the file is larger than {settings.import_max_mb:g} MB: split it."
        )
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise InvalidInput("Send the file as multipart/form-data in a field named 'file'.")
    async with request.form(max_files=1, max_fields=5) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise InvalidInput("Send the file as multipart/form-data in a field named 'file'.")
        data = await file.read(limit + 1)
        if len(data) > limit:
            raise PayloadTooLarge(
                f"Tệp quá lớn / the file is larger than {settings.import_max_mb:g} MB: split it."
            )
        return Upload(file.filename or "upload", data)


def water_router(catalog: Catalog) -> APIRouter | None:
    """Only when the catalog publishes water-supply works as an editable layer."""
    return router if LAYER_ID in catalog.ids() else None
