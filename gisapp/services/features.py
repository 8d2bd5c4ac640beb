"""OGC API Features reads: GeoJSON built by PostGIS, public properties only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, ColumnElement, Select, Text, and_, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import NotFound
from gisapp.services.feature_query import BBox, FeatureQuery

GEOJSON_DECIMALS = 7


@dataclass(frozen=True)
class FeaturePage:
    features: list[bytes]
    number_matched: int | None


def _feature_json(layer: Layer) -> ColumnElement[str]:
    """One GeoJSON Feature as text, so Python only concatenates, never re-parses."""
    rel = layer.relation
    pairs: list[ColumnElement[object]] = []
    for prop in layer.properties:
        pairs += [literal(prop.name), rel.c[prop.name]]
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
        func.json_build_object(*pairs),
    )
    return cast(feature, Text)


def _conditions(layer: Layer, query: FeatureQuery) -> list[ColumnElement[bool]]:
    rel = layer.relation
    conditions: list[ColumnElement[bool]] = [rel.c[name] == value for name, value in query.filters.items()]
    if query.bbox is not None:
        conditions.append(_bbox_condition(layer, query.bbox))
    return conditions


def _bbox_condition(layer: Layer, bbox: BBox) -> ColumnElement[bool]:
    """ST_Intersects against the envelope in the layer's own SRID, so the spatial index is used."""
    west, south, east, north = bbox
    spans = [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]  # across the antimeridian
    geometry = layer.relation.c[layer.geometry_column]
    srid = layer.config.source.srid
    tests = []
    for left, right in spans:
        envelope = func.ST_MakeEnvelope(left, south, right, north, 4326)
        if srid != 4326:
            envelope = func.ST_Transform(envelope, srid)
        tests.append(func.ST_Intersects(geometry, envelope))
    return or_(*tests)


def _base(layer: Layer, query: FeatureQuery, *columns: ColumnElement[Any]) -> Select[Any]:
    statement = select(*columns).select_from(layer.relation)
    conditions = _conditions(layer, query)
    return statement.where(and_(*conditions)) if conditions else statement


def count_matched(session: Session, layer: Layer, query: FeatureQuery, cap: int) -> int | None:
    """Exact count up to `cap`; None above it, because counting millions costs more than it tells."""
    capped = _base(layer, query, literal(1)).limit(cap + 1).subquery()
    total = session.execute(select(func.count()).select_from(capped)).scalar_one()
    return None if total > cap else int(total)


def read_page(session: Session, layer: Layer, query: FeatureQuery, *, count_cap: int) -> FeaturePage:
    id_column = layer.relation.c[layer.id_column]
    statement = (
        _base(layer, query, _feature_json(layer)).order_by(id_column).limit(query.limit).offset(query.offset)
    )
    features = [str(row).encode() for row in session.execute(statement).scalars()]
    if query.offset == 0 and len(features) < query.limit:
        matched: int | None = len(features)
    else:
        matched = count_matched(session, layer, query, count_cap)
    return FeaturePage(features, matched)


def read_feature(session: Session, layer: Layer, feature_id: str) -> bytes:
    key = _parse_id(layer, feature_id)
    id_column = layer.relation.c[layer.id_column]
    statement = select(_feature_json(layer)).select_from(layer.relation).where(id_column == key)
    found = session.execute(statement).scalar()
    if found is None:
        raise NotFound(f"Collection '{layer.id}' has no feature with id '{feature_id}'.")
    return found.encode()


def _parse_id(layer: Layer, feature_id: str) -> object:
    if layer.config.source.id_type == "string":
        return feature_id
    try:
        return int(feature_id)
    except ValueError:
        raise NotFound(
            f"Collection '{layer.id}' has no feature with id '{feature_id}' (its ids are whole numbers)."
        ) from None
