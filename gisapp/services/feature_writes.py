"""The one write path: create and update a layer's features as GeoJSON, checked, versioned and audited.

Every later editable layer reuses it: authorisation (services/authorization.py) on the feature's
commune before and after the change, optimistic locking by row version (`If-Match`), an audit
record with the values before and after in the same transaction, and the layer version bumped by
the database trigger so tile ETags change.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, func, select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.catalog.config import Editing, Property
from gisapp.errors import Forbidden, InvalidInput, NotFound, PreconditionFailed, PreconditionRequired
from gisapp.services import audit
from gisapp.services.authorization import require_write
from gisapp.services.entity_tags import entity_tags
from gisapp.services.growing_area_rules import GrowingAreaRules
from gisapp.services.household_plot_rules import HouseholdPlotRules
from gisapp.services.layer_rules import Change, LayerRules
from gisapp.services.packing_house_rules import PackingHouseRules
from gisapp.services.pollution_source_rules import PollutionSourceRules
from gisapp.services.principal import Principal
from gisapp.services.water_work_rules import WaterWorkRules
from gisapp.settings import Settings
from gisapp.sql import load_sql

# Layers that can be written, with their rules and model (a new editable layer adds a line).
WRITABLE: dict[str, LayerRules] = {
    "growing_areas": GrowingAreaRules(),
    "packing_houses": PackingHouseRules(),
    "household_plots": HouseholdPlotRules(),
    "water_works": WaterWorkRules(),
    "pollution_sources": PollutionSourceRules(),
}
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


def rules(layer: Layer) -> LayerRules:
    found = WRITABLE.get(layer.id)
    if found is None or layer.config.editing is None:
        raise Forbidden(f"Layer '{layer.id}' cannot be edited through the API.")
    return found


def _model(layer: Layer) -> type[Any]:
    return rules(layer).model


def private_names(layer: Layer) -> set[str]:
    """Properties only readers cleared for private data receive: private columns and private extras."""
    found = WRITABLE.get(layer.id)
    extra = found.extra_properties - found.public_extra_properties if found else frozenset()
    return set(layer.config.private_properties) | set(extra)


def public_names(layer: Layer) -> set[str]:
    """Properties everyone receives: the layer's public columns and its public extras."""
    found = WRITABLE.get(layer.id)
    extra = found.public_extra_properties if found else frozenset()
    return {p.name for p in layer.config.properties} | set(extra)


def _editable(layer: Layer, properties: Any, *, creating: bool) -> dict[str, Any]:
    """The properties a caller may set, type-checked; anything else is refused by name."""
    if not isinstance(properties, dict):
        raise InvalidInput("'properties' must be a JSON object.")
    editing = _editing(layer)
    allowed = set(editing.properties) | set(rules(layer).extra_properties)
    refused = sorted(set(properties) - allowed)
    if refused:
        raise InvalidInput(
            f"Cannot set {', '.join(refused)}: editable properties are {', '.join(sorted(allowed))}."
        )
    declared = {p.name: p for p in layer.config.properties}
    columns = _model(layer).__table__.c
    for name, value in properties.items():
        _check_type(declared.get(name), name, value)
        limit = _length_limit(columns[name].type) if name in columns else None
        if isinstance(value, str) and limit is not None and len(value) > limit:
            raise InvalidInput(f"Property '{name}' is longer than {limit} characters.")
    _require_filled(columns, editing, properties, creating)
    return dict(properties)


def _require_filled(columns: Any, editing: Editing, properties: dict[str, Any], creating: bool) -> None:
    """Columns that cannot be empty must be given on create and never cleared (the database would
    refuse with an error the caller cannot read)."""
    required = [
        name
        for name in editing.properties
        if name in columns
        and not columns[name].nullable
        and columns[name].default is None
        and columns[name].server_default is None
    ]
    missing = [n for n in required if (creating or n in properties) and properties.get(n) in (None, "")]
    if missing:
        raise InvalidInput(
            f"Cần nhập {', '.join(missing)} / {', '.join(missing)} must be given and cannot be emptied."
        )


def _length_limit(column_type: Any) -> int | None:
    return column_type.length if isinstance(column_type, String) and column_type.length else None


def _check_type(prop: Property | None, name: str, value: Any) -> None:
    if value is None or prop is None:
        return  # private properties are free text; null clears a value (JSON Merge Patch)
    expected = PYTHON_TYPES[prop.type]
    if not isinstance(value, expected) or (prop.type != "boolean" and isinstance(value, bool)):
        raise InvalidInput(f"Property '{name}' must be a {prop.type}, got {json.dumps(value)}.")


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
    values = {name: _json_safe(value) for name, value in zip(names, row[:-1], strict=True)}
    values |= rules(layer).read_extra(session, feature_id)
    return {"properties": values, "geometry": json.loads(row[-1])}


def _json_safe(value: Any) -> Any:
    """Values as JSON carries them (the audit and the versions store this snapshot as JSONB)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _split(layer: Layer, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Column values, and extra properties stored outside the row."""
    extra_names = rules(layer).extra_properties
    columns = {k: v for k, v in values.items() if k not in extra_names}
    return columns, {k: v for k, v in values.items() if k in extra_names}


def _stored_geojson(session: Session, layer_rules: LayerRules, text: str, repair: bool) -> str:
    """The GeoJSON as it will be stored (repaired when asked), for checks that must see that shape."""
    if not repair:
        return text
    stored = layer_rules.geometry_sql(text, repair)
    return str(session.execute(select(func.ST_AsGeoJSON(stored))).scalar_one())


def create_feature(
    session: Session,
    layer: Layer,
    principal: Principal,
    body: Any,
    *,
    repair: bool = False,
    settings: Settings | None = None,
) -> tuple[int, dict[str, Any]]:
    layer_rules = rules(layer)
    properties, geometry = _feature_parts(body, geometry_required=True)
    values = layer_rules.clean(session, _editable(layer, properties, creating=True), None)
    text = layer_rules.checked_geometry(session, geometry, repair)
    commune = _commune_of(session, text)
    require_write(session, principal, layer, commune)
    columns, extra = _split(layer, values)
    columns |= layer_rules.new_row_values(principal, commune, columns)
    change = Change(
        None, _stored_geojson(session, layer_rules, text, repair), True, columns, frozenset(values)
    )
    layer_rules.check(session, settings or Settings(), change)
    geom = layer_rules.geometry_sql(text, repair)
    row = layer_rules.model(**columns, commune_code=commune, geom=geom)
    session.add(row)
    session.flush()
    layer_rules.write_extra(session, row.id, extra)
    after = snapshot(session, layer, row.id)
    audit.record(
        session, principal, entity=layer.id, entity_id=str(row.id), action="create", before=None, after=after
    )
    layer_rules.after_write(session, row.id, principal, after)
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
    settings: Settings | None = None,
) -> dict[str, Any]:
    """JSON Merge Patch of properties plus an optional geometry, only against the current version."""
    layer_rules = rules(layer)
    model = layer_rules.model
    row = session.execute(select(model).where(model.id == feature_id).with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFound(f"Collection '{layer.id}' has no feature with id '{feature_id}'.")
    require_write(session, principal, layer, row.commune_code)
    require_current(feature_id, row.row_version, if_match)
    properties, geometry = _feature_parts(patch, geometry_required=False)
    values = layer_rules.clean(session, _editable(layer, properties, creating=False), feature_id)
    before = snapshot(session, layer, feature_id)
    text = json.dumps(before["geometry"])
    commune = row.commune_code
    if geometry is not None:
        text = layer_rules.checked_geometry(session, geometry, repair)
        commune = _commune_of(session, text)
        require_write(session, principal, layer, commune)  # no moving a feature out of one's scope
    columns, extra = _split(layer, values)
    merged = before["properties"] | columns
    change = Change(
        feature_id,
        _stored_geojson(session, layer_rules, text, repair),
        geometry is not None,
        merged,
        frozenset(values),
        status=before["properties"].get("status"),
    )
    layer_rules.check(session, settings or Settings(), change)
    if geometry is not None:
        row.geom = layer_rules.geometry_sql(text, repair)
        row.commune_code = commune
    for name, value in columns.items():
        setattr(row, name, value)
    row.row_version = row.row_version + 1
    session.flush()
    layer_rules.write_extra(session, feature_id, extra)
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
    layer_rules.after_write(session, feature_id, principal, after)
    return after


def require_current(feature_id: int, row_version: int, if_match: str | None) -> None:
    """Optimistic locking: the caller must name the version they edited."""
    current = feature_etag(row_version)
    if not if_match:
        raise PreconditionRequired(
            f"Send If-Match: {current} (the version you edited) so no one else's change is overwritten."
        )
    if current not in entity_tags(if_match):
        raise PreconditionFailed(
            f"Feature {feature_id} changed since you loaded it: it is now at {current}. "
            "Load it again and reapply your change.",
            current_etag=current,
        )


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
