"""What `/api/layers` tells the web map: the catalog in the shape Leaflet needs."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from gisapp.catalog.config import DefaultSymbol, StyleClass, Text


class PropertyOut(BaseModel):
    name: str
    type: str
    title: Text


class StyleOut(BaseModel):
    property: str | None
    default: DefaultSymbol
    classes: list[StyleClass]


class LegendItem(BaseModel):
    label: Text
    fill_color: str
    fill_opacity: float
    stroke_color: str
    stroke_width: float


class LegendOut(BaseModel):
    title: Text
    items: list[LegendItem]


class OverviewOut(BaseModel):
    max_zoom: int
    class_property: str
    properties: list[PropertyOut]


class LayerOut(BaseModel):
    id: str
    kind: str
    title: Text
    description: Text | None
    geometry_type: str
    tiles: str
    tilejson: str
    source_layer: str
    minzoom: int
    maxzoom: int
    visible: bool
    id_property: str
    properties: list[PropertyOut]
    style: StyleOut
    legend: LegendOut | None
    overview: OverviewOut | None


class Basemap(BaseModel):
    """A raster basemap: XYZ tiles (`url` with {z}/{x}/{y}) or a WMS endpoint drawing `wms_layers`."""

    id: str
    title: Text
    url: str
    attribution: str
    max_zoom: int
    kind: Literal["xyz", "wms"] = "xyz"
    wms_layers: str | None = None
    wms_format: str | None = None


class View(BaseModel):
    bounds: tuple[float, float, float, float]


class LayersOut(BaseModel):
    demo: bool
    view: View
    basemaps: list[Basemap]
    layers: list[LayerOut]
