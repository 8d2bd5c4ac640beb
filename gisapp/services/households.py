"""Member households of a growing area: checked, replaced as a whole list, read back in order.

Personal data: only readers cleared for private fields ever receive them (api/features.py).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.errors import InvalidInput
from gisapp.models import GrowingAreaHousehold

MAX_HOUSEHOLDS = 2000
FIELDS = {"name": 200, "phone": 30, "id_number": 20, "address": 300}
_PHONE = re.compile(r"^\+?[0-9 .()-]{6,30}$")
_ID_NUMBER = re.compile(r"^[0-9]{9}$|^[0-9]{12}$")  # old 9-digit CMND or 12-digit CCCD


def is_phone(text: str) -> bool:
    """Digits with the usual separators and an optional leading +, as people write phone numbers."""
    return _PHONE.match(text) is not None


def checked(value: Any) -> list[dict[str, str | None]]:
    """The list as stored, or InvalidInput naming the household (by position) and the field."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput("'households' must be a list of objects with name, phone, id_number, address.")
    if len(value) > MAX_HOUSEHOLDS:
        raise InvalidInput(f"At most {MAX_HOUSEHOLDS} households per growing area, got {len(value)}.")
    return [_household(position, item) for position, item in enumerate(value, start=1)]


def _household(position: int, item: Any) -> dict[str, str | None]:
    where = f"Household {position}"
    if not isinstance(item, dict):
        raise InvalidInput(f"{where} must be an object with name, phone, id_number, address.")
    unknown = sorted(set(item) - set(FIELDS))
    if unknown:
        raise InvalidInput(f"{where}: unknown field(s) {', '.join(unknown)}; known: {', '.join(FIELDS)}.")
    row: dict[str, str | None] = {}
    for name, limit in FIELDS.items():
        raw = item.get(name)
        if raw is not None and not isinstance(raw, str):
            raise InvalidInput(f"{where}: '{name}' must be text.")
        text = raw.strip() if raw else None
        if text and len(text) > limit:
            raise InvalidInput(f"{where}: '{name}' is longer than {limit} characters.")
        row[name] = text or None
    if not row["name"]:
        raise InvalidInput(f"{where} needs a 'name'.")
    if row["phone"] and not is_phone(row["phone"]):
        raise InvalidInput(f"{where}: phone '{row['phone']}' is not a phone number.")
    if row["id_number"] and not _ID_NUMBER.match(row["id_number"]):
        raise InvalidInput(f"{where}: ID number must be 12 digits (CCCD) or 9 digits (old CMND).")
    return row


def replace(session: Session, area_id: int, households: list[dict[str, str | None]]) -> None:
    """Store the new list. A household still listed (same ID number, else same name) keeps its row,
    so the plots linked to it (household_plots.household_id) stay linked; the others are removed."""
    unused = list(
        session.execute(
            select(GrowingAreaHousehold)
            .where(GrowingAreaHousehold.growing_area_id == area_id)
            .order_by(GrowingAreaHousehold.position)
        ).scalars()
    )
    for position, household in enumerate(households, start=1):
        key = _key(household.get("id_number"), household.get("name"))
        row = next((r for r in unused if _key(r.id_number, r.name) == key), None)
        if row is None:
            row = GrowingAreaHousehold(growing_area_id=area_id)
            session.add(row)
        else:
            unused.remove(row)
        row.position = position
        for name, value in household.items():
            setattr(row, name, value)
    for row in unused:
        session.delete(row)
    session.flush()


def _key(id_number: str | None, name: str | None) -> tuple[str, str]:
    """Who a household is: its ID number when known, else its name (case and spacing ignored)."""
    if id_number:
        return ("id", id_number)
    return ("name", " ".join((name or "").split()).casefold())


def read(session: Session, area_id: int) -> list[dict[str, str | None]]:
    rows = session.execute(
        select(GrowingAreaHousehold)
        .where(GrowingAreaHousehold.growing_area_id == area_id)
        .order_by(GrowingAreaHousehold.position)
    ).scalars()
    return [{name: getattr(row, name) for name in FIELDS} for row in rows]
