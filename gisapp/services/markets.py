"""Approved export markets of a registry record (growing area, packing house), each with its document."""

from __future__ import annotations

from datetime import date
from typing import Any

from gisapp.errors import InvalidInput

MARKET_FIELDS = {"market", "document_number", "document_date"}


def checked_markets(value: Any) -> list[dict[str, str | None]]:
    """The list as stored, or InvalidInput naming the market (by position) and the field."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput("'markets' must be a list of {market, document_number, document_date}.")
    markets = []
    for position, item in enumerate(value, start=1):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("market"), str)
            or not item["market"].strip()
        ):
            raise InvalidInput(f"Market {position} needs a 'market' name, e.g. \"Trung Quốc / China\".")
        unknown = sorted(set(item) - MARKET_FIELDS)
        if unknown:
            raise InvalidInput(f"Market {position}: unknown field(s) {', '.join(unknown)}.")
        when = item.get("document_date")
        if when is not None:
            try:
                date.fromisoformat(str(when))
            except ValueError:
                raise InvalidInput(
                    f"Market {position}: document_date must be YYYY-MM-DD, got {when!r}."
                ) from None
        number = item.get("document_number")
        if number is not None and (not isinstance(number, str) or len(number) > 100):
            raise InvalidInput(f"Market {position}: document_number must be text of at most 100 characters.")
        markets.append(
            {"market": item["market"].strip()[:200], "document_number": number, "document_date": when}
        )
    return markets
