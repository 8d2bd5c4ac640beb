"""The rules for writing a pollution source through the one write path (services/feature_writes.py).

A source is a point (a facility), a line (an outfall channel) or a polygon (a landfill, a craft
village) in Vietnam; its commune is the one holding its point on surface. The regulation its samples
are judged by must be an effluent regulation stored as data, and the column one of its columns. The
sample status fields are never written here: a trigger keeps them from the samples.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.errors import InvalidInput
from gisapp.models import EnvRegulation, EnvRegulationVersion, PollutionSource
from gisapp.models.pollution_source import MONITORING_REGIMES, SOURCE_STATUSES, SOURCE_TYPES
from gisapp.services.geometry_checks import check_geometry
from gisapp.services.layer_rules import Change, LayerRules, check_required_and_choices, geojson_sql
from gisapp.services.principal import Principal
from gisapp.settings import Settings

SOURCE_KINDS = ("POINT", "LINESTRING", "MULTILINESTRING", "POLYGON", "MULTIPOLYGON")
EFFLUENT = ("industrial_effluent", "livestock_effluent")
REQUIRED = ("name", "source_type")
CHOICES = {"source_type": SOURCE_TYPES, "monitoring_regime": MONITORING_REGIMES, "status": SOURCE_STATUSES}
MAX_DISCHARGE = 10_000_000  # m³/day; keeps values inside the column, far above any real discharger


class PollutionSourceRules(LayerRules):
    def __init__(self) -> None:
        super().__init__(PollutionSource)

    def checked_geometry(self, session: Session, geometry: Any, repair: bool) -> str:
        return check_geometry(
            session, geometry, SOURCE_KINDS, what="Nguồn thải / a pollution source", repair=repair
        )

    def geometry_sql(self, text: str, repair: bool) -> Any:
        return geojson_sql(text)

    def clean(self, session: Session, values: dict[str, Any], feature_id: int | None) -> dict[str, Any]:
        cleaned = dict(values)
        check_required_and_choices(cleaned, feature_id, REQUIRED, CHOICES, "a pollution source")
        if "status" in cleaned and cleaned["status"] is None:
            if feature_id is not None:
                raise InvalidInput(
                    "'status' cannot be emptied: use operating, under_remediation, suspended or closed."
                )
            del cleaned["status"]  # the database's default: operating
        for name in ("permitted_discharge_m3_day", "actual_discharge_m3_day"):
            value = cleaned.get(name)
            if value is not None and not 0 <= Decimal(str(value)) <= MAX_DISCHARGE:
                raise InvalidInput(f"'{name}' must be between 0 and {MAX_DISCHARGE:,} m³/day; got {value}.")
        if cleaned.get("regulation_code") is not None:
            cleaned["regulation_code"] = effluent_regulation(session, str(cleaned["regulation_code"])).id
        return cleaned

    def check(self, session: Session, settings: Settings, change: Change) -> None:
        code, column = change.properties.get("regulation_code"), change.properties.get("regulation_column")
        if column is not None and code is None:
            raise InvalidInput("'regulation_column' needs 'regulation_code': name the regulation first.")
        if code is not None and column is not None:
            regulation = effluent_regulation(session, str(code))
            if column not in regulation.classes:
                raise InvalidInput(
                    f"'{column}' is not a column of {regulation.id}; its columns are "
                    f"{', '.join(regulation.classes)}."
                )

    def new_row_values(
        self, principal: Principal, commune: str | None, values: dict[str, Any]
    ) -> dict[str, Any]:
        return {"created_by_user_id": principal.user_id}


def effluent_regulation(session: Session, code: str) -> EnvRegulation:
    """The effluent regulation named by its id (QCVN 40) or one of its versions (QCVN 40:2011/BTNMT)."""
    wanted = code.strip()
    regulation = session.get(EnvRegulation, wanted)
    if regulation is None:
        version = session.get(EnvRegulationVersion, wanted)
        regulation = session.get(EnvRegulation, version.regulation_id) if version else None
    if regulation is None or regulation.medium not in EFFLUENT:
        known = ", ".join(
            session.execute(
                select(EnvRegulation.id).where(EnvRegulation.medium.in_(EFFLUENT)).order_by(EnvRegulation.id)
            ).scalars()
        )
        raise InvalidInput(
            f"Quy chuẩn nước thải không rõ / '{code}' is not an effluent regulation; use one of {known}. "
            "Samples are judged by the version in force on their date."
        )
    return regulation
