"""The printable sheet of one packing house (phiếu thông tin cơ sở đóng gói), built with sheet_builder.

Who gets what follows `GET /api/packing-houses/{id}`: anonymous callers see only packing houses
holding a code (issued, suspended, revoked) and their public facts; staff whose scope holds the
commune also get the supplying growing areas and the latest lot with its mass-balance verdict; the
operator's name and phone only when they ask (`contact=true`). The QR code carries the code itself,
so an inspector can scan it into a shipment record.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.models import PackingLot
from gisapp.services import packing_suppliers
from gisapp.services.layer_style import status_style
from gisapp.services.qr_codes import qr_svg
from gisapp.services.sheet_builder import Fact, QrBlock, Shape
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
from gisapp.services.vi_text import NONE, day, markets
from gisapp.settings import Settings

KIND = SheetKind("Phiếu thông tin cơ sở đóng gói", "Packing-house sheet", "phieu-co-so-dong-goi")
NOUN = Noun("cơ sở đóng gói", "packing house")
MOST_SUPPLIERS_LISTED = 12


def _suppliers(session: Session, house_id: int) -> str:
    links = packing_suppliers.listing(session, house_id)
    if not links:
        return NONE
    codes = [str(link["code"] or link["export_code"] or f"#{link['growing_area_id']}") for link in links]
    shown = ", ".join(codes[:MOST_SUPPLIERS_LISTED])
    more = len(codes) - MOST_SUPPLIERS_LISTED
    return f"{len(codes)}: {shown}" + (f" … (+{more})" if more > 0 else "")


def _latest_lot(session: Session, house_id: int) -> str:
    lot = session.execute(
        select(PackingLot)
        .where(PackingLot.packing_house_id == house_id)
        .order_by(PackingLot.packed_on.desc(), PackingLot.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if lot is None:
        return NONE
    verdict = "vượt khả năng cung cấp / flagged" if lot.flagged else "cân đối / balanced"
    return f"{day(lot.packed_on.isoformat())}, {lot.total_weight_kg:,.0f} kg ({verdict})".replace(",", ".")


def _facts(session: Session, house: SheetRecord, request: SheetRequest) -> list[Fact]:
    p = house.properties
    commune, _ = commune_words(session, p)
    facts = [
        Fact("Xã", "Commune", commune),
        Fact("Thị trường được phép", "Approved markets", markets(p.get("markets"))),
    ]
    if house.in_scope:
        facts.append(
            Fact("Vùng trồng cung cấp", "Supplying growing areas", _suppliers(session, request.record_id))
        )
        facts.append(Fact("Lô hàng gần nhất", "Latest lot", _latest_lot(session, request.record_id)))
    if request.with_contact:
        facts.append(Fact("Người điều hành", "Operator", str(p.get("operator_name") or NONE)))
        facts.append(Fact("Điện thoại", "Phone", str(p.get("operator_phone") or NONE)))
    return facts


def _shapes(session: Session, layer: Layer, house: SheetRecord) -> tuple[list[Shape], list[Shape]]:
    style = status_style(layer, str(house.properties.get("status")))
    colour = str(style.get("fill_color") or "#6d4c41")
    subject = Shape(
        house.geometry, "Cơ sở đóng gói", "Packing house", stroke=colour, fill=colour, fill_opacity=0.9
    )
    commune = commune_shapes(session, house.properties.get("commune_code"))
    if commune is None:
        return [subject], []
    boundary, whole = commune
    return [boundary, subject], [whole, subject]


def _qr(house: SheetRecord) -> QrBlock | None:
    code = house.properties.get("code")
    if not code or not house.published:
        return None
    return QrBlock(qr_svg(str(code), f"QR: {code}"), str(code))


def packing_house_sheet(
    session: Session, settings: Settings, layer: Layer, request: SheetRequest, now: datetime | None = None
) -> BuiltSheet:
    """The sheet's HTML, or NotFound / NotAuthenticated / Forbidden by the rules above."""
    house = load_record(session, layer, request, NOUN)
    shapes, locator = _shapes(session, layer, house)
    body = SheetBody(_facts(session, house, request), shapes, locator, _qr(house))
    return build_sheet(settings, KIND, house, request, body, now)
