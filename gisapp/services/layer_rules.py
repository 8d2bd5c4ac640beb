"""What a writable layer adds to the one write path: its model, its checks and its side records.

The write path (services/feature_writes.py) calls these hooks at fixed points; a layer without
rules of its own uses this base class, which adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session

from gisapp.errors import InvalidInput, InvalidParameter
from gisapp.models.base import Base
from gisapp.services.geometry_checks import check_polygon
from gisapp.services.principal import Principal
from gisapp.settings import Settings


@dataclass(frozen=True)
class Change:
    """A create (feature_id None) or an update, as the checks see it."""

    feature_id: int | None
    geojson: str  # the geometry after the change
    geometry_changed: bool
    properties: dict[str, Any]  # every property after the change
    changed: frozenset[str] = field(default_factory=frozenset)  # property names the caller sent
    status: str | None = None


class LayerRules:
    """No extra rules: plain create and update of the model's columns."""

    extra_properties: frozenset[str] = frozenset()  # set through the API, stored outside the row
    public_extra_properties: frozenset[str] = frozenset()  # the extras anyone may read (others are private)

    def __init__(self, model: type[Base]) -> None:
        self.model: type[Any] = model

    def checked_geometry(self, session: Session, geometry: Any, repair: bool) -> str:
        """The GeoJSON text to store, or InvalidGeometry saying what is wrong (a polygon by default)."""
        return check_polygon(session, geometry, repair=repair)

    def geometry_sql(self, text: str, repair: bool) -> Any:
        """The stored geometry: a MultiPolygon, repaired by PostGIS only when the caller asked."""
        geometry = geojson_sql(text)
        if repair:
            geometry = func.ST_CollectionExtract(func.ST_MakeValid(geometry), 3)
        return func.ST_Multi(geometry)

    def clean(self, session: Session, values: dict[str, Any], feature_id: int | None) -> dict[str, Any]:
        """Normalise and validate the caller's values before anything is written."""
        return values

    def check(self, session: Session, settings: Settings, change: Change) -> None:
        """Raise if the change breaks a rule of the layer; nothing has been written yet."""

    def new_row_values(
        self, principal: Principal, commune: str | None, values: dict[str, Any]
    ) -> dict[str, Any]:
        """Columns a new row gets from the write path rather than from the caller."""
        return {}

    def write_extra(self, session: Session, feature_id: int, values: dict[str, Any]) -> None:
        """Store the extra properties the caller sent (after the row is written)."""

    def read_extra(self, session: Session, feature_id: int) -> dict[str, Any]:
        return {}

    def as_of(self, session: Session, feature_id: int, day: date, timezone: str) -> dict[str, Any] | None:
        """The stored snapshot in force at the end of `day`; layers without versions refuse."""
        raise InvalidParameter("This layer keeps no versions: 'at' is not available.", parameter="at")

    def after_write(
        self, session: Session, feature_id: int, principal: Principal, stored: dict[str, Any]
    ) -> None:
        """Records kept beside the audit, in the same transaction (e.g. versions)."""


def geojson_sql(text: str) -> Any:
    """A GeoJSON geometry (WGS 84 by RFC 7946) as a PostGIS value."""
    return func.ST_SetSRID(func.ST_GeomFromGeoJSON(text), 4326)


def check_required_and_choices(
    values: dict[str, Any],
    feature_id: int | None,
    required: tuple[str, ...],
    choices: dict[str, tuple[str, ...]],
    what: str,
) -> None:
    """Refuse a create without `required` values, an update emptying one, or a value outside its list;
    `what` names the record in the message ("a pollution source")."""
    for name in required:
        if (feature_id is None and name not in values) or (name in values and values[name] in (None, "")):
            raise InvalidInput(f"Thiếu '{name}' / '{name}' is required for {what}.")
    for name, allowed in choices.items():
        if values.get(name) is not None and values[name] not in allowed:
            raise InvalidInput(f"'{name}' must be one of {', '.join(allowed)}; got {values[name]!r}.")
