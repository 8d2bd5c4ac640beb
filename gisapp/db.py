"""Engine and session factories; the pool is sized with the server's thread pool."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from gisapp.cluster import PrivateCluster
from gisapp.settings import Settings


def database_url(settings: Settings, *, start: bool = True) -> str:
    """The URL to use: `DATABASE_URL`, else the private cluster (started if down)."""
    if settings.database_url:
        return settings.database_url
    cluster = PrivateCluster(settings)
    if start:
        cluster.ensure_running()
    return cluster.url()


def make_engine(url: str, settings: Settings, *, read_only: bool = False) -> Engine:
    """One pool connection per worker thread, so a burst queues on threads, not on the pool.

    The read-only engine runs in autocommit: a read then costs one round trip, with no BEGIN
    before it and no ROLLBACK after it, and the server refuses any write sent through it.
    """
    options = f"-c statement_timeout={settings.db_statement_timeout_ms}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    engine = create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=max(0, settings.worker_threads - settings.db_pool_size),
        pool_timeout=settings.db_pool_timeout,
        pool_pre_ping=settings.db_pool_pre_ping,
        pool_recycle=settings.db_pool_recycle_s,
        connect_args={"options": options, "application_name": "gisapp"},
    )
    return engine.execution_options(isolation_level="AUTOCOMMIT") if read_only else engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work for scripts: commit on success, roll back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
