"""gisapp (cold) and the SQL ceiling in alternating rounds, so that both meet the same machine.

The ≥ 0.7× ceiling target is a ratio of two measurements. On the shared 2-core machines the bench
runs on, the same work goes up to a quarter faster or slower from one minute to the next (the
ceiling alone: 3,100 to 4,600 tiles/s at z14 within five minutes), so two 20 s windows taken a
minute and three other servers apart measured the host as much as gisapp. Taken in rounds (gisapp,
ceiling, gisapp, ceiling, …) of the same total length, a slow minute slows both sides alike.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import uvloop
from sqlalchemy import Engine

from bench.ceiling import CeilingClient, CeilingWindow, Query, ceiling_measurement
from bench.cpu_split import CpuSplit, cpu_detail, snapshot
from bench.loadgen import WrkFigures, run_wrk, wrk_measurement
from bench.measurement import Measurement, Timing
from bench.pgstate import wait_until_idle

QUANTILES = 1000  # per wrk round, to pool the rounds' latencies


def round_seconds(seconds: float, rounds: int) -> int:
    """Whole seconds per round (wrk's `-d` counts whole seconds), at least one."""
    return max(1, round(seconds / rounds))


@dataclass(frozen=True)
class AlternatingRounds:
    """One tile case for both sides: gisapp's URL list and the ceiling's queries for the same tiles."""

    case: str
    base_url: str
    url_file: Path
    conninfo: str
    queries: list[Query]
    timing: Timing
    rounds: int
    engine: Engine
    server_pid: int  # gisapp's main process: it and its workers are the server in the CPU split

    def measure(self) -> tuple[Measurement, Measurement]:
        """(gisapp, ceiling): each warmed up once, then `rounds` rounds of wrk on gisapp followed by the
        same queries on the ceiling's connections, every round `timing.seconds / rounds` long."""
        return uvloop.run(self._alternate())

    async def _alternate(self) -> tuple[Measurement, Measurement]:
        timing, length = self.timing, round_seconds(self.timing.seconds, self.rounds)
        wrk_run = partial(run_wrk, self.base_url, self.url_file, concurrency=timing.concurrency)
        runs: list[WrkFigures] = []
        windows: list[CeilingWindow] = []
        gisapp_cpu, ceiling_cpu = CpuSplit(), CpuSplit()
        async with CeilingClient(self.conninfo, self.queries, timing.concurrency) as ceiling:
            if timing.warmup_s > 0:
                await asyncio.to_thread(wrk_run, timing.warmup_s)
                await asyncio.to_thread(wait_until_idle, self.engine)
                await ceiling.window(timing.warmup_s)
            for _ in range(self.rounds):
                before = snapshot()
                runs.append(await asyncio.to_thread(wrk_run, length, quantiles=QUANTILES))
                gisapp_cpu.add(before, snapshot(), runs[-1]["requests"], server_pid=self.server_pid)
                await asyncio.to_thread(wait_until_idle, self.engine)  # gisapp's last queries must end
                before = snapshot()
                windows.append(await ceiling.window(length))
                ceiling_cpu.add(before, snapshot(), len(windows[-1].latencies_s), server_pid=None)
        gisapp = wrk_measurement(self.case, "gisapp", runs)
        ceiling_m = ceiling_measurement(self.case, windows)
        gisapp_rps = [run["requests"] / (run["duration_us"] / 1e6) for run in runs]
        ceiling_rps = [len(w.latencies_s) / w.elapsed_s for w in windows]
        per_round = {"rounds": self.rounds, "round_s": length}
        ratios = [g / c if c else 0.0 for g, c in zip(gisapp_rps, ceiling_rps, strict=True)]
        mine = per_round | {"round_rps": _listed(gisapp_rps), "round_ratios": _listed(ratios, 2)}
        theirs = per_round | {"round_rps": _listed(ceiling_rps)}
        return (
            replace(gisapp, detail={**gisapp.detail, **mine, **cpu_detail(gisapp_cpu)}),
            replace(ceiling_m, detail={**ceiling_m.detail, **theirs, **cpu_detail(ceiling_cpu)}),
        )


def _listed(values: list[float], decimals: int = 0) -> str:
    return " ".join(f"{v:.{decimals}f}" for v in values)
