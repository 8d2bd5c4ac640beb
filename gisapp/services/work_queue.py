""" "Waiting for me" (Chờ tôi xử lý): what each officer has to act on, from the registry's own rules.

- `decisions`, for province-level agriculture officers: submitted dossiers of their provinces, oldest
  submission first, except those they drafted (who drafts never decides: registry_lifecycle.py).
- `inspections`, for commune-level agriculture officers: issued areas of their communes whose
  inspection is overdue (the definition is in registry_table.py), most overdue first.
- `returned`, for whoever drafts (agriculture officers, admins): their own dossiers that a province
  officer returned to draft, with the reason, most recent first.
Other roles have no queue. Each list is cut at QUEUE_LIMIT rows; its count is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, func, select, true
from sqlalchemy.orm import Session

from gisapp.models import GrowingAreaTransition
from gisapp.services.principal import Principal
from gisapp.services.registry_table import (
    AREAS,
    COLUMNS,
    COMMUNE,
    LAST_INSPECTED,
    NEXT_DUE,
    OVERDUE,
    InspectionRule,
    as_item,
    in_scope,
    joined,
)

QUEUE_LIMIT = 100
TRANSITIONS = GrowingAreaTransition.__table__
LAST_STEP = (
    select(TRANSITIONS.c.action, TRANSITIONS.c.reason, TRANSITIONS.c.username, TRANSITIONS.c.at)
    .where(TRANSITIONS.c.growing_area_id == AREAS.c.id)
    .order_by(TRANSITIONS.c.at.desc(), TRANSITIONS.c.id.desc())
    .limit(1)
    .lateral("last_step")
)
# The latest status step: for a submitted dossier who submitted it and when, for a returned one why.
STEP_COLUMNS = {
    "last_step_action": LAST_STEP.c.action,
    "last_step_reason": LAST_STEP.c.reason,
    "last_step_by": LAST_STEP.c.username,
    "last_step_at": LAST_STEP.c.at,
}
STEP_AT = func.coalesce(LAST_STEP.c.at, AREAS.c.updated_at)


@dataclass(frozen=True)
class Queue:
    id: str  # decisions, inspections, returned
    count: int
    items: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "count": self.count, "items": self.items}


@dataclass(frozen=True)
class QueueSpec:
    id: str
    applies: Callable[[Principal], bool]
    where: Callable[[Principal], list[ColumnElement[bool]]]
    order: Callable[[InspectionRule], list[ColumnElement[Any]]]


def _decisions(principal: Principal) -> list[ColumnElement[bool]]:
    return [
        AREAS.c.status == "submitted",
        COMMUNE.parent_code.in_(sorted(principal.provinces)),
        AREAS.c.created_by_user_id.is_distinct_from(principal.user_id),
    ]


def _inspections(principal: Principal) -> list[ColumnElement[bool]]:
    return [in_scope(principal), OVERDUE]


def _returned(principal: Principal) -> list[ColumnElement[bool]]:
    return [
        AREAS.c.status == "draft",
        AREAS.c.created_by_user_id == principal.user_id,
        LAST_STEP.c.action == "return",
    ]


def _most_overdue(rule: InspectionRule) -> list[ColumnElement[Any]]:
    """Never inspected first, then by the day the inspection fell due."""
    interval = rule.today - rule.stale_before
    effective_due = func.coalesce(NEXT_DUE, LAST_INSPECTED + interval.days)
    return [effective_due.asc().nulls_first()]


SPECS = (
    QueueSpec(
        "decisions",
        lambda p: p.role == "agri_officer" and p.level == "province",
        _decisions,
        lambda _: [STEP_AT.asc()],
    ),
    QueueSpec(
        "inspections",
        lambda p: p.role == "agri_officer" and p.level == "commune",
        _inspections,
        _most_overdue,
    ),
    QueueSpec(
        "returned",
        lambda p: p.is_admin or p.role == "agri_officer",
        _returned,
        lambda _: [STEP_AT.desc()],
    ),
)


def _source() -> FromClause:
    return joined().outerjoin(LAST_STEP, true())


def _statement(spec: QueueSpec, principal: Principal, rule: InspectionRule) -> Select[Any]:
    columns = [expr.label(name) for name, expr in (COLUMNS | STEP_COLUMNS).items()]
    return (
        select(*columns)
        .select_from(_source())
        .where(*spec.where(principal))
        .order_by(*spec.order(rule), AREAS.c.id)
        .limit(QUEUE_LIMIT)
    )


def _count(spec: QueueSpec, principal: Principal) -> Select[Any]:
    return select(func.count()).select_from(_source()).where(*spec.where(principal))


def queues(session: Session, principal: Principal, rule: InspectionRule) -> list[Queue]:
    """The caller's queues (none for roles that act on nothing here)."""
    found = []
    for spec in SPECS:
        if not spec.applies(principal):
            continue
        rows = session.execute(_statement(spec, principal, rule), rule.params).all()
        count = int(session.execute(_count(spec, principal), rule.params).scalar_one())
        found.append(Queue(spec.id, count, [as_item(row) for row in rows]))
    return found
