"""What every record's printable sheet needs before its own facts: the record as the caller may see
it, the place named in words, the optional basemap and a file name.

The rules are those of the record's GET route and of `/v/{code}`: anonymous callers see only the
layer's published rows (a draft does not exist for them: 404); personal data goes on paper only when
staff in scope ask for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Forbidden, NotAuthenticated, NotFound
from gisapp.services.admin_units import commune_outline, find_units
from gisapp.services.authorization import may_read_private
from gisapp.services.feature_writes import snapshot
from gisapp.services.principal import Principal
from gisapp.services.sheet_builder import Fact, QrBlock, Shape, SheetContent, TileSource, render_sheet
from gisapp.services.vi_text import NONE, checked_at
from gisapp.settings import Settings

STATUS_WORDS = {
    "draft": ("Bản nháp", "Draft"),
    "submitted": ("Đã nộp, chờ duyệt", "Submitted, awaiting a decision"),
    "issued": ("Còn hiệu lực", "Valid"),
    "suspended": ("Tạm dừng", "Suspended"),
    "revoked": ("Đã thu hồi", "Revoked"),
}
DEMO_NOTE = "Dữ liệu minh họa, không phải mã thật / Demo data, not a real code"
UNISSUED_NOTE = (
    "Hồ sơ chưa được cấp mã số: phiếu này không thay cho quyết định cấp mã / "
    "No code issued yet: this sheet is not a decision."
)


@dataclass(frozen=True)
class SheetRequest:
    record_id: int
    principal: Principal | None
    with_contact: bool  # the representative's / operator's name and phone, on purpose only
    site_url: str  # where the verification page lives, for the QR code


@dataclass(frozen=True)
class BuiltSheet:
    html: str
    filename: str
    restricted: bool  # made for a signed-in caller (staff facts, dossiers): never in a shared cache


@dataclass(frozen=True)
class SheetRecord:
    properties: dict[str, Any]
    geometry: dict[str, Any]
    in_scope: bool
    published: bool


@dataclass(frozen=True)
class Noun:
    """How the record is named in refusals: ("vùng trồng", "growing area")."""

    vi: str
    en: str


def load_record(session: Session, layer: Layer, request: SheetRequest, noun: Noun) -> SheetRecord:
    """The stored record, or NotFound / NotAuthenticated / Forbidden by the rules above."""
    stored = snapshot(session, layer, request.record_id)
    properties = stored["properties"]
    rule = layer.config.published_rows
    published = rule is None or properties.get(rule.property) in rule.values
    if request.principal is None and not published:
        raise NotFound(
            f"Không có {noun.vi} số {request.record_id} / no published {noun.en} {request.record_id}."
        )
    in_scope = may_read_private(session, request.principal, properties.get("commune_code"))
    if request.with_contact and request.principal is None:
        raise NotAuthenticated("Cần đăng nhập để in thông tin liên hệ / sign in to print contact details.")
    if request.with_contact and not in_scope:
        raise Forbidden(
            f"{noun.vi.capitalize()} ngoài phạm vi của bạn: không in được thông tin liên hệ / this {noun.en} "
            "lies outside your scope: its contact details are not yours to print."
        )
    return SheetRecord(properties, stored["geometry"], in_scope, published)


def commune_words(session: Session, properties: dict[str, Any]) -> tuple[str, str | None]:
    """`Lạc Dương (24848), Lâm Đồng` for the current commune, and the commune issued under if another."""
    codes = [c for c in (properties.get("commune_code"), properties.get("issued_commune_code")) if c]
    communes = find_units(session, "commune", codes)
    provinces = find_units(
        session, "province", [u.province_code for u in communes.values() if u.province_code]
    )

    def named(code: str | None) -> str:
        unit = communes.get(code or "")
        if unit is None:
            return str(code or NONE)
        province = provinces.get(unit.province_code or "")
        return f"{unit.name} ({unit.code})" + (f", {province.name}" if province else "")

    issued = properties.get("issued_commune_code")
    current = properties.get("commune_code")
    return named(current), named(issued) if issued and issued != current else None


def commune_shapes(session: Session, commune_code: str | None) -> tuple[Shape, Shape] | None:
    """The commune's boundary for the main map and its filled outline for the locator."""
    outline = commune_outline(session, commune_code)
    if outline is None:
        return None
    return (
        Shape(outline, "Ranh giới xã", "Commune boundary", stroke="#455a64", weight=1.5, dash="6 4"),
        Shape(outline, "Xã", "Commune", stroke="#455a64", weight=1, fill="#eceff1", fill_opacity=0.6),
    )


def sheet_tiles(settings: Settings) -> TileSource | None:
    return (
        TileSource(settings.sheet_tile_url, settings.sheet_tile_attribution)
        if settings.sheet_tile_url
        else None
    )


def sheet_filename(prefix: str, code: object) -> str:
    """An ASCII file name: `phieu-vung-trong-VN-68-...html`."""
    name = "".join(ch if ch.isascii() and (ch.isalnum() or ch == "-") else "-" for ch in str(code))
    return f"{prefix}-{name}.html"


def notes(record: SheetRecord) -> list[str]:
    return ([DEMO_NOTE] if record.properties.get("is_demo") else []) + (
        [] if record.published else [UNISSUED_NOTE]
    )


@dataclass(frozen=True)
class SheetKind:
    """What kind of record a sheet is of: its heading and the prefix of its file name."""

    title_vi: str  # "Phiếu thông tin vùng trồng"
    title_en: str
    file_prefix: str  # "phieu-vung-trong"


@dataclass(frozen=True)
class SheetBody:
    facts: list[Fact]
    shapes: list[Shape]
    locator: list[Shape]
    qr: QrBlock | None


def build_sheet(
    settings: Settings,
    kind: SheetKind,
    record: SheetRecord,
    request: SheetRequest,
    body: SheetBody,
    now: datetime | None = None,
) -> BuiltSheet:
    """The finished file: status words, notes, basemap and file name are the same for every record."""
    p = record.properties
    status = str(p.get("status"))
    status_vi, status_en = STATUS_WORDS.get(status, (status, status))
    content = SheetContent(
        kind_vi=kind.title_vi,
        kind_en=kind.title_en,
        title=str(p.get("name") or ""),
        code=p.get("code"),
        no_code="Chưa có mã số / no code yet",
        status=status,
        status_vi=status_vi,
        status_en=status_en,
        facts=body.facts,
        shapes=body.shapes,
        locator=body.locator,
        printed_at=checked_at(now),
        qr=body.qr,
        notes=notes(record),
        private=request.with_contact,
    )
    html = render_sheet(content, vendor_dir=settings.static_dir / "vendor", tiles=sheet_tiles(settings))
    filename = sheet_filename(kind.file_prefix, p.get("code") or request.record_id)
    return BuiltSheet(html, filename, request.principal is not None)
