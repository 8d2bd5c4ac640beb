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
    """Behind the tile fast path (app.GisappAPI), which answers HEAD of a tile itself with
    `headers_only`, and in front of everything else."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)
        await self.app({**scope, "method": "GET"}, receive, headers_only(send))


def headers_only(send: Send) -> Send:
    """`send` passing the GET's status and headers on, and an empty body in place of its body."""

    async def send_headers_only(message: Message) -> None:
        if message["type"] != "http.response.body":
            await send(message)
        elif not message.get("more_body", False):  # a streamed body: only its end is passed on
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    return send_headers_only
