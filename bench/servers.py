"""The two servers under test, each one uvicorn process on a loopback port, stopped whatever happens.

gisapp starts as `make run` starts it (`gisapp serve`, with `DATABASE_URL` pointing at the benchmark
database); tipg runs from its own virtual environment, limited to `public.growing_areas` and to the
public properties the layer file lists, with its other settings left at their defaults.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.config import BENCH_DIR, LAYER_ID, PROJECT_ROOT
from bench.dataset import BenchDatabase
from bench.samples import BBox
from gisapp.settings import Settings

HOST = "127.0.0.1"
TIPG_VENV = BENCH_DIR / ".venv-tipg"
TIPG_REQUIREMENTS = BENCH_DIR / "requirements-tipg.txt"
TIPG_PYTHON = "python3.11"
READY_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 15.0
TIPG_SETTINGS_PROBE = """
import json, tipg
from tipg.settings import APISettings, FeaturesSettings, MVTSettings, PostgresSettings, TableSettings
pg, api = PostgresSettings(), APISettings()
print(json.dumps({
    "version": tipg.__version__,
    "catalog_ttl_s": api.catalog_ttl,
    "cachecontrol": api.cachecontrol,
    "mvt": MVTSettings().model_dump(),
    "features": FeaturesSettings().model_dump(),
    "pool": {"min": pg.db_min_conn_size, "max": pg.db_max_conn_size},
    "table_config": {k: v.model_dump() for k, v in TableSettings().table_config.items()},
}))
"""


@dataclass(frozen=True)
class Server:
    """A started server: how to reach it, its paths, and its log file."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    tile_template: str
    items_path: str

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def tile_path(self, z: int, x: int, y: int) -> str:
        return self.tile_template.format(z=z, x=x, y=y)

    def items_url_path(self, bbox: BBox) -> str:
        return f"{self.items_path}?limit=100&bbox=" + ",".join(f"{v:.6f}" for v in bbox)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def ensure_tipg_venv(log: Path) -> Path:
    """Create bench/.venv-tipg from requirements-tipg.txt on first use (or when the pins change)."""
    stamp = TIPG_VENV / ".installed"
    wanted = hashlib.sha256(TIPG_REQUIREMENTS.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return TIPG_VENV / "bin"
    with log.open("ab") as out:
        subprocess.run([TIPG_PYTHON, "-m", "venv", str(TIPG_VENV)], check=True, stdout=out, stderr=out)
        pip = [str(TIPG_VENV / "bin/python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True, stdout=out, stderr=out)
        subprocess.run([*pip, "-r", str(TIPG_REQUIREMENTS)], check=True, stdout=out, stderr=out)
    stamp.write_text(wanted + "\n")
    return TIPG_VENV / "bin"


def tipg_environment(database: BenchDatabase, properties: list[str]) -> dict[str, str]:
    """Only the table and the public properties gisapp publishes; the other tipg settings at their defaults
    except the periodic catalog refresh, which runs in the request path and lands on random cases."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIPG_", "DATABASE_URL", "GISAPP_"))}
    env |= {
        "DATABASE_URL": database.libpq_url,
        "TIPG_DB_SCHEMAS": '["public"]',
        "TIPG_DB_TABLES": f'["public.{LAYER_ID}"]',  # tipg matches schema-qualified names
        f"TIPG_TABLE_CONFIG__public_{LAYER_ID}__properties": json.dumps(properties),
        f"TIPG_TABLE_CONFIG__public_{LAYER_ID}__geomcol": "geom",
        f"TIPG_TABLE_CONFIG__public_{LAYER_ID}__pk": "id",
        "TIPG_CATALOG_TTL": "0",  # catalog read once at start-up, as gisapp reads its layers
    }
    return env


def tipg_settings(bin_dir: Path, env: dict[str, str]) -> dict[str, object]:
    """tipg's effective settings under `env`, read by tipg itself (for the report)."""
    result = subprocess.run(
        [str(bin_dir / "python"), "-c", TIPG_SETTINGS_PROBE],
        env=env,
        cwd=BENCH_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    settings: dict[str, object] = json.loads(result.stdout)
    return settings


def _spawn(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def start_gisapp(
    database: BenchDatabase,
    logs: Path,
    name: str,
    settings: dict[str, str],
    *,
    wrapper: tuple[str, ...] = (),
    workers: int | None = None,
) -> Server:
    """`gisapp serve --port P` from the project's venv, what `make run` runs, plus `settings` (GISAPP_…);
    `wrapper` runs it under another program (bench/instructions.py: valgrind)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | settings
    env["DATABASE_URL"] = database.sqlalchemy_url
    gisapp = Path(sys.executable).with_name("gisapp")
    log = logs / f"{name}.log"
    command = [*wrapper, str(gisapp), "serve", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    process = _spawn(command, env, PROJECT_ROOT, log)
    return Server(
        name=name,
        port=port,
        process=process,
        log=log,
        tile_template=f"/ogc/collections/{LAYER_ID}/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}",
        items_path=f"/ogc/collections/{LAYER_ID}/items",
    )


def gisapp_variants() -> dict[str, dict[str, str]]:
    """`gisapp` renders every tile (in-process tile cache off, when gisapp has one); `gisapp-cached`
    is gisapp exactly as configured by default. Without a tile cache the two would be the same."""
    if "tile_cache_mb" not in Settings.model_fields:
        return {"gisapp": {}}
    return {"gisapp": {"GISAPP_TILE_CACHE_MB": "0"}, "gisapp-cached": {}}


def start_tipg(bin_dir: Path, env: dict[str, str], logs: Path) -> Server:
    """`uvicorn tipg.main:app` run from bench/ so no project `.env` leaks into it; as many processes
    as `gisapp serve` starts and no access log, as gisapp runs: neither server gets more cores."""
    port = free_port()
    log = logs / "tipg.log"
    workers = str(Settings().workers)
    command = [str(bin_dir / "uvicorn"), "tipg.main:app", "--host", HOST, "--port", str(port)]
    command += ["--workers", workers, "--no-access-log"]
    process = _spawn(command, env, BENCH_DIR, log)
    return Server(
        name="tipg",
        port=port,
        process=process,
        log=log,
        tile_template=f"/collections/public.{LAYER_ID}/tiles/WebMercatorQuad/{{z}}/{{x}}/{{y}}",
        items_path=f"/collections/public.{LAYER_ID}/items",
    )


def wait_ready(server: Server, path: str, timeout_s: float = READY_TIMEOUT_S) -> None:
    """Poll `path` until it answers 200; fail early with the log's tail when the process dies."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited ({server.process.returncode}):\n{_tail(server.log)}")
        try:
            if httpx.get(server.base_url + path, timeout=5.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{server.name} gave no 200 on {path} in time:\n{_tail(server.log)}")


def stop(server: Server) -> None:
    """SIGINT to the process group we created (uvicorn shuts down cleanly), SIGKILL if it lingers."""
    if server.process.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, STOP_TIMEOUT_S), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(server.process.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _stop_and_trim(server: Server) -> None:
    stop(server)
    trim_log(server.log)


@contextmanager
def running_servers(
    database: BenchDatabase, tipg_bin: Path | None, tipg_env: dict[str, str], logs: Path
) -> Iterator[dict[str, Server]]:
    """Every server up and answering, by name; all stopped on exit, errors and Ctrl+C included.
    Without `tipg_bin` (a run of gisapp-only cases) tipg is not started."""
    with ExitStack() as stack:
        servers: dict[str, Server] = {}
        for name, settings in gisapp_variants().items():
            servers[name] = start_gisapp(database, logs, name, settings)
            stack.callback(_stop_and_trim, servers[name])
        if tipg_bin is not None:
            servers["tipg"] = start_tipg(tipg_bin, tipg_env, logs)
            stack.callback(_stop_and_trim, servers["tipg"])
        for name, server in servers.items():
            wait_ready(server, f"/collections/public.{LAYER_ID}" if name == "tipg" else "/healthz")
        yield servers


def trim_log(path: Path, keep: int = 100) -> None:
    """Keep a log's first and last lines: start-up and shutdown matter, the access log is ~100 MB a run."""
    if not path.exists():
        return
    head: list[str] = []
    tail: deque[str] = deque(maxlen=keep)
    dropped = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if len(head) < keep:
                head.append(line)
                continue
            if len(tail) == keep:
                dropped += 1
            tail.append(line)
    if dropped:
        path.write_text("".join(head) + f"… {dropped:,} lines dropped …\n" + "".join(tail), encoding="utf-8")


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"
