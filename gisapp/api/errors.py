"""The one place that turns errors into HTTP answers; a 500 never shows its cause to the client."""

from __future__ import annotations

import logging
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gisapp.errors import GisappError

log = logging.getLogger("gisapp.errors")


def _body(code: str, description: str, **extra: object) -> dict[str, object]:
    """OGC API exception shape: `code` and `description`, plus anything that helps fix the call."""
    return {"code": code, "description": description, **{k: v for k, v in extra.items() if v is not None}}


def error_response(exc: GisappError) -> JSONResponse:
    """The answer for a domain error; also returned directly where a handler must not raise."""
    headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else {}
    headers |= exc.headers
    body = _body(exc.code, exc.message, parameter=exc.parameter, **exc.details)
    return JSONResponse(body, status_code=exc.status_code, headers=headers)


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, GisappError):
        return await _unexpected(request, exc)
    if exc.status_code == 500:  # a fault of ours: logged with an id, details kept from the client
        return await _unexpected(request, exc)
    if exc.status_code > 500:  # busy or unavailable: the message says so and when to come back
        log.warning("request %s %s: %s", request.method, request.url.path, exc.message)
    return error_response(exc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, RequestValidationError):
        return await _unexpected(request, exc)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    location = [str(part) for part in first.get("loc", ())]
    parameter = location[-1] if location else None
    message = f"Parameter '{parameter}': {first.get('msg')}" if parameter else str(first.get("msg"))
    return JSONResponse(_body("invalid_parameter", message, parameter=parameter), status_code=400)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):
        return await _unexpected(request, exc)
    code = "not_found" if exc.status_code == 404 else "http_error"
    description = f"Nothing at {request.url.path}." if exc.status_code == 404 else str(exc.detail)
    return JSONResponse(_body(code, description), status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    request_id = uuid.uuid4().hex[:12]
    log.error("request %s %s failed (id %s)", request.method, request.url.path, request_id, exc_info=exc)
    return JSONResponse(
        _body(
            "internal_error",
            "Something went wrong on the server; the error has been logged.",
            request_id=request_id,
        ),
        status_code=500,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(GisappError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
