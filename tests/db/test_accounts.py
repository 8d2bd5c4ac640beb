"""The accounts service against the real database: rules, scopes in force, admins kept, tokens ended."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, InvalidParameter, NotFound
from gisapp.models import AuthToken, User
from gisapp.services import accounts, demo_users, tokens
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings
from tests.accounts import DA_NANG, LAM_DONG, LAM_DONG_COMMUNE, PASSWORD, make_user


def new(role: str, scope: dict[str, Any]) -> accounts.NewAccount:
    return accounts.NewAccount("canbo.test", "Cán bộ Thử", PASSWORD, role, **scope)


def test_create_stores_a_hash_and_the_scope(session: Session, settings: Settings) -> None:
    user = make_user(
        session, settings, "  NongNghiep.Xa ", "agri_officer", level="commune", communes=[LAM_DONG_COMMUNE]
    )
    assert user.username == "nongnghiep.xa"
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    assert (user.role, user.level, user.scope_communes, user.scope_provinces) == (
        "agri_officer",
        "commune",
        [LAM_DONG_COMMUNE],
        [],
    )
    assert user.is_active and user.failed_logins == 0


@pytest.mark.parametrize(
    "username",
    ["ab", "-abc", ".abc", "a" * 65, "có dấu", "a b c", "abc;drop", "x' OR '1'='1", "ab\x00cd", ""],
)
def test_bad_usernames_are_refused_with_the_rule(session: Session, settings: Settings, username: str) -> None:
    with pytest.raises(InvalidParameter) as caught:
        make_user(session, settings, username)
    assert caught.value.parameter == "username" and "3-64" in caught.value.message


@pytest.mark.parametrize("password", ["", "short", "123456789", "x" * 1025])
def test_password_length_rule(session: Session, settings: Settings, password: str) -> None:
    with pytest.raises(InvalidParameter, match="at least 10"):
        make_user(session, settings, "canbo.test", password=password)


def test_display_name_rules(session: Session, settings: Settings) -> None:
    assert (
        make_user(session, settings, "a.b.c", display_name="  Nguyễn   Văn  A ").display_name
        == "Nguyễn Văn A"
    )
    for bad in ("   ", "x" * 201, "tab\tin\x07name"):
        with pytest.raises(InvalidParameter) as caught:
            make_user(session, settings, "d.e.f", display_name=bad)
        assert caught.value.parameter == "display_name"


@pytest.mark.parametrize(
    ("scope", "parameter", "words"),
    [
        ({"level": None, "provinces": [LAM_DONG]}, "level", "needs a level"),
        ({"level": "province"}, "provinces", "at least one province or commune"),
        ({"level": "district", "provinces": [LAM_DONG]}, "level", "'commune' or 'province'"),
        ({"level": "province", "provinces": ["99"]}, "provinces", "No province with code 99"),
        ({"level": "province", "provinces": ["6"]}, "provinces", "2 digits"),
        ({"level": "commune", "communes": ["99999"]}, "communes", "No commune with code 99999"),
        ({"level": "commune", "communes": ["68"]}, "communes", "5 digits"),
        ({"level": "commune", "communes": [LAM_DONG]}, "communes", "5 digits"),
    ],
)
def test_officer_scope_rules(
    session: Session, settings: Settings, scope: dict[str, Any], parameter: str, words: str
) -> None:
    with pytest.raises(InvalidParameter) as caught:
        accounts.create_account(session, new("env_officer", scope), Passwords.for_settings(settings))
    assert caught.value.parameter == parameter
    assert words in caught.value.message


def test_admin_and_viewer_need_no_scope(session: Session, settings: Settings) -> None:
    assert make_user(session, settings, "quan.tri", "admin").level is None
    viewer = make_user(session, settings, "nguoi.xem", "viewer", provinces=[LAM_DONG, DA_NANG, LAM_DONG])
    assert viewer.scope_provinces == [DA_NANG, LAM_DONG]  # sorted, without repeats


def test_unknown_role_is_refused(session: Session, settings: Settings) -> None:
    with pytest.raises(InvalidParameter, match="Unknown role"):
        make_user(session, settings, "canbo.test", "superuser")


def test_duplicate_username_is_a_conflict(session: Session, settings: Settings) -> None:
    make_user(session, settings, "canbo.test")
    with pytest.raises(Conflict, match="taken"):
        make_user(session, settings, "CANBO.TEST")


def test_update_rescopes_and_checks_the_result(session: Session, settings: Settings) -> None:
    passwords = Passwords.for_settings(settings)
    user = make_user(session, settings, "canbo.test", "agri_officer", level="province", provinces=[LAM_DONG])
    changes = accounts.AccountChanges(role="env_officer", provinces=[DA_NANG], display_name="Cán bộ Đà Nẵng")
    accounts.update_account(session, user, changes, passwords)
    assert (user.role, user.scope_provinces, user.display_name) == (
        "env_officer",
        [DA_NANG],
        "Cán bộ Đà Nẵng",
    )
    with pytest.raises(InvalidParameter, match="needs a level"):
        accounts.update_account(session, user, accounts.AccountChanges(level=None), passwords)
    assert user.level == "province"  # a refused change changes nothing
    accounts.update_account(session, user, accounts.AccountChanges(role="viewer", level=None), passwords)
    assert user.level is None and user.role == "viewer"


def test_get_account_unknown_id_is_not_found(session: Session) -> None:
    with pytest.raises(NotFound):
        accounts.get_account(session, 987654321)
    with pytest.raises(NotFound):
        accounts.account_by_username(session, "x' OR 1=1 --")


def test_the_last_active_admin_cannot_be_disabled_or_demoted(session: Session, settings: Settings) -> None:
    passwords = Passwords.for_settings(settings)
    existing = session.scalars(select(User).where(User.role == "admin", User.is_active)).all()
    for other in existing:  # the test database may hold admins made by other means; park them
        other.is_active = False
    only = make_user(session, settings, "quan.tri", "admin")
    with pytest.raises(Conflict, match="active admin"):
        accounts.set_active(session, only, active=False)
    with pytest.raises(Conflict, match="active admin"):
        accounts.update_account(session, only, accounts.AccountChanges(role="viewer"), passwords)
    second = make_user(session, settings, "quan.tri2", "admin")
    accounts.set_active(session, only, active=False)
    assert not only.is_active and second.is_active


def _tokens_of(session: Session, user: User) -> int:
    return session.execute(select(func.count()).where(AuthToken.user_id == user.id)).scalar_one()


def test_disable_and_password_change_end_every_session(session: Session, settings: Settings) -> None:
    passwords = Passwords.for_settings(settings)
    user = make_user(session, settings, "canbo.test")
    tokens.issue(session, user.id, "cookie", timedelta(hours=1))
    tokens.issue(session, user.id, "bearer", timedelta(hours=1))
    assert _tokens_of(session, user) == 2
    accounts.set_password(session, user, "một mật khẩu mới hẳn", passwords)
    assert _tokens_of(session, user) == 0
    assert passwords.verify(user.password_hash, "một mật khẩu mới hẳn")
    tokens.issue(session, user.id, "cookie", timedelta(hours=1))
    accounts.set_active(session, user, active=False)
    assert _tokens_of(session, user) == 0 and not user.is_active


def test_password_reset_lifts_a_lock(session: Session, settings: Settings) -> None:
    user = make_user(session, settings, "canbo.test")
    user.failed_logins = 3
    user.locked_until = datetime.now(UTC) + timedelta(minutes=10)
    session.flush()
    accounts.set_password(session, user, "một mật khẩu mới hẳn", Passwords.for_settings(settings))
    session.refresh(user)
    assert user.failed_logins == 0 and user.locked_until is None and not accounts.is_locked(user)


def test_demo_accounts_one_per_role_created_once(session: Session, settings: Settings) -> None:
    passwords = Passwords.for_settings(settings)
    created = demo_users.create_missing(session, passwords)
    by_name = {new.username: new for new, _ in created}
    assert set(by_name) == {"admin", "nongnghiep.tinh", "nongnghiep.xa", "moitruong.tinh", "nguoixem"}
    assert {new.role for new in by_name.values()} == {"admin", "agri_officer", "env_officer", "viewer"}
    assert by_name["nongnghiep.tinh"].provinces == (LAM_DONG,)
    assert by_name["moitruong.tinh"].provinces == (DA_NANG,)
    commune = by_name["nongnghiep.xa"]
    assert commune.level == "commune" and len(commune.communes) == 1
    for new, password in created:
        stored = accounts.find_by_username(session, new.username)
        assert stored is not None and passwords.verify(stored.password_hash, password)
        assert len(password) >= 10
    assert len({password for _, password in created}) == 5
    assert demo_users.create_missing(session, passwords) == []
