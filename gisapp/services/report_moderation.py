"""Environment staff's side of citizen reports: the queue in their scope, and the moderation decision.

Environment officers moderate reports whose commune lies in their scope (their communes, or every
commune of their provinces); administrators moderate all, including reports outside any commune.
Staff see the contact; the decision and its public note are audited in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from gisapp.errors import Forbidden, NotFound
from gisapp.models import AdminUnit, CitizenReport, PollutionSource
from gisapp.models.citizen_report import OPEN_STATUSES
from gisapp.services import audit
from gisapp.services.authorization import ROLE_NAMES, in_scope, province_of
from gisapp.services.citizen_reports import STATUS_LABELS
from gisapp.services.principal import Principal
from gisapp.services.record_input import FieldProblem, require_no_problems
from gisapp.services.report_input import shown_receipt

ENTITY = "citizen_reports"
MODERATORS = ("admin", "env_officer")


class Moderation(BaseModel):
    """review: mark under review; link: to a pollution source; dismiss: with a public reason."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: Literal["review", "link", "dismiss"]
    pollution_source_id: int | None = Field(default=None, ge=1, le=2_147_483_647)
    public_note: str | None = Field(default=None, max_length=1000, description="what the reporter is told")


def require_moderator(principal: Principal) -> None:
    if principal.role not in MODERATORS:
        yours = ROLE_NAMES.get(principal.role, principal.role)
        raise Forbidden(
            f"Chỉ cán bộ môi trường hoặc quản trị xử lý báo cáo của người dân / only environment officers "
            f"and admins handle citizen reports; your role is {yours}."
        )


def _scope_filter(principal: Principal) -> Any:
    if principal.is_admin:
        return True
    communes_of_provinces = select(AdminUnit.code).where(
        AdminUnit.level == "commune", AdminUnit.parent_code.in_(sorted(principal.provinces))
    )
    return or_(
        CitizenReport.commune_code.in_(sorted(principal.communes)),
        CitizenReport.commune_code.in_(communes_of_provinces),
    )


def queue(session: Session, principal: Principal, status: str | None, limit: int) -> list[dict[str, Any]]:
    """Reports in the caller's scope, oldest open first; `status` 'open' means received or under review."""
    require_moderator(principal)
    query = select(CitizenReport, func.ST_X(CitizenReport.geom), func.ST_Y(CitizenReport.geom)).where(
        _scope_filter(principal)
    )
    if status == "open":
        query = query.where(CitizenReport.status.in_(OPEN_STATUSES))
    elif status is not None:
        query = query.where(CitizenReport.status == status)
    rows = session.execute(query.order_by(CitizenReport.created_at, CitizenReport.id).limit(limit))
    return [staff_view(row, lon, lat) for row, lon, lat in rows]


def find_in_scope(
    session: Session, principal: Principal, report_id: int, *, lock: bool = False
) -> CitizenReport:
    require_moderator(principal)
    query = select(CitizenReport).where(CitizenReport.id == report_id)
    row = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if row is None:
        raise NotFound(f"Không có báo cáo {report_id} / no citizen report with id {report_id}.")
    if not in_scope(principal, row.commune_code, province_of(session, row.commune_code)):
        where = f"commune {row.commune_code}" if row.commune_code else "no commune in force"
        raise Forbidden(
            f"Báo cáo này ngoài phạm vi của bạn / report {report_id} lies in {where}, outside your scope."
        )
    return row


def moderate(session: Session, principal: Principal, report_id: int, decision: Moderation) -> dict[str, Any]:
    """Apply the decision to a locked row and audit it; the reporter sees the new status at once."""
    row = find_in_scope(session, principal, report_id, lock=True)
    _check(session, principal, decision)
    before = _moderation_fields(row)
    row.status = {"review": "under_review", "link": "linked", "dismiss": "dismissed"}[decision.action]
    row.pollution_source_id = decision.pollution_source_id if decision.action == "link" else None
    row.public_note = decision.public_note or None
    row.moderated_by_user_id, row.moderated_by = principal.user_id, principal.username
    row.moderated_at = datetime.now(UTC)
    session.flush()
    after = _moderation_fields(row) | {"decision": decision.action}
    audit.record(
        session,
        principal,
        entity=ENTITY,
        entity_id=str(row.id),
        action="transition",
        before=before,
        after=after,
    )
    lon, lat = session.execute(
        select(func.ST_X(CitizenReport.geom), func.ST_Y(CitizenReport.geom)).where(CitizenReport.id == row.id)
    ).one()
    return staff_view(row, lon, lat)


def _check(session: Session, principal: Principal, decision: Moderation) -> None:
    problems = []
    if decision.action == "link":
        wanted = decision.pollution_source_id
        source = session.get(PollutionSource, wanted) if wanted else None
        if source is None:
            problems.append(
                FieldProblem(
                    "pollution_source_id",
                    f"Không có nguồn ô nhiễm {wanted} / no pollution source with id {wanted}"
                    if wanted
                    else "Chọn nguồn ô nhiễm để gắn / choose the pollution source to link",
                )
            )
        elif not in_scope(principal, source.commune_code, province_of(session, source.commune_code)):
            problems.append(
                FieldProblem(
                    "pollution_source_id",
                    "Nguồn ô nhiễm này ngoài phạm vi của bạn / that pollution source is outside your scope",
                )
            )
    elif decision.pollution_source_id is not None:
        problems.append(
            FieldProblem("pollution_source_id", "Chỉ dùng khi gắn nguồn / only with the action 'link'")
        )
    if decision.action == "dismiss" and len(decision.public_note or "") < 5:
        problems.append(
            FieldProblem(
                "public_note",
                "Ghi lý do cho người báo cáo (ít nhất 5 ký tự) / give the reporter a reason (5+ characters)",
            )
        )
    require_no_problems(problems)


def _moderation_fields(row: CitizenReport) -> dict[str, Any]:
    return {
        "status": row.status,
        "pollution_source_id": row.pollution_source_id,
        "public_note": row.public_note,
    }


def staff_view(row: CitizenReport, lon: float, lat: float) -> dict[str, Any]:
    """Everything staff in scope need to judge the report, contact included; never the address hash."""
    return {
        "id": row.id,
        "receipt": shown_receipt(row.receipt),
        "status": row.status,
        "status_label": STATUS_LABELS[row.status],
        "category": row.category,
        "description": row.description,
        "contact": row.contact,
        "lon": lon,
        "lat": lat,
        "commune_code": row.commune_code,
        "photo_url": f"/api/citizen-reports/{row.id}/photo" if row.photo_path else None,
        "pollution_source_id": row.pollution_source_id,
        "public_note": row.public_note,
        "moderated_by": row.moderated_by,
        "moderated_at": row.moderated_at.isoformat() if row.moderated_at else None,
        "created_at": row.created_at.isoformat(),
    }
