"""The printable sheet of one growing area (phiếu thông tin vùng trồng), built with sheet_builder.

Who gets what (the same rules as `GET /api/growing-areas/{id}` and `/v/{code}`):
- anonymous callers: issued, suspended and revoked areas only (a draft or a submitted dossier does
  not exist for them: 404), public fields only, as the verification page shows them;
- signed-in staff: drafts and submitted dossiers too; staff whose scope holds the area also get the
  latest inspection's conclusion and next due date;
- the representative's name and phone only when staff in scope ask (`representative=true`): a
  printed sheet is handed around, so personal data goes on paper only on purpose. The ID number and
  the households never go on a sheet.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.models import Crop, GrowingAreaInspection
from gisapp.services.layer_style import status_style
from gisapp.services.qr_codes import qr_svg
from gisapp.services.sheet_builder import Fact, QrBlock, Shape
from gisapp.services.sheet_maps import centre
from gisapp.services.sheet_records import (
    BuiltSheet,
    Noun,
    SheetBody,
    SheetKind,
    SheetRecord,
    SheetRequest,
    build_sheet,
    commune_shapes,
    commune_words,
    load_record,
)
from gisapp.services.vi_text import NONE, day, hectares, markets
from gisapp.settings import Settings

CONCLUSIONS = {
    "compliant": "Đạt / compliant",
    "compliant_with_conditions": "Đạt có điều kiện / compliant with conditions",
    "non_compliant": "Không đạt / non-compliant",
}
KIND = SheetKind("Phiếu thông tin vùng trồng", "Growing-area sheet", "phieu-vung-trong")
NOUN = Noun("vùng trồng", "growing area")


def _latest_inspection(session: Session, area_id: int) -> GrowingAreaInspection | None:
    return session.execute(
        select(GrowingAreaInspection)
        .where(GrowingAreaInspection.growing_area_id == area_id)
        .order_by(GrowingAreaInspection.inspected_on.desc(), GrowingAreaInspection.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _last_inspected(stored: object, latest: GrowingAreaInspection | None) -> str:
    days = [d for d in (str(stored or "")[:10], latest.inspected_on.isoformat() if latest else "") if d]
    return day(max(days)) if days else NONE


def _crop(session: Session, p: dict[str, Any]) -> str:
    crop = str(p.get("crop") or "")
    english = session.execute(select(Crop.name_en).where(Crop.name == crop)).scalar()
    text = f"{crop} ({english})" if english and english != crop else crop
    return text + (f", giống / variety {p['variety']}" if p.get("variety") else "")


def _facts(session: Session, area: SheetRecord, request: SheetRequest) -> list[Fact]:
    p = area.properties
    commune, issued_under = commune_words(session, p)
    latest = _latest_inspection(session, request.record_id)
    facts = [
        Fact("Mã số xuất khẩu", "Export code", str(p.get("export_code") or NONE)),
        Fact("Cây trồng", "Crop", _crop(session, p)),
        Fact("Diện tích", "Area", f"{hectares(p.get('area_ha'))} ha"),
        Fact("Tiêu chuẩn", "Standard", str(p.get("standard") or NONE)),
        Fact("Xã hiện tại", "Commune", commune),
    ]
    if issued_under:
        facts.append(Fact("Xã khi cấp mã", "Commune when issued", issued_under))
    facts += [
        Fact("Năm cấp", "Year issued", str(p.get("issued_year") or NONE)),
        Fact("Thị trường", "Markets", markets(p.get("markets"))),
        Fact("Kiểm tra gần nhất", "Last inspection", _last_inspected(p.get("last_inspected_on"), latest)),
    ]
    if area.in_scope and latest is not None:
        facts.append(
            Fact("Kết luận kiểm tra", "Conclusion", CONCLUSIONS.get(latest.conclusion, latest.conclusion))
        )
        due = latest.next_inspection_due
        facts.append(
            Fact("Hạn kiểm tra tiếp theo", "Next inspection due", day(due.isoformat()) if due else NONE)
        )
    if request.with_contact:
        facts.append(Fact("Người đại diện", "Representative", str(p.get("representative_name") or NONE)))
        facts.append(Fact("Điện thoại", "Phone", str(p.get("representative_phone") or NONE)))
    return facts


def _shapes(session: Session, layer: Layer, area: SheetRecord) -> tuple[list[Shape], list[Shape]]:
    """The main map (the area, with its commune's boundary where it comes near) and the locator
    (the whole commune with the area in it)."""
    style = status_style(layer, str(area.properties.get("status")))
    subject = Shape(
        area.geometry,
        "Ranh giới vùng trồng",
        "Growing-area boundary",
        stroke=str(style.get("stroke_color") or "#1b5e20"),
        fill=str(style.get("fill_color") or "#9e9e9e"),
        fill_opacity=float(style.get("fill_opacity") or 0.5),
        weight=2.5,
    )
    commune = commune_shapes(session, area.properties.get("commune_code"))
    if commune is None:
        return [subject], []
    boundary, whole = commune
    marker = Shape(centre(area.geometry), "Vị trí", "Location", stroke="#c62828", weight=2.5, point_radius=6)
    return [boundary, subject], [whole, subject, marker]


def _qr(area: SheetRecord, site_url: str) -> QrBlock | None:
    code = area.properties.get("code") or area.properties.get("export_code")
    if not code or not area.published:
        return None
    url = f"{site_url.rstrip('/')}/v/{quote(str(code), safe='')}"
    return QrBlock(qr_svg(url, f"QR: {url}"), url.split("://", 1)[-1])


def growing_area_sheet(
    session: Session, settings: Settings, layer: Layer, request: SheetRequest, now: datetime | None = None
) -> BuiltSheet:
    """The sheet's HTML, or NotFound / NotAuthenticated / Forbidden by the rules above."""
    area = load_record(session, layer, request, NOUN)
    shapes, locator = _shapes(session, layer, area)
    body = SheetBody(_facts(session, area, request), shapes, locator, _qr(area, request.site_url))
    return build_sheet(settings, KIND, area, request, body, now)
