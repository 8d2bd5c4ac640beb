"""`gisapp water …`: bulk import of lab results with a progress bar, and rejudging after thresholds change.

The import runs the same service as `POST /api/water-works/imports`, as a named account (its
role and scope decide, as on the web), previewing unless `--commit` is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

if TYPE_CHECKING:  # the database stack is imported by the commands, so `gisapp --help` stays quick
    from sqlalchemy.orm import Session

water_app = typer.Typer(help="Water-supply works: import test results, rejudge tests.", no_args_is_help=True)
console = Console()


@contextmanager
def _session() -> Iterator[Session]:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from gisapp.db import database_url, make_session_factory, session_scope
    from gisapp.settings import Settings

    engine = create_engine(database_url(Settings()), poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


@water_app.command("import")
def import_results(
    path: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="CSV or XLSX, one row per result")
    ],
    username: Annotated[
        str, typer.Option("--as", help="The account importing (environment officer or admin)")
    ],
    commit: Annotated[
        bool, typer.Option("--commit", help="Write the tests (all or nothing); else preview")
    ] = False,
) -> None:
    """Preview, or with --commit import, a lab's results file (columns: see the README)."""
    from gisapp.catalog import load_catalog
    from gisapp.errors import GisappError, ImportRejected
    from gisapp.services import accounts, tokens
    from gisapp.services.sample_imports.load import Upload, run_import
    from gisapp.settings import Settings

    settings = Settings()
    try:
        with _session() as session, Progress(console=console, transient=True) as bar:
            principal = tokens.principal_of(accounts.account_by_username(session, username), "bearer")
            layer = load_catalog(settings.layers_dir).get("water_works")
            task = bar.add_task("tests written", total=None)
            result = run_import(
                session,
                settings,
                layer,
                principal,
                Upload(path.name, path.read_bytes()),
                dry_run=not commit,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except ImportRejected as exc:
        _print_errors(exc.errors)
        console.print(f"[bold red]error:[/] {exc.message}")
        raise typer.Exit(1) from None
    except GisappError as exc:
        console.print(f"[bold red]error:[/] {exc.message}")
        raise typer.Exit(1) from None
    _print_errors(result.get("errors", []))
    verdicts = ", ".join(f"{k}: {v}" for k, v in result["verdicts"].items()) or "-"
    done = "imported" if commit else "would import"
    console.print(f"{result['rows']} rows, {done} {result['tests']} tests ({verdicts})")
    if commit:
        console.print(f"import {result['import_id']}")
    elif not result["ok"]:
        raise typer.Exit(1)


def _print_errors(errors: list[dict[str, Any]]) -> None:
    if not errors:
        return
    table = Table("row", "column", "value", "problem", title="Lỗi / problems")
    for error in errors:
        table.add_row(
            str(error["row"]), str(error["column"] or ""), str(error["value"] or ""), error["message"]
        )
    console.print(table)


@water_app.command("rejudge")
def rejudge() -> None:
    """Judge every stored test again (after thresholds change); latest statuses follow."""
    from gisapp.services.water_tests import rejudge as run

    with _session() as session:
        changed = run(session)
    console.print(f"{changed} test verdicts changed")
