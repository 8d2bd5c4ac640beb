"""OGC API Features reads: GeoJSON built by PostGIS; private properties only for staff in scope.

Anonymous reads use the layer's public relation, which cannot even name a private column. A
signed-in reader's private properties are added per feature, only where the feature's commune is
in their scope (decided in SQL with the same rule as services/authorization.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Select,
    TableClause,
    Text,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import NotFound
from gisapp.models import AdminUnit
from gisapp.services.feature_query import BBox, FeatureQuery
from gisapp.services.principal import Principal
from gisapp.services.sql_limits import fits_bigint

GEOJSON_DECIMALS = 7


@dataclass(frozen=True)
class FeaturePage:
    features: list[bytes]
    number_matched: int | None


def _relation(layer: Layer, reader: Principal | None) -> TableClause:
    private = reader is not None and layer.config.private_properties and layer.config.editing
    return layer.relation_with_private if private else layer.relation


def _in_scope(layer: Layer, rel: TableClause, reader: Principal) -> ColumnElement[bool]:
    if reader.is_admin:
        return true()
    scope_property = layer.config.editing.scope_property if layer.config.editing else "commune_code"
    commune = rel.c[scope_property]
    communes_of_provinces = select(AdminUnit.code).where(
        AdminUnit.level == "commune",
        AdminUnit.valid_to.is_(None),
        AdminUnit.parent_code.in_(reader.provinces),
    )
    tests = [commune.in_(reader.communes) if reader.communes else false()]
    if reader.provinces:
        tests.append(commune.in_(communes_of_provinces))
    return or_(*tests)


def _properties(layer: Layer, rel: TableClause, reader: Principal | None) -> ColumnElement[Any]:
    pairs: list[ColumnElement[object]] = []
    for prop in layer.properties:
        pairs += [literal(prop.name), rel.c[prop.name]]
    public = func.json_build_object(*pairs)
    if rel is layer.relation or reader is None:
        return public
    hidden: list[ColumnElement[object]] = []
    for name in layer.config.private_properties:
        hidden += [literal(name), rel.c[name]]
    extra = case(
        (_in_scope(layer, rel, reader), cast(func.json_build_object(*hidden), JSONB)),
        else_=cast(literal("{}"), JSONB),
    )
    return cast(cast(public, JSONB).op("||")(extra), JSON)


def _feature_json(layer: Layer, rel: TableClause, reader: Principal | None) -> ColumnElement[str]:
    """One GeoJSON Feature as text, so Python only concatenates, never re-parses."""
    geometry: ColumnElement[object] = rel.c[layer.geometry_column]
    if layer.config.source.srid != 4326:
        geometry = func.ST_Transform(geometry, 4326)
    feature = func.json_build_object(
        literal("type"),
        literal("Feature"),
        literal("id"),
        rel.c[layer.id_column],
        literal("geometry"),
        cast(func.ST_AsGeoJSON(geometry, GEOJSON_DECIMALS), JSON),
        literal("properties"),
        _properties(layer, rel, reader),
    )
    return cast(feature, Text)


def _conditions(layer: Layer, rel: TableClause, query: FeatureQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [rel.c[name] == value for name, value in query.filters.items()]
    published = layer.published(rel)
    if published is not None:
        conditions.append(published)
    if query.bbox is not None:
        conditions.append(_bbox_condition(layer, rel, query.bbox))
    return conditions


def _bbox_condition(layer: Layer, rel: TableClause, bbox: BBox) -> ColumnElement[bool]:
    """ST_Intersects against the envelope in the layer's own SRID, so the spatial index is used."""
    west, south, east, north = bbox
    spans = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]  # across the antimeridian
    geometry = rel.c[layer.geometry_column]
    srid = layer.config.source.srid
    tests = []
    for left, right in spans:
        envelope = func.ST_MakeEnvelope(left, south, right, north, 4326)
        if srid != 4326:
            envelope = func.ST_Transform(envelope, srid)
        tests.append(func.ST_Intersects(geometry, envelope))
    return or_(*tests)


def _base(layer: Layer, rel: TableClause, query: FeatureQuery, *columns: ColumnElement[Any]) -> Select[Any]:
    statement = select(*columns).select_from(rel)
    conditions = _conditions(layer, rel, query)
    return statement.where(and_(*conditions)) if conditions else statement


def count_matched(session: Session, layer: Layer, query: FeatureQuery, cap: int) -> int | None:
    """Exact count up to `cap`; None above it, because counting millions costs more than it tells."""
    capped = _base(layer, layer.relation, query, literal(1)).limit(cap + 1).subquery()
    total = session.execute(select(func.count()).select_from(capped)).scalar_one()
    return None if total > cap else int(total)


def read_page(
    session: Session, layer: Layer, query: FeatureQuery, *, count_cap: int, reader: Principal | None = None
) -> FeaturePage:
    rel = _relation(layer, reader)
    statement = (
        _base(layer, rel, query, _feature_json(layer, rel, reader))
        .order_by(rel.c[layer.id_column])
        .limit(query.limit)
        .offset(query.offset)
    )
    features = [str(row).encode() for row in session.execute(statement).scalars()]
    if query.offset == 0 and len(features) < query.limit:
        matched: int | None = len(features)
    else:
        matched = count_matched(session, layer, query, count_cap)
    return FeaturePage(features, matched)


def read_feature(session: Session, layer: Layer, feature_id: str, reader: Principal | None = None) -> bytes:
    key = _parse_id(layer, feature_id)
    rel = _relation(layer, reader)
    statement = (
        select(_feature_json(layer, rel, reader)).select_from(rel).where(rel.c[layer.id_column] == key)
    )
    published = layer.published(rel)
    if published is not None:
        statement = statement.where(published)
    found = session.execute(statement).scalar()
    if found is None:
        raise NotFound(f"Collection '{layer.id}' has no feature with id '{feature_id}'.")
    return str(found).encode()


def _parse_id(layer: Layer, feature_id: str) -> object:
    if layer.config.source.id_type == "string":
        return feature_id
    try:
        whole = int(feature_id)
    except ValueError:
        whole = None
    if whole is None or not fits_bigint(whole):  # no row holds a larger id
        raise NotFound(
            f"Collection '{layer.id}' has no feature with id '{feature_id}' (its ids are whole numbers)."
        )
    return whole
