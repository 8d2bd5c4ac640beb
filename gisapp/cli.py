"""The `gisapp` command: database, migrations, demo data and the server."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from gisapp.cli_users import user_app
from gisapp.cli_water import water_app
from gisapp.settings import Settings

app = typer.Typer(help="gisapp — bản đồ nông nghiệp số (digital agricultural map).", no_args_is_help=True)
db_app = typer.Typer(
    help="The private PostgreSQL cluster (unused when DATABASE_URL is set).", no_args_is_help=True
)
catalog_app = typer.Typer(help="The layer catalog in layers/.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(catalog_app, name="catalog")
app.add_typer(user_app, name="user")
app.add_typer(water_app, name="water")
console = Console()


def _fail(message: str) -> None:
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(1)


def _ready_database(settings: Settings) -> str:
    """Start the cluster if needed, create the database and PostGIS; return the URL."""
    from gisapp import db_admin
    from gisapp.db import database_url
    from gisapp.errors import GisappError

    try:
        url = database_url(settings)
        if settings.uses_private_cluster and db_admin.create_database(url):
            console.print(f"created database [bold]{settings.pg_database}[/]")
        version = db_admin.ensure_postgis(url)
    except GisappError as exc:
        _fail(exc.message)
        raise
    console.print(f"PostGIS {version} ready")
    return url


@db_app.command("up")
def db_up() -> None:
    """Initialise (first time) and start the private cluster; create the database."""
    settings = Settings()
    if not settings.uses_private_cluster:
        console.print("DATABASE_URL is set: using that database, starting nothing.")
    _ready_database(settings)


@db_app.command("down")
def db_down() -> None:
    """Stop the private cluster."""
    from gisapp.cluster import PrivateCluster

    stopped = PrivateCluster(Settings()).stop()
    console.print("stopped" if stopped else "not running")


@db_app.command("status")
def db_status() -> None:
    """Where the cluster lives and whether it runs."""
    from gisapp.cluster import PrivateCluster

    settings = Settings()
    if not settings.uses_private_cluster:
        console.print("DATABASE_URL is set; the private cluster is not used.")
        return
    table = Table(show_header=False)
    for key, value in PrivateCluster(settings).status().items():
        table.add_row(key, value)
    console.print(table)


@app.command()
def migrate(revision: Annotated[str, typer.Option(help="Target revision")] = "head") -> None:
    """Bring the database schema to `revision` (Alembic)."""
    from gisapp.migrate import upgrade

    url = _ready_database(Settings())
    upgrade(url, revision)
    console.print(f"schema at [bold]{revision}[/]")


@app.command("load-demo")
def load_demo(
    force: Annotated[bool, typer.Option("--force", help="Reload even if demo data is present")] = False,
    seed: Annotated[int, typer.Option(help="Seed of the plot generator")] = 2025,
) -> None:
    """Load provinces, communes, the crosswalk and demo growing areas (skipped when present)."""
    from gisapp.cli_demo import run_load_demo

    settings = Settings()
    run_load_demo(settings, _ready_database(settings), console, force=force, seed=seed)


@app.command()
def setup() -> None:
    """Everything `make run` needs: database, migrations, demo data. Quick when already done."""
    migrate("head")
    load_demo(force=False, seed=2025)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: GISAPP_WORKERS, one per core up to 4)")
    ] = None,
) -> None:
    """Serve the map and the OGC API."""
    import uvicorn

    settings = Settings()
    workers = workers or settings.workers
    _ready_database(settings)
    console.print(f"serving the map at [bold]http://{host}:{port}/[/]  (Ctrl+C to stop)")
    uvicorn.run(
        "gisapp.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=settings.access_log,
    )


@catalog_app.command("schema")
def catalog_schema(
    check: Annotated[bool, typer.Option("--check", help="Fail if out of date")] = False,
) -> None:
    """Write layers/_schema.json from the layer models."""
    from gisapp.catalog.schema_export import render_schema, write_schema

    path = Settings().layers_dir / "_schema.json"
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != render_schema():
            _fail(f"{path} is out of date; run `gisapp catalog schema`.")
        console.print(f"{path} is current")
        return
    console.print(f"{path} {'updated' if write_schema(path) else 'unchanged'}")


@catalog_app.command("check")
def catalog_check() -> None:
    """Validate layers/ and compare it with the database."""
    from sqlalchemy import create_engine

    from gisapp.catalog import load_catalog
    from gisapp.catalog.checks import check_catalog
    from gisapp.errors import GisappError

    settings = Settings()
    try:
        catalog = load_catalog(settings.layers_dir)
        engine = create_engine(_ready_database(settings))
        with engine.connect() as connection:
            check_catalog(connection, catalog, str(settings.layers_dir))
    except GisappError as exc:
        _fail(exc.message)
    console.print(f"{len(catalog)} layers match the database")


@app.command()
def bench(
    plots: Annotated[int, typer.Option(help="Growing areas in the gisapp_bench database")] = 1_000_000,
    duration: Annotated[float, typer.Option(help="Seconds measured per case and server")] = 20.0,
    warmup: Annotated[float, typer.Option(help="Warm-up seconds before each measurement")] = 3.0,
    concurrency: Annotated[int, typer.Option(help="Concurrent clients")] = 16,
    cases: Annotated[str, typer.Option(help="all, or a list such as z6,z12,items,lookup")] = "all",
    seed: Annotated[int, typer.Option(help="Seed of the generated plots and of the sampled tiles")] = 2025,
    reload: Annotated[bool, typer.Option("--reload", help="Reload the data even when present")] = False,
    rounds: Annotated[
        int, typer.Option(help="Rounds in which gisapp and the SQL ceiling alternate per tile case")
    ] = 4,
) -> None:
    """Benchmark gisapp against tipg and the raw-SQL ceiling (bench/README.md)."""
    import sys

    from gisapp.settings import PROJECT_ROOT

    sys.path.insert(0, str(PROJECT_ROOT))  # bench/ sits beside the package, outside the install
    from bench.config import BenchOptions, parse_cases
    from bench.run import run

    try:
        options = BenchOptions(plots, duration, warmup, concurrency, parse_cases(cases), seed, reload, rounds)
    except ValueError as exc:
        _fail(str(exc))
        raise
    run(options, console, Settings())
