"""`gisapp user …` against the test database (committed, so each test removes the accounts it made)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.console import Console
from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner, Result

from gisapp.cli import app
from gisapp.cli_users import create_demo_users
from gisapp.models import User
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings

PASSWORD = "mật khẩu dòng lệnh 1"  # noqa: S105 (a test account)


@pytest.fixture
def run(test_db_url: str, engine: Engine) -> Iterator[CliRunner]:
    env = {
        "DATABASE_URL": test_db_url,
        "GISAPP_PASSWORD_TIME_COST": "1",
        "GISAPP_PASSWORD_MEMORY_KIB": "8192",
        "GISAPP_PASSWORD_PARALLELISM": "1",
    }
    yield CliRunner(env=env)
    with engine.begin() as connection:
        connection.execute(delete(User).where(User.username.like("cli.%")))


def stored(engine: Engine, username: str) -> User | None:
    with Session(engine) as session:
        return session.scalars(select(User).where(User.username == username)).first()


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["user", *args], input=stdin)


def test_add_list_disable_enable(run: CliRunner, engine: Engine) -> None:
    added = invoke(
        run,
        "add", "cli.tinh", "--name", "Cán bộ Dòng Lệnh", "--role", "agri_officer",
        "--level", "province", "--province", "68", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    user = stored(engine, "cli.tinh")
    assert user is not None and user.scope_provinces == ["68"] and user.is_active
    assert Passwords(time_cost=1, memory_kib=8192, parallelism=1).verify(user.password_hash, PASSWORD)
    listed = invoke(run, "list")
    assert listed.exit_code == 0 and "cli.tinh" in listed.output and "argon2" not in listed.output
    assert invoke(run, "disable", "cli.tinh").exit_code == 0
    assert stored(engine, "cli.tinh").is_active is False  # type: ignore[union-attr]
    assert "disabled" in invoke(run, "list").output
    assert invoke(run, "enable", "cli.tinh").exit_code == 0
    assert stored(engine, "cli.tinh").is_active is True  # type: ignore[union-attr]


def test_add_with_a_hidden_prompt(run: CliRunner, engine: Engine) -> None:
    result = invoke(run, "add", "cli.xem", "--name", "Người xem", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # the prompt hides what is typed
    user = stored(engine, "cli.xem")
    assert user is not None and user.role == "viewer"


def test_set_password(run: CliRunner, engine: Engine) -> None:
    invoke(run, "add", "cli.doimk", "--name", "Đổi mật khẩu", "--password-stdin", stdin=PASSWORD + "\n")
    before = stored(engine, "cli.doimk")
    result = invoke(run, "set-password", "cli.doimk", "--password-stdin", stdin="mật khẩu mới toanh\n")
    assert result.exit_code == 0, result.output
    after = stored(engine, "cli.doimk")
    assert before is not None and after is not None and after.password_hash != before.password_hash
    assert Passwords(time_cost=1, memory_kib=8192, parallelism=1).verify(
        after.password_hash, "mật khẩu mới toanh"
    )


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (("add", "cli.x y", "--name", "X", "--password-stdin"), PASSWORD, "3-64"),
        (("add", "cli.ngan", "--name", "X", "--password-stdin"), "ngắn", "at least 10"),
        (("add", "cli.cb", "--name", "X", "--role", "env_officer", "--password-stdin"), PASSWORD, "level"),
        (("disable", "cli.khongco"), None, "No account"),
        (("set-password", "' OR 1=1 --", "--password-stdin"), PASSWORD, "No account"),
    ],
)
def test_errors_exit_1_with_the_reason(
    run: CliRunner, args: tuple[str, ...], stdin: str | None, words: str
) -> None:
    result = invoke(run, *args, stdin=stdin + "\n" if stdin else None)
    assert result.exit_code == 1
    assert words in " ".join(result.output.split())


def test_demo_users_are_printed_once(connection: Connection, settings: Settings) -> None:
    factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    out = Console(record=True, width=200)
    create_demo_users(factory, settings, out)
    first = out.export_text()
    for username in ("admin", "nongnghiep.tinh", "nongnghiep.xa", "moitruong.tinh", "nguoixem"):
        assert username in first
    assert "shown only once" in first
    create_demo_users(factory, settings, out)
    assert out.export_text() == ""  # export_text clears the record: nothing new was printed
