"""The maps of a printable sheet, composed with folium: shapes, a fitted view, no CDN, no basemap.

folium writes a whole document that links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs and
OpenStreetMap tiles by default. Here a map is made with no tiles (unless the deployment configures
some), its CDN lists are emptied, and only the map's element and script are taken from folium's
figure: the sheet's own shell (sheet_builder.py) brings Leaflet inlined and the stylesheet.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import Figure

MAX_ZOOM = 18
FIT_MAX_ZOOM = 17
FIT_PADDING = 24  # pixels around what a map is fitted to
POINT_TYPES = ("Point", "MultiPoint")


@dataclass(frozen=True)
class Shape:
    """One geometry on a map (GeoJSON, WGS 84) with its look and its legend entry."""

    geometry: dict[str, Any]
    label_vi: str
    label_en: str
    stroke: str = "#1b5e20"
    fill: str | None = None
    fill_opacity: float = 0.0
    weight: float = 2.0
    dash: str | None = None
    point_radius: float = 9.0  # pixels, for points (packing houses, intake works…)


@dataclass(frozen=True)
class TileSource:
    url: str
    attribution: str


@dataclass(frozen=True)
class MapPart:
    """What the sheet's shell needs of one folium map."""

    html: str  # the map's element
    script: str  # folium's script that draws it
    name: str  # its global variable, for the print handler
    bounds: list[list[float]]  # what it is fitted to


def _positions(coordinates: Any) -> Iterator[tuple[float, float]]:
    if coordinates and isinstance(coordinates[0], int | float):
        yield float(coordinates[0]), float(coordinates[1])
        return
    for part in coordinates:
        yield from _positions(part)


def bounds(geometry: dict[str, Any]) -> list[list[float]]:
    """[[south, west], [north, east]] of a GeoJSON geometry, as Leaflet takes them."""
    points = list(_positions(geometry["coordinates"]))
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def centre(geometry: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON point at the middle of a geometry's bounds (a marker where a shape is too small to see)."""
    (south, west), (north, east) = bounds(geometry)
    return {"type": "Point", "coordinates": [(west + east) / 2, (south + north) / 2]}


def _style(shape: Shape) -> dict[str, Any]:
    style: dict[str, Any] = {"color": shape.stroke, "weight": shape.weight, "opacity": 1}
    style |= {"fill": shape.fill is not None, "fillColor": shape.fill or shape.stroke}
    style["fillOpacity"] = shape.fill_opacity
    if shape.dash:
        style["dashArray"] = shape.dash
    return style


def _add_shape(target: folium.Map, shape: Shape) -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": shape.geometry}
    style = _style(shape)
    marker = None
    if shape.geometry["type"] in POINT_TYPES:
        marker = folium.CircleMarker(radius=shape.point_radius, **style)
    folium.GeoJson(
        feature,
        name=shape.label_en,
        style_function=lambda _feature: style,
        marker=marker,
        control=False,
        interactive=False,
    ).add_to(target)


def map_part(shapes: list[Shape], fit_to: Shape, tiles: TileSource | None = None) -> MapPart:
    """A folium map of `shapes` (drawn in order) fitted to `fit_to`."""
    fitted = bounds(fit_to.geometry)
    centre = [(fitted[0][0] + fitted[1][0]) / 2, (fitted[0][1] + fitted[1][1]) / 2]
    sheet_map = folium.Map(
        location=centre,
        tiles=None,
        zoom_start=15,
        max_zoom=MAX_ZOOM,
        zoom_control=False,
        control_scale=False,  # the sheet's script adds a metric-only scale
        attribution_control=tiles is not None,
    )
    sheet_map.default_js = []  # folium's CDN links: Leaflet comes inlined, the rest is not needed
    sheet_map.default_css = []
    if tiles is not None:
        folium.TileLayer(tiles=tiles.url, attr=tiles.attribution, max_zoom=MAX_ZOOM).add_to(sheet_map)
    for shape in shapes:
        _add_shape(sheet_map, shape)
    sheet_map.fit_bounds(fitted, padding=(FIT_PADDING, FIT_PADDING), max_zoom=FIT_MAX_ZOOM)
    figure = sheet_map.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("a folium map renders inside a branca Figure")
    figure.render()  # fills the figure's parts; its header (CDN links, a zoom-locking viewport) is not used
    return MapPart(figure.html.render(), figure.script.render(), sheet_map.get_name(), fitted)
