"""The domestic code template: which fields it may use, and how to read a serial back out of a code.

QĐ 3156 numbers serials 01…n per province; the template is a setting because whether codes
issued after the 2025 merger keep a district segment is not settled.
"""

from __future__ import annotations

import re
import string

FIELDS = frozenset({"province", "district", "commune", "serial", "yy"})
_FIELD_PATTERNS = {"district": r"\d{3}", "commune": r"\d{5}", "yy": r"\d{2}"}


def check_template(template: str) -> str:
    """The template if every field is known and serial, province and yy appear; else ValueError."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ValueError(f"code_template {template!r} is malformed: {exc}") from None
    unknown = sorted(set(names) - FIELDS)
    if unknown:
        raise ValueError(f"code_template uses unknown fields {unknown}; known: {sorted(FIELDS)}")
    missing = sorted({"province", "serial", "yy"} - set(names))
    if missing:
        raise ValueError(f"code_template must contain {missing}")
    return template


def serial_pattern(template: str, province: str) -> str:
    """A POSIX regex (for PostgreSQL `~`) capturing the serial of codes this template made in a province."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name == "serial":
            parts.append(r"(\d+)")
        elif name is not None:
            parts.append(re.escape(province) if name == "province" else _FIELD_PATTERNS[name])
    return "^" + "".join(parts) + "$"
