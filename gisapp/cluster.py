"""The private PostgreSQL cluster: one folder of the project, its own port, nobody else's cluster touched.

Used when `DATABASE_URL` is not set. initdb refuses to run as root, so as root the
server runs as the `postgres` system user, which must be able to reach the folder.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from gisapp.errors import ClusterError
from gisapp.settings import Settings

PG_ROOT = Path("/usr/lib/postgresql")
SERVER_USER = "postgres"
SUPERUSER = "gisapp"


@dataclass(frozen=True)
class Installation:
    """A PostgreSQL server install with the PostGIS extension available."""

    version: int
    bin_dir: Path


def find_installation() -> Installation:
    """Pick the newest PostgreSQL whose PostGIS 3 extension is installed."""
    versions = sorted(
        (int(p.name) for p in PG_ROOT.glob("*") if p.name.isdigit() and (p / "bin/initdb").exists()),
        reverse=True,
    )
    for version in versions:
        if Path(f"/usr/share/postgresql/{version}/extension/postgis.control").exists():
            return Installation(version, PG_ROOT / str(version) / "bin")
    if versions:
        raise ClusterError(
            f"PostgreSQL {versions[0]} is installed but PostGIS 3 is not. Install it with:\n"
            f"  sudo apt-get update && sudo apt-get install -y postgresql-{versions[0]}-postgis-3"
        )
    raise ClusterError(
        "PostgreSQL with PostGIS 3 is not installed. Install it with:\n"
        "  sudo apt-get update && sudo apt-get install -y postgresql-15-postgis-3\n"
        "or set DATABASE_URL to a PostGIS database you already have."
    )


class PrivateCluster:
    """Create, start, stop and describe the project's own PostgreSQL cluster."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.state_dir
        self.data_dir = self.root / "pgdata"
        self.socket_dir = self.root / "run"
        self.log_file = self.root / "postgres.log"
        self.password_file = self.root / "superuser-password"
        self.port = settings.pg_port

    # -- describing -----------------------------------------------------------------
    @property
    def initialised(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def password(self) -> str:
        return self.password_file.read_text().strip()

    def url(self, database: str | None = None) -> str:
        """SQLAlchemy URL of a database in this cluster."""
        name = database or self.settings.pg_database
        return f"postgresql+psycopg://{SUPERUSER}:{self.password()}@127.0.0.1:{self.port}/{name}"

    def is_running(self) -> bool:
        if not self.initialised:
            return False
        result = self._run_pg("pg_ctl", "status", "-D", str(self.data_dir), check=False)
        return result.returncode == 0

    def status(self) -> dict[str, str]:
        return {
            "data_dir": str(self.data_dir),
            "port": str(self.port),
            "initialised": "yes" if self.initialised else "no",
            "running": "yes" if self.is_running() else "no",
            "log": str(self.log_file),
        }

    # -- acting ---------------------------------------------------------------------
    def ensure_running(self) -> None:
        """Initialise if needed and start if stopped; quick when already up."""
        if not self.initialised:
            self._initialise()
        if self.is_running():
            return
        self._prepare_runtime_dirs()
        result = self._run_pg(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-o",
            f"-p {self.port} -k {self.socket_dir}",
            check=False,
        )
        if result.returncode != 0:
            tail = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            raise ClusterError(
                f"PostgreSQL did not start on port {self.port}: {result.stderr.strip()}\n{tail}\n"
                f"Is another server using port {self.port}? Set GISAPP_PG_PORT to another port."
            )
        self._wait_ready()

    def stop(self) -> bool:
        if not self.is_running():
            return False
        self._run_pg("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data_dir))
        return True

    # -- internals ------------------------------------------------------------------
    def _initialise(self) -> None:
        if self.data_dir.exists() and any(self.data_dir.iterdir()):
            raise ClusterError(f"{self.data_dir} exists but is not a PostgreSQL cluster; move it away.")
        self.root.mkdir(parents=True, exist_ok=True)
        self._check_reachable()
        self.data_dir.mkdir(mode=0o700, exist_ok=True)
        password = secrets.token_urlsafe(24)
        self.password_file.write_text(password + "\n")
        self.password_file.chmod(0o600)
        pwfile = self.root / ".initdb-pw"
        pwfile.write_text(password + "\n")
        self._hand_over(self.data_dir, pwfile)
        try:
            self._run_pg(
                "initdb",
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                f"--pwfile={pwfile}",
            )
        finally:
            pwfile.unlink(missing_ok=True)
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(_CLUSTER_CONF.format(port=self.port))

    def _prepare_runtime_dirs(self) -> None:
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self.log_file.touch(exist_ok=True)
        self._hand_over(self.socket_dir, self.log_file)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            result = self._run_pg(
                "pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, check=False
            )
            if result.returncode == 0:
                return
            time.sleep(0.2)
        raise ClusterError(f"PostgreSQL on port {self.port} did not accept connections in 30 s.")

    def _check_reachable(self) -> None:
        if not _running_as_root():
            return
        probe = subprocess.run(
            ["runuser", "-u", SERVER_USER, "--", "test", "-x", str(self.root)],
            capture_output=True,
            check=False,
        )
        if probe.returncode != 0:
            blocked = _first_blocked_parent(self.root)
            raise ClusterError(
                f"The '{SERVER_USER}' user cannot reach {self.root}, so the cluster cannot run there.\n"
                f"Allow it with: chmod o+x {blocked}   (or set GISAPP_STATE_DIR to a reachable folder)"
            )

    def _hand_over(self, *paths: Path) -> None:
        """As root, give the server's files to the system user the server runs as."""
        if _running_as_root():
            for path in (self.root, *paths):
                shutil.chown(path, user=SERVER_USER, group=SERVER_USER)

    def _run_pg(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        binary = find_installation().bin_dir / program
        command = [str(binary), *args]
        if _running_as_root():
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        env.pop("PGDATA", None)
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if check and result.returncode != 0:
            raise ClusterError(f"{program} failed: {_redact(result.stderr.strip() or result.stdout.strip())}")
        return result


_CLUSTER_CONF = """
# --- gisapp private cluster (development and tests; data here is reproducible) ---
port = {port}
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
"""


def _running_as_root() -> bool:
    return os.geteuid() == 0


def _first_blocked_parent(path: Path) -> Path:
    for parent in reversed(path.parents):
        if parent != Path("/") and not (parent.stat().st_mode & 0o001):
            return parent
    return path


def _redact(text: str) -> str:
    return re.sub(r"(password[=:]\s*)\S+", r"\1***", text, flags=re.IGNORECASE)
