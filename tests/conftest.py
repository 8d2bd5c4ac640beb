"""Test fixtures: a real PostGIS (the private cluster or DATABASE_URL's server), migrated once.

* `template_url`: a database migrated and loaded with real administrative units and demo plots.
* `session` / `client`: one transaction per test, rolled back afterwards.
* `live_server`: uvicorn in a subprocess on its own copy of the template, for browser tests.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from gisapp import db_admin
from gisapp.api.deps import get_session, get_write_session
from gisapp.app import create_app
from gisapp.cluster import PrivateCluster
from gisapp.db import make_session_factory, session_scope
from gisapp.migrate import upgrade
from gisapp.services import demo_admin, demo_growing_areas, demo_pollution, demo_water
from gisapp.services.demo.plots import generate_plots
from gisapp.services.read_pool import SessionReader
from gisapp.services.tile_delivery import TileDelivery
from gisapp.settings import PROJECT_ROOT, Settings

TEST_PLOTS = 400
TEMPLATE_DB = "gisapp_test_template"


def _server_url() -> str:
    """DATABASE_URL's server when set (the role needs CREATEDB), else the private cluster."""
    settings = Settings()
    if settings.database_url:
        return settings.database_url
    cluster = PrivateCluster(settings)
    cluster.ensure_running()
    return cluster.url("postgres")


def database_url_named(name: str) -> str:
    return make_url(_server_url()).set(database=name).render_as_string(hide_password=False)


def fresh_database(name: str, template: str | None = None) -> str:
    url = database_url_named(name)
    db_admin.drop_database(url)
    db_admin.create_database(url, template=template)
    return url


@pytest.fixture(scope="session")
def template_url() -> str:
    url = fresh_database(TEMPLATE_DB)
    db_admin.ensure_postgis(url)
    upgrade(url)
    engine = create_engine(url, poolclass=NullPool)
    data_dir = PROJECT_ROOT / "data"
    with session_scope(make_session_factory(engine)) as session:
        demo_admin.load_admin_units(session, data_dir)
        demo_admin.load_crosswalk(session, data_dir)
        communes = demo_growing_areas.demo_communes(demo_admin.read_units(data_dir, "communes"))
        demo_growing_areas.load_plots(session, generate_plots(communes, seed=7, total=TEST_PLOTS))
        demo_water.load(session, seed=7)
        demo_pollution.load(session)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def test_db_url(template_url: str) -> str:
    return fresh_database("gisapp_test", template=TEMPLATE_DB)


@pytest.fixture(scope="session")
def settings(test_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Cheap Argon2 parameters: the tests hash and verify hundreds of passwords; files go to a temp folder."""
    return Settings(
        database_url=test_db_url,
        environment="test",
        attachments_dir=tmp_path_factory.mktemp("attachments"),
        password_time_cost=1,
        password_memory_kib=8192,
        password_parallelism=1,
    )


@pytest.fixture(scope="session")
def engine(test_db_url: str) -> Iterator[Engine]:
    engine = create_engine(test_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture
def session(connection: Connection) -> Iterator[Session]:
    with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
        yield session


@pytest.fixture
def client(settings: Settings, session: Session) -> Iterator[TestClient]:
    with app_client(settings, session) as test_client:
        yield test_client


@contextlib.contextmanager
def app_client(settings: Settings, session: Session) -> Iterator[TestClient]:
    """The real app on the test's transaction; tests that need other settings call this themselves."""
    app = create_app(settings)
    app.dependency_overrides[get_session] = lambda: session

    def write_session() -> Iterator[Session]:
        """Like the app's: a failing handler undoes its writes (here back to a savepoint)."""
        with session.begin_nested():
            yield session

    app.dependency_overrides[get_write_session] = write_session
    with TestClient(app) as test_client:
        # Code that opens a read session itself (staff-only layer checks) reads the test's transaction too.
        app.state.session_factory = lambda: contextlib.nullcontext(session)
        # Tiles (from the OGC route and the fast path in front of FastAPI alike) and lookups.
        app.state.reader = SessionReader(session)
        app.state.tile_delivery = TileDelivery(app.state.reader)
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_database_url(template_url: str) -> str:
    """The live server's own database: tests may commit to it (and must leave it as they found it)."""
    return fresh_database("gisapp_test_live", template=TEMPLATE_DB)


@pytest.fixture(scope="session")
def live_server(live_database_url: str) -> Iterator[str]:
    """A real server process on its own database, for what needs HTTP and committed rows."""
    with serve(live_database_url) as base:
        yield base


@contextlib.contextmanager
def serve(database_url: str, **settings: str) -> Iterator[str]:
    """uvicorn in a subprocess on `database_url`; `settings` add GISAPP_* variables (e.g. imagery)."""
    port = _free_port()
    log_path = Path(tempfile.gettempdir()) / f"gisapp-live-{port}.log"
    env = {**os.environ, "DATABASE_URL": database_url, "GISAPP_ENVIRONMENT": "test"}
    env |= {f"GISAPP_{name.upper()}": value for name, value in settings.items()}
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "gisapp.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, process, log_path)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the live server exited:\n{log_path.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the live server did not become healthy:\n{log_path.read_text()[-3000:]}")
