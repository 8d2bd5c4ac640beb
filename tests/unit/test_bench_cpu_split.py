"""The bench's CPU split (bench/cpu_split.py) on real processes: a server's workers, a finished load
tool and the bench's own work each land in their own role, per request."""

from __future__ import annotations

import os
import signal
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
    """The worker burns a fixed amount of CPU and says so, then idles: the figure depends on no
    scheduler, however busy the machine."""
    worker = BURN.format(s=0.5) + "\nprint('burnt', flush=True)\ntime.sleep(60)"
    before = snapshot()  # the worker does not exist yet: all it spends falls in the window
    command = [sys.executable, "-c", SERVER.format(burn=worker)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert server.stdout is not None
        assert server.stdout.readline() == b"burnt\n"
        after = snapshot()
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # the worker too, not only its parent
        server.wait(timeout=30)
    split = CpuSplit()
    split.add(before, after, 100, server_pid=server.pid)
    split.add(before, after, 100, server_pid=server.pid)  # windows add up, and so do their requests
    per_request = split.per_request_us()
    # 0.5 s burnt, plus two interpreters starting (a few tenths), over 100 requests
    assert 5_000 <= per_request["server"] <= 12_000
    assert per_request["load"] == 0
    assert describe(per_request).startswith("server ")
    assert CpuSplit().per_request_us() == {}
