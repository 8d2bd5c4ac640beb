"""Public vector tiles answered in front of FastAPI: the map's hot path with nothing else on it.

A map asks for tiles by the hundred, and at z14-z15 a tile costs PostgreSQL less than FastAPI's
telemetry check, routing, dependency solving, validation and middleware cost Python. This ASGI
wrapper, in front of everything else (app.GisappAPI), answers the one common shape of request that
needs none of them: `GET` or `HEAD` of a public layer's WebMercatorQuad tile with no query string.
Everything else (other URLs, `?f=`, staff-only layers, zooms out of range, any failure) goes to the
application unchanged, so the OGC route in api/ogc_tiles.py stays the reference for errors and the
two answer a tile with the same bytes and headers. HEAD and cross-origin reads get what the layers
behind it (api/head_requests.py, api/ogc_cors.py) would give them, through the same adapters; a
plain GET, every tile of the map's own page, pays for neither layer.
"""

from __future__ import annotations

import logging
import re

from starlette.datastructures import State
from starlette.types import ASGIApp, Receive, Scope, Send

from gisapp.api.errors import error_response
from gisapp.api.head_requests import headers_only
from gisapp.api.ogc_cors import READS, with_read_grant
from gisapp.api.tile_answer import TileAnswer, tile_answer
from gisapp.catalog import Layer
from gisapp.errors import DatabaseBusy
from gisapp.services.layer_versions import known_tag
from gisapp.services.tile_delivery import TileDelivery
from gisapp.services.tile_matrix import TILE_MATRIX_SET_ID, check_layer_zoom, tile_bounds
from gisapp.settings import Settings

TILE_PATH = re.compile(
    rf"/ogc/collections/([\w-]+)/tiles/{TILE_MATRIX_SET_ID}/(\d{{1,2}})/(\d{{1,9}})/(\d{{1,9}})"
)
log = logging.getLogger("gisapp.tiles")


class TileFastPath:
    """In front of the whole app (app.GisappAPI), so a tile request touches no other layer of it;
    `state` is the app's, where the lifespan puts the catalog, settings and tile delivery."""

    def __init__(self, app: ASGIApp, state: State) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in READS or scope["query_string"]:
            return await self.app(scope, receive, send)
        match = TILE_PATH.fullmatch(scope["path"])
        state = self.state
        delivery: TileDelivery | None = getattr(state, "tile_delivery", None)
        layer = state.catalog.find(match.group(1)) if match else None
        if match is None or layer is None or layer.staff_only or delivery is None:
            return await self.app(scope, receive, send)
        if_none_match = accept_encoding = b""
        cross_origin = False
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value
            elif name == b"accept-encoding":
                accept_encoding = value
            elif name == b"origin":
                cross_origin = True
        out = headers_only(send) if scope["method"] == "HEAD" else send
        out = with_read_grant(out) if cross_origin else out
        try:
            answer = await _answer(layer, match, if_none_match, accept_encoding, delivery, state.settings)
        except DatabaseBusy as busy:  # asking again through the route would wait as long again
            log.warning("tile %s: %s", scope["path"], busy.message)
            return await error_response(busy)(scope, receive, out)
        except Exception:  # out of range, database trouble: the OGC route words (and logs) the error
            return await self.app(scope, receive, send)
        await out({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
        await out({"type": "http.response.body", "body": answer.body})


async def _answer(
    layer: Layer,
    match: re.Match[str],
    if_none_match: bytes,
    accept_encoding: bytes,
    delivery: TileDelivery,
    settings: Settings,
) -> TileAnswer:
    z, y, x = int(match.group(2)), int(match.group(3)), int(match.group(4))
    bounds = tile_bounds(z, y, x)
    check_layer_zoom(layer, z)
    sent = known_tag(layer, if_none_match.decode("latin-1"))
    known = sent.version if sent else None
    tile = await delivery.tile(layer, bounds, known, extent=settings.tile_extent, buffer=settings.tile_buffer)
    gzip = b"gzip" in accept_encoding
    return tile_answer(layer, bounds, tile, sent=sent, accepts_gzip=gzip, delivery=delivery)
