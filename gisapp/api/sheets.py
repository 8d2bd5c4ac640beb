"""Printable sheets: one self-contained HTML file per record, to print on A4 or keep offline.

Who gets what is decided in services/growing_area_sheet.py and packing_house_sheet.py. A sheet is
served with a policy that forbids loading anything from anywhere (its scripts, styles and images are
all inside it), so a sheet that would need the network fails here first, not in the field.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from gisapp.api.deps import CatalogDep, OptionalUser, RowId, SessionDep, SettingsDep, base_url
from gisapp.services.growing_area_sheet import growing_area_sheet
from gisapp.services.packing_house_sheet import packing_house_sheet
from gisapp.services.sheet_records import BuiltSheet, SheetRequest

router = APIRouter(tags=["Printable sheets"])
# Inline scripts and styles only (folium writes the map as an inline script), data: images, no origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' data:; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def _response(sheet: BuiltSheet) -> HTMLResponse:
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "Content-Disposition": f'inline; filename="{sheet.filename}"',
        "Cache-Control": "private, no-store" if sheet.restricted else "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return HTMLResponse(sheet.html, headers=headers)


@router.get(
    "/api/growing-areas/{area_id}/sheet.html",
    summary="Printable sheet of a growing area (self-contained HTML, opens offline)",
    response_class=HTMLResponse,
)
async def growing_area_sheet_html(
    area_id: RowId,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    user: OptionalUser,
    representative: Annotated[
        bool, Query(description="Add the representative's name and phone (staff in scope only)")
    ] = False,
) -> HTMLResponse:
    wanted = SheetRequest(area_id, user, representative, base_url(request, settings))
    layer = catalog.get("growing_areas")
    return _response(await run_in_threadpool(growing_area_sheet, session, settings, layer, wanted))


@router.get(
    "/api/packing-houses/{house_id}/sheet.html",
    summary="Printable sheet of a packing house (self-contained HTML, opens offline)",
    response_class=HTMLResponse,
)
async def packing_house_sheet_html(
    house_id: RowId,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    catalog: CatalogDep,
    user: OptionalUser,
    contact: Annotated[
        bool, Query(description="Add the operator's name and phone (staff in scope only)")
    ] = False,
) -> HTMLResponse:
    wanted = SheetRequest(house_id, user, contact, base_url(request, settings))
    layer = catalog.get("packing_houses")
    return _response(await run_in_threadpool(packing_house_sheet, session, settings, layer, wanted))
