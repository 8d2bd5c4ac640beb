"""The admin API's view of accounts: everything but the password hash."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gisapp.schemas.auth import MAX_PASSWORD_INPUT, ScopeUnitOut

Role = Literal["admin", "agri_officer", "env_officer", "viewer"]
Level = Literal["commune", "province"]
CodeList = list[str]


class AccountOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    level: str | None
    provinces: list[str]
    communes: list[str]
    scope: list[ScopeUnitOut] = Field(description="The provinces and communes in scope, with names")
    is_active: bool
    locked_until: datetime | None = Field(description="Set while repeated failed sign-ins lock the account")
    created_at: datetime
    password_changed_at: datetime


class AccountsOut(BaseModel):
    users: list[AccountOut]


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=256, examples=["canbo.xa"])
    display_name: str = Field(max_length=400)
    password: str = Field(max_length=MAX_PASSWORD_INPUT, description="At least 10 characters")
    role: Role
    level: Level | None = None
    provinces: CodeList = Field(default_factory=list, max_length=100, examples=[["68"]])
    communes: CodeList = Field(default_factory=list, max_length=500)


class AccountPatch(BaseModel):
    """Only the fields sent change; `password` resets it (and ends the account's sessions)."""

    model_config = ConfigDict(extra="forbid")

    display_name: str | None = Field(default=None, max_length=400)
    role: Role | None = None
    level: Level | None = None
    provinces: CodeList | None = Field(default=None, max_length=100)
    communes: CodeList | None = Field(default=None, max_length=500)
    is_active: bool | None = None
    password: str | None = Field(default=None, max_length=MAX_PASSWORD_INPUT)


class AdminUnitOut(BaseModel):
    level: str = Field(description="province or commune")
    code: str
    name: str


class AdminUnitsOut(BaseModel):
    units: list[AdminUnitOut]
