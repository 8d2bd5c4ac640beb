"""Typed dependencies: handlers receive domain objects or the request ends in a 404."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyCookie, OAuth2PasswordBearer
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from gisapp.catalog import Catalog, Layer
from gisapp.errors import NotAuthenticated, NotFound
from gisapp.services import authorization, tokens
from gisapp.services.passwords import Passwords
from gisapp.services.principal import Principal
from gisapp.services.read_pool import Reader
from gisapp.services.tile_delivery import TileDelivery
from gisapp.settings import Settings

SESSION_COOKIE = "gisapp_session"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


# Cheap lookups are `async def` so FastAPI runs them on the event loop, not one thread hop each.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_catalog(request: Request) -> Catalog:
    catalog: Catalog = request.app.state.catalog
    return catalog


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


async def get_tile_delivery(request: Request) -> TileDelivery:
    delivery: TileDelivery = request.app.state.tile_delivery
    return delivery


async def get_reader(request: Request) -> Reader:
    """The async read pool of the hot paths (tiles, public lookups)."""
    reader: Reader = request.app.state.reader
    return reader


def get_write_session(request: Request) -> Iterator[Session]:
    """A transaction for one request's writes: committed when the handler returns, else rolled back."""
    with request.app.state.write_session_factory() as session, session.begin():
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
# Row ids are 32-bit: a larger number is refused as a bad parameter, never sent to PostgreSQL.
RowId = Annotated[int, Path(ge=1, le=2_147_483_647, description="Whole-number id of the record")]
# scope="function": commit before the response is sent, so a failed commit is never answered 2xx.
WriteSessionDep = Annotated[Session, Depends(get_write_session, scope="function")]
TileDeliveryDep = Annotated[TileDelivery, Depends(get_tile_delivery)]
ReaderDep = Annotated[Reader, Depends(get_reader)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
SessionDep = Annotated[Session, Depends(get_session)]


async def get_layer(
    request: Request,
    catalog: CatalogDep,
    collection_id: Annotated[str, Path(alias="collectionId", description="Layer id, e.g. growing_areas")],
) -> Layer:
    """The layer; a staff-only one answers 404 to anonymous callers, as if it did not exist."""
    layer = catalog.get(collection_id)
    if layer.staff_only and not await _signed_in(request):
        raise NotFound(f"No collection '{collection_id}' for anonymous callers: sign in to see it.")
    return layer


async def _signed_in(request: Request) -> bool:
    """Resolved only for staff-only layers, so public tile requests never pay a token lookup."""
    authorization = request.headers.get("authorization", "")
    bearer = authorization[7:].strip() if authorization[:7].lower() == "bearer " else None
    cookie = request.cookies.get(SESSION_COOKIE)
    reader: Reader = request.app.state.reader
    if bearer:
        return await tokens.read_caller(reader, bearer, "bearer") is not None
    return cookie is not None and await tokens.read_caller(reader, cookie, "cookie") is not None


LayerDep = Annotated[Layer, Depends(get_layer)]


def base_url(request: Request, settings: Settings) -> str:
    """Where clients reach us: the configured public URL, else what the request says."""
    return settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")


# Declared as security schemes so /docs offers "Authorize" (bearer, via /api/auth/token) and shows the cookie.
_bearer_scheme = OAuth2PasswordBearer(tokenUrl="/api/auth/token", auto_error=False)
_cookie_scheme = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="Set by /api/auth/login")


async def get_caller(
    reader: ReaderDep,
    bearer: Annotated[str | None, Depends(_bearer_scheme)],
    cookie: Annotated[str | None, Depends(_cookie_scheme)],
) -> tokens.Caller | None:
    """Whoever the request's token signs in. A bad bearer token is refused (its sender expects to be
    signed in); a stale cookie just makes the request anonymous, so public pages keep working."""
    if bearer is not None:
        caller = await tokens.read_caller(reader, bearer, "bearer")
        if caller is None:
            raise NotAuthenticated(
                "Mã truy cập không hợp lệ hoặc đã hết hạn / The bearer token is invalid or has expired."
            )
        return caller
    return await tokens.read_caller(reader, cookie, "cookie") if cookie else None


CallerDep = Annotated[tokens.Caller | None, Depends(get_caller)]


async def get_principal(caller: CallerDep) -> Principal | None:
    return caller.principal if caller else None


async def require_user(
    request: Request,
    caller: CallerDep,
    csrf: Annotated[str | None, Header(alias="X-CSRF-Token", include_in_schema=False)] = None,
) -> Principal:
    """A signed-in caller; cookie sessions must also echo their CSRF token on state-changing methods."""
    if caller is None:
        raise NotAuthenticated("Cần đăng nhập / Sign in first.")
    if request.method in UNSAFE_METHODS:
        tokens.check_csrf(caller, csrf)
    return caller.principal


OptionalUser = Annotated[Principal | None, Depends(get_principal)]
CurrentUser = Annotated[Principal, Depends(require_user)]


async def require_admin(principal: CurrentUser) -> Principal:
    authorization.require_admin(principal)
    return principal


AdminUser = Annotated[Principal, Depends(require_admin)]


def get_passwords(settings: SettingsDep) -> Passwords:
    """Plain `def`: the first call per process computes a hash, which must not block the event loop."""
    return Passwords.for_settings(settings)


PasswordsDep = Annotated[Passwords, Depends(get_passwords)]


Model = TypeVar("Model", bound=BaseModel)


def json_body(model: type[Model]) -> Callable[[Request], Awaitable[Model]]:
    """A JSON body read by a dependency, so that listed after `CurrentUser`/`AdminUser` an anonymous
    write gets its 401 before the body is even parsed (FastAPI parses declared bodies first)."""

    async def parse(request: Request) -> Model:
        try:
            return model.model_validate_json(await request.body())
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_input=False, include_url=False)) from None

    return parse


def json_body_openapi(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI request body of a `json_body` route (FastAPI cannot see it).

    Nested models are inlined: pydantic's `#/$defs/...` references would not resolve inside the
    OpenAPI document.
    """
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})
    body = {"schema": _inlined(schema, definitions)}
    return {"requestBody": {"required": True, "content": {"application/json": body}}}


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            return _inlined(definitions[reference.removeprefix("#/$defs/")], definitions)
        return {key: _inlined(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inlined(item, definitions) for item in node]
    return node
