"""A web map on another site reads gisapp's OGC API in a real browser, which enforces CORS itself."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import morecantile
import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.phone import get_json

pytestmark = pytest.mark.browser

PORTAL_PAGE = "<!doctype html><title>Cổng thông tin tỉnh</title>".encode()


class _PortalPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PORTAL_PAGE)))
        self.end_headers()
        self.wfile.write(PORTAL_PAGE)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def another_origin() -> Iterator[str]:
    """A page on another port of this machine: another origin, yet not a public site reaching into
    loopback, which Chromium refuses whatever the headers say (Private Network Access)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PortalPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


READ = """async ([url, headers]) => {
    try {
        const response = await fetch(url, { headers });
        const size = (await response.arrayBuffer()).byteLength;
        return { status: response.status, etag: response.headers.get("ETag"), size };
    } catch (error) {
        return { refused: String(error) };
    }
}"""


def a_tile_with_areas(live_server: str) -> str:
    tilesets = get_json(f"{live_server}/ogc/collections/growing_areas/tiles/WebMercatorQuad")
    template = next(link["href"] for link in tilesets["links"] if link["rel"] == "item")
    area = get_json(f"{live_server}/ogc/collections/growing_areas/items?limit=1")["features"][0]
    lon, lat = area["geometry"]["coordinates"][0][0][0]
    tile = morecantile.tms.get("WebMercatorQuad").tile(lon, lat, 14)
    return str(template).format(tileMatrix=tile.z, tileRow=tile.y, tileCol=tile.x)


def test_a_page_elsewhere_reads_tiles_and_features_but_not_the_maps_api(
    chromium: Browser, live_server: str
) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        with another_origin() as portal:
            page.goto(portal)
            read_as_portal(page, live_server)
    finally:
        context.close()


def read_as_portal(page: Page, live_server: str) -> None:
    tile_url = a_tile_with_areas(live_server)
    tile: dict[str, Any] = page.evaluate(READ, [tile_url, {}])
    assert tile["status"] == 200 and tile["size"] > 0 and tile["etag"]
    # If-None-Match makes the browser ask first (a preflight); the 304 then reaches the page
    again: dict[str, Any] = page.evaluate(READ, [tile_url, {"If-None-Match": tile["etag"]}])
    assert again["status"] == 304

    items: dict[str, Any] = page.evaluate(
        READ, [f"{live_server}/ogc/collections/provinces/items?limit=1", {}]
    )
    assert items["status"] == 200

    hidden: dict[str, Any] = page.evaluate(READ, [f"{live_server}/api/layers", {}])
    assert "refused" in hidden  # the map's own API stays same-origin
