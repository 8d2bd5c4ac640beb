"""Files attached to a growing area, to one of its decisions or to one of its inspections.

Scanned decisions, lab reports and photos are evidence: staff-only, served to callers who may see
the record. A photo may also get a public copy, made at upload with its location (GPS) removed,
which anyone may fetch once the area is published. The row and its audit record are written in
the upload's transaction; the files are placed so that a failed transaction removes them again.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import NotFound
from gisapp.models import Attachment, GrowingArea, GrowingAreaInspection, GrowingAreaTransition
from gisapp.services import audit
from gisapp.services.authorization import require_write
from gisapp.services.file_store import FileStore
from gisapp.services.photo_privacy import check_image, without_location
from gisapp.services.principal import Principal
from gisapp.services.record_input import FieldProblem, require_no_problems, validate
from gisapp.services.upload_types import HEIC, JPEG, PDF, PNG, TIFF, TYPES, WEBP, FileType, checked_type
from gisapp.services.uploads import ReceivedFile

ENTITY = "attachments"
AREAS = "/api/growing-areas"
Kind = Literal["decision_scan", "lab_report", "photo", "other"]
ACCEPTED: dict[str, tuple[FileType, ...]] = {
    "decision_scan": (PDF, JPEG, PNG, WEBP, TIFF),
    "lab_report": (PDF, JPEG, PNG, WEBP, TIFF),
    "photo": (JPEG, PNG, WEBP, TIFF, HEIC),
    "other": TYPES,
}


class AttachmentForm(BaseModel):
    """The upload form's text fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Kind
    caption: str | None = Field(default=None, max_length=500)
    transition_id: int | None = Field(default=None, ge=1, description="a decision of this area")
    inspection_id: int | None = Field(default=None, ge=1, description="an inspection of this area")
    public: bool = Field(default=False, description="photos only: also keep a copy without location")

    @field_validator("transition_id", "inspection_id", "caption", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


def read_form(fields: dict[str, str]) -> AttachmentForm:
    form = validate(AttachmentForm, dict(fields))
    problems = []
    if form.transition_id is not None and form.inspection_id is not None:
        problems.append(
            FieldProblem(
                "inspection_id",
                "Chỉ gắn với một quyết định hoặc một lần kiểm tra / attach to a decision or to an "
                "inspection, not both",
            )
        )
    if form.public and form.kind != "photo":
        problems.append(
            FieldProblem("public", "Chỉ ảnh chụp mới công khai được / only photos can have a public copy")
        )
    require_no_problems(problems)
    return form


def _owner_problems(session: Session, area_id: int, form: AttachmentForm) -> list[FieldProblem]:
    problems = []
    if form.transition_id is not None:
        owner = session.get(GrowingAreaTransition, form.transition_id)
        if owner is None or owner.growing_area_id != area_id:
            problems.append(
                FieldProblem(
                    "transition_id",
                    f"Vùng trồng {area_id} không có quyết định {form.transition_id} / growing area "
                    f"{area_id} has no decision {form.transition_id}",
                )
            )
    if form.inspection_id is not None:
        inspection = session.get(GrowingAreaInspection, form.inspection_id)
        if inspection is None or inspection.growing_area_id != area_id:
            problems.append(
                FieldProblem(
                    "inspection_id",
                    f"Vùng trồng {area_id} không có lần kiểm tra {form.inspection_id} / growing area "
                    f"{area_id} has no inspection {form.inspection_id}",
                )
            )
    return problems


def create(
    session: Session,
    layer: Layer,
    store: FileStore,
    principal: Principal,
    area_id: int,
    form: AttachmentForm,
    upload: ReceivedFile,
) -> dict[str, Any]:
    """Check, place the file (and a photo's public copy) and record it, all or nothing."""
    area = session.execute(
        select(GrowingArea).where(GrowingArea.id == area_id).with_for_update(read=True)
    ).scalar_one_or_none()
    if area is None:
        raise NotFound(f"Không có vùng trồng {area_id} / no growing area with id {area_id}.")
    require_write(session, principal, layer, area.commune_code)
    require_no_problems(_owner_problems(session, area_id, form))
    kind = checked_type(upload.filename, upload.head, ACCEPTED[form.kind])
    if kind.image and kind != HEIC:  # Pillow reads no HEIC without a plugin
        check_image(upload.path, upload.filename)
    public_copy = without_location(upload.path, kind, upload.filename) if form.public else None
    row = Attachment(
        growing_area_id=area_id,
        transition_id=form.transition_id,
        inspection_id=form.inspection_id,
        kind=form.kind,
        caption=form.caption,
        original_filename=upload.filename,
        media_type=kind.media_type,
        size_bytes=upload.size,
        sha256=upload.sha256,
        stored_path=store.place(session, upload.path, kind.extensions[0]),
        public_copy_path=store.write(session, public_copy, kind.extensions[0]) if public_copy else None,
        uploaded_by_user_id=principal.user_id,
        uploaded_by=principal.username,
    )
    session.add(row)
    session.flush()
    after = as_json(row)
    audit.record(
        session, principal, entity=ENTITY, entity_id=str(row.id), action="create", before=None, after=after
    )
    return after


def listing(session: Session, area_id: int) -> list[dict[str, Any]]:
    """Newest first."""
    rows = session.execute(
        select(Attachment)
        .where(Attachment.growing_area_id == area_id)
        .order_by(Attachment.created_at.desc(), Attachment.id.desc())
    ).scalars()
    return [as_json(row) for row in rows]


def find(session: Session, area_id: int, attachment_id: int) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None or row.growing_area_id != area_id:
        raise NotFound(
            f"Vùng trồng {area_id} không có tệp {attachment_id} / growing area {area_id} has no "
            f"attachment {attachment_id}."
        )
    return row


def as_json(row: Attachment) -> dict[str, Any]:
    url = f"{AREAS}/{row.growing_area_id}/attachments/{row.id}"
    return {
        "id": row.id,
        "growing_area_id": row.growing_area_id,
        "kind": row.kind,
        "caption": row.caption,
        "original_filename": row.original_filename,
        "media_type": row.media_type,
        "size_bytes": row.size_bytes,
        "sha256": row.sha256,
        "transition_id": row.transition_id,
        "inspection_id": row.inspection_id,
        "uploaded_by": row.uploaded_by,
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "url": url,
        "public_url": f"{url}/public" if row.public_copy_path else None,
    }
