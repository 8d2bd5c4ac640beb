"""One measured (case, server) pair, whatever produced it: wrk over HTTP or the SQL ceiling."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Timing:
    """Every measurement: a warm-up (figures dropped), then `seconds` with `concurrency` clients."""

    seconds: float
    warmup_s: float
    concurrency: int


@dataclass(frozen=True)
class Measurement:
    """Figures of one timed window; `errors` counts failed requests of any kind."""

    case: str
    server: str
    requests: int
    duration_s: float
    p50_ms: float
    p99_ms: float
    mean_bytes: float
    errors: int
    detail: dict[str, float | int | str] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s > 0 else 0.0

    @property
    def mean_kb(self) -> float:
        return self.mean_bytes / 1024

    def as_dict(self) -> dict[str, object]:
        return {
            "case": self.case,
            "server": self.server,
            "requests": self.requests,
            "duration_s": round(self.duration_s, 3),
            "rps": round(self.rps, 2),
            "p50_ms": round(self.p50_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "mean_kb": round(self.mean_kb, 2),
            "errors": self.errors,
            "detail": self.detail,
        }
