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

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Forbidden, NotAuthenticated, NotFound
from gisapp.models import Crop, GrowingAreaInspection
from gisapp.services.admin_units import commune_outline, find_units
from gisapp.services.authorization import may_read_private
from gisapp.services.feature_writes import snapshot
from gisapp.services.layer_style import status_style
from gisapp.services.principal import Principal
from gisapp.services.qr_codes import qr_svg
from gisapp.services.sheet_builder import Fact, QrBlock, Shape, SheetContent, TileSource, render_sheet
from gisapp.services.sheet_maps import centre
from gisapp.services.vi_text import NONE, checked_at, day, hectares, markets
from gisapp.settings import Settings

STATUS_WORDS = {
    "draft": ("Bản nháp", "Draft"),
    "submitted": ("Đã nộp, chờ duyệt", "Submitted, awaiting a decision"),
    "issued": ("Còn hiệu lực", "Valid"),
    "suspended": ("Tạm dừng", "Suspended"),
    "revoked": ("Đã thu hồi", "Revoked"),
}
CONCLUSIONS = {
    "compliant": "Đạt / compliant",
    "compliant_with_conditions": "Đạt có điều kiện / compliant with conditions",
    "non_compliant": "Không đạt / non-compliant",
}
DEMO_NOTE = "Dữ liệu minh họa, không phải mã thật / Demo data, not a real code"
UNISSUED_NOTE = (
    "Hồ sơ chưa được cấp mã số: phiếu này không thay cho quyết định cấp mã / "
    "No code issued yet: this sheet is not a decision."
)


@dataclass(frozen=True)
class SheetRequest:
    area_id: int
    principal: Principal | None
    with_representative: bool
    site_url: str  # where the verification page lives, for the QR code


@dataclass(frozen=True)
class BuiltSheet:
    html: str
    filename: str
    restricted: bool  # made for a signed-in caller (staff facts, dossiers): never in a shared cache


@dataclass(frozen=True)
class _Area:
    properties: dict[str, Any]
    geometry: dict[str, Any]
    in_scope: bool


def _load(session: Session, layer: Layer, request: SheetRequest) -> _Area:
    stored = snapshot(session, layer, request.area_id)
    properties = stored["properties"]
    published = layer.config.published_rows
    if request.principal is None and published and properties.get(published.property) not in published.values:
        raise NotFound(
            f"Không có vùng trồng số {request.area_id} / no published growing area {request.area_id}."
        )
    in_scope = may_read_private(session, request.principal, properties.get("commune_code"))
    if request.with_representative and request.principal is None:
        raise NotAuthenticated(
            "Cần đăng nhập để in thông tin người đại diện / sign in to print the representative."
        )
    if request.with_representative and not in_scope:
        raise Forbidden(
            "Vùng trồng ngoài phạm vi của bạn: không in được người đại diện / this area lies outside your "
            "scope: its representative is not yours to print."
        )
    return _Area(properties, stored["geometry"], in_scope)


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


def _place(session: Session, p: dict[str, Any]) -> tuple[str, str | None]:
    """`Lạc Dương (24848), Lâm Đồng` for the current commune, and the commune issued under if another."""
    communes = find_units(
        session, "commune", [c for c in (p.get("commune_code"), p.get("issued_commune_code")) if c]
    )
    provinces = find_units(
        session, "province", [u.province_code for u in communes.values() if u.province_code]
    )

    def named(code: str | None) -> str:
        unit = communes.get(code or "")
        if unit is None:
            return str(code or NONE)
        province = provinces.get(unit.province_code or "")
        return f"{unit.name} ({unit.code})" + (f", {province.name}" if province else "")

    issued = p.get("issued_commune_code")
    return named(p.get("commune_code")), named(issued) if issued and issued != p.get("commune_code") else None


def _crop(session: Session, p: dict[str, Any]) -> str:
    crop = str(p.get("crop") or "")
    english = session.execute(select(Crop.name_en).where(Crop.name == crop)).scalar()
    text = f"{crop} ({english})" if english and english != crop else crop
    return text + (f", giống / variety {p['variety']}" if p.get("variety") else "")


def _facts(session: Session, area: _Area, request: SheetRequest) -> list[Fact]:
    p = area.properties
    commune, issued_under = _place(session, p)
    latest = _latest_inspection(session, request.area_id)
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
    if request.with_representative:
        facts.append(Fact("Người đại diện", "Representative", str(p.get("representative_name") or NONE)))
        facts.append(Fact("Điện thoại", "Phone", str(p.get("representative_phone") or NONE)))
    return facts


def _shapes(session: Session, layer: Layer, area: _Area) -> tuple[list[Shape], list[Shape]]:
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
    outline = commune_outline(session, area.properties.get("commune_code"))
    if outline is None:
        return [subject], []
    commune = Shape(outline, "Ranh giới xã", "Commune boundary", stroke="#455a64", weight=1.5, dash="6 4")
    whole = Shape(outline, "Xã", "Commune", stroke="#455a64", weight=1, fill="#eceff1", fill_opacity=0.6)
    marker = Shape(centre(area.geometry), "Vị trí", "Location", stroke="#c62828", weight=2.5, point_radius=6)
    return [commune, subject], [whole, subject, marker]


def _qr(area: _Area, layer: Layer, site_url: str) -> QrBlock | None:
    code = area.properties.get("code") or area.properties.get("export_code")
    published = layer.config.published_rows
    if not code or (published and area.properties.get(published.property) not in published.values):
        return None
    url = f"{site_url.rstrip('/')}/v/{quote(str(code), safe='')}"
    return QrBlock(qr_svg(url, f"QR: {url}"), url.split("://", 1)[-1])


def growing_area_sheet(
    session: Session, settings: Settings, layer: Layer, request: SheetRequest, now: datetime | None = None
) -> BuiltSheet:
    """The sheet's HTML, or NotFound / NotAuthenticated / Forbidden by the rules above."""
    area = _load(session, layer, request)
    p = area.properties
    status = str(p.get("status"))
    status_vi, status_en = STATUS_WORDS.get(status, (status, status))
    published = layer.config.published_rows
    unpublished = published is not None and status not in published.values
    shapes, locator = _shapes(session, layer, area)
    notes = ([DEMO_NOTE] if p.get("is_demo") else []) + ([UNISSUED_NOTE] if unpublished else [])
    content = SheetContent(
        kind_vi="Phiếu thông tin vùng trồng",
        kind_en="Growing-area sheet",
        title=str(p.get("name") or ""),
        code=p.get("code"),
        no_code="Chưa có mã số / no code yet",
        status=status,
        status_vi=status_vi,
        status_en=status_en,
        facts=_facts(session, area, request),
        shapes=shapes,
        locator=locator,
        printed_at=checked_at(now),
        qr=_qr(area, layer, request.site_url),
        notes=notes,
        private=request.with_representative,
    )
    tiles = (
        TileSource(settings.sheet_tile_url, settings.sheet_tile_attribution)
        if settings.sheet_tile_url
        else None
    )
    html = render_sheet(content, vendor_dir=settings.static_dir / "vendor", tiles=tiles)
    name = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch == "-") else "-"
        for ch in str(p.get("code") or request.area_id)
    )
    return BuiltSheet(html, f"phieu-vung-trong-{name}.html", request.principal is not None)
