"""The registry's rules for writing a growing area through the one write path.

Status and code never change here (only transitions do: services/registry_lifecycle.py); the
commune a dossier is filed under is fixed once a code is issued; checks run on every create and on
every change of geometry, crop or filed commune; every change leaves a version for `?at=`.
`last_inspected_on` is moved forward by recording inspections (services/inspections.py); set by
hand (a record from before the registry) it may not be in the future nor precede a recorded one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.errors import Conflict, InvalidInput
from gisapp.models import GrowingArea, GrowingAreaInspection
from gisapp.models.growing_area import STANDARDS
from gisapp.services import growing_area_versions, households
from gisapp.services.code_format import checked_export_code
from gisapp.services.layer_rules import Change, LayerRules
from gisapp.services.markets import checked_markets
from gisapp.services.principal import Principal
from gisapp.services.registry_checks import Ground, require_passing
from gisapp.settings import Settings

CHECKED_PROPERTIES = frozenset({"crop", "issued_commune_code"})
UNDECIDED = ("draft", "submitted")


class GrowingAreaRules(LayerRules):
    extra_properties = frozenset({"households"})

    def __init__(self) -> None:
        super().__init__(GrowingArea)

    def clean(self, session: Session, values: dict[str, Any], feature_id: int | None) -> dict[str, Any]:
        cleaned = dict(values)
        if cleaned.get("export_code") is not None:
            cleaned["export_code"] = _unique_export_code(session, cleaned["export_code"], feature_id)
        if cleaned.get("standard") is not None and cleaned["standard"] not in STANDARDS:
            raise InvalidInput(
                f"Unknown standard '{cleaned['standard']}': use one of {', '.join(STANDARDS)}."
            )
        if "markets" in cleaned:
            cleaned["markets"] = checked_markets(cleaned["markets"])
        if "households" in cleaned:
            cleaned["households"] = households.checked(cleaned["households"])
        if cleaned.get("issued_commune_code") is not None and not _is_commune_code(
            cleaned["issued_commune_code"]
        ):
            raise InvalidInput("'issued_commune_code' must be a 5-digit commune code (2025 list).")
        return cleaned

    def check(self, session: Session, settings: Settings, change: Change) -> None:
        refiled = change.feature_id is not None and "issued_commune_code" in change.changed
        if refiled and change.status not in UNDECIDED:
            raise Conflict(
                "The commune a code was issued under is kept as issued; it cannot change after issuing."
            )
        if change.feature_id is None or change.geometry_changed or change.changed & CHECKED_PROPERTIES:
            ground = Ground(
                geojson=change.geojson,
                crop=str(change.properties.get("crop")),
                filed_commune=change.properties.get("issued_commune_code"),
                area_id=change.feature_id,
            )
            require_passing(session, settings, ground)
        if "last_inspected_on" in change.changed:
            _check_last_inspected(session, settings, change)

    def new_row_values(
        self, principal: Principal, commune: str | None, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "status": "draft",
            "created_by_user_id": principal.user_id,
            "issued_commune_code": values.get("issued_commune_code") or commune,
        }

    def write_extra(self, session: Session, feature_id: int, values: dict[str, Any]) -> None:
        if "households" in values:
            households.replace(session, feature_id, values["households"])

    def read_extra(self, session: Session, feature_id: int) -> dict[str, Any]:
        return {"households": households.read(session, feature_id)}

    def as_of(self, session: Session, feature_id: int, day: date, timezone: str) -> dict[str, Any] | None:
        version = growing_area_versions.as_of(session, feature_id, day, timezone)
        return version.feature if version else None

    def after_write(
        self, session: Session, feature_id: int, principal: Principal, stored: dict[str, Any]
    ) -> None:
        growing_area_versions.record(session, feature_id, stored, principal)


def _check_last_inspected(session: Session, settings: Settings, change: Change) -> None:
    raw = change.properties.get("last_inspected_on")
    try:
        day = date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        raise InvalidInput(f"'last_inspected_on' must be a date YYYY-MM-DD, got {raw!r}.") from None
    today = datetime.now(ZoneInfo(settings.registry_timezone)).date()
    if day is not None and day > today:
        raise InvalidInput(
            f"Ngày kiểm tra gần nhất {day} ở tương lai / last_inspected_on {day} is in the future."
        )
    recorded = None
    if change.feature_id is not None:
        recorded = session.execute(
            select(func.max(GrowingAreaInspection.inspected_on)).where(
                GrowingAreaInspection.growing_area_id == change.feature_id
            )
        ).scalar()
    if recorded is not None and (day is None or day < recorded):
        raise Conflict(
            f"Đã ghi biên bản kiểm tra ngày {recorded} / an inspection of {recorded} is on record: "
            "last_inspected_on cannot be earlier or empty; record inspections at "
            f"/api/growing-areas/{change.feature_id}/inspections."
        )


def _is_commune_code(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 5 and value.isdigit()


def _unique_export_code(session: Session, raw: Any, feature_id: int | None) -> str:
    if not isinstance(raw, str):
        raise InvalidInput("'export_code' must be text, e.g. VN-DNOR-0269.")
    code = checked_export_code(raw)
    taken = session.execute(
        select(GrowingArea.id).where(
            GrowingArea.export_code == code, GrowingArea.id.is_distinct_from(feature_id)
        )
    ).scalar()
    if taken is not None:
        raise Conflict(f"Export code {code} already belongs to growing area {taken}; a code is never shared.")
    return code
