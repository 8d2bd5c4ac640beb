"""Checking a username and password, with a lock after repeated failures.

Unknown, disabled and locked accounts and wrong passwords all get the same refusal, after one
Argon2 verification each, so neither the answer nor its timing tells which usernames exist.
A lock is therefore silent: a locked account refuses even the right password until the lock ends
(the refusal's text mentions that locks exist, for everyone). Failures while locked do not extend
the lock, so a stranger can keep an account locked but never for longer than the lock itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from gisapp.errors import NotAuthenticated
from gisapp.models import User
from gisapp.services import account_rules
from gisapp.services.accounts import find_by_username
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings


@dataclass(frozen=True)
class LockPolicy:
    max_failures: int
    lock_for: timedelta

    @staticmethod
    def from_settings(settings: Settings) -> LockPolicy:
        return LockPolicy(settings.login_max_failures, timedelta(minutes=settings.login_lock_minutes))


def refusal(policy: LockPolicy) -> NotAuthenticated:
    """The one answer to every failed sign-in."""
    minutes = int(policy.lock_for.total_seconds() // 60)
    return NotAuthenticated(
        "Sai tên đăng nhập hoặc mật khẩu. Sau "
        f"{policy.max_failures} lần sai liên tiếp, tài khoản bị tạm khóa {minutes} phút / "
        f"Wrong username or password. After {policy.max_failures} failures in a row an account is "
        f"locked for {minutes} minutes."
    )


def authenticate(
    session: Session, username: str, password: str, policy: LockPolicy, passwords: Passwords
) -> User | NotAuthenticated:
    """The user these credentials sign in, or the refusal to send.

    The refusal is returned, not raised: the failure count it records must be committed, and the
    request's transaction rolls back when its handler raises.
    """
    user = (
        find_by_username(session, username.strip().lower())
        if account_rules.looks_like_username(username)
        else None
    )
    if user is None:
        passwords.verify_nothing(password)
        return refusal(policy)
    matches = passwords.verify(user.password_hash, password)  # verified even when disabled or locked
    now = datetime.now(UTC)
    if not user.is_active or (user.locked_until is not None and user.locked_until > now):
        return refusal(policy)
    if not matches:
        _record_failure(session, user, policy, now)
        return refusal(policy)
    _record_success(session, user, password, passwords)
    return user


def _record_failure(session: Session, user: User, policy: LockPolicy, now: datetime) -> None:
    """Count the failure in one statement (so concurrent attempts all count); lock at the limit."""
    failures = session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    if failures >= policy.max_failures:
        session.execute(
            update(User)
            .where(User.id == user.id)
            .values(failed_logins=0, locked_until=now + policy.lock_for)
            .execution_options(synchronize_session=False)
        )
    session.expire(user, ["failed_logins", "locked_until"])


def _record_success(session: Session, user: User, password: str, passwords: Passwords) -> None:
    user.failed_logins, user.locked_until = 0, None
    if passwords.needs_rehash(user.password_hash):  # the cost settings went up since this hash was made
        user.password_hash = passwords.hash(password)
    session.flush()
