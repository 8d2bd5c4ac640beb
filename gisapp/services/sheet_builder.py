"""Printable sheets (phiếu in): one self-contained HTML file per record, map drawn by folium.

Shared by every kind of record that has a place: a growing area (a polygon) today, a packing house
(a point) next. A caller describes the sheet as a `SheetContent` (facts, shapes, QR code) and calls
`render_sheet`; nothing here knows about growing areas.

The file opens offline and prints on A4: folium composes the map (shapes, scale bar, fitted view)
but its CDN links are dropped and its document shell replaced by ours (templates/sheet.html, with
the print stylesheet), Leaflet comes inlined from static/vendor (services/offline_assets.py), and
there is no basemap unless `GISAPP_SHEET_TILE_URL` names one. Every text value is escaped here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

import orjson

from gisapp.services.offline_assets import data_uri, offline_leaflet
from gisapp.services.sheet_maps import MapPart, Shape, TileSource, map_part

__all__ = ["Fact", "QrBlock", "Shape", "SheetContent", "TileSource", "render_sheet"]


@dataclass(frozen=True)
class Fact:
    vi: str
    en: str
    value: str


@dataclass(frozen=True)
class QrBlock:
    svg: bytes  # a standalone SVG document (services/qr_codes.py)
    caption: str  # what to type instead of scanning, shown under it (no scheme: it is for people)


@dataclass(frozen=True)
class SheetContent:
    """Everything a sheet says. The main map draws `shapes` in order, fitted to the last one; the
    small locator map (if any) draws `locator` fitted to its first one (e.g. the commune)."""

    kind_vi: str  # "Phiếu thông tin vùng trồng"
    kind_en: str
    title: str
    code: str | None
    no_code: str  # shown when there is no code yet, "vi / en"
    status: str  # a key for the badge's colour, e.g. issued
    status_vi: str
    status_en: str
    facts: list[Fact]
    shapes: list[Shape]
    printed_at: str
    qr: QrBlock | None = None
    locator: list[Shape] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # short lines under the facts
    private: bool = False  # personal data on it: a warning band is printed


@cache
def _template() -> Template:
    return Template(resources.files("gisapp").joinpath("templates", "sheet.html").read_text(encoding="utf-8"))


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _facts(facts: list[Fact]) -> str:
    return "\n".join(
        f'      <div><dt>{_e(f.vi)} <span lang="en">/ {_e(f.en)}</span></dt><dd>{_e(f.value)}</dd></div>'
        for f in facts
    )


def _legend(shapes: list[Shape]) -> str:
    items = []
    for shape in shapes:
        swatch = f"border-color:{_e(shape.stroke)};background:{_e(shape.fill or 'transparent')}"
        items.append(
            f'<li><span class="swatch" style="{swatch}"></span>{_e(shape.label_vi)} '
            f'<span lang="en">/ {_e(shape.label_en)}</span></li>'
        )
    return "\n".join(items)


def _qr(block: QrBlock | None) -> str:
    if block is None:
        return ""
    return (
        '<figure class="qr">'
        f'<img src="{data_uri("image/svg+xml", block.svg)}" alt="Mã QR / QR code" width="144" height="144">'
        f'<figcaption>Quét để xác minh <span lang="en">/ Scan to verify</span><br>'
        f"<strong>{_e(block.caption)}</strong></figcaption></figure>"
    )


def _locator(content: SheetContent) -> MapPart | None:
    if not content.locator:
        return None
    return map_part(content.locator, content.locator[0])


def _locator_html(part: MapPart | None) -> str:
    if part is None:
        return ""
    return (
        f'<figure class="sheet-locator">{part.html}<figcaption>Vị trí trong xã '
        '<span lang="en">/ Location in the commune</span></figcaption></figure>'
    )


def render_sheet(content: SheetContent, *, vendor_dir: Path, tiles: TileSource | None = None) -> str:
    """The whole HTML document of a sheet."""
    leaflet = offline_leaflet(vendor_dir)
    main = map_part(content.shapes, content.shapes[-1], tiles)
    locator = _locator(content)
    parts = [main] + ([locator] if locator else [])
    notes = "".join(f'<p class="note">{_e(note)}</p>' for note in content.notes)
    private = (
        '<p class="private-band">Tài liệu có thông tin cá nhân — không phát tán '
        '<span lang="en">/ Contains personal data — do not share</span></p>'
        if content.private
        else ""
    )
    return _template().substitute(
        title=_e(f"{content.kind_vi}: {content.code or content.title}"),
        leaflet_css=leaflet.stylesheet,
        leaflet_script=_e(leaflet.script_uri),
        kind_vi=_e(content.kind_vi),
        kind_en=_e(content.kind_en),
        name=_e(content.title),
        code=_e(content.code) if content.code else f'<span class="no-code">{_e(content.no_code)}</span>',
        status=_e(content.status),
        status_vi=_e(content.status_vi),
        status_en=_e(content.status_en),
        private_band=private,
        maps_class="sheet-maps" + ("" if locator else " single"),
        map_html=main.html,
        locator_html=_locator_html(locator),
        legend=_legend(content.shapes),
        facts=_facts(content.facts),
        qr=_qr(content.qr),
        notes=notes,
        printed_at=_e(content.printed_at),
        map_scripts="\n".join(part.script for part in parts),
        maps=orjson.dumps([[part.name, part.bounds] for part in parts]).decode(),
    )
