"""Listing packing houses: the public sees those holding a code; staff see every record, and the
operator's contact only for packing houses in their scope (services/authorization.py's rule)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import InvalidParameter
from gisapp.models import AdminUnit, PackingHouse
from gisapp.models.growing_area import STATUSES
from gisapp.services.authorization import in_scope
from gisapp.services.code_format import normalise_code
from gisapp.services.principal import Principal


@dataclass(frozen=True)
class HouseQuery:
    status: str | None = None
    commune_code: str | None = None
    code: str | None = None
    limit: int = 100
    offset: int = 0


def listing(session: Session, layer: Layer, reader: Principal | None, query: HouseQuery) -> dict[str, Any]:
    house = PackingHouse
    commune = and_(
        AdminUnit.level == "commune", AdminUnit.code == house.commune_code, AdminUnit.valid_to.is_(None)
    )
    statement = select(house, AdminUnit.parent_code, func.ST_AsGeoJSON(house.geom, 7)).outerjoin(
        AdminUnit, commune
    )
    published = layer.config.published_rows
    if reader is None and published is not None:
        statement = statement.where(house.status.in_(published.values))
    if query.status is not None:
        if query.status not in STATUSES:
            raise InvalidParameter(
                f"Parameter 'status': use one of {', '.join(STATUSES)}.", parameter="status"
            )
        statement = statement.where(house.status == query.status)
    if query.commune_code is not None:
        statement = statement.where(house.commune_code == query.commune_code)
    if query.code is not None:
        statement = statement.where(house.code == normalise_code(query.code))
    rows = session.execute(statement.order_by(house.id).limit(query.limit).offset(query.offset)).all()
    features = [_feature(layer, reader, row, province, geometry) for row, province, geometry in rows]
    return {"type": "FeatureCollection", "features": features, "numberReturned": len(features)}


def _feature(
    layer: Layer, reader: Principal | None, row: PackingHouse, province: str | None, geometry: str
) -> dict[str, Any]:
    names = [p.name for p in layer.properties]
    if reader is not None and in_scope(reader, row.commune_code, province):
        names += list(layer.config.private_properties)
    return {
        "type": "Feature",
        "id": row.id,
        "geometry": json.loads(geometry),
        "properties": {name: getattr(row, name) for name in names},
    }
