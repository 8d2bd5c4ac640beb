"""The registry's checks on a growing area's ground, run on every create and geometry change.

Each problem says what and where: the crop and its minimum area, the commune a plot really lies in
(and the successor of a commune code closed by the 2025 merger), and every active area it overlaps
with the shared part as GeoJSON, so the map can draw it. Geometry validity and the swapped-axis
hint come first, from services/geometry_checks.py; these checks assume a valid polygon.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gisapp.errors import GisappError
from gisapp.models import AdminUnit, CommuneCrosswalk, Crop
from gisapp.models.growing_area import ACTIVE_STATUSES
from gisapp.settings import Settings
from gisapp.sql import load_sql


@dataclass(frozen=True)
class Problem:
    check: str  # crop, commune, min_area, overlap
    message: str
    geometry: dict[str, Any] | None = None
    other: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


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


def commune_in_force(session: Session, code: str) -> AdminUnit | None:
    return session.execute(
        select(AdminUnit).where(
            AdminUnit.level == "commune", AdminUnit.code == code, AdminUnit.valid_to.is_(None)
        )
    ).scalar_one_or_none()


def filed_commune_problem(session: Session, code: str) -> Problem | None:
    """Only 2025 commune codes are accepted; a closed one is answered with its successor."""
    if commune_in_force(session, code) is not None:
        return None
    successors = (
        session.execute(select(CommuneCrosswalk).where(CommuneCrosswalk.old_commune_code == code))
        .scalars()
        .all()
    )
    if successors:
        old_name = successors[0].old_commune_name
        named = ", ".join(f"{s.new_commune_code} ({s.new_commune_name})" for s in successors)
        return Problem(
            "commune",
            f"Mã xã {code} ({old_name}) đã đóng từ 1/7/2025 / commune code {code} ({old_name}) was closed "
            f"by the 2025 merger: use {named}.",
            other={"successors": [s.new_commune_code for s in successors]},
        )
    return Problem(
        "commune", f"Không có xã mã {code} / no commune in force has code {code} (5 digits, 2025 list)."
    )


def _commune_problems(session: Session, settings: Settings, ground: Ground) -> list[Problem]:
    covering = session.execute(
        load_sql("gisapp.services", "commune_cover"), {"geojson": ground.geojson}
    ).all()
    if not covering:
        return [
            Problem("commune", "The plot lies in no commune in force (at sea, or outside Vietnam's land).")
        ]
    holder = next((row for row in covering if row.holds_point), covering[0])
    if ground.filed_commune is None:
        return []
    closed = filed_commune_problem(session, ground.filed_commune)
    if closed:
        return [closed]
    filed = next((row for row in covering if row.code == ground.filed_commune), None)
    share = float(filed.share or 0) if filed else 0.0
    if filed is not None and filed.holds_point and share >= settings.commune_min_share:
        return []
    return [
        Problem(
            "commune",
            f"Vùng trồng không nằm trong xã {ground.filed_commune} / the plot is filed under commune "
            f"{ground.filed_commune} but only {share:.0%} of its area lies there (at least "
            f"{settings.commune_min_share:.0%} needed); it lies in {holder.code} ({holder.name}), "
            f"{float(holder.share or 0):.0%} of its area.",
            other={
                "commune_code": holder.code,
                "commune_name": holder.name,
                "share": round(float(holder.share or 0), 4),
            },
        )
    ]


def _crop_and_area_problems(session: Session, ground: Ground, area_ha: float) -> list[Problem]:
    crop = session.get(Crop, ground.crop)
    if crop is None:
        known = session.execute(select(Crop.name).order_by(Crop.name)).scalars().all()
        return [Problem("crop", f"Unknown crop '{ground.crop}'. Known crops: {', '.join(known)}.")]
    minimum = float(crop.min_area_ha)
    if area_ha + 1e-9 < minimum:
        kind_vi, kind_en = (
            ("lâu năm", "perennial") if crop.lifecycle == "perennial" else ("hằng năm", "annual")
        )
        return [
            Problem(
                "min_area",
                f"Diện tích {area_ha:.4f} ha nhỏ hơn mức tối thiểu {minimum:g} ha cho cây {kind_vi} "
                f"'{crop.name}' / the area {area_ha:.4f} ha is below the {minimum:g} ha minimum for "
                f"{crop.name_en} ({kind_en}, QĐ 3156).",
            )
        ]
    return []


def overlap_problems(session: Session, settings: Settings, ground: Ground) -> list[Problem]:
    """Overlaps with active areas beyond the tolerance: min(share × smaller area, m²)."""
    rows = session.execute(
        load_sql("gisapp.services", "overlapping_areas"),
        {"geojson": ground.geojson, "statuses": list(ACTIVE_STATUSES), "exclude_id": ground.area_id},
    ).all()
    found = []
    for row in rows:
        allowed = min(
            settings.overlap_tolerance_share * min(row.own_m2, row.other_m2), settings.overlap_tolerance_m2
        )
        if row.overlap_m2 <= allowed:
            continue
        label = row.code or f"hồ sơ #{row.id} ({row.status})"
        found.append(
            Problem(
                "overlap",
                f"Chồng lấn {_vi_number(row.overlap_m2)} m² với vùng trồng {label} / overlaps growing area "
                f"{label} '{row.name}' by {row.overlap_m2:,.0f} m² ({row.overlap_m2 / 10_000:.4f} ha; "
                f"tolerance {allowed:,.0f} m²).",
                geometry=json.loads(row.overlap),
                other={
                    "id": row.id,
                    "code": row.code,
                    "name": row.name,
                    "status": row.status,
                    "overlap_m2": round(float(row.overlap_m2), 1),
                },
            )
        )
    return found


def _vi_number(value: float) -> str:
    """Thousands grouped the Vietnamese way: 36.081, not 36,081."""
    return f"{value:,.0f}".replace(",", ".")


def plot_area_ha(session: Session, geojson: str) -> float:
    return float(
        session.execute(
            text("SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326)::geography) / 10000"),
            {"g": geojson},
        ).scalar_one()
    )


def registry_problems(session: Session, settings: Settings, ground: Ground) -> list[Problem]:
    problems = _crop_and_area_problems(session, ground, plot_area_ha(session, ground.geojson))
    problems += _commune_problems(session, settings, ground)
    problems += overlap_problems(session, settings, ground)
    return problems


def require_passing(session: Session, settings: Settings, ground: Ground) -> None:
    problems = registry_problems(session, settings, ground)
    if problems:
        raise RegistryCheckFailed(problems)
