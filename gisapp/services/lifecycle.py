"""Decisions on a registry record: draft → submitted → issued → suspended → revoked, and re-issue.

Shared by growing areas (services/registry_lifecycle.py) and packing houses
(services/packing_house_lifecycle.py). Separation of duties: officers in scope draft and submit;
only a province-level agriculture officer of the record's province decides (issue, return,
suspend, revoke, re-issue), and never on a record they drafted. Every decision names its reason,
document and deciding authority, and is kept in the status history and the audit trail in the
same transaction, plus whatever the registry keeps beside them (versions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Conflict, Forbidden, InvalidInput, NotFound
from gisapp.services import audit
from gisapp.services.authorization import in_scope, province_of, require_write
from gisapp.services.feature_writes import require_current, snapshot
from gisapp.services.principal import Principal
from gisapp.settings import Settings


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    decision: bool  # only a province-level agriculture officer, not the drafter
    needs_document: bool


STEPS: dict[str, Step] = {
    "submit": Step(("draft",), "submitted", decision=False, needs_document=False),
    "return": Step(("submitted",), "draft", decision=True, needs_document=False),
    "issue": Step(("submitted",), "issued", decision=True, needs_document=True),
    "suspend": Step(("issued",), "suspended", decision=True, needs_document=True),
    "revoke": Step(("issued", "suspended"), "revoked", decision=True, needs_document=True),
    "reissue": Step(("suspended", "revoked"), "issued", decision=True, needs_document=True),
}
ACTION_NAMES = {  # (Vietnamese, English)
    "submit": ("nộp", "submit"),
    "return": ("trả lại", "return"),
    "issue": ("cấp mã cho", "issue"),
    "suspend": ("tạm dừng", "suspend"),
    "revoke": ("thu hồi", "revoke"),
    "reissue": ("cấp lại", "re-issue"),
}
EARLIEST_DOCUMENT = date(2000, 1, 1)


class TransitionIn(BaseModel):
    """A decision as an officer records it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: str = Field(description=", ".join(STEPS))
    reason: str = Field(min_length=1, max_length=2000)
    document_number: str | None = Field(default=None, max_length=100)
    document_date: date | None = None
    authority: str | None = Field(default=None, max_length=300, description="the deciding body or office")

    @field_validator("action")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in STEPS:
            raise ValueError(f"unknown action '{value}'; use one of {', '.join(STEPS)}")
        return value


class Lifecycle:
    """One registry's part: its row, its history table, its noun, and what a decision adds."""

    def __init__(
        self, model: type[Any], history_model: type[Any], owner_column: str, noun: tuple[str, str]
    ) -> None:
        self.model = model
        self.history_model = history_model
        self.owner_column = owner_column
        self.noun = noun  # (Vietnamese, English), e.g. ("vùng trồng", "growing area")

    def before_decision(
        self, session: Session, settings: Settings, row: Any, decision: TransitionIn, before: dict[str, Any]
    ) -> None:
        """Checks and side effects before the status changes (e.g. assigning a code); may raise."""

    def after_decision(
        self, session: Session, row_id: int, after: dict[str, Any], principal: Principal
    ) -> None:
        """Records kept beside the audit in the same transaction (e.g. versions)."""


def _require_document(step: Step, decision: TransitionIn, today: date) -> None:
    if not step.needs_document:
        return
    missing = [n for n in ("document_number", "document_date", "authority") if not getattr(decision, n)]
    if missing:
        raise InvalidInput(
            f"Quyết định cần số, ngày văn bản và cơ quan quyết định / '{decision.action}' is a "
            f"decision: give {', '.join(missing)} (the deciding document's number and date, and who decided)."
        )
    assert decision.document_date is not None  # noqa: S101 (checked just above)
    if not EARLIEST_DOCUMENT <= decision.document_date <= today:
        raise InvalidInput(f"document_date {decision.document_date} is not between 2000-01-01 and today.")


def _require_allowed(
    session: Session, principal: Principal, row: Any, lifecycle: Lifecycle, action: str
) -> None:
    if not STEPS[action].decision:
        return
    province = province_of(session, row.commune_code)
    if principal.role != "agri_officer" or principal.level != "province":
        raise Forbidden(
            f"Chỉ cán bộ nông nghiệp cấp tỉnh được {ACTION_NAMES[action][0]} hồ sơ này / only a "
            f"province-level agriculture officer may {ACTION_NAMES[action][1]} it."
        )
    if not in_scope(principal, None, province):
        raise Forbidden(
            f"{lifecycle.noun[0].capitalize()} thuộc tỉnh {province}, ngoài phạm vi của bạn / this "
            f"{lifecycle.noun[1]} lies in province {province}, outside your provinces."
        )
    if row.created_by_user_id is not None and row.created_by_user_id == principal.user_id:
        raise Forbidden(
            "Không được tự quyết định hồ sơ mình lập / you drafted this dossier: another province "
            "officer must take the decision (separation of duties)."
        )


def transition(
    session: Session,
    settings: Settings,
    layer: Layer,
    lifecycle: Lifecycle,
    principal: Principal,
    row_id: int,
    decision: TransitionIn,
    if_match: str | None = None,
) -> dict[str, Any]:
    """Apply one decision; the row is locked so concurrent decisions on it queue."""
    step = STEPS[decision.action]
    model = lifecycle.model
    row = session.execute(select(model).where(model.id == row_id).with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFound(f"No {lifecycle.noun[1]} with id {row_id}.")
    require_write(session, principal, layer, row.commune_code)
    if if_match:
        require_current(row_id, row.row_version, if_match)
    if row.status not in step.sources:
        vi, en = ACTION_NAMES[decision.action]
        raise Conflict(
            f"Không thể {vi} hồ sơ đang ở trạng thái '{row.status}' / cannot {en} a {lifecycle.noun[1]} "
            f"that is '{row.status}': allowed only from {', '.join(step.sources)}."
        )
    _require_allowed(session, principal, row, lifecycle, decision.action)
    _require_document(step, decision, datetime.now(ZoneInfo(settings.registry_timezone)).date())
    before = snapshot(session, layer, row_id)
    lifecycle.before_decision(session, settings, row, decision, before)
    from_status = row.status
    row.status = step.target
    row.row_version += 1
    session.add(
        lifecycle.history_model(
            **{lifecycle.owner_column: row_id},
            action=decision.action,
            from_status=from_status,
            to_status=step.target,
            code=row.code,
            reason=decision.reason,
            document_number=decision.document_number,
            document_date=decision.document_date,
            authority=decision.authority,
            user_id=principal.user_id,
            username=principal.username,
        )
    )
    session.flush()
    after = snapshot(session, layer, row_id)
    audit.record(
        session,
        principal,
        entity=layer.id,
        entity_id=str(row_id),
        action="transition",
        before=before,
        after=after,
    )
    lifecycle.after_decision(session, row_id, after, principal)
    return after


def history(session: Session, lifecycle: Lifecycle, row_id: int) -> list[dict[str, Any]]:
    """The decisions on one record, oldest first."""
    model = lifecycle.history_model
    rows = session.execute(
        select(model).where(getattr(model, lifecycle.owner_column) == row_id).order_by(model.at, model.id)
    ).scalars()
    return [
        {
            "id": t.id,  # what a decision's scanned document is attached to
            "action": t.action,
            "from_status": t.from_status,
            "to_status": t.to_status,
            "code": t.code,
            "reason": t.reason,
            "document_number": t.document_number,
            "document_date": t.document_date.isoformat() if t.document_date else None,
            "authority": t.authority,
            "username": t.username,
            "at": t.at.isoformat(),
        }
        for t in rows
    ]
