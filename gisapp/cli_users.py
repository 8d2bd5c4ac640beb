"""`gisapp user …`: accounts from the command line (the first admin has to come from somewhere).

Passwords are read from a hidden prompt, or from standard input with `--password-stdin` (for
scripts), never from an argument, which would land in the shell history and the process list.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # the database stack is imported by the commands, so `gisapp --help` stays quick
    from sqlalchemy.orm import Session, sessionmaker

    from gisapp.services.passwords import Passwords
    from gisapp.settings import Settings

user_app = typer.Typer(help="Staff accounts: add, list, disable, enable, set-password.", no_args_is_help=True)
console = Console()
T = TypeVar("T")

PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input (one line)")
]


@contextmanager
def _session() -> Iterator[tuple[Session, Passwords]]:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from gisapp.db import database_url, make_session_factory, session_scope
    from gisapp.services.passwords import Passwords
    from gisapp.settings import Settings

    settings = Settings()
    engine = create_engine(database_url(settings), poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine)) as session:
            yield session, Passwords.for_settings(settings)
    finally:
        engine.dispose()


def _run(action: Callable[[Session, Passwords], T]) -> T:
    """Run one unit of work; a domain error becomes its message and exit status 1."""
    from gisapp.errors import GisappError

    try:
        with _session() as (session, passwords):
            return action(session, passwords)
    except GisappError as exc:
        console.print(f"[bold red]error:[/] {exc.message}")
        raise typer.Exit(1) from None


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Mật khẩu / Password", hide_input=True, confirmation_prompt=True)
    return password


@user_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="3-64 characters: a-z 0-9 . _ -")],
    name: Annotated[str, typer.Option("--name", help="Display name, e.g. 'Nguyễn Văn A'")],
    role: Annotated[str, typer.Option(help="admin, agri_officer, env_officer or viewer")] = "viewer",
    level: Annotated[str | None, typer.Option(help="commune or province (officers need one)")] = None,
    province: Annotated[list[str] | None, typer.Option(help="Province code in scope (repeatable)")] = None,
    commune: Annotated[list[str] | None, typer.Option(help="Commune code in scope (repeatable)")] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Create an account."""
    from gisapp.services import accounts

    password = _read_password(password_stdin)
    new = accounts.NewAccount(username, name, password, role, level, province or (), commune or ())
    created = _run(lambda session, passwords: accounts.create_account(session, new, passwords).username)
    console.print(f"created [bold]{created}[/] ({role})")


@user_app.command("list")
def list_users() -> None:
    """All accounts with role, level, scope and state (never their passwords)."""
    from gisapp.services import accounts

    table = Table("username", "name", "role", "level", "provinces", "communes", "state")

    def fill(session: Session, passwords: Passwords) -> None:
        for user in accounts.list_accounts(session):
            state = "active" if user.is_active else "disabled"
            state += ", locked" if accounts.is_locked(user) else ""
            scope = (", ".join(user.scope_provinces), ", ".join(user.scope_communes))
            table.add_row(user.username, user.display_name, user.role, user.level or "", *scope, state)

    _run(fill)
    console.print(table)


@user_app.command("disable")
def disable(username: Annotated[str, typer.Argument(help="The account to disable")]) -> None:
    """Disable an account and end its sessions and tokens."""
    _set_active(username, active=False)


@user_app.command("enable")
def enable(username: Annotated[str, typer.Argument(help="The account to enable")]) -> None:
    """Enable a disabled account again."""
    _set_active(username, active=True)


def _set_active(username: str, *, active: bool) -> None:
    from gisapp.services import accounts

    _run(
        lambda session, _: accounts.set_active(
            session, accounts.account_by_username(session, username), active=active
        )
    )
    console.print(f"{'enabled' if active else 'disabled'} [bold]{username}[/]")


@user_app.command("set-password")
def set_password(
    username: Annotated[str, typer.Argument(help="The account")], password_stdin: PasswordStdin = False
) -> None:
    """Set a new password (ends the account's sessions and lifts a sign-in lock)."""
    from gisapp.services import accounts

    password = _read_password(password_stdin)
    _run(
        lambda session, passwords: accounts.set_password(
            session, accounts.account_by_username(session, username), password, passwords
        )
    )
    console.print(f"password of [bold]{username}[/] changed")


def create_demo_users(factory: sessionmaker[Session], settings: Settings, out: Console) -> None:
    """Create the missing demo accounts and print their passwords, the only time they are shown."""
    from gisapp.db import session_scope
    from gisapp.services import demo_users
    from gisapp.services.passwords import Passwords

    with session_scope(factory) as session:
        created = demo_users.create_missing(session, Passwords.for_settings(settings))
    if not created:
        return
    # Plain lines, never a table: a narrow terminal must not cut a username or password short.
    out.print("[bold]Demo accounts / Tài khoản demo[/] (username  password  role  level  scope  name)")
    for new, password in created:
        scope = ", ".join([*new.provinces, *new.communes]) or "-"
        line = f"  {new.username:<16} {password}  {new.role}  {new.level or '-'}  {scope}  {new.display_name}"
        out.print(line, soft_wrap=True, markup=False, highlight=False)
    out.print(
        "[bold yellow]Mật khẩu chỉ hiện một lần này / These passwords are shown only once.[/] "
        "Change one with `gisapp user set-password USERNAME`."
    )
