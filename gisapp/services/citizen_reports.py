"""Filing a citizen report and telling the reporter its status by receipt.

Order matters: every field and the photo are checked first (a bad request never counts against
the rate limit), then the address's quota is taken under its lock, then the photo's copy without
location is placed and the row written, all in one transaction. Only that copy is kept: the
original, with its GPS position, is never stored (staff do not need where the phone was; the
report's point says where the problem is).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.errors import NotFound
from gisapp.models import CitizenReport
from gisapp.services import report_throttle
from gisapp.services.file_store import FileStore
from gisapp.services.photo_privacy import PUBLIC_COPY_TYPES, check_image, without_location
from gisapp.services.report_input import new_receipt, normalised_receipt, read_form, shown_receipt
from gisapp.services.upload_types import FileType, checked_type
from gisapp.services.uploads import ReceivedFile
from gisapp.settings import Settings
from gisapp.sql import load_sql

STATUS_LABELS = {
    "received": {"vi": "Đã tiếp nhận", "en": "Received"},
    "under_review": {"vi": "Đang xem xét", "en": "Under review"},
    "linked": {"vi": "Đã gắn với một nguồn ô nhiễm", "en": "Linked to a pollution source"},
    "dismissed": {"vi": "Không xử lý", "en": "Dismissed"},
}


@dataclass(frozen=True)
class Photo:
    kind: FileType
    data: bytes  # the copy without location


def _photo(upload: ReceivedFile | None) -> Photo | None:
    """None when no photo was chosen (browsers send an empty part); else the stripped copy or 4xx."""
    if upload is None or upload.size == 0:
        return None
    kind = checked_type(upload.filename, upload.head, PUBLIC_COPY_TYPES)
    check_image(upload.path, upload.filename)
    return Photo(kind, without_location(upload.path, kind, upload.filename))


def file_report(
    session: Session,
    settings: Settings,
    store: FileStore,
    address: str,
    fields: dict[str, str],
    upload: ReceivedFile | None,
) -> dict[str, Any]:
    """Check, throttle, store; answers the receipt and nothing the reporter did not already know."""
    form, point = read_form(session, fields)
    photo = _photo(upload)
    hashed = report_throttle.address_hash(settings, address)
    report_throttle.admit(session, settings, hashed)
    commune = session.execute(load_sql("gisapp.services", "commune_of_geometry"), {"geojson": point}).scalar()
    row = CitizenReport(
        receipt=_unused_receipt(session),
        description=form.description,
        category=form.category,
        contact=form.contact,
        address_hash=hashed,
        commune_code=commune,
        geom=f"SRID=4326;POINT({form.lon} {form.lat})",
    )
    if photo is not None:
        row.photo_path = store.write(session, photo.data, photo.kind.extensions[0])
        row.photo_media_type = photo.kind.media_type
    session.add(row)
    session.flush()
    session.refresh(row)
    return public_status(row)


def _unused_receipt(session: Session) -> str:
    while True:  # 31^10 receipts: a clash is all but impossible, but never a 500 for it
        receipt = new_receipt()
        if session.execute(select(CitizenReport.id).where(CitizenReport.receipt == receipt)).first() is None:
            return receipt


def status_by_receipt(session: Session, raw: str) -> dict[str, Any]:
    receipt = normalised_receipt(raw)
    row = session.execute(select(CitizenReport).where(CitizenReport.receipt == receipt)).scalar_one_or_none()
    if row is None:
        raise NotFound(
            f"Không có báo cáo với số biên nhận {shown_receipt(receipt)} / no report has the receipt "
            f"{shown_receipt(receipt)}: check the characters."
        )
    return public_status(row)


def public_status(row: CitizenReport) -> dict[str, Any]:
    """What anyone holding the receipt may see: never the contact, the description or the address."""
    return {
        "receipt": shown_receipt(row.receipt),
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "public_note": row.public_note,
        "category": row.category,
        "has_photo": row.photo_path is not None,
        "created_at": row.created_at.isoformat(),
        "moderated_at": row.moderated_at.isoformat() if row.moderated_at else None,
    }
