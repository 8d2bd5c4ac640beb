"""Decisions on a growing area's code (the shared rules are in services/lifecycle.py).

What growing areas add: on submit and issue the ground must still pass the registry checks,
issuing assigns the domestic code from the province's counter, and every decision leaves a
version for `?at=`.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Conflict
from gisapp.models import GrowingArea, GrowingAreaTransition
from gisapp.services import growing_area_versions, lifecycle
from gisapp.services.authorization import province_of
from gisapp.services.code_issuer import issue_code
from gisapp.services.lifecycle import STEPS, TransitionIn
from gisapp.services.principal import Principal
from gisapp.services.registry_checks import Ground, require_passing
from gisapp.settings import Settings

__all__ = ["STEPS", "TransitionIn", "history", "transition"]


class GrowingAreaLifecycle(lifecycle.Lifecycle):
    def __init__(self) -> None:
        super().__init__(
            GrowingArea, GrowingAreaTransition, "growing_area_id", ("vùng trồng", "growing area")
        )

    def before_decision(
        self,
        session: Session,
        settings: Settings,
        row: Any,
        decision: TransitionIn,
        before: dict[str, Any],
    ) -> None:
        if STEPS[decision.action].target in ("submitted", "issued"):  # entering the active set
            ground = Ground(
                geojson=json.dumps(before["geometry"]),
                crop=row.crop,
                filed_commune=row.issued_commune_code,
                area_id=row.id,
            )
            require_passing(session, settings, ground)
        if decision.action == "issue" and row.code is None:
            assert decision.document_date is not None  # noqa: S101 (issue needs its document)
            commune = row.issued_commune_code or row.commune_code
            province = province_of(session, commune)
            if commune is None or province is None:
                raise Conflict("The dossier has no commune in force to issue a code under.")
            row.code = issue_code(
                session, settings, province=province, commune=commune, year=decision.document_date.year
            )
            row.issued_year = decision.document_date.year

    def after_decision(
        self, session: Session, row_id: int, after: dict[str, Any], principal: Principal
    ) -> None:
        growing_area_versions.record(session, row_id, after, principal)


GROWING_AREAS = GrowingAreaLifecycle()


def transition(
    session: Session,
    settings: Settings,
    layer: Layer,
    principal: Principal,
    area_id: int,
    decision: TransitionIn,
    if_match: str | None = None,
) -> dict[str, Any]:
    """Apply one decision to a growing area."""
    return lifecycle.transition(
        session, settings, layer, GROWING_AREAS, principal, area_id, decision, if_match
    )


def history(session: Session, area_id: int) -> list[dict[str, Any]]:
    return lifecycle.history(session, GROWING_AREAS, area_id)
