"""The admin API for accounts (admins only): list, create, change, disable, reset passwords."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from gisapp.api.deps import (
    AdminUser,
    PasswordsDep,
    SessionDep,
    WriteSessionDep,
    json_body,
    json_body_openapi,
)
from gisapp.models import User
from gisapp.schemas.auth import ScopeUnitOut
from gisapp.schemas.users import AccountIn, AccountOut, AccountPatch, AccountsOut
from gisapp.services import accounts, admin_units

router = APIRouter(prefix="/api/users", tags=["Accounts"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not signed in"},
    403: {"description": "Not an admin, or a cookie session without X-CSRF-Token"},
}


@router.get("", response_model=AccountsOut, responses=ERRORS, summary="All accounts")
def list_users(admin: AdminUser, session: SessionDep) -> AccountsOut:
    return AccountsOut(users=[account_out(session, user) for user in accounts.list_accounts(session)])


@router.post(
    "",
    status_code=201,
    response_model=AccountOut,
    responses=ERRORS,
    openapi_extra=json_body_openapi(AccountIn),
    summary="Create an account",
)
def create_user(
    admin: AdminUser,
    body: Annotated[AccountIn, Depends(json_body(AccountIn))],
    session: WriteSessionDep,
    passwords: PasswordsDep,
) -> AccountOut:
    new = accounts.NewAccount(
        body.username, body.display_name, body.password, body.role, body.level, body.provinces, body.communes
    )
    return account_out(session, accounts.create_account(session, new, passwords))


@router.patch(
    "/{user_id}",
    response_model=AccountOut,
    responses=ERRORS,
    openapi_extra=json_body_openapi(AccountPatch),
    summary="Change an account",
)
def update_user(
    user_id: int,
    admin: AdminUser,
    body: Annotated[AccountPatch, Depends(json_body(AccountPatch))],
    session: WriteSessionDep,
    passwords: PasswordsDep,
) -> AccountOut:
    """Display name, role, level, scope, `is_active` and `password` (a reset); fields not sent stay."""
    changes = accounts.AccountChanges(
        display_name=body.display_name,
        role=body.role,
        level=body.level if "level" in body.model_fields_set else accounts.KEEP,
        provinces=body.provinces,
        communes=body.communes,
        is_active=body.is_active,
        password=body.password,
    )
    user = accounts.update_account(session, accounts.get_account(session, user_id), changes, passwords)
    return account_out(session, user)


def account_out(session: Session, user: User) -> AccountOut:
    units = admin_units.scope_units(session, user.scope_provinces, user.scope_communes)
    return AccountOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        level=user.level,
        provinces=list(user.scope_provinces),
        communes=list(user.scope_communes),
        scope=[ScopeUnitOut(level=u.level, code=u.code, name=u.name, unit_type=u.unit_type) for u in units],
        is_active=user.is_active,
        locked_until=user.locked_until if accounts.is_locked(user) else None,
        created_at=user.created_at,
        password_changed_at=user.password_changed_at,
    )
