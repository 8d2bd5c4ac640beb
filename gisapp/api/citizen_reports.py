"""Citizen pollution reports: filing (public), status by receipt (public), the staff queue and moderation.

The report body streams through the shared upload reader (size limit while the bytes arrive), is
checked, then throttled per client address, then stored, in one transaction.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from gisapp.api.deps import (
    CurrentUser,
    RowId,
    SessionDep,
    SettingsDep,
    WriteSessionDep,
    json_body,
    json_body_openapi,
)
from gisapp.errors import NotFound
from gisapp.services import citizen_reports, report_moderation, uploads
from gisapp.services.file_store import FileStore
from gisapp.services.report_moderation import Moderation

router = APIRouter(prefix="/api/citizen-reports", tags=["Citizen reports"])
REPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["lon", "lat", "description"],
                    "properties": {
                        "lon": {"type": "number", "description": "longitude (WGS 84)"},
                        "lat": {"type": "number", "description": "latitude (WGS 84)"},
                        "description": {"type": "string", "minLength": 10, "maxLength": 2000},
                        "category": {
                            "type": "string",
                            "enum": ["water", "air", "waste", "noise", "odour", "other"],
                        },
                        "contact": {"type": "string", "maxLength": 200, "description": "private: staff only"},
                        "photo": {"type": "string", "format": "binary", "description": "JPEG, PNG or WebP"},
                    },
                }
            }
        },
    }
}
StatusFilter = Annotated[
    Literal["open", "received", "under_review", "linked", "dismissed"] | None,
    Query(description="open = received or under review"),
]


@router.post(
    "",
    status_code=201,
    summary="Report a pollution problem at a point (public); answers a receipt number",
    openapi_extra=REPORT_BODY,
    responses={
        400: {"description": "the point is outside Vietnam (a swapped latitude/longitude is named)"},
        413: {"description": "the photo is larger than GISAPP_REPORT_PHOTO_MAX_BYTES"},
        415: {"description": "the photo is not a JPEG, PNG or WebP image by its content"},
        422: {"description": "`record_invalid`: a form field is missing or wrong"},
        429: {"description": "too many accepted reports from this address; see Retry-After"},
    },
)
async def file_report(request: Request, session: WriteSessionDep, settings: SettingsDep) -> dict[str, Any]:
    store = FileStore(settings.attachment_folder)
    length = request.headers.get("content-length")
    received = await uploads.receive(
        request.stream(),
        request.headers.get("content-type"),
        int(length) if length and length.isdigit() else None,
        folder=store.incoming,
        limits=uploads.Limits(settings.report_photo_max_bytes, max_fields=8),
        file_field="photo",
    )
    address = request.client.host if request.client else "unknown"
    try:
        return await run_in_threadpool(
            citizen_reports.file_report, session, settings, store, address, received.fields, received.file
        )
    finally:
        received.discard()


@router.get("", summary="The moderation queue: reports in scope, contact included (env_officer or admin)")
def queue(
    user: CurrentUser,
    session: SessionDep,
    status: StatusFilter = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[dict[str, Any]]:
    return report_moderation.queue(session, user, status, limit)


@router.get("/{receipt}", summary="A report's status by its receipt number (public; no contact, no text)")
def status(receipt: str, session: SessionDep) -> dict[str, Any]:
    return citizen_reports.status_by_receipt(session, receipt)


@router.post(
    "/{report_id}/moderation",
    summary="Mark under review, link to a pollution source, or dismiss with a reason (env_officer in scope)",
    openapi_extra=json_body_openapi(Moderation),
)
def moderate(
    report_id: RowId,
    user: CurrentUser,
    session: WriteSessionDep,
    decision: Annotated[Moderation, Depends(json_body(Moderation))],
) -> dict[str, Any]:
    return report_moderation.moderate(session, user, report_id, decision)


@router.get(
    "/{report_id}/photo",
    summary="A report's photo, location removed (env_officer or admin in scope)",
    response_class=FileResponse,
)
def photo(report_id: RowId, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> FileResponse:
    row = report_moderation.find_in_scope(session, user, report_id)
    if row.photo_path is None or row.photo_media_type is None:
        raise NotFound(f"Báo cáo {report_id} không có ảnh / report {report_id} has no photo.")
    return FileResponse(
        FileStore(settings.attachment_folder).path(row.photo_path),
        media_type=row.photo_media_type,
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )
