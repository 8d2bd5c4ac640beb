"""HEAD answered as GET without the body (RFC 9110 9.3.2: every general-purpose server supports it).

FastAPI's routes take only the methods they name, so `curl -I`, link checkers and caches that
probe with HEAD got a 405 from every page, feature and tile. Running the GET and dropping its body
gives exactly the headers a GET would get (status, ETag, Content-Length, Content-Encoding), with no
second implementation to drift from it. The server keeps its own view of the request as HEAD, so it
sends no body either way.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """In front of everything (app.GisappAPI), so the tile fast path answers HEAD as it answers GET."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def send_headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):  # a streamed body: only its end is passed on
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
