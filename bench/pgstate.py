"""Looking at the PostgreSQL server during a run: facts for the report, and waiting for quiet.

wrk stops at the end of its window but the server goes on with the requests in flight; slow tiles
(seconds each) would then overlap the next measurement. Waiting until the benchmark database has
no active query keeps each case to itself.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from bench.dataset import BenchDatabase

IDLE_TIMEOUT_S = 90.0
ACTIVE_QUERIES = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()"
)


def engine_for(database: BenchDatabase) -> Engine:
    return create_engine(database.url, poolclass=NullPool)


def wait_until_idle(engine: Engine, timeout_s: float = IDLE_TIMEOUT_S) -> float:
    """Seconds waited until no other session runs a query on the benchmark database."""
    started = time.monotonic()
    with engine.connect() as connection:
        while time.monotonic() - started < timeout_s:
            if int(connection.execute(ACTIVE_QUERIES).scalar_one()) == 0:
                break
            connection.rollback()  # a fresh snapshot of pg_stat_activity on the next look
            time.sleep(0.2)
    return time.monotonic() - started


def server_facts(engine: Engine) -> dict[str, str]:
    """Versions and the settings that bound the figures (memory, connections, parallelism)."""
    names = ("shared_buffers", "work_mem", "max_connections", "max_parallel_workers_per_gather", "jit")
    with engine.connect() as connection:
        facts = {
            "postgresql": str(connection.execute(text("SHOW server_version")).scalar_one()),
            "postgis": str(connection.execute(text("SELECT postgis_lib_version()")).scalar_one()),
        }
        for name in names:
            facts[name] = str(connection.execute(text(f"SHOW {name}")).scalar_one())
        size = "SELECT pg_size_pretty(pg_total_relation_size('growing_areas'))"
        facts["growing_areas_size"] = str(connection.execute(text(size)).scalar_one())
    return facts
