"""Files attached to a growing area: upload (multipart, streamed), list, download; a photo's public copy.

Originals are served only to staff whose scope holds the area (`Cache-Control: private, no-store`);
the public copy of a photo (location removed) to anyone once the area is published.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from gisapp.api.area_access import AreaWritable
from gisapp.api.deps import CurrentUser, OptionalUser, RowId, SessionDep, SettingsDep, WriteSessionDep
from gisapp.api.registry import AreaInScope, RegistryLayer
from gisapp.errors import NotFound
from gisapp.models import Attachment
from gisapp.services import attachments, uploads
from gisapp.services.authorization import may_read_private
from gisapp.services.feature_writes import snapshot
from gisapp.services.file_store import FileStore
from gisapp.services.record_input import FieldProblem, RecordInvalid

router = APIRouter(prefix="/api/growing-areas", tags=["Registry records"])
FILE_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp", "image/tiff", "image/heic")
FILE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file, with its original name", "content": {t: {} for t in FILE_TYPES}}
}
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "kind"],
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "PDF, JPEG, PNG…"},
                        "kind": {"type": "string", "enum": ["decision_scan", "lab_report", "photo", "other"]},
                        "caption": {"type": "string", "maxLength": 500},
                        "transition_id": {"type": "integer", "description": "a decision of this area"},
                        "inspection_id": {"type": "integer", "description": "an inspection of this area"},
                        "public": {"type": "boolean", "description": "photos: keep a copy without GPS"},
                    },
                }
            }
        },
    }
}


@router.get("/{area_id}/attachments", summary="Files attached to a growing area (staff in scope)")
def listing(area_id: AreaInScope, session: SessionDep) -> list[dict[str, Any]]:
    return attachments.listing(session, area_id)


@router.post(
    "/{area_id}/attachments",
    status_code=201,
    summary="Attach a file: a scanned decision, a lab report, a photo (agri_officer or admin in scope)",
    openapi_extra=UPLOAD_BODY,
    responses={
        413: {"description": "larger than GISAPP_ATTACHMENT_MAX_BYTES"},
        415: {"description": "not an accepted type, or the content disagrees with the name"},
        422: {"description": "`record_invalid`: `problems` lists each form field and what is wrong"},
    },
)
async def upload(
    area_id: AreaWritable,
    request: Request,
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    layer: RegistryLayer,
) -> dict[str, Any]:
    store = FileStore(settings.attachment_folder)
    length = request.headers.get("content-length")
    received = await uploads.receive(
        request.stream(),
        request.headers.get("content-type"),
        int(length) if length and length.isdigit() else None,
        folder=store.incoming,
        limits=uploads.Limits(settings.attachment_max_bytes),
    )
    try:
        form = attachments.read_form(received.fields)
        if received.file is None or received.file.size == 0:
            raise RecordInvalid([FieldProblem("file", "Chọn một tệp không rỗng / choose a file (not empty)")])
        return await run_in_threadpool(
            attachments.create, session, layer, store, user, area_id, form, received.file
        )
    finally:
        received.discard()  # a placed file has moved already; this removes only what was not kept


def _file(store: FileStore, relative: str, row: Attachment, cache: str, etag: str) -> FileResponse:
    """Shown in the browser (only PDFs and images are ever stored), under the name it was sent with."""
    return FileResponse(
        store.path(relative),
        media_type=row.media_type,
        filename=row.original_filename,
        content_disposition_type="inline",
        headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff", "ETag": etag},
    )


@router.get(
    "/{area_id}/attachments/{attachment_id}",
    summary="Download an attached file (staff in scope)",
    response_class=FileResponse,
    responses=FILE_RESPONSE,
)
def download(
    area_id: AreaInScope, attachment_id: RowId, session: SessionDep, settings: SettingsDep
) -> FileResponse:
    row = attachments.find(session, area_id, attachment_id)
    return _file(
        FileStore(settings.attachment_folder), row.stored_path, row, "private, no-store", f'"{row.sha256}"'
    )


@router.get(
    "/{area_id}/attachments/{attachment_id}/public",
    summary="A photo's public copy, location removed (public once the area is published)",
    response_class=FileResponse,
    responses=FILE_RESPONSE,
)
def public_copy(
    area_id: RowId,
    attachment_id: RowId,
    session: SessionDep,
    settings: SettingsDep,
    user: OptionalUser,
    layer: RegistryLayer,
) -> FileResponse:
    row = attachments.find(session, area_id, attachment_id)
    properties = snapshot(session, layer, area_id)["properties"]
    rows = layer.config.published_rows
    published = rows is None or properties.get(rows.property) in rows.values
    visible = published or may_read_private(session, user, properties.get("commune_code"))
    if row.public_copy_path is None or not visible:
        raise NotFound(
            f"Tệp {attachment_id} không công khai / attachment {attachment_id} has no public copy."
        )
    cache = "public, max-age=3600" if published else "private, no-store"
    return _file(
        FileStore(settings.attachment_folder), row.public_copy_path, row, cache, f'"{row.sha256}-public"'
    )
