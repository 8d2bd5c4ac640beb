"""The layer file format: strict, frozen pydantic models; the JSON Schema is generated from them."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

IDENTIFIER = r"^[a-z_][a-z0-9_]{0,62}$"
HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"

Identifier = Annotated[str, Field(pattern=IDENTIFIER)]
Colour = Annotated[str, Field(pattern=HEX_COLOUR)]
Opacity = Annotated[float, Field(ge=0, le=1)]
Zoom = Annotated[int, Field(ge=0, le=24)]
GeometryType = Literal[
    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "Geometry"
]
# "json" holds a list or an object: served in features, left out of vector tiles (MVT values are scalars).
PropertyType = Literal["string", "integer", "number", "boolean", "date", "datetime", "json"]


class Strict(BaseModel):
    """Unknown keys are errors and loaded values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A label in Vietnamese (required) and English."""

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Source(Strict):
    """Where the features live; the table or view is named like the layer."""

    type: Literal["table", "view"]
    id_column: Identifier
    id_type: Literal["integer", "string"] = "integer"
    geometry_column: Identifier = "geom"
    geometry_type: GeometryType
    srid: int = Field(default=4326, gt=0)


class Property(Strict):
    """A column published as a feature property."""

    name: Identifier
    type: PropertyType
    title: Text
    filterable: bool = False
    description: Text | None = None

    @model_validator(mode="after")
    def _filterable_scalar(self) -> Property:
        if self.filterable and self.type == "json":
            raise ValueError(f"property '{self.name}': a json property cannot be filterable")
        return self


class Symbol(Strict):
    """Drawing options; in a class, unset keys fall back to the style's default."""

    fill_color: Colour | None = None
    fill_opacity: Opacity | None = None
    stroke_color: Colour | None = None
    stroke_width: float | None = Field(default=None, ge=0, le=20)
    stroke_opacity: Opacity | None = None
    radius: float | None = Field(default=None, ge=0, le=50)


class DefaultSymbol(Symbol):
    fill_color: Colour = "#9e9e9e"
    fill_opacity: Opacity = 0.4
    stroke_color: Colour = "#424242"
    stroke_width: float = Field(default=1.0, ge=0, le=20)
    stroke_opacity: Opacity = 1.0
    radius: float = Field(default=5.0, ge=0, le=50)


class StyleClass(Symbol):
    """The look of features whose style property equals `value`."""

    value: str | int | float | bool
    label: Text


class Style(Strict):
    """Colour by one property's value, with a default for every other value."""

    property: Identifier | None = None
    default: DefaultSymbol = DefaultSymbol()
    default_label: Text = Text(vi="Khác", en="Other")
    classes: tuple[StyleClass, ...] = ()

    @model_validator(mode="after")
    def _classes_need_property(self) -> Style:
        if self.classes and self.property is None:
            raise ValueError("style.classes needs style.property to say which property they match")
        values = [c.value for c in self.classes]
        if len(values) != len(set(values)):
            raise ValueError("style.classes has the same value twice")
        return self


class Legend(Strict):
    title: Text | None = None
    show: bool = True


class Zooms(Strict):
    min: Zoom = 0
    max: Zoom = 22

    @model_validator(mode="after")
    def _ordered(self) -> Zooms:
        if self.min > self.max:
            raise ValueError(f"zoom.min ({self.min}) is above zoom.max ({self.max})")
        return self


class Overview(Strict):
    """Per-cell counts drawn instead of features at low zoom, where features are sub-pixel.

    The source table has columns zoom, cx, cy (cells aligned with WebMercatorQuad tiles), the
    class column, `plots` and the listed properties; the cell shows its most frequent class.
    """

    source: Identifier
    max_zoom: Zoom
    class_property: Identifier
    properties: tuple[Property, ...] = ()


Role = Literal["admin", "agri_officer", "env_officer", "viewer"]


class PublishedRows(Strict):
    """Only rows whose `property` holds one of `values` are published (tiles, items, features):
    e.g. growing areas that hold a code, never draft dossiers."""

    property: Identifier
    values: tuple[str, ...] = Field(min_length=1)


class Editing(Strict):
    """Who may create and change features, and which properties they may set.

    Scope is judged by the commune the feature lies in (`scope_property`, resolved from its
    geometry by the database), against the communes and provinces of the editor's account.
    """

    roles: tuple[Role, ...] = Field(min_length=1)
    properties: tuple[Identifier, ...] = Field(min_length=1)
    scope_property: Identifier = "commune_code"


class LayerConfig(Strict):
    """One file of `layers/`: what is published, how it looks, and what stays private."""

    kind: Literal["vector"] = "vector"
    title: Text
    description: Text | None = None
    source: Source
    properties: tuple[Property, ...] = Field(min_length=1)
    private_properties: tuple[Identifier, ...] = Field(
        default=(), description="Columns never published to the public (later: to roles in scope)."
    )
    access: Literal["public", "staff"] = Field(
        default="public", description="staff: listed, tiled and served only to signed-in staff."
    )
    published_rows: PublishedRows | None = None
    zoom: Zooms = Zooms()
    visible: bool = Field(default=True, description="Shown when the map opens.")
    draw_order: int = Field(default=100, description="Lower draws first (underneath).")
    style: Style = Style()
    legend: Legend = Legend()
    overview: Overview | None = None
    editing: Editing | None = None

    @model_validator(mode="after")
    def _consistent(self) -> LayerConfig:
        names = [p.name for p in self.properties]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"properties lists {', '.join(duplicates)} more than once")
        leaked = sorted(set(names) & set(self.private_properties))
        if leaked:
            raise ValueError(f"{', '.join(leaked)} cannot be both public and private")
        reserved = {self.source.geometry_column}
        if reserved & set(names):
            raise ValueError(f"the geometry column {self.source.geometry_column} is not a property")
        if self.published_rows and self.published_rows.property not in names:
            raise ValueError(
                f"published_rows.property '{self.published_rows.property}' is not a public property"
            )
        if self.style.property and self.style.property not in names:
            raise ValueError(f"style.property '{self.style.property}' is not one of the public properties")
        if self.editing:
            known = set(names) | set(self.private_properties)
            unknown = sorted(set(self.editing.properties) - known)
            if unknown:
                raise ValueError(f"editing.properties names {', '.join(unknown)}, not declared as properties")
        if self.overview:
            if self.overview.class_property not in names:
                raise ValueError(
                    f"overview.class_property '{self.overview.class_property}' is not a public property"
                )
            if self.overview.max_zoom < self.zoom.min:
                raise ValueError("overview.max_zoom is below zoom.min: the overview would never show")
        return self

    @property
    def filterable(self) -> tuple[Property, ...]:
        return tuple(p for p in self.properties if p.filterable)


def kebab(layer_id: str) -> str:
    """The REST path form of a layer id: growing_areas -> growing-areas."""
    return layer_id.replace("_", "-")


def is_identifier(value: str) -> bool:
    return re.fullmatch(IDENTIFIER, value) is not None
