"""What one benchmark run is asked to do, and where the harness keeps its files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
BENCH_DATABASE = "gisapp_bench"
LAYER_ID = "growing_areas"

TILE_ZOOMS = (6, 8, 10, 12, 14, 15)
ITEMS_CASE = "items"
# Issue 5: public lookups and the officer's dry-run overlap check, gisapp only (tipg has no such thing).
LOOKUP_CASES = ("lookup_code", "lookup_point", "lookup_name", "overlap_check")
ALL_CASES = (*(f"z{z}" for z in TILE_ZOOMS), ITEMS_CASE, *LOOKUP_CASES)

DEFAULT_PLOTS = 1_000_000
DEFAULT_SEED = 2025
DEFAULT_DURATION_S = 20.0
DEFAULT_WARMUP_S = 3.0
DEFAULT_CONCURRENCY = 16
DEFAULT_ROUNDS = 4  # gisapp and the ceiling alternate in this many rounds per tile case (bench/rounds.py)


@dataclass(frozen=True)
class BenchOptions:
    """Options of `gisapp bench` / `python -m bench.run`; defaults are those of issue 3."""

    plots: int = DEFAULT_PLOTS
    duration_s: float = DEFAULT_DURATION_S
    warmup_s: float = DEFAULT_WARMUP_S
    concurrency: int = DEFAULT_CONCURRENCY
    cases: tuple[str, ...] = ALL_CASES
    seed: int = DEFAULT_SEED
    reload: bool = False
    rounds: int = DEFAULT_ROUNDS

    def __post_init__(self) -> None:
        unknown = sorted(set(self.cases) - set(ALL_CASES))
        if unknown:
            raise ValueError(f"unknown cases {unknown}; choose among {', '.join(ALL_CASES)}")
        if self.plots < 1000:
            raise ValueError("--plots must be at least 1000 (too few tiles to sample otherwise)")
        if self.duration_s <= 0 or self.warmup_s < 0:
            raise ValueError("--duration must be positive and --warmup not negative")
        if not 1 <= self.concurrency <= 256:
            raise ValueError("--concurrency must be between 1 and 256")
        if self.rounds < 1 or self.duration_s / self.rounds < 1:
            raise ValueError("--rounds must be at least 1, and --duration at least 1 s per round")

    @property
    def zooms(self) -> tuple[int, ...]:
        return tuple(z for z in TILE_ZOOMS if f"z{z}" in self.cases)

    @property
    def lookup_cases(self) -> tuple[str, ...]:
        return tuple(c for c in LOOKUP_CASES if c in self.cases)

    @property
    def needs_tipg(self) -> bool:
        """tipg is compared on tiles and items only; a lookup-only run does not start it."""
        return bool(self.zooms) or ITEMS_CASE in self.cases


def parse_cases(text: str) -> tuple[str, ...]:
    """`all` or a comma-separated list such as `z12,z14,items` (a bare `12` means `z12`, `lookup` the
    four cases of issue 5)."""
    if text.strip().lower() in ("", "all"):
        return ALL_CASES
    names: list[str] = []
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        names += LOOKUP_CASES if part == "lookup" else [f"z{part}" if part.isdigit() else part]
    return tuple(dict.fromkeys(names))
