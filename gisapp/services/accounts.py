"""Staff accounts: create, list, change (name, role, scope, active flag, password).

Used by the admin API and the `gisapp user` command alike, so both apply the same rules
(`account_rules`). Disabling an account or changing its password ends its sessions and tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, NotFound
from gisapp.models import User
from gisapp.services import account_rules as rules
from gisapp.services import tokens
from gisapp.services.passwords import Passwords


class Keep(Enum):
    """Marks a field a change leaves as it is (where None is a meaningful new value)."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    password: str
    role: str
    level: str | None = None
    provinces: Sequence[str] = ()
    communes: Sequence[str] = ()


@dataclass(frozen=True)
class AccountChanges:
    """What to change; fields left at None (level: KEEP) stay as they are."""

    display_name: str | None = None
    role: str | None = None
    level: str | Keep | None = KEEP
    provinces: Sequence[str] | None = None
    communes: Sequence[str] | None = None
    is_active: bool | None = None
    password: str | None = None


def create_account(session: Session, new: NewAccount, passwords: Passwords) -> User:
    name = rules.username(new.username)
    scope = rules.scope(session, new.role, new.level, new.provinces, new.communes)
    user = User(
        username=name,
        display_name=rules.display_name(new.display_name),
        password_hash=passwords.hash(rules.password(new.password)),
        role=scope.role,
        level=scope.level,
        scope_provinces=list(scope.provinces),
        scope_communes=list(scope.communes),
    )
    if find_by_username(session, name) is not None:
        raise _taken(name)
    try:
        with session.begin_nested():  # a concurrent insert of the same name becomes a 409, not a 500
            session.add(user)
            session.flush()
    except IntegrityError as exc:
        raise _taken(name) from exc
    session.refresh(user)
    return user


def list_accounts(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def get_account(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"Không có tài khoản số {user_id} / No account with id {user_id}.")
    return user


def find_by_username(session: Session, username: str) -> User | None:
    return session.scalars(select(User).where(User.username == username)).first()


def account_by_username(session: Session, username: str) -> User:
    """The account with this name, or a 404 (for the command line, which names accounts)."""
    user = (
        find_by_username(session, username.strip().lower()) if rules.looks_like_username(username) else None
    )
    if user is None:
        raise NotFound(f"Không có tài khoản '{username[:64]}' / No account named '{username[:64]}'.")
    return user


def is_locked(user: User) -> bool:
    """Whether failed sign-ins lock the account right now."""
    return user.locked_until is not None and user.locked_until > datetime.now(UTC)


def update_account(session: Session, user: User, changes: AccountChanges, passwords: Passwords) -> User:
    """Apply changes after checking the whole resulting account, so a half-valid change changes nothing."""
    display_name = rules.display_name(changes.display_name) if changes.display_name is not None else None
    new_password = rules.password(changes.password) if changes.password is not None else None
    scope = rules.scope(
        session,
        changes.role if changes.role is not None else user.role,
        user.level if isinstance(changes.level, Keep) else changes.level,
        changes.provinces if changes.provinces is not None else user.scope_provinces,
        changes.communes if changes.communes is not None else user.scope_communes,
    )
    active = changes.is_active if changes.is_active is not None else user.is_active
    _keep_an_admin(session, user, scope.role, active)
    if display_name is not None:
        user.display_name = display_name
    user.role, user.level = scope.role, scope.level
    user.scope_provinces, user.scope_communes = list(scope.provinces), list(scope.communes)
    set_active(session, user, active=active)
    if new_password is not None:
        set_password(session, user, new_password, passwords)
    session.flush()
    return user


def set_active(session: Session, user: User, *, active: bool) -> None:
    if user.is_active and not active:
        _keep_an_admin(session, user, user.role, active)
        tokens.revoke_all(session, user.id)
    if active and not user.is_active:
        user.failed_logins, user.locked_until = 0, None
    user.is_active = active
    session.flush()


def set_password(session: Session, user: User, new_password: str, passwords: Passwords) -> None:
    """Store a new password; a reset also lifts a sign-in lock and ends every session of the account."""
    user.password_hash = passwords.hash(rules.password(new_password))
    user.password_changed_at = datetime.now(UTC)
    user.failed_logins, user.locked_until = 0, None
    tokens.revoke_all(session, user.id)
    session.flush()


def _keep_an_admin(session: Session, user: User, role: str, active: bool) -> None:
    """Refuse a change that would leave no active admin, since only an admin can repair that."""
    if not (user.role == "admin" and user.is_active) or (role == "admin" and active):
        return
    others = session.execute(
        select(func.count()).where(User.role == "admin", User.is_active, User.id != user.id)
    ).scalar_one()
    if not others:
        raise Conflict(
            "Phải còn ít nhất một quản trị viên đang hoạt động / At least one active admin must remain.",
        )


def _taken(name: str) -> Conflict:
    return Conflict(
        f"Tên đăng nhập '{name}' đã có người dùng / Username '{name}' is taken.", parameter="username"
    )
