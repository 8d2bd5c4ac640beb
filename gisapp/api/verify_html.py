"""The verification page's HTML, from the templates in gisapp/templates (string.Template).

Every value from the database or the URL is escaped here (html.escape, or JSON with `<`, `>` and
`&` escaped for the embedded data); the templates only hold fixed text. Vietnamese comes first,
English after a slash, as on the map.
"""

from __future__ import annotations

import html
from datetime import datetime
from functools import cache
from importlib import resources
from string import Template

import orjson

from gisapp.catalog import Layer
from gisapp.services.layer_style import status_style
from gisapp.services.verification import VerifiedArea
from gisapp.services.vi_text import NONE, checked_at, day, hectares, markets

STATUS_TEXT = {
    "issued": (
        "Còn hiệu lực",
        "Valid",
        "Mã số đã được cấp và đang có hiệu lực",
        "the code is issued and in force",
    ),
    "suspended": (
        "Tạm dừng",
        "Suspended",
        "Mã số tạm thời không có hiệu lực",
        "the code is temporarily not valid",
    ),
    "revoked": (
        "Đã thu hồi",
        "Revoked",
        "Mã số đã bị thu hồi và không còn giá trị",
        "the code has been revoked and is no longer valid",
    ),
}
DEMO_NOTICE = (
    '    <p class="demo-notice">Dữ liệu minh họa, không phải mã thật '
    '<span lang="en">/ Demo data, not a real code</span></p>'
)


@cache
def _template(name: str) -> Template:
    return Template(resources.files("gisapp").joinpath("templates", name).read_text(encoding="utf-8"))


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_missing(code: str, now: datetime | None = None) -> str:
    """The 404 page: the code as typed (cut short, escaped) and what to do about it."""
    shown = code if len(code) <= 60 else code[:60] + "…"
    return _template("verify_missing.html").substitute(code=_e(shown), checked_at=_e(checked_at(now)))


def render_found(
    found: VerifiedArea, layer: Layer, *, page_url: str, qr_png: str, qr_svg: str, now: datetime | None = None
) -> str:
    props = found.area.properties
    status = str(props.get("status"))
    status_vi, status_en, note_vi, note_en = STATUS_TEXT.get(status, (status, status, "", ""))
    style = status_style(layer, status)
    map_data = {"area": found.area.geometry, "commune": found.commune_outline, "style": style}
    return _template("verify.html").substitute(
        status=_e(status),
        status_vi=_e(status_vi),
        status_en=_e(status_en),
        status_note_vi=_e(note_vi),
        status_note_en=_e(note_en),
        theme_color=_e(style.get("stroke_color", "#33691e")),
        code=_e(props.get("code") or "—"),
        export_code=_e(props.get("export_code") or NONE),
        export_class="code code-export" if props.get("export_code") else "code-none",
        demo_notice=DEMO_NOTICE if props.get("is_demo") else "",
        facts="\n".join(_fact(vi, en, value) for vi, en, value in facts(found)),
        map_label=_e(f"Bản đồ ranh giới {props.get('name', '')} / Map of the boundary"),
        qr_png=_e(qr_png),
        qr_svg=_e(qr_svg),
        page_url=_e(page_url),
        checked_at=_e(checked_at(now)),
        map_data=script_json(map_data),
    )


def facts(found: VerifiedArea) -> list[tuple[str, str, str]]:
    """(Vietnamese label, English label, value as plain text), in the order a buyer reads them."""
    p = found.area.properties
    crop = str(p.get("crop") or "")
    if found.crop_en and found.crop_en != crop:
        crop += f" ({found.crop_en})"
    if p.get("variety"):
        crop += f", giống / variety {p['variety']}"
    rows = [
        ("Tên vùng trồng", "Name", str(p.get("name") or "")),
        ("Cây trồng", "Crop", crop),
        ("Diện tích", "Area", f"{hectares(p.get('area_ha'))} ha"),
        ("Tiêu chuẩn", "Standard", str(p.get("standard") or NONE)),
        (
            "Xã hiện tại",
            "Commune",
            _place(p.get("commune_name"), p.get("province_name"), p.get("commune_code")),
        ),
    ]
    issued_under = p.get("issued_commune_code")
    if issued_under and issued_under != p.get("commune_code"):
        name = p.get("issued_commune_name") or f"mã xã / commune code {issued_under}"
        rows.append(("Xã khi cấp mã", "Commune when issued", str(name)))
    rows += [
        ("Năm cấp", "Year issued", str(p.get("issued_year") or NONE)),
        ("Thị trường", "Markets", markets(p.get("markets"))),
        ("Kiểm tra gần nhất", "Last inspection", day(p.get("last_inspected_on")) or NONE),
    ]
    return rows


def _fact(vi: str, en: str, value: str) -> str:
    return f'      <div><dt>{_e(vi)} <span lang="en">/ {_e(en)}</span></dt><dd>{_e(value)}</dd></div>'


def _place(commune: object, province: object, code: object) -> str:
    if not commune:
        return str(code or NONE)
    return f"{commune}, {province}" if province else str(commune)


def script_json(value: object) -> str:
    """JSON that cannot end its <script> element or open a comment, whatever the strings hold."""
    text = orjson.dumps(value).decode()
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
