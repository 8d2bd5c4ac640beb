"""Writing and reading the audit trail; records go in the caller's transaction, never on their own."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.models import AuditRecord
from gisapp.services.principal import Principal


def record(
    session: Session,
    principal: Principal,
    *,
    entity: str,
    entity_id: str,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Add the record and flush, so a failing audit write fails the change it describes."""
    session.add(
        AuditRecord(
            user_id=principal.user_id,
            username=principal.username,
            entity=entity,
            entity_id=entity_id,
            action=action,
            before=before,
            after=after,
        )
    )
    session.flush()


def history(session: Session, entity: str, entity_id: str) -> list[dict[str, Any]]:
    rows = session.execute(
        select(AuditRecord)
        .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
        .order_by(AuditRecord.at, AuditRecord.id)
    ).scalars()
    return [
        {
            "at": r.at.isoformat(),
            "user": r.username,
            "action": r.action,
            "before": r.before,
            "after": r.after,
        }
        for r in rows
    ]
