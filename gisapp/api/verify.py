"""`/v/{code}`: the public verification page of a growing-area code, and its QR codes for packaging.

The page is what a buyer's phone opens from the QR code on a carton, so it answers in one request
(the boundary and the commune outline are embedded), draws without a basemap, and says plainly when
a code does not exist. Draft and submitted dossiers do not exist for the public.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from gisapp.api.deps import CatalogDep, SessionDep, SettingsDep, base_url
from gisapp.api.verify_html import render_found, render_missing
from gisapp.errors import InvalidInput, NotFound
from gisapp.services.code_format import checked_code
from gisapp.services.qr_codes import qr_png, qr_svg
from gisapp.services.verification import find_public_area, verify

router = APIRouter(tags=["Verification"])
LAYER_ID = "growing_areas"
CodePath = Annotated[str, Path(description="Official or export code, any spacing and case")]
# Only our own files: no inline script or style, no other origin (the page needs none, even online).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cache-Control": "no-cache",  # a suspension or revocation must show at the next scan
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
IMAGE_CACHE = "public, max-age=86400"  # the picture of a URL never changes


def page_path(code: str) -> str:
    return f"/v/{quote(code, safe='')}"


def _normalised(code: str) -> str | None:
    try:
        return checked_code(code)
    except InvalidInput:
        return None


def _qr_target(
    request: Request, session: SessionDep, catalog: CatalogDep, settings: SettingsDep, code: str
) -> str:
    """The page URL a QR code encodes; 404 for a code the public cannot verify."""
    normal = _normalised(code)
    if normal is None or find_public_area(session, catalog.get(LAYER_ID), normal) is None:
        raise NotFound(f"No issued, suspended or revoked growing area has the code '{code[:60]}'.")
    return base_url(request, settings) + page_path(normal)


@router.get(
    "/v/{code}/qr.png", summary="QR code (PNG) of a code's verification page", response_class=Response
)
def qr_code_png(
    request: Request, session: SessionDep, catalog: CatalogDep, settings: SettingsDep, code: CodePath
) -> Response:
    """A QR code of the page's absolute URL (`GISAPP_PUBLIC_URL` when set), to print on packaging."""
    url = _qr_target(request, session, catalog, settings, code)
    return Response(qr_png(url), media_type="image/png", headers={"Cache-Control": IMAGE_CACHE})


@router.get(
    "/v/{code}/qr.svg", summary="QR code (SVG) of a code's verification page", response_class=Response
)
def qr_code_svg(
    request: Request, session: SessionDep, catalog: CatalogDep, settings: SettingsDep, code: CodePath
) -> Response:
    """The same QR code as a scalable SVG, for print shops."""
    url = _qr_target(request, session, catalog, settings, code)
    body = qr_svg(url, f"QR: {url}")
    return Response(body, media_type="image/svg+xml", headers={"Cache-Control": IMAGE_CACHE})


@router.get("/v/{code:path}", summary="Verification page of a code (HTML)", response_class=HTMLResponse)
def verification_page(
    request: Request, session: SessionDep, catalog: CatalogDep, settings: SettingsDep, code: CodePath
) -> Response:
    """Status in large letters, the public facts, a map of the boundary and the QR code; 404 page when
    the code does not exist. A code typed in another form is redirected to its canonical URL."""
    normal = _normalised(code)
    if normal is None:
        return HTMLResponse(render_missing(code), status_code=404, headers=PAGE_HEADERS)
    if normal != code:
        return RedirectResponse(page_path(normal), status_code=308)
    layer = catalog.get(LAYER_ID)
    found = verify(session, layer, normal)
    if found is None:
        return HTMLResponse(render_missing(code), status_code=404, headers=PAGE_HEADERS)
    path = page_path(normal)
    html = render_found(
        found,
        layer,
        page_url=base_url(request, settings) + path,
        qr_png=f"{path}/qr.png",
        qr_svg=f"{path}/qr.svg",
    )
    return HTMLResponse(html, headers=PAGE_HEADERS)
