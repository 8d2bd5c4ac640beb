"""Inspections of a pollution source: findings, violation, penalty decision, follow-up. Staff only.

An inspection names the inspector and may name a fine: read and written only by staff whose scope
holds the source's commune (writing needs the layer's editing role, as every write to the source).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Forbidden
from gisapp.models import PollutionInspection
from gisapp.services import audit
from gisapp.services.authorization import may_read_private, require_write
from gisapp.services.pollution_samples import source_or_404
from gisapp.services.principal import Principal
from gisapp.services.record_input import FieldProblem, day_problems, parse, require_no_problems

MAX_PENALTY = Decimal(10**13)  # đồng; above any fine the law allows, inside the column


class InspectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    inspected_on: date
    inspector: str = Field(min_length=1, max_length=200)
    findings: str = Field(min_length=1, max_length=5000)
    violation: bool
    violation_description: str | None = Field(default=None, max_length=5000)
    penalty_vnd: Decimal | None = Field(default=None, ge=0, lt=MAX_PENALTY, decimal_places=0)
    penalty_decision: str | None = Field(default=None, max_length=100)
    follow_up: str | None = Field(default=None, max_length=5000)


def _problems(inspection: InspectionIn, today: date) -> list[FieldProblem]:
    problems = day_problems("inspected_on", inspection.inspected_on, today=today)
    if inspection.violation and not inspection.violation_description:
        problems.append(
            FieldProblem("violation_description", "Mô tả vi phạm / describe the violation that was found")
        )
    if not inspection.violation:
        for name in ("violation_description", "penalty_vnd", "penalty_decision"):
            if getattr(inspection, name) is not None:
                problems.append(
                    FieldProblem(
                        name, "Không có vi phạm thì không có xử phạt / no violation: leave this empty"
                    )
                )
    if inspection.penalty_vnd is not None and not inspection.penalty_decision:
        problems.append(
            FieldProblem("penalty_decision", "Ghi số quyết định xử phạt / give the penalty decision's number")
        )
    return problems


def record(
    session: Session, layer: Layer, principal: Principal, source_id: int, raw: bytes, today: date
) -> dict[str, Any]:
    source = source_or_404(session, source_id)
    require_write(session, principal, layer, source.commune_code)
    inspection = parse(InspectionIn, raw)
    require_no_problems(_problems(inspection, today))
    row = PollutionInspection(
        pollution_source_id=source.id, created_by_user_id=principal.user_id, **inspection.model_dump()
    )
    session.add(row)
    session.flush()
    answer = _answer(row)
    audit.record(
        session,
        principal,
        entity="pollution_inspections",
        entity_id=str(row.id),
        action="create",
        before=None,
        after=answer,
    )
    return answer


def listing(session: Session, principal: Principal, source_id: int) -> list[dict[str, Any]]:
    source = source_or_404(session, source_id)
    if not may_read_private(session, principal, source.commune_code):
        raise Forbidden(
            "Chỉ cán bộ phụ trách địa bàn xem được biên bản kiểm tra / inspections are for staff whose "
            "scope holds the source's commune."
        )
    rows = session.execute(
        select(PollutionInspection)
        .where(PollutionInspection.pollution_source_id == source_id)
        .order_by(PollutionInspection.inspected_on.desc(), PollutionInspection.id.desc())
    ).scalars()
    return [_answer(row) for row in rows]


def _answer(row: PollutionInspection) -> dict[str, Any]:
    return {
        "id": row.id,
        "pollution_source_id": row.pollution_source_id,
        "inspected_on": row.inspected_on.isoformat(),
        "inspector": row.inspector,
        "findings": row.findings,
        "violation": row.violation,
        "violation_description": row.violation_description,
        "penalty_vnd": int(row.penalty_vnd) if row.penalty_vnd is not None else None,
        "penalty_decision": row.penalty_decision,
        "follow_up": row.follow_up,
    }
