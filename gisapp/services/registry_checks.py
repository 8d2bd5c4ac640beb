"""The registry's checks on a growing area's ground, run on every create and geometry change.

Each problem says what and where: the crop and its minimum area, the commune a plot really lies in
(and the successor of a commune code closed by the 2025 merger), and every active area it overlaps
with the shared part as GeoJSON, so the map can draw it. Geometry validity and the swapped-axis
hint come first, from services/geometry_checks.py; these checks assume a valid polygon.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from gisapp.errors import GisappError
from gisapp.models.growing_area import ACTIVE_STATUSES
from gisapp.services.driver_sql import DriverQuery, driver_text, fetch_rows_in
from gisapp.services.read_pool import Reader
from gisapp.settings import Settings


@dataclass(frozen=True)
class Problem:
    check: str  # crop, commune, min_area, overlap
    message: str
    geometry: dict[str, Any] | None = None
    other: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        """Without the empty fields. Not `dataclasses.asdict`: it deep-copies the overlap's GeoJSON,
        a tenth of the server's time on an overlap check."""
        found: dict[str, Any] = {"check": self.check, "message": self.message}
        if self.geometry is not None:
            found["geometry"] = self.geometry
        if self.other is not None:
            found["other"] = self.other
        return found


@dataclass(frozen=True)
class Ground:
    """What the checks need: the plot, its crop, the commune it is filed under, and which area it is."""

    geojson: str
    crop: str
    filed_commune: str | None
    area_id: int | None = None


class RegistryCheckFailed(GisappError):
    """The plot breaks one or more registry rules; every problem is listed, nothing was written."""

    status_code = 422
    code = "registry_check_failed"

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems

    @property
    def details(self) -> dict[str, object]:
        return {"problems": [p.as_json() for p in self.problems]}


class Facts(NamedTuple):
    """One row of services/sql/registry_facts.sql: every fact the checks read, fetched at once."""

    area_ha: float
    crop: dict[str, Any] | None
    known_crops: list[str] | None
    communes: list[dict[str, Any]] | None
    filed_in_force: bool
    successors: list[dict[str, str]] | None
    overlaps: list[dict[str, Any]] | None


def facts_query(ground: Ground) -> DriverQuery:
    return DriverQuery(
        driver_text("gisapp.services", "registry_facts"),
        {
            "geojson": ground.geojson,
            "crop": ground.crop,
            "filed": ground.filed_commune,
            "statuses": list(ACTIVE_STATUSES),
            "exclude_id": ground.area_id,
        },
    )


def registry_problems(session: Session, settings: Settings, ground: Ground) -> list[Problem]:
    """In the caller's transaction: the checks of a write see the rows it has written so far."""
    (row,) = fetch_rows_in(session, facts_query(ground))
    return problems_in(Facts(*row), settings, ground)


async def read_registry_problems(reader: Reader, settings: Settings, ground: Ground) -> list[Problem]:
    """The same checks through the async read pool, for the dry run: one round trip, no transaction."""
    return problems_in(Facts(*await reader.fetch_row(facts_query(ground))), settings, ground)


def problems_in(facts: Facts, settings: Settings, ground: Ground) -> list[Problem]:
    problems = _crop_and_area_problems(facts, ground)
    problems += _commune_problems(facts, settings, ground)
    problems += _overlap_problems(facts, settings)
    return problems


def require_passing(session: Session, settings: Settings, ground: Ground) -> None:
    problems = registry_problems(session, settings, ground)
    if problems:
        raise RegistryCheckFailed(problems)


def _filed_commune_problem(facts: Facts, code: str) -> Problem | None:
    """Only 2025 commune codes are accepted; a closed one is answered with its successor."""
    if facts.filed_in_force:
        return None
    successors = facts.successors or []
    if successors:
        old_name = successors[0]["old_name"]
        named = ", ".join(f"{s['code']} ({s['name']})" for s in successors)
        return Problem(
            "commune",
            f"Mã xã {code} ({old_name}) đã đóng từ 1/7/2025 / commune code {code} ({old_name}) was closed "
            f"by the 2025 merger: use {named}.",
            other={"successors": [s["code"] for s in successors]},
        )
    return Problem(
        "commune", f"Không có xã mã {code} / no commune in force has code {code} (5 digits, 2025 list)."
    )


def _commune_problems(facts: Facts, settings: Settings, ground: Ground) -> list[Problem]:
    covering = facts.communes or []
    if not covering:
        return [
            Problem("commune", "The plot lies in no commune in force (at sea, or outside Vietnam's land).")
        ]
    holder = next((row for row in covering if row["holds_point"]), covering[0])
    if ground.filed_commune is None:
        return []
    closed = _filed_commune_problem(facts, ground.filed_commune)
    if closed:
        return [closed]
    filed = next((row for row in covering if row["code"] == ground.filed_commune), None)
    share = float(filed["share"] or 0) if filed else 0.0
    if filed is not None and filed["holds_point"] and share >= settings.commune_min_share:
        return []
    holder_share = float(holder["share"] or 0)
    return [
        Problem(
            "commune",
            f"Vùng trồng không nằm trong xã {ground.filed_commune} / the plot is filed under commune "
            f"{ground.filed_commune} but only {share:.0%} of its area lies there (at least "
            f"{settings.commune_min_share:.0%} needed); it lies in {holder['code']} ({holder['name']}), "
            f"{holder_share:.0%} of its area.",
            other={
                "commune_code": holder["code"],
                "commune_name": holder["name"],
                "share": round(holder_share, 4),
            },
        )
    ]


def _crop_and_area_problems(facts: Facts, ground: Ground) -> list[Problem]:
    crop = facts.crop
    if crop is None:
        known = facts.known_crops or []
        return [Problem("crop", f"Unknown crop '{ground.crop}'. Known crops: {', '.join(known)}.")]
    minimum, area_ha = float(crop["min_area_ha"]), float(facts.area_ha)
    if area_ha + 1e-9 < minimum:
        kind_vi, kind_en = (
            ("lâu năm", "perennial") if crop["lifecycle"] == "perennial" else ("hằng năm", "annual")
        )
        return [
            Problem(
                "min_area",
                f"Diện tích {area_ha:.4f} ha nhỏ hơn mức tối thiểu {minimum:g} ha cho cây {kind_vi} "
                f"'{crop['name']}' / the area {area_ha:.4f} ha is below the {minimum:g} ha minimum for "
                f"{crop['name_en']} ({kind_en}, QĐ 3156).",
            )
        ]
    return []


def _overlap_problems(facts: Facts, settings: Settings) -> list[Problem]:
    """Overlaps with active areas beyond the tolerance: min(share × smaller area, m²)."""
    found = []
    for row in facts.overlaps or []:
        overlap_m2 = float(row["overlap_m2"])
        allowed = min(
            settings.overlap_tolerance_share * min(float(row["own_m2"]), float(row["other_m2"])),
            settings.overlap_tolerance_m2,
        )
        if overlap_m2 <= allowed:
            continue
        label = row["code"] or f"hồ sơ #{row['id']} ({row['status']})"
        found.append(
            Problem(
                "overlap",
                f"Chồng lấn {_vi_number(overlap_m2)} m² với vùng trồng {label} / overlaps growing area "
                f"{label} '{row['name']}' by {overlap_m2:,.0f} m² ({overlap_m2 / 10_000:.4f} ha; "
                f"tolerance {allowed:,.0f} m²).",
                geometry=row["overlap"],
                other={
                    "id": row["id"],
                    "code": row["code"],
                    "name": row["name"],
                    "status": row["status"],
                    "overlap_m2": round(overlap_m2, 1),
                },
            )
        )
    return found


def _vi_number(value: float) -> str:
    """Thousands grouped the Vietnamese way: 36.081, not 36,081."""
    return f"{value:,.0f}".replace(",", ".")
