"""Where the machine's CPU went during timed windows, per request: which processes, and the kernel.

The ceiling target compares gisapp with its own tile SQL run without HTTP. Throughput alone says
how far apart the two are, not why; with the CPU each side spent per request, split between the
server's processes, PostgreSQL, the load tool, the ceiling's client and the kernel's network work
(softirq), a run shows what limited it. Read from Linux's /proc, whose per-process times come in
clock ticks (10 ms): over a few seconds at thousands of requests per second, well under a
microsecond per request.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
TICK_US = 1e6 / os.sysconf("SC_CLK_TCK")
# /proc/stat's first line, in order (proc(5)); the rest (steal, guest) count as other
_MACHINE_FIELDS = ("user", "nice", "system", "idle", "iowait", "irq", "softirq")
_NAMED = ("server", "client", "postgres", "load", "softirq")
ROLES = (*_NAMED, "other", "idle")


@dataclass(frozen=True)
class ProcessTimes:
    name: str
    parent: int
    ticks: int  # user + system, all threads


@dataclass(frozen=True)
class CpuSnapshot:
    """Every process's CPU time, the machine's, and this process's own and its finished children's."""

    processes: dict[int, ProcessTimes]
    machine: dict[str, int]  # ticks by /proc/stat field, summed over the cores
    machine_total: int
    own_s: float  # the bench process: the ceiling's client
    children_s: float  # its children that have ended and been waited for: a wrk run


def snapshot() -> CpuSnapshot:
    times = os.times()
    machine_line = (PROC / "stat").read_text().splitlines()[0].split()[1:]
    values = [int(v) for v in machine_line]
    return CpuSnapshot(
        processes=dict(_processes()),
        machine=dict(zip(_MACHINE_FIELDS, values, strict=False)),
        machine_total=sum(values),
        own_s=times.user + times.system,
        children_s=times.children_user + times.children_system,
    )


def _processes() -> Iterable[tuple[int, ProcessTimes]]:
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # it ended while we looked
            continue
        # pid (comm) state ppid ... utime stime: comm may hold spaces and parentheses
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        yield int(entry.name), ProcessTimes(name, int(fields[1]), int(fields[11]) + int(fields[12]))


@dataclass
class CpuSplit:
    """CPU spent per request over one or more windows, by role."""

    requests: int = 0
    ticks: dict[str, float] = field(default_factory=lambda: dict.fromkeys((*_NAMED, "idle", "busy"), 0.0))

    def add(self, before: CpuSnapshot, after: CpuSnapshot, requests: int, *, server_pid: int | None) -> None:
        """Count one window: `server_pid` and its descendants are the server (None: no server, the
        ceiling's window); PostgreSQL is every process named `postgres`."""
        spent = self.ticks
        server = _tree(after, server_pid) if server_pid is not None else set()
        for pid, now in after.processes.items():
            then = before.processes.get(pid)
            used = now.ticks - (then.ticks if then is not None and then.name == now.name else 0)
            if pid in server:
                spent["server"] += used
            elif now.name.startswith("postgres"):
                spent["postgres"] += used
        spent["client"] += (after.own_s - before.own_s) * 1e6 / TICK_US
        spent["load"] += (after.children_s - before.children_s) * 1e6 / TICK_US
        machine = {k: after.machine.get(k, 0) - before.machine.get(k, 0) for k in _MACHINE_FIELDS}
        idle = machine["idle"] + machine["iowait"]
        spent["softirq"] += machine["softirq"]
        spent["idle"] += idle
        spent["busy"] += after.machine_total - before.machine_total - idle
        self.requests += requests

    def per_request_us(self) -> dict[str, float]:
        """Microseconds per request by role; `other` is what the machine spent beyond the named roles
        (other processes, interrupts)."""
        if not self.requests:
            return {}
        ticks = {role: self.ticks[role] for role in (*_NAMED, "idle")}
        ticks["other"] = max(0.0, self.ticks["busy"] - sum(self.ticks[role] for role in _NAMED))
        return {role: round(ticks[role] * TICK_US / self.requests, 1) for role in ROLES}


def _tree(snap: CpuSnapshot, root: int) -> set[int]:
    """`root` and every process descended from it (a server's workers)."""
    children: dict[int, list[int]] = {}
    for pid, times in snap.processes.items():
        children.setdefault(times.parent, []).append(pid)
    found, waiting = set(), [root]
    while waiting:
        pid = waiting.pop()
        found.add(pid)
        waiting.extend(children.get(pid, []))
    return found


def cpu_detail(split: CpuSplit) -> dict[str, float | str]:
    """The split for a measurement's detail: `cpu_<role>_us` for the JSON, `cpu_us` for the console."""
    per_request = split.per_request_us()
    return {"cpu_us": describe(per_request)} | {f"cpu_{role}_us": v for role, v in per_request.items()}


def describe(split: dict[str, float]) -> str:
    """`server 72 · postgres 88 · …` for the console; roles that spent nothing are left out."""
    return " · ".join(f"{role} {split[role]:.0f}" for role in ROLES if split.get(role, 0) >= 0.5)
