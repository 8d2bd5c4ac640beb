"""Sign-in and tokens as services: one refusal for every failure, locks, expiry, revocation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from gisapp.errors import Forbidden, NotAuthenticated
from gisapp.models import AuthToken, User
from gisapp.services import accounts, sign_in, tokens
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings
from tests.accounts import LAM_DONG, PASSWORD, make_user, officer

POLICY = sign_in.LockPolicy(max_failures=5, lock_for=timedelta(minutes=15))


def attempt(session: Session, settings: Settings, username: str, password: str) -> User | NotAuthenticated:
    return sign_in.authenticate(session, username, password, POLICY, Passwords.for_settings(settings))


def test_right_password_signs_in_and_clears_failures(session: Session, settings: Settings) -> None:
    user = officer(session, settings)
    assert isinstance(attempt(session, settings, "t.officer", "sai mật khẩu rồi"), NotAuthenticated)
    session.refresh(user)
    assert user.failed_logins == 1
    assert attempt(session, settings, " T.Officer ", PASSWORD) is user
    assert user.failed_logins == 0


def test_unknown_disabled_and_wrong_get_the_same_refusal(session: Session, settings: Settings) -> None:
    make_user(session, settings, "dang.lam")
    disabled = make_user(session, settings, "da.nghi")
    accounts.set_active(session, disabled, active=False)
    refusals = [
        attempt(session, settings, "khong.co.ai", PASSWORD),
        attempt(session, settings, "da.nghi", PASSWORD),
        attempt(session, settings, "dang.lam", "sai mật khẩu rồi"),
    ]
    assert all(isinstance(r, NotAuthenticated) for r in refusals)
    messages = {r.message for r in refusals if isinstance(r, NotAuthenticated)}
    assert len(messages) == 1
    assert "Sai tên đăng nhập hoặc mật khẩu" in messages.pop()


def test_lock_after_repeated_failures(session: Session, settings: Settings) -> None:
    user = officer(session, settings)
    for _ in range(POLICY.max_failures):
        assert isinstance(attempt(session, settings, "t.officer", "sai mật khẩu rồi"), NotAuthenticated)
    session.refresh(user)
    assert accounts.is_locked(user) and user.failed_logins == 0
    locked = attempt(session, settings, "t.officer", PASSWORD)  # even the right password, while locked
    assert isinstance(locked, NotAuthenticated)
    assert locked.message == sign_in.refusal(POLICY).message  # a lock looks like any other failure
    session.execute(
        update(User).where(User.id == user.id).values(locked_until=datetime.now(UTC) - timedelta(seconds=1))
    )
    assert attempt(session, settings, "t.officer", PASSWORD) is user  # the lock has run out


def test_failures_while_locked_do_not_extend_the_lock(session: Session, settings: Settings) -> None:
    user = officer(session, settings)
    for _ in range(POLICY.max_failures):
        attempt(session, settings, "t.officer", "sai mật khẩu rồi")
    session.refresh(user)
    until = user.locked_until
    for _ in range(3):
        attempt(session, settings, "t.officer", "sai mật khẩu rồi")
    session.refresh(user)
    assert user.locked_until == until and user.failed_logins == 0


@pytest.mark.parametrize(
    "username",
    ["a" * 10_000, "' OR '1'='1' --", "admin'--", "x\x00y", "ä" * 65, "", " ", "\n", "💥💥💥", "%", "_"],
)
def test_hostile_usernames_are_just_unknown(session: Session, settings: Settings, username: str) -> None:
    assert isinstance(attempt(session, settings, username, PASSWORD), NotAuthenticated)


def test_rehash_on_sign_in_when_the_cost_went_up(session: Session, settings: Settings) -> None:
    weak = Passwords(time_cost=1, memory_kib=1024, parallelism=1)
    user = make_user(session, settings, "cu.qua")
    user.password_hash = weak.hash(PASSWORD)
    session.flush()
    assert attempt(session, settings, "cu.qua", PASSWORD) is user
    assert "m=8192" in user.password_hash


def test_tokens_resolve_to_the_principal(session: Session, settings: Settings) -> None:
    user = officer(session, settings)
    issued = tokens.issue(session, user.id, "cookie", timedelta(hours=12))
    caller = tokens.resolve(session, issued.token, "cookie")
    assert caller is not None and caller.csrf_token == issued.csrf_token
    principal = caller.principal
    assert (principal.username, principal.role, principal.level, principal.via) == (
        "t.officer",
        "agri_officer",
        "province",
        "cookie",
    )
    assert principal.provinces == frozenset({LAM_DONG}) and principal.communes == frozenset()
    stored = session.execute(select(AuthToken.token_hash).where(AuthToken.user_id == user.id)).scalar_one()
    assert stored == tokens.token_hash(issued.token) and issued.token not in stored
    assert tokens.resolve(session, issued.token, "bearer") is None  # a cookie is no bearer token


def test_expired_revoked_forged_and_disabled_tokens_resolve_to_nobody(
    session: Session, settings: Settings
) -> None:
    user = officer(session, settings)
    expired = tokens.issue(session, user.id, "bearer", timedelta(hours=1))
    session.execute(
        update(AuthToken)
        .where(AuthToken.token_hash == tokens.token_hash(expired.token))
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    assert tokens.resolve(session, expired.token, "bearer") is None
    revoked = tokens.issue(session, user.id, "bearer", timedelta(hours=1))
    tokens.revoke_token(session, revoked.token)
    assert tokens.resolve(session, revoked.token, "bearer") is None
    assert tokens.resolve(session, "forged" + revoked.token[6:], "bearer") is None
    assert tokens.resolve(session, "x" * 5000, "bearer") is None
    live = tokens.issue(session, user.id, "bearer", timedelta(hours=1))
    user.is_active = False
    session.flush()
    assert tokens.resolve(session, live.token, "bearer") is None


def test_issue_purges_expired_tokens(session: Session, settings: Settings) -> None:
    user = officer(session, settings)
    tokens.issue(session, user.id, "bearer", timedelta(hours=1))
    session.execute(update(AuthToken).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    tokens.issue(session, user.id, "bearer", timedelta(hours=1))
    count = session.execute(select(func.count()).select_from(AuthToken)).scalar_one()
    assert count == 1


def test_csrf_check_applies_to_cookie_sessions_only(session: Session, settings: Settings) -> None:
    user = officer(session, settings)
    cookie = tokens.resolve(
        session, tokens.issue(session, user.id, "cookie", timedelta(hours=1)).token, "cookie"
    )
    bearer = tokens.resolve(
        session, tokens.issue(session, user.id, "bearer", timedelta(hours=1)).token, "bearer"
    )
    assert cookie is not None and bearer is not None and cookie.csrf_token
    tokens.check_csrf(cookie, cookie.csrf_token)
    tokens.check_csrf(bearer, None)
    for wrong in (None, "", "wrong", cookie.csrf_token + "x"):
        with pytest.raises(Forbidden, match="X-CSRF-Token"):
            tokens.check_csrf(cookie, wrong)
