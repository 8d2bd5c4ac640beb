"""The entity-tag lists of `If-Match` and `If-None-Match` (RFC 9110 13.1), read one way everywhere."""

from __future__ import annotations

ANY = "*"  # matches whatever the server holds now (RFC 9110 13.1.1, 13.1.2)


def entity_tags(header: str | None) -> list[str]:
    """The tags a client sent, each by its opaque part: a weak `W/"…"` compares as its strong twin."""
    return [tag.strip().removeprefix("W/") for tag in (header or "").split(",") if tag.strip()]
