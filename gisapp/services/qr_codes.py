"""QR codes of verification-page URLs, for printing on packaging (segno: pure Python, no Pillow).

Always a full-size QR code (never Micro QR, which phone cameras do not read) at error-correction
level M, which survives the scuffs a carton picks up; the quiet zone of 4 modules is the standard's.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno

PNG_SCALE = 10  # pixels per module: a version-3 code is 330 px, sharp when printed at 3 cm
SVG_SCALE = 8
BORDER = 4


def _code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m", boost_error=True)


@lru_cache(maxsize=1024)
def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=PNG_SCALE, border=BORDER, light="white")
    return out.getvalue()


@lru_cache(maxsize=1024)
def qr_svg(url: str, title: str = "") -> bytes:
    """A standalone SVG document; `title` (escaped by segno) names it for screen readers."""
    out = io.BytesIO()
    _code(url).save(
        out, kind="svg", scale=SVG_SCALE, border=BORDER, title=title or None, svgclass="qr", light="white"
    )
    return out.getvalue()
