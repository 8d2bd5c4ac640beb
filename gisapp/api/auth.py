"""Sign-in: a cookie session for the web pages, bearer tokens for API clients, sign-out, who am I."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from gisapp.api.deps import (
    SESSION_COOKIE,
    CallerDep,
    CurrentUser,
    PasswordsDep,
    SessionDep,
    SettingsDep,
    WriteSessionDep,
)
from gisapp.api.errors import error_response
from gisapp.errors import InvalidParameter, NotAuthenticated
from gisapp.models import User
from gisapp.schemas.auth import (
    MAX_PASSWORD_INPUT,
    MAX_USERNAME_INPUT,
    CurrentSessionOut,
    LoginIn,
    ScopeUnitOut,
    SessionOut,
    TokenOut,
    UserOut,
)
from gisapp.services import admin_units, sign_in, tokens
from gisapp.services.passwords import Passwords
from gisapp.services.principal import Principal
from gisapp.settings import Settings

router = APIRouter(prefix="/api/auth", tags=["Sign-in"])
NO_STORE = "no-store"
REFUSED: dict[int | str, dict[str, Any]] = {
    401: {"description": "Wrong username or password, or a locked or disabled account (one answer)"}
}
# The OAuth2 password form, declared by hand: it is parsed without the python-multipart dependency.
PASSWORD_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {
                        "grant_type": {"type": "string", "enum": ["password"]},
                        "username": {"type": "string", "maxLength": MAX_USERNAME_INPUT},
                        "password": {"type": "string", "format": "password", "maxLength": MAX_PASSWORD_INPUT},
                    },
                }
            }
        },
    }
}


def _authenticate(
    session: Session, given: LoginIn, settings: Settings, passwords: Passwords
) -> User | NotAuthenticated:
    """One sign-in check for the cookie and the token routes, with the same lock policy."""
    policy = sign_in.LockPolicy.from_settings(settings)
    return sign_in.authenticate(session, given.username, given.password, policy, passwords)


async def password_form(request: Request) -> LoginIn:
    """RFC 6749 §4.3: `grant_type=password&username=…&password=…`, form-encoded."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise InvalidParameter("Send an application/x-www-form-urlencoded form.", parameter="content-type")
    try:
        text = (await request.body()).decode("utf-8")
        fields = parse_qs(text, keep_blank_values=True, max_num_fields=10, strict_parsing=False)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidParameter("The form is not valid UTF-8 form data.") from exc
    if fields.get("grant_type", ["password"])[0] != "password":
        raise InvalidParameter("Only grant_type=password is supported.", parameter="grant_type")
    values = {name: fields.get(name, [""])[0] for name in ("username", "password")}
    for name, limit in (("username", MAX_USERNAME_INPUT), ("password", MAX_PASSWORD_INPUT)):
        if not values[name] or len(values[name]) > limit:
            raise InvalidParameter(
                f"Parameter '{name}' is required (at most {limit} characters).", parameter=name
            )
    return LoginIn(**values)


@router.post("/login", response_model=SessionOut, responses=REFUSED, summary="Sign in (cookie session)")
def login(
    body: LoginIn,
    request: Request,
    response: Response,
    session: WriteSessionDep,
    settings: SettingsDep,
    passwords: PasswordsDep,
) -> SessionOut | JSONResponse:
    """Sets the HttpOnly `gisapp_session` cookie and returns the user with the CSRF token to send back."""
    user = _authenticate(session, body, settings, passwords)
    if isinstance(user, NotAuthenticated):
        return error_response(user)  # returned, not raised: the failure count must be committed
    tokens.revoke_token(session, request.cookies.get(SESSION_COOKIE, ""))
    issued = tokens.issue(session, user.id, "cookie", timedelta(hours=settings.session_hours))
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=issued.lifetime_s,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )
    response.headers["Cache-Control"] = NO_STORE
    return session_out(session, tokens.principal_of(user, "cookie"), issued.csrf_token)


@router.post(
    "/token", response_model=TokenOut, responses=REFUSED, openapi_extra=PASSWORD_FORM, summary="API token"
)
def token(
    form: Annotated[LoginIn, Depends(password_form)],
    response: Response,
    session: WriteSessionDep,
    settings: SettingsDep,
    passwords: PasswordsDep,
) -> TokenOut | JSONResponse:
    """OAuth2 password grant: a bearer token for `Authorization: Bearer …`, valid `expires_in` seconds."""
    user = _authenticate(session, form, settings, passwords)
    if isinstance(user, NotAuthenticated):
        return error_response(user)
    issued = tokens.issue(session, user.id, "bearer", timedelta(minutes=settings.bearer_token_minutes))
    response.headers["Cache-Control"] = NO_STORE
    return TokenOut(access_token=issued.token, expires_in=issued.lifetime_s)


@router.post("/logout", status_code=204, summary="Sign out (ends this session or token)")
def logout(principal: CurrentUser, caller: CallerDep, session: WriteSessionDep) -> Response:
    """Cookie sessions must send X-CSRF-Token, so another site cannot sign a user out."""
    if caller is not None:
        tokens.revoke(session, caller.token_hash)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


@router.get("/me", response_model=SessionOut, summary="The signed-in user (401 when anonymous)")
def me(principal: CurrentUser, caller: CallerDep, session: SessionDep, response: Response) -> SessionOut:
    response.headers["Cache-Control"] = NO_STORE
    return session_out(session, principal, caller.csrf_token if caller else None)


@router.get("/session", response_model=CurrentSessionOut, summary="The signed-in user, or null")
def current_session(caller: CallerDep, session: SessionDep, response: Response) -> CurrentSessionOut:
    """What a page asks on load: a 200 either way, as being signed out is no error."""
    response.headers["Cache-Control"] = NO_STORE
    if caller is None:
        return CurrentSessionOut(session=None)
    return CurrentSessionOut(session=session_out(session, caller.principal, caller.csrf_token))


def session_out(session: Session, principal: Principal, csrf_token: str | None) -> SessionOut:
    units = admin_units.scope_units(session, principal.provinces, principal.communes)
    user = UserOut(
        id=principal.user_id,
        username=principal.username,
        display_name=principal.display_name,
        role=principal.role,
        level=principal.level,
        scope=[ScopeUnitOut(level=u.level, code=u.code, name=u.name, unit_type=u.unit_type) for u in units],
    )
    return SessionOut(user=user, csrf_token=csrf_token, via=principal.via)
