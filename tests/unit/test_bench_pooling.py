"""The benchmark's pooling of alternating rounds (bench/rounds.py): counts add, percentiles pool.

The ≥ 0.7× ceiling target is judged on figures pooled from several short wrk runs and ceiling
windows; a slip here would misstate the ratio of every run, so the arithmetic is pinned down.
"""

from __future__ import annotations

import numpy as np
import pytest

from bench.ceiling import CeilingWindow, ceiling_measurement
from bench.config import BenchOptions
from bench.loadgen import SUMMED, WrkFigures, wrk_measurement
from bench.pooled import LatencySample, pooled_percentiles
from bench.rounds import round_seconds


def _wrk_run(requests: int, quantiles_ms: list[float], seconds: float = 5.0) -> WrkFigures:
    run: WrkFigures = dict.fromkeys(SUMMED, 0)
    run |= {"duration_us": seconds * 1e6, "requests": requests, "responses": requests, "s2xx": requests}
    run |= {"body_bytes": requests * 2000, "bytes": requests * 2200, "max_us": max(quantiles_ms) * 1000}
    run |= {"p50_us": 0, "p90_us": 0, "p99_us": 0, "quantiles_us": [q * 1000 for q in quantiles_ms]}
    return run


def test_one_window_gives_its_own_percentiles() -> None:
    values = list(range(1, 101))
    assert pooled_percentiles([LatencySample(values, 100)], (50, 99, 100)) == [50.0, 99.0, 100.0]


def test_windows_weigh_by_their_requests_not_by_their_quantile_count() -> None:
    fast = LatencySample([1.0] * 10, requests=900)  # ten quantiles standing for 900 requests
    slow = LatencySample([100.0] * 1000, requests=100)  # a thousand standing for 100
    p50, p95 = pooled_percentiles([fast, slow], (50, 95))
    assert (p50, p95) == (1.0, 100.0)


def test_an_empty_window_changes_nothing() -> None:
    window = LatencySample([3.0, 4.0], 2)
    alone = pooled_percentiles([window], (50, 99))
    assert pooled_percentiles([window, LatencySample([], 0)], (50, 99)) == alone
    assert pooled_percentiles([LatencySample([], 0)], (50,)) == [0.0]


def test_wrk_rounds_add_their_counts_and_pool_their_latencies() -> None:
    first = _wrk_run(1000, [2.0] * 98 + [40.0] * 2)
    second = _wrk_run(3000, [4.0] * 98 + [80.0] * 2)
    pooled = wrk_measurement("z14", "gisapp", [first, second])
    assert pooled.requests == 4000
    assert pooled.duration_s == pytest.approx(10.0)
    assert pooled.rps == pytest.approx(400.0)
    assert pooled.mean_bytes == pytest.approx(2000.0)
    assert pooled.p50_ms == 4.0  # three quarters of the requests are the second run's
    assert pooled.p99_ms == 80.0  # its slowest 2 % outweigh the first run's slowest 2 %
    assert pooled.detail["max_ms"] == 80.0


def test_ceiling_windows_keep_every_latency() -> None:
    windows = [
        CeilingWindow(latencies_s=[0.001] * 300, bytes=300 * 100, elapsed_s=5.0),
        CeilingWindow(latencies_s=[0.003] * 100, bytes=100 * 100, errors=2, elapsed_s=5.0),
    ]
    pooled = ceiling_measurement("z14", windows)
    assert (pooled.requests, pooled.errors) == (400, 2)
    assert pooled.rps == pytest.approx(40.0)
    expected = np.percentile([1.0] * 300 + [3.0] * 100, [50, 99])
    assert pooled.p50_ms == pytest.approx(expected[0])
    assert pooled.p99_ms == pytest.approx(expected[1])


def test_rounds_last_whole_seconds() -> None:
    assert round_seconds(20, 4) == 5
    assert round_seconds(5, 4) == 1
    assert round_seconds(2, 1) == 2


def test_rounds_shorter_than_a_second_are_refused() -> None:
    with pytest.raises(ValueError, match="--rounds"):
        BenchOptions(duration_s=3, rounds=4)
    with pytest.raises(ValueError, match="--rounds"):
        BenchOptions(rounds=0)
