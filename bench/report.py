"""The one table, the ratios, the issue's targets with pass/fail, and the JSON written for later runs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.config import ALL_CASES
from bench.lookup_cases import TARGETS as LOOKUP_TARGETS
from bench.measurement import Measurement

SERVER_ORDER = ("gisapp", "gisapp-cached", "gisapp-warm", "gisapp-gzip", "tipg", "ceiling")


@dataclass(frozen=True)
class Target:
    """One line of the issues' targets, judged on this run."""

    name: str
    value: str
    passed: bool | None  # None: not measured in this run

    def as_dict(self) -> dict[str, object]:
        return {"target": self.name, "value": self.value, "passed": self.passed}


def _index(results: Sequence[Measurement]) -> dict[tuple[str, str], Measurement]:
    return {(m.case, m.server): m for m in results}


def ratio(results: Sequence[Measurement], case: str, server: str, versus: str) -> float | None:
    found = _index(results)
    mine, other = found.get((case, server)), found.get((case, versus))
    if mine is None or other is None or other.rps <= 0:
        return None
    return mine.rps / other.rps


def ratios(results: Sequence[Measurement]) -> dict[str, dict[str, float | None]]:
    cases = dict.fromkeys(m.case for m in results)
    return {
        case: {
            "gisapp/tipg": ratio(results, case, "gisapp", "tipg"),
            "gisapp/ceiling": ratio(results, case, "gisapp", "ceiling"),
            "gisapp-cached/tipg": ratio(results, case, "gisapp-cached", "tipg"),
            "gisapp-warm/tipg": ratio(results, case, "gisapp-warm", "tipg"),
            "gisapp-gzip/tipg": ratio(results, case, "gisapp-gzip", "tipg"),
        }
        for case in cases
    }


def _ratio_target(
    results: Sequence[Measurement], zooms: tuple[int, ...], versus: str, minimum: float, clean: bool
) -> Target:
    span = f"z{zooms[0]}–z{zooms[-1]}"
    name = f"gisapp ≥ {minimum:g}× {versus} req/s at {span}" + (", no errors" if clean else "")
    found = _index(results)
    parts, verdicts = [], []
    for z in zooms:
        value = ratio(results, f"z{z}", "gisapp", versus)
        if value is None:
            continue
        errors = found[(f"z{z}", "gisapp")].errors
        parts.append(f"z{z} {value:.2f}×" + (f" ({errors} errors)" if errors and clean else ""))
        verdicts.append(value >= minimum and (errors == 0 or not clean))
    return Target(name, ", ".join(parts) or "not measured", all(verdicts) if verdicts else None)


def lookup_targets(results: Sequence[Measurement]) -> list[Target]:
    """Issue 5: p99 per lookup case at the run's concurrency, with no errors; req/s shown beside."""
    found = _index(results)
    measured = []
    for case, (label, limit_ms) in LOOKUP_TARGETS.items():
        m = found.get((case, "gisapp"))
        name = f"{label}: p99 < {limit_ms:g} ms, no errors"
        if m is None:
            measured.append(Target(name, "not measured", None))
            continue
        value = f"p99 {m.p99_ms:.1f} ms, p50 {m.p50_ms:.1f} ms, {m.rps:,.0f} req/s"
        value += f", {m.errors} errors" if m.errors else ""
        measured.append(Target(name, value, m.p99_ms < limit_ms and m.errors == 0 and m.requests > 0))
    return measured


def targets(results: Sequence[Measurement]) -> list[Target]:
    """Issue 3's targets when tiles or items were measured, issue 5's when lookups were."""
    cases = {m.case for m in results}
    found = []
    if cases - set(LOOKUP_TARGETS):
        found += tile_targets(results)
    if cases & set(LOOKUP_TARGETS):
        found += lookup_targets(results)
    return found


def tile_targets(results: Sequence[Measurement]) -> list[Target]:
    z6 = _index(results).get(("z6", "gisapp"))
    size = Target(
        "mean z6 tile < 100 KB",
        f"{z6.mean_kb:.1f} KB" if z6 else "not measured",
        (z6.mean_kb < 100 and z6.requests > 0) if z6 else None,
    )
    return [
        _ratio_target(results, (12, 14, 15), "tipg", 1.0, clean=True),
        _ratio_target(results, (6, 8), "tipg", 3.0, clean=True),
        _ratio_target(results, (12, 14, 15), "ceiling", 0.7, clean=False),
        size,
    ]


def _fmt(value: float | None, digits: int = 1, suffix: str = "") -> str:
    return "–" if value is None else f"{value:,.{digits}f}{suffix}"


def results_table(results: Sequence[Measurement], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for header in ("case", "server", "req/s", "p50 ms", "p99 ms", "mean KB", "errors", "×tipg", "×ceiling"):
        table.add_column(header, justify="left" if header in ("case", "server") else "right")
    found = _index(results)
    for case in ALL_CASES:
        rows = [found[(case, s)] for s in SERVER_ORDER if (case, s) in found]
        for i, m in enumerate(rows):
            is_gisapp = m.server.startswith("gisapp")
            table.add_row(
                case if i == 0 else "",
                m.server,
                _fmt(m.rps),
                _fmt(m.p50_ms),
                _fmt(m.p99_ms),
                _fmt(m.mean_kb, 1),
                f"[red]{m.errors}[/]" if m.errors else "0",
                _fmt(ratio(results, case, m.server, "tipg"), 2, "×") if is_gisapp else "",
                _fmt(ratio(results, case, m.server, "ceiling"), 2, "×") if is_gisapp else "",
                end_section=i == len(rows) - 1,
            )
    return table


def targets_table(found: Sequence[Target]) -> Table:
    table = Table(title="Targets (issue 3: tiles and items; issue 5: lookups)", title_justify="left")
    for header in ("target", "this run", "verdict"):
        table.add_column(header)
    for target in found:
        verdict = {True: "[green]pass[/]", False: "[red]FAIL[/]", None: "[yellow]not measured[/]"}
        table.add_row(target.name, target.value, verdict[target.passed])
    return table


def print_report(console: Console, results: Sequence[Measurement], title: str) -> list[Target]:
    found = targets(results)
    console.print(results_table(results, title))
    console.print(targets_table(found))
    return found


def write_json(path: Path, document: dict[str, object]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
