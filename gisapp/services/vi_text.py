"""Registry values as Vietnamese readers write them: 12,35 ha, 15/03/2025, markets with their documents.

Shared by the pages and sheets that print them (the verification page, printable sheets).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")  # no daylight saving in Vietnam
NONE = "chưa có / none"


def checked_at(now: datetime | None = None) -> str:
    """`14:05 02/10/2025 (UTC+7)`: a moment as people in Vietnam read it."""
    moment = (now or datetime.now(UTC)).astimezone(VIETNAM_TIME)
    return moment.strftime("%H:%M %d/%m/%Y (UTC+7)")


def hectares(value: object) -> str:
    """Vietnamese number format: 12,35 (comma for decimals, dot for thousands)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "?"
    return f"{number:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def day(value: object) -> str:
    """`2025-03-15` -> `15/03/2025`; anything else as it is."""
    text = str(value or "")
    parts = text.split("-")
    return f"{parts[2]}/{parts[1]}/{parts[0]}" if len(parts) == 3 else text


def markets(value: object) -> str:
    """`Trung Quốc (QĐ 12/BVTV, 15/03/2025); Hoa Kỳ` from the stored list of approvals."""
    if not isinstance(value, list) or not value:
        return NONE
    shown = []
    for item in value:
        if not isinstance(item, dict):
            shown.append(str(item))
            continue
        document = ", ".join(
            x for x in (str(item.get("document_number") or ""), day(item.get("document_date"))) if x
        )
        shown.append(f"{item.get('market', '?')} ({document})" if document else str(item.get("market", "?")))
    return "; ".join(shown)
