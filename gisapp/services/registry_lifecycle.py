"""Decisions on a growing area's code: draft → submitted → issued → suspended → revoked, and re-issue.

Separation of duties: officers in scope (commune or province level) draft and submit; only a
province-level agriculture officer of the area's province decides (issue, return, suspend, revoke,
re-issue), and never on a dossier they drafted. Every decision names its reason, document and
deciding authority, and is kept three ways in the same transaction: the status history, the
audit trail and a new version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Conflict, Forbidden, InvalidInput, NotFound
from gisapp.models import GrowingArea, GrowingAreaTransition
from gisapp.services import audit, growing_area_versions
from gisapp.services.authorization import in_scope, province_of, require_write
from gisapp.services.code_issuer import issue_code
from gisapp.services.feature_writes import require_current, snapshot
from gisapp.services.principal import Principal
from gisapp.services.registry_checks import Ground, require_passing
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
    session: Session, principal: Principal, area: GrowingArea, step: Step, action: str
) -> None:
    if not step.decision:
        return
    province = province_of(session, area.commune_code)
    if principal.role != "agri_officer" or principal.level != "province":
        raise Forbidden(
            f"Chỉ cán bộ nông nghiệp cấp tỉnh được {ACTION_NAMES[action][0]} hồ sơ này / only a "
            f"province-level agriculture officer may {ACTION_NAMES[action][1]} it."
        )
    if not in_scope(principal, None, province):
        raise Forbidden(
            f"Vùng trồng thuộc tỉnh {province}, ngoài phạm vi của bạn / this growing area lies in "
            f"province {province}, outside your provinces."
        )
    if area.created_by_user_id is not None and area.created_by_user_id == principal.user_id:
        raise Forbidden(
            "Không được tự quyết định hồ sơ mình lập / you drafted this dossier: another province "
            "officer must take the decision (separation of duties)."
        )


def transition(
    session: Session,
    settings: Settings,
    layer: Layer,
    principal: Principal,
    area_id: int,
    decision: TransitionIn,
    if_match: str | None = None,
) -> dict[str, Any]:
    """Apply one decision; the row is locked so concurrent decisions on it queue."""
    step = STEPS[decision.action]
    area = session.execute(
        select(GrowingArea).where(GrowingArea.id == area_id).with_for_update()
    ).scalar_one_or_none()
    if area is None:
        raise NotFound(f"No growing area with id {area_id}.")
    require_write(session, principal, layer, area.commune_code)
    if if_match:
        require_current(area_id, area.row_version, if_match)
    if area.status not in step.sources:
        vi, en = ACTION_NAMES[decision.action]
        raise Conflict(
            f"Không thể {vi} hồ sơ đang ở trạng thái '{area.status}' / cannot {en} a growing area "
            f"that is '{area.status}': allowed only from {', '.join(step.sources)}."
        )
    _require_allowed(session, principal, area, step, decision.action)
    _require_document(step, decision, datetime.now(ZoneInfo(settings.registry_timezone)).date())
    before = snapshot(session, layer, area_id)
    if step.target in ("submitted", "issued"):  # entering the active set: the ground must still be free
        ground = Ground(
            geojson=_geojson(before), crop=area.crop, filed_commune=area.issued_commune_code, area_id=area_id
        )
        require_passing(session, settings, ground)
    from_status = area.status
    if decision.action == "issue" and area.code is None:
        assert decision.document_date is not None  # noqa: S101 (_require_document)
        commune = area.issued_commune_code or area.commune_code
        province = province_of(session, commune)
        if commune is None or province is None:
            raise Conflict("The dossier has no commune in force to issue a code under.")
        area.code = issue_code(
            session, settings, province=province, commune=commune, year=decision.document_date.year
        )
        area.issued_year = decision.document_date.year
    area.status = step.target
    area.row_version += 1
    session.add(
        GrowingAreaTransition(
            growing_area_id=area_id,
            action=decision.action,
            from_status=from_status,
            to_status=step.target,
            code=area.code,
            reason=decision.reason,
            document_number=decision.document_number,
            document_date=decision.document_date,
            authority=decision.authority,
            user_id=principal.user_id,
            username=principal.username,
        )
    )
    session.flush()
    after = snapshot(session, layer, area_id)
    audit.record(
        session,
        principal,
        entity=layer.id,
        entity_id=str(area_id),
        action="transition",
        before=before,
        after=after,
    )
    growing_area_versions.record(session, area_id, after, principal)
    return after


def _geojson(stored: dict[str, Any]) -> str:
    return json.dumps(stored["geometry"])


def history(session: Session, area_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(GrowingAreaTransition)
        .where(GrowingAreaTransition.growing_area_id == area_id)
        .order_by(GrowingAreaTransition.at, GrowingAreaTransition.id)
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
