"""Sign-in sessions (cookie, with a CSRF token) and API tokens (bearer).

Only the sha256 of a token is stored, so a copy of the table signs nobody in. A token is checked
against its kind, its expiry and its user's active flag on every request, so disabling an account
or letting a token expire takes effect at once; scope changes too, as the user row is read each time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Literal

from sqlalchemy import DateTime, String, bindparam, delete, select
from sqlalchemy.orm import Session

from gisapp.errors import Forbidden
from gisapp.models import AuthToken, User
from gisapp.services.driver_sql import DriverQuery, driver_sql, fetch_rows_in
from gisapp.services.principal import Principal
from gisapp.services.read_pool import Reader

Kind = Literal["cookie", "bearer"]
MAX_TOKEN_LENGTH = 200  # ours are 43 characters; anything far longer is not worth hashing


@dataclass(frozen=True)
class IssuedToken:
    """A new token as the client gets it: the secret itself exists only here."""

    token: str
    csrf_token: str | None
    expires_at: datetime
    lifetime_s: int


@dataclass(frozen=True)
class Caller:
    """A resolved token: who it signs in, and what a cookie session's unsafe requests must echo."""

    principal: Principal
    token_hash: str
    csrf_token: str | None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(session: Session, user_id: int, kind: Kind, lifetime: timedelta) -> IssuedToken:
    """A new session or API token; expired ones are purged on the way, so no scheduler is needed."""
    purge_expired(session)
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32) if kind == "cookie" else None
    expires_at = datetime.now(UTC) + lifetime
    session.add(
        AuthToken(
            token_hash=token_hash(token), user_id=user_id, kind=kind, csrf_token=csrf, expires_at=expires_at
        )
    )
    session.flush()
    return IssuedToken(token, csrf, expires_at, int(lifetime.total_seconds()))


def resolve(session: Session, token: str, kind: Kind) -> Caller | None:
    """The caller a token signs in, or None when it is unknown, expired, of the other kind or disabled."""
    query = _caller_query(token, kind)
    return _caller_in(fetch_rows_in(session, query), kind) if query else None


async def read_caller(reader: Reader, token: str, kind: Kind) -> Caller | None:
    """`resolve` through the async read pool: every signed-in request asks it, and a thread hop with
    an ORM session cost more than the rest of a typical request."""
    query = _caller_query(token, kind)
    return _caller_in(await reader.fetch_rows(query), kind) if query else None


@cache
def _caller_sql() -> str:
    columns: list[Any] = [
        User.id,
        User.username,
        User.display_name,
        User.role,
        User.level,
        User.scope_provinces,
        User.scope_communes,
        AuthToken.token_hash,
        AuthToken.csrf_token,
    ]
    return driver_sql(
        select(*columns)
        .join(AuthToken, AuthToken.user_id == User.id)
        .where(
            AuthToken.token_hash == bindparam("token_hash", type_=String),
            AuthToken.kind == bindparam("kind", type_=String),
            AuthToken.expires_at > bindparam("now", type_=DateTime(timezone=True)),
            User.is_active,
        )
    )


def _caller_query(token: str, kind: Kind) -> DriverQuery | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    values = {"token_hash": token_hash(token), "kind": kind, "now": datetime.now(UTC)}
    return DriverQuery(_caller_sql(), values)


def _caller_in(rows: Sequence[tuple[Any, ...]], kind: Kind) -> Caller | None:
    if not rows:
        return None
    user_id, username, display_name, role, level, provinces, communes, stored_hash, csrf = rows[0]
    principal = Principal(
        user_id=user_id,
        username=username,
        display_name=display_name,
        role=role,
        level=level,
        provinces=frozenset(provinces or ()),
        communes=frozenset(communes or ()),
        via=kind,
    )
    return Caller(principal, stored_hash, csrf)


def principal_of(user: User, via: Kind) -> Principal:
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        level=user.level,
        provinces=frozenset(user.scope_provinces or ()),
        communes=frozenset(user.scope_communes or ()),
        via=via,
    )


def check_csrf(caller: Caller, sent: str | None) -> None:
    """A cookie session's state-changing request must echo its CSRF token (another site cannot read it)."""
    if caller.principal.via != "cookie":
        return
    if (
        not sent
        or not caller.csrf_token
        or not hmac.compare_digest(sent.encode(), caller.csrf_token.encode())
    ):
        raise Forbidden(
            "Thiếu hoặc sai mã chống giả mạo (header X-CSRF-Token); hãy tải lại trang / Missing or wrong "
            "X-CSRF-Token header for this signed-in session; reload the page.",
            parameter="X-CSRF-Token",
        )


def revoke(session: Session, hashed: str) -> None:
    session.execute(delete(AuthToken).where(AuthToken.token_hash == hashed))


def revoke_token(session: Session, token: str) -> None:
    """Revoke a token given as the client holds it (unknown tokens are ignored)."""
    if token and len(token) <= MAX_TOKEN_LENGTH:
        revoke(session, token_hash(token))


def revoke_all(session: Session, user_id: int) -> int:
    """End every session and token of a user (password change, disabled account)."""
    return session.execute(delete(AuthToken).where(AuthToken.user_id == user_id)).rowcount  # type: ignore[attr-defined,no-any-return]


def purge_expired(session: Session) -> int:
    """Delete expired tokens (they are already refused; this only keeps the table small)."""
    result = session.execute(delete(AuthToken).where(AuthToken.expires_at <= datetime.now(UTC)))
    return result.rowcount  # type: ignore[attr-defined,no-any-return]
