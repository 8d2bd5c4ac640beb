"""Cross-origin reads of the OGC API (CORS), so web maps on other sites can use gisapp's layers.

A provincial portal or a MapLibre/OpenLayers page elsewhere reads `/ogc` documents, features and
tiles from the browser; without `Access-Control-Allow-Origin` the browser hides every answer from
it. Only reads of `/ogc` are opened, to any origin and without credentials: a browser then sends no
cookie, so a cross-origin page sees exactly what an anonymous visitor sees, never a staff-only
layer. The map's own `/api` stays same-origin. ETag is exposed, so such a client can revalidate.

Tiles are what such a client reads most: the tile fast path, in front of this (app.GisappAPI), adds
the grant to the tiles it answers itself with `with_read_grant`. A request without an `Origin`
header, as every tile of the map's own page, passes on untouched.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

OGC_PREFIX = "/ogc"
READS = frozenset({"GET", "HEAD"})
ALLOWED_REQUEST_HEADERS = frozenset({"accept", "accept-language", "if-none-match", "if-modified-since"})
PREFLIGHT_MAX_AGE_S = 86_400
_ALLOW_ORIGIN = (b"access-control-allow-origin", b"*")
_EXPOSE = (b"access-control-expose-headers", b"ETag")  # the safelisted ones need no mention


class OgcCors:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_ogc(scope["path"]):
            return await self.app(scope, receive, send)
        origin = requested_method = requested_headers = None
        for name, value in scope["headers"]:
            if name == b"origin":
                origin = value
            elif name == b"access-control-request-method":
                requested_method = value.decode("latin-1")
            elif name == b"access-control-request-headers":
                requested_headers = value.decode("latin-1")
        if origin is None:
            return await self.app(scope, receive, send)
        if scope["method"] == "OPTIONS" and requested_method is not None:
            return await _preflight(requested_method, requested_headers, send)
        if scope["method"] not in READS:
            return await self.app(scope, receive, send)
        await self.app(scope, receive, with_read_grant(send))


def with_read_grant(send: Send) -> Send:
    """`send` adding the cross-origin read grant to the answer's headers."""

    async def send_with_cors(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), _ALLOW_ORIGIN, _EXPOSE]}
        await send(message)

    return send_with_cors


def _is_ogc(path: str) -> bool:
    return path == OGC_PREFIX or path.startswith(OGC_PREFIX + "/")


async def _preflight(method: str, headers: str | None, send: Send) -> None:
    """204 with the grant when the page asks to read with plain headers; a 403 without any grant
    otherwise, so the browser refuses the request and says which header or method was not allowed."""
    asked = {h.strip().lower() for h in (headers or "").split(",") if h.strip()}
    if method.upper() in READS and asked <= ALLOWED_REQUEST_HEADERS:
        grant = [
            _ALLOW_ORIGIN,
            (b"access-control-allow-methods", b"GET, HEAD"),
            (b"access-control-allow-headers", ", ".join(sorted(ALLOWED_REQUEST_HEADERS)).encode()),
            (b"access-control-max-age", str(PREFLIGHT_MAX_AGE_S).encode()),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": grant})
    else:
        await send({"type": "http.response.start", "status": 403, "headers": [(b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
