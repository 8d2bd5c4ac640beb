"""No text PostgreSQL keeps may hold a NUL character: psycopg refuses to send one, which surfaced as a
500 wherever a query parameter or a JSON field reached the database unchecked. Every request passes
here first; one holding a NUL gets an answer that names the parameter or the field.

Multipart form fields are checked where they are parsed (services/uploads.py). Sign-in bodies are
left to the sign-in endpoints, which answer every name that is no account's, NUL or not, with the
same 401."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gisapp.api.errors import error_response
from gisapp.errors import NUL_REFUSED, GisappError, InvalidInput, InvalidParameter

ENCODED_NUL = b"%00"
JSON_NUL = b"\\u0000"  # a raw NUL byte is not valid JSON, so the parsers already refuse it
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
SIGN_IN = "/api/auth/"
SCAN_BYTES = 8 * 1024 * 1024  # above every JSON body an endpoint takes (a feature: 5 MB)


def nul_in_query(query: bytes) -> GisappError | None:
    """The first query parameter (name or value) holding a NUL, as the error to answer."""
    if ENCODED_NUL not in query:
        return None
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            shown = name.replace("\x00", "\\x00")
            return InvalidParameter(
                f"Tham số '{shown}' chứa ký tự NUL / Parameter '{shown}' {NUL_REFUSED}", parameter=shown
            )
    return None


def nul_in_json(body: bytes) -> GisappError | None:
    """The first JSON field (key or string value) holding a NUL, by its path (`properties.name`)."""
    if JSON_NUL not in body:
        return None
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None  # not JSON after all: the handler says what is wrong with it
    path = _nul_path(document, "")
    if path is None:
        return None
    where = path or "(the body)"
    return InvalidInput(f"Trường '{where}' chứa ký tự NUL / Field '{where}' {NUL_REFUSED}")


def _nul_path(value: Any, path: str) -> str | None:
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}.{key}" if path else str(key)
            if "\x00" in key:
                return inner.replace("\x00", "\\u0000")
            found = _nul_path(item, inner)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_path(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


class NulGuard:
    """ASGI middleware: query strings always; JSON bodies (any body but a multipart upload's that
    holds an escaped NUL), read once and handed on unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = nul_in_query(scope.get("query_string", b""))
        if problem is None and _body_to_check(scope):
            body, receive = await _read_body(receive)
            problem = None if body is None else nul_in_json(body)
        if problem is not None:
            await error_response(problem)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _body_to_check(scope: Scope) -> bool:
    if scope["method"] not in WITH_BODY or scope["path"].startswith(SIGN_IN):
        return False
    headers = dict(scope["headers"])
    length = headers.get(b"content-length", b"0")
    if length.isdigit() and int(length) > SCAN_BYTES:  # the endpoint refuses it without reading it all
        return False
    return not headers.get(b"content-type", b"").lower().startswith(b"multipart/")


async def _read_body(receive: Receive) -> tuple[bytes | None, Receive]:
    """The whole body (None past SCAN_BYTES, read no further) and a `receive` that gives what was
    read again before anything that follows, so the endpoint's own size limit still applies."""
    read: list[Message] = []
    size = 0
    while True:
        message = await receive()
        read.append(message)
        if message["type"] != "http.request":  # the client left: pass that on
            return None, _replay(read, receive)
        size += len(message.get("body", b""))
        if size > SCAN_BYTES:
            return None, _replay(read, receive)
        if not message.get("more_body", False):
            break
    body = b"".join(m.get("body", b"") for m in read)
    return body, _replay([{"type": "http.request", "body": body, "more_body": False}], receive)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
