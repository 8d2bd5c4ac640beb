"""Sign-in requests and answers: never a password hash, never a token's stored form."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Generous bounds: anything inside them that is not a valid account simply fails to sign in (401);
# only absurd sizes are refused before any lookup (400).
MAX_USERNAME_INPUT = 256
MAX_PASSWORD_INPUT = 1024


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=MAX_USERNAME_INPUT)
    password: str = Field(max_length=MAX_PASSWORD_INPUT)


class ScopeUnitOut(BaseModel):
    level: str = Field(description="province or commune")
    code: str
    name: str
    unit_type: str = Field(description="Tỉnh, Thành phố, Xã, Phường or Đặc khu")


class UserOut(BaseModel):
    """The signed-in user as the map shows them."""

    id: int
    username: str
    display_name: str
    role: str
    level: str | None
    scope: list[ScopeUnitOut]


class SessionOut(BaseModel):
    """Who is signed in, and the CSRF token their page must send on state-changing requests."""

    user: UserOut
    csrf_token: str | None = Field(description="Send as X-CSRF-Token on POST/PUT/PATCH/DELETE (cookie only)")
    via: Literal["cookie", "bearer"]


class CurrentSessionOut(BaseModel):
    """For pages: `session` is null when nobody is signed in (a 200: asking is not an error)."""

    session: SessionOut | None


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (the OAuth2 token type, not a secret)
    expires_in: int = Field(description="Seconds until the token expires")
