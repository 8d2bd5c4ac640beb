"""Percentiles of several timed windows taken together, as if they had been one window.

wrk reports each run's latencies as evenly spaced quantiles (its histogram walked on demand by
`wrk/cycle.lua`); the ceiling keeps every latency. Either way a window is a set of values that each
stand for an equal share of its requests, so windows pool by weighting each value by that share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LatencySample:
    """Values (ms) that together stand for `requests` requests, each for an equal share of them."""

    values_ms: Sequence[float]
    requests: int


def pooled_percentiles(samples: Sequence[LatencySample], percents: Sequence[float]) -> list[float]:
    """Weighted percentiles over every window; 0 for each when no window holds a request."""
    values, weights = [], []
    for sample in samples:
        if sample.requests > 0 and len(sample.values_ms) > 0:
            values.append(np.asarray(sample.values_ms, dtype=float))
            weights.append(np.full(len(sample.values_ms), sample.requests / len(sample.values_ms)))
    if not values:
        return [0.0 for _ in percents]
    order = np.argsort(all_values := np.concatenate(values), kind="stable")
    ranked, cumulative = all_values[order], np.cumsum(np.concatenate(weights)[order])
    total = cumulative[-1]
    found = []
    for percent in percents:
        index = int(np.searchsorted(cumulative, percent / 100 * total, side="left"))
        found.append(float(ranked[min(index, len(ranked) - 1)]))
    return found
