"""The benchmark database `gisapp_bench`: real 2025 admin units plus N generated growing areas.

It lives on the server gisapp uses (the private cluster, or `DATABASE_URL`'s server) but is never
the app's database. Plots come from the demo generator (`generate_plots`, smallholder sizes, all
communes) and stream in with one `COPY` inside `growing_areas_bulk_load`, so derived data is
rebuilt once. What was loaded (N, seed, schema head, loader code) is kept as a comment on the
database: a second run with the same request skips the load.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from alembic.script import ScriptDirectory
from psycopg import sql
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from bench.config import BENCH_DATABASE, PROJECT_ROOT
from gisapp import db_admin
from gisapp.db import database_url, make_session_factory, session_scope
from gisapp.migrate import alembic_config, upgrade
from gisapp.services.bulk_load import growing_areas_bulk_load
from gisapp.services.demo.plots import generate_plots
from gisapp.services.demo_admin import load_admin_units, read_units
from gisapp.services.demo_growing_areas import ISSUED
from gisapp.settings import Settings

COPY_SQL = (
    "COPY growing_areas (code, name, crop, status, issued_year, commune_code, is_demo, geom) FROM STDIN"
)
CHUNK = 20_000
# Code whose change alters what the database holds: the load is redone when any of it changes.
LOADER_SOURCES = ("gisapp/services/bulk_load.py", "gisapp/services/demo/*.py", "gisapp/services/demo_*.py")


@dataclass(frozen=True)
class BenchDatabase:
    """Where the benchmark data lives, in the two URL forms the servers want."""

    url: URL

    @property
    def sqlalchemy_url(self) -> str:
        return self.url.render_as_string(hide_password=False)

    @property
    def libpq_url(self) -> str:
        """`postgresql://…`: what tipg (asyncpg) and plain psycopg accept."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass(frozen=True)
class DatasetState:
    """What a completed load put in the database; stored as JSON in the database's comment."""

    plots: int
    seed: int
    fingerprint: str
    rows: int
    timings_s: dict[str, float] = field(default_factory=dict)
    loaded_at: str = ""


def bench_database(settings: Settings) -> BenchDatabase:
    """The app's server (cluster started if down) with the benchmark database's name."""
    return BenchDatabase(make_url(database_url(settings)).set(database=BENCH_DATABASE))


def loader_fingerprint() -> str:
    """Schema head(s) and a hash of the loading code: a change in either forces a reload."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    digest = hashlib.sha256()
    for pattern in LOADER_SOURCES:
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            digest.update(path.read_bytes())
    return f"schema {','.join(sorted(heads))}, loader {digest.hexdigest()[:12]}"


def _why_reload(state: DatasetState, plots: int, seed: int, fingerprint: str) -> str:
    if (state.plots, state.seed) != (plots, seed):
        return f"it holds {state.plots:,} plots of seed {state.seed}"
    if state.fingerprint != fingerprint:
        return f"it was loaded with {state.fingerprint}, now {fingerprint}"
    return "its row count differs from the load's"


def prepare_dataset(
    settings: Settings, console: Console, *, plots: int, seed: int, reload: bool
) -> tuple[BenchDatabase, DatasetState, bool]:
    """Create, migrate and (when needed) load the benchmark database; True when it was loaded now."""
    database = bench_database(settings)
    if db_admin.create_database(database.url):
        console.print(f"created database [bold]{BENCH_DATABASE}[/]")
    db_admin.ensure_postgis(database.url)
    upgrade(database.sqlalchemy_url)
    engine = create_engine(database.url, poolclass=NullPool)
    try:
        fingerprint = loader_fingerprint()
        state = _read_state(engine)
        if not reload and _still_valid(engine, state, plots, seed, fingerprint):
            assert state is not None  # noqa: S101 - _still_valid checked it
            console.print(f"{BENCH_DATABASE} already holds {state.rows:,} plots (seed {seed}); not reloading")
            return database, state, False
        if state is not None and not reload:
            console.print(f"reloading {BENCH_DATABASE}: {_why_reload(state, plots, seed, fingerprint)}")
        state = _load(engine, settings, console, plots=plots, seed=seed, fingerprint=fingerprint)
        return database, state, True
    finally:
        engine.dispose()


def _still_valid(engine: Engine, state: DatasetState | None, plots: int, seed: int, fingerprint: str) -> bool:
    if state is None or (state.plots, state.seed, state.fingerprint) != (plots, seed, fingerprint):
        return False
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT count(*) FROM growing_areas")).scalar_one()
    return int(rows) == state.rows


def _read_state(engine: Engine) -> DatasetState | None:
    query = "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()"
    with engine.connect() as connection:
        comment = connection.execute(text(query)).scalar()
    try:
        data: dict[str, Any] = json.loads(comment) if comment else {}
        return DatasetState(**data["gisapp_bench"])
    except (ValueError, KeyError, TypeError):
        return None


def _write_state(engine: Engine, state: DatasetState | None) -> None:
    """Comment on the database (`None` clears it, so an interrupted load never looks complete)."""
    value = sql.Literal(json.dumps({"gisapp_bench": asdict(state)})) if state else sql.SQL("NULL")
    statement = sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(BENCH_DATABASE), value)
    with engine.connect() as connection:
        raw = connection.execution_options(isolation_level="AUTOCOMMIT").connection.driver_connection
        raw.execute(statement)  # type: ignore[union-attr]


def _load(
    engine: Engine, settings: Settings, console: Console, *, plots: int, seed: int, fingerprint: str
) -> DatasetState:
    _write_state(engine, None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as progress:
        clock = time.perf_counter()
        task = progress.add_task("administrative units", total=None)
        with session_scope(make_session_factory(engine)) as session:
            units = load_admin_units(session, settings.data_dir, lambda n: progress.advance(task, n))
        progress.update(task, total=units, completed=units)
        timings["admin_units"] = time.perf_counter() - clock

        clock = time.perf_counter()
        task = progress.add_task(f"generating {plots:,} plots (seed {seed})", total=None)
        frame = generate_plots(
            read_units(settings.data_dir, "communes"), seed=seed, total=plots, size_profile="smallholder"
        )
        progress.update(task, total=1, completed=1)
        timings["generate"] = time.perf_counter() - clock

        rows = _copy_plots(engine, frame, progress, timings)

        clock = time.perf_counter()
        task = progress.add_task("VACUUM (FREEZE, ANALYZE)", total=None)
        _vacuum(engine)
        progress.update(task, total=1, completed=1)
        timings["vacuum"] = time.perf_counter() - clock
    timings["total"] = time.perf_counter() - started
    state = DatasetState(
        plots=plots,
        seed=seed,
        fingerprint=fingerprint,
        rows=rows,
        timings_s={k: round(v, 1) for k, v in timings.items()},
        loaded_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    _write_state(engine, state)
    console.print(
        f"loaded {rows:,} plots in {timings['total']:.0f} s ("
        + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items() if k != "total")
        + ")"
    )
    return state


def _copy_plots(
    engine: Engine, frame: gpd.GeoDataFrame, progress: Progress, timings: dict[str, float]
) -> int:
    """TRUNCATE, then one COPY inside the bulk-load hook; the hook's own work is timed apart."""
    clock = time.perf_counter()
    task = progress.add_task("COPY growing_areas", total=len(frame))
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE growing_areas RESTART IDENTITY CASCADE"))
        with growing_areas_bulk_load(connection, find_overlaps=False):  # generated plots never overlap
            raw = connection.connection.driver_connection
            assert raw is not None  # noqa: S101 - a live pooled connection always has one
            with raw.cursor() as cursor, cursor.copy(COPY_SQL) as copy:
                for chunk in _copy_rows(frame):
                    for row in chunk:
                        copy.write_row(row)
                    progress.advance(task, len(chunk))
            timings["copy"] = time.perf_counter() - clock
            clock = time.perf_counter()
            hook = progress.add_task("derived data (growing_areas_bulk_load)", total=None)
        progress.update(hook, total=1, completed=1)
        timings["bulk_load_hook"] = time.perf_counter() - clock
    return len(frame)


def _copy_rows(frame: gpd.GeoDataFrame) -> Iterator[list[tuple[object, ...]]]:
    """Rows in COPY column order, in chunks; geometry as hex EWKB (SRID 4326), as the demo marks it."""
    issued = frame["status"].isin(list(ISSUED)).to_numpy()
    code = np.where(issued, frame["code"].to_numpy(dtype=object), None)
    year = np.where(issued, frame["issued_year"].to_numpy(dtype=object), None)
    name, crop = frame["name"].to_numpy(dtype=object), frame["crop"].to_numpy(dtype=object)
    status, commune = frame["status"].to_numpy(dtype=object), frame["commune_code"].to_numpy(dtype=object)
    geoms = shapely.set_srid(np.asarray(frame.geometry.values, dtype=object), 4326)
    for start in range(0, len(frame), CHUNK):
        part = slice(start, start + CHUNK)
        ewkb = shapely.to_wkb(geoms[part], hex=True, include_srid=True)
        yield list(
            zip(
                code[part],
                name[part],
                crop[part],
                status[part],
                (None if y is None else int(y) for y in year[part]),
                commune[part],
                [True] * len(ewkb),
                ewkb,
                strict=True,
            )
        )


def _vacuum(engine: Engine) -> None:
    """Set hint bits and the visibility map now, so no server pays for them during its first case."""
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.execute(text("VACUUM (FREEZE, ANALYZE)"))
