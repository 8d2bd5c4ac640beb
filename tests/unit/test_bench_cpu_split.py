"""The bench's CPU split (bench/cpu_split.py) on real processes: a server's workers, a finished load
tool and the bench's own work each land in their own role, per request."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.cpu_split import ROLES, CpuSplit, describe, snapshot

BURN = "import time\nend = time.process_time() + {s}\nwhile time.process_time() < end: pass"
# a parent that only waits, and a worker that burns: the shape of `gisapp serve` and its workers
SERVER = "import subprocess, sys\nsubprocess.run([sys.executable, '-c', {burn!r}])"


def _burn_here(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_finished_load_tool_and_the_bench_itself_get_what_they_spent() -> None:
    before = snapshot()
    subprocess.run([sys.executable, "-c", BURN.format(s=0.4)], check=True)  # the load tool (wrk)
    _burn_here(0.3)  # the ceiling's client, in the bench's own process
    after = snapshot()
    split = CpuSplit()
    split.add(before, after, 1000, server_pid=None)
    per_request = split.per_request_us()
    assert set(per_request) == set(ROLES)
    assert 380 <= per_request["load"] <= 700  # 0.4 s over 1,000 requests: 400 us each
    assert 280 <= per_request["client"] <= 600
    assert per_request["server"] == 0


def test_a_running_server_and_its_workers_are_the_server() -> None:
    server = subprocess.Popen([sys.executable, "-c", SERVER.format(burn=BURN.format(s=3))])
    try:
        time.sleep(0.3)
        before = snapshot()
        time.sleep(1.0)
        after = snapshot()
    finally:
        server.kill()
        server.wait(timeout=30)
    split = CpuSplit()
    split.add(before, after, 100, server_pid=server.pid)
    split.add(before, after, 100, server_pid=server.pid)  # windows add up, and so do their requests
    per_request = split.per_request_us()
    # up to a second of one core (less on a busy machine) over 100 requests, counted twice
    assert 2_000 <= per_request["server"] <= 10_500
    assert per_request["load"] == 0
    assert describe(per_request).startswith("server ")
    assert CpuSplit().per_request_us() == {}
