"""One commune's environment at a glance: clean water served, pollution sources, open citizen reports.

The clean-water share is households served by works whose latest test passes divided by households
served by all works of the commune (works with no households figure add nothing to either side). It
is "not assessable" when no work has a judged test (pass or exceed): never a silent 0 % or 100 %.
Public: counts, and the sources that exceeded by their public name (a pollution source is a public
record); never an owner, a contact or a reporter.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.errors import NotFound
from gisapp.models import AdminUnit, CitizenReport, PollutionSource
from gisapp.models.citizen_report import OPEN_STATUSES
from gisapp.models.water_work import TEST_STATUSES
from gisapp.sql import load_sql

JUDGED = ("pass", "exceed")


def summary(session: Session, commune_code: str) -> dict[str, Any]:
    commune = session.execute(
        select(AdminUnit.code, AdminUnit.name, AdminUnit.parent_code).where(
            AdminUnit.level == "commune", AdminUnit.code == commune_code, AdminUnit.valid_to.is_(None)
        )
    ).one_or_none()
    if commune is None:
        raise NotFound(f"Không có xã {commune_code} / no commune in force has the code {commune_code}.")
    open_reports = session.execute(
        select(func.count()).where(
            CitizenReport.commune_code == commune_code, CitizenReport.status.in_(OPEN_STATUSES)
        )
    ).scalar_one()
    return {
        "commune": {"code": commune.code, "name": commune.name, "province_code": commune.parent_code},
        "water_supply": _water(session, commune_code),
        "pollution_sources": _sources(session, commune_code),
        "open_citizen_reports": open_reports,
    }


def _water(session: Session, commune_code: str) -> dict[str, Any]:
    rows = session.execute(
        load_sql("gisapp.services", "environment_summary_works"), {"commune_code": commune_code}
    )
    by_status = {status: {"works": 0, "households": 0, "households_unknown": 0} for status in TEST_STATUSES}
    for row in rows:
        by_status[row.status] = {
            "works": row.works,
            "households": int(row.households),
            "households_unknown": row.households_unknown,
        }
    total = sum(entry["households"] for entry in by_status.values())
    judged = sum(by_status[status]["works"] for status in JUDGED)
    passing = by_status["pass"]["households"]
    assessable = judged > 0 and total > 0
    return {
        "works": sum(entry["works"] for entry in by_status.values()),
        "households_served": total,
        "households_served_by_passing_works": passing,
        "share_passing": round(passing / total, 4) if assessable else None,
        "assessment": "assessable" if assessable else "not_assessable",
        "assessment_label": (
            {"vi": "Có thể đánh giá", "en": "Assessable"}
            if assessable
            else {
                "vi": "Chưa đánh giá được: chưa công trình nào có kết quả xét nghiệm được chấm",
                "en": "Not assessable: no work has a judged test",
            }
        ),
        "by_latest_status": by_status,
    }


def _sources(session: Session, commune_code: str) -> dict[str, Any]:
    rows = session.execute(
        load_sql("gisapp.services", "environment_summary_sources"), {"commune_code": commune_code}
    ).all()
    return {
        "total": sum(row.sources for row in rows),
        "latest_exceeds": sum(row.latest_exceeds for row in rows),
        "with_exceedance": sum(row.with_exceedance for row in rows),
        "exceeding": _exceeding(session, commune_code),
        "by_type": [
            {
                "source_type": row.source_type,
                "sources": row.sources,
                "latest_exceeds": row.latest_exceeds,
                "with_exceedance": row.with_exceedance,
                "last_exceedance_on": row.last_exceedance_on.isoformat() if row.last_exceedance_on else None,
            }
            for row in rows
        ],
    }


def _exceeding(session: Session, commune_code: str) -> list[dict[str, Any]]:
    """The commune's sources that ever exceeded, the most recent exceedance first (the staff's list)."""
    source = PollutionSource
    columns = (
        source.id,
        source.name,
        source.source_type,
        source.latest_sample_status,
        source.last_exceedance_on,
    )
    rows = session.execute(
        select(*columns)
        .where(source.commune_code == commune_code, source.last_exceedance_on.is_not(None))
        .order_by(source.last_exceedance_on.desc(), source.id)
    ).all()
    return [
        {
            "id": row.id,
            "name": row.name,
            "source_type": row.source_type,
            "latest_sample_status": row.latest_sample_status,
            "last_exceedance_on": row.last_exceedance_on.isoformat(),
        }
        for row in rows
    ]
