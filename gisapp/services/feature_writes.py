"""The one write path: create and update a layer's features as GeoJSON, checked, versioned and audited.

Every later editable layer reuses it: authorisation (services/authorization.py) on the feature's
commune before and after the change, optimistic locking by row version (`If-Match`), an audit
record with the values before and after in the same transaction, and the layer version bumped by
the database trigger so tile ETags change.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.catalog.config import Editing, Property
from gisapp.errors import Forbidden, InvalidInput, NotFound, PreconditionFailed, PreconditionRequired
from gisapp.models import GrowingArea
from gisapp.models.base import Base
from gisapp.services import audit
from gisapp.services.authorization import require_write
from gisapp.services.geometry_checks import check_polygon
from gisapp.services.principal import Principal
from gisapp.sql import load_sql

# Layers that can be written, with the model that stores them (a new editable layer adds a line).
WRITABLE_MODELS: dict[str, type[Base]] = {"growing_areas": GrowingArea}
PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "date": (str,),
    "datetime": (str,),
    "json": (list, dict),
}


def feature_etag(row_version: int) -> str:
    return f'"v{row_version}"'


def _editing(layer: Layer) -> Editing:
    if layer.config.editing is None:
        raise Forbidden(f"Layer '{layer.id}' cannot be edited through the API.")
    return layer.config.editing


def _model(layer: Layer) -> type[Any]:
    model = WRITABLE_MODELS.get(layer.id)
    if model is None or layer.config.editing is None:
        raise Forbidden(f"Layer '{layer.id}' cannot be edited through the API.")
    return model


def _editable(layer: Layer, properties: Any) -> dict[str, Any]:
    """The properties a caller may set, type-checked; anything else is refused by name."""
    if not isinstance(properties, dict):
        raise InvalidInput("'properties' must be a JSON object.")
    editing = _editing(layer)
    allowed = set(editing.properties)
    refused = sorted(set(properties) - allowed)
    if refused:
        raise InvalidInput(
            f"Cannot set {', '.join(refused)}: editable properties are {', '.join(sorted(allowed))}."
        )
    declared = {p.name: p for p in layer.config.properties}
    for name, value in properties.items():
        _check_type(declared.get(name), name, value)
    return dict(properties)


def _check_type(prop: Property | None, name: str, value: Any) -> None:
    if value is None or prop is None:
        return  # private properties are free text; null clears a value (JSON Merge Patch)
    expected = PYTHON_TYPES[prop.type]
    if not isinstance(value, expected) or (prop.type != "boolean" and isinstance(value, bool)):
        raise InvalidInput(f"Property '{name}' must be a {prop.type}, got {json.dumps(value)}.")


def _geometry_sql(text: str, repair: bool) -> Any:
    geometry = func.ST_SetSRID(func.ST_GeomFromGeoJSON(text), 4326)
    if repair:
        geometry = func.ST_CollectionExtract(func.ST_MakeValid(geometry), 3)
    return func.ST_Multi(geometry)


def _commune_of(session: Session, text: str) -> str | None:
    found = session.execute(load_sql("gisapp.services", "commune_of_geometry"), {"geojson": text}).scalar()
    return str(found) if found else None


def snapshot(session: Session, layer: Layer, feature_id: int) -> dict[str, Any]:
    """Every stored property (public and private) and the geometry, as the audit keeps them."""
    model = _model(layer)
    editing = _editing(layer)
    names = sorted({*editing.properties, *(p.name for p in layer.config.properties), "row_version"})
    row = session.execute(
        select(*(getattr(model, n) for n in names), func.ST_AsGeoJSON(model.geom, 7)).where(
            model.id == feature_id
        )
    ).one_or_none()
    if row is None:
        raise NotFound(f"Collection '{layer.id}' has no feature with id '{feature_id}'.")
    values = dict(zip(names, row[:-1], strict=True))
    return {
        "properties": {k: (float(v) if k == "area_ha" and v is not None else v) for k, v in values.items()},
        "geometry": json.loads(row[-1]),
    }


def create_feature(
    session: Session, layer: Layer, principal: Principal, body: Any, *, repair: bool = False
) -> tuple[int, dict[str, Any]]:
    model = _model(layer)
    properties, geometry = _feature_parts(body, geometry_required=True)
    values = _editable(layer, properties)
    text = check_polygon(session, geometry, repair=repair)
    commune = _commune_of(session, text)
    require_write(session, principal, layer, commune)
    row = model(**values, commune_code=commune, geom=_geometry_sql(text, repair))
    session.add(row)
    session.flush()
    after = snapshot(session, layer, row.id)
    audit.record(
        session, principal, entity=layer.id, entity_id=str(row.id), action="create", before=None, after=after
    )
    return int(row.id), after


def update_feature(
    session: Session,
    layer: Layer,
    principal: Principal,
    feature_id: int,
    patch: Any,
    if_match: str | None,
    *,
    repair: bool = False,
) -> dict[str, Any]:
    """JSON Merge Patch of properties plus an optional geometry, only against the current version."""
    model = _model(layer)
    row = session.execute(select(model).where(model.id == feature_id).with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFound(f"Collection '{layer.id}' has no feature with id '{feature_id}'.")
    require_write(session, principal, layer, row.commune_code)
    current = feature_etag(row.row_version)
    if not if_match:
        raise PreconditionRequired(
            f"Send If-Match: {current} (the version you edited) so no one else's change is overwritten."
        )
    if current not in {tag.strip().removeprefix("W/") for tag in if_match.split(",")}:
        raise PreconditionFailed(
            f"Feature {feature_id} changed since you loaded it: it is now at {current}. "
            "Load it again and reapply your change.",
            current_etag=current,
        )
    properties, geometry = _feature_parts(patch, geometry_required=False)
    values = _editable(layer, properties)
    before = snapshot(session, layer, feature_id)
    if geometry is not None:
        text = check_polygon(session, geometry, repair=repair)
        commune = _commune_of(session, text)
        require_write(session, principal, layer, commune)  # no moving a feature out of one's scope
        row.geom = _geometry_sql(text, repair)
        row.commune_code = commune
    for name, value in values.items():
        setattr(row, name, value)
    row.row_version = row.row_version + 1
    session.flush()
    after = snapshot(session, layer, feature_id)
    audit.record(
        session,
        principal,
        entity=layer.id,
        entity_id=str(feature_id),
        action="update",
        before=before,
        after=after,
    )
    return after


def _feature_parts(body: Any, *, geometry_required: bool) -> tuple[Any, Any]:
    if not isinstance(body, dict):
        raise InvalidInput("The body must be a GeoJSON Feature object.")
    if body.get("type", "Feature") != "Feature":
        raise InvalidInput(f"The body must be a GeoJSON Feature, not a {body.get('type')}.")
    unknown = sorted(set(body) - {"type", "id", "geometry", "properties"})
    if unknown:
        raise InvalidInput(f"Unknown member(s) {', '.join(unknown)} in the Feature.")
    geometry = body.get("geometry")
    if geometry_required and geometry is None:
        raise InvalidInput("A new feature needs a 'geometry'.")
    return body.get("properties") or {}, geometry
