"""Leaflet inlined for offline documents: images become data: URIs, and a stylesheet that names any
other file is refused when the sheet is built, not discovered in a field office with no signal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gisapp.services.offline_assets import offline_leaflet
from gisapp.settings import PROJECT_ROOT


def test_vendored_leaflet_inlines_every_image() -> None:
    leaflet = offline_leaflet(PROJECT_ROOT / "static" / "vendor")
    assert leaflet.script_uri.startswith("data:text/javascript;base64,")
    urls = re.findall(r"url\(([^)]*)\)", leaflet.stylesheet)
    assert urls and all(u.startswith(("data:image/png;base64,", "#")) for u in urls)
    assert "http" not in leaflet.stylesheet  # the comments that held links are gone


def fake_vendor(tmp_path: Path, css: str) -> Path:
    folder = tmp_path / "leaflet"
    (folder / "images").mkdir(parents=True)
    (folder / "leaflet.js").write_text("window.L = {};")
    (folder / "images" / "layers.png").write_bytes(b"\x89PNG fake")
    (folder / "leaflet.css").write_text(css)
    return tmp_path


def test_a_stylesheet_naming_another_file_is_refused(tmp_path: Path) -> None:
    vendor = fake_vendor(tmp_path, ".a { background: url(images/layers.png) } .b { src: url(fonts/x.woff) }")
    with pytest.raises(RuntimeError, match="names a file other than images"):
        offline_leaflet(vendor)


def test_quoted_image_urls_are_inlined(tmp_path: Path) -> None:
    vendor = fake_vendor(tmp_path, '.a { background: url("images/layers.png") } /* https://x */')
    css = offline_leaflet(vendor).stylesheet
    assert "url(data:image/png;base64," in css and "https" not in css
