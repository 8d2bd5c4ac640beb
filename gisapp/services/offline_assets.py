"""Leaflet from `static/vendor/`, inlined for documents that must open with no network at all.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; a printable sheet needs only
Leaflet. Its script goes in as a base64 `data:` URI holding the vendored file byte for byte (so
the checksum in static/vendor/VERSIONS.md still holds, and the SVG namespace and licence URLs
inside it are never mistaken for links); its stylesheet goes in as text with the comments dropped
and every image it names turned into a `data:` URI. A stylesheet naming anything else fails here,
loudly, rather than in a field office with no signal.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_IMAGE = re.compile(r"""url\((['"]?)images/([A-Za-z0-9_.-]+\.png)\1\)""")
_ANY_URL = re.compile(r"url\((?!data:|#)", re.I)


@dataclass(frozen=True)
class OfflineLeaflet:
    script_uri: str  # data:text/javascript;base64,…
    stylesheet: str  # CSS text, images inlined


def data_uri(media_type: str, content: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


@cache
def offline_leaflet(vendor_dir: Path) -> OfflineLeaflet:
    """Leaflet's script and stylesheet from `vendor_dir` (static/vendor), ready to inline."""
    folder = vendor_dir / "leaflet"
    script = (folder / "leaflet.js").read_bytes()
    css = _COMMENT.sub("", (folder / "leaflet.css").read_text(encoding="utf-8"))

    def inline(match: re.Match[str]) -> str:
        return f"url({data_uri('image/png', (folder / 'images' / match.group(2)).read_bytes())})"

    css = _IMAGE.sub(inline, css)
    if _ANY_URL.search(css):
        raise RuntimeError(f"{folder / 'leaflet.css'} names a file other than images/*.png: inline it too.")
    return OfflineLeaflet(data_uri("text/javascript", script), css)
