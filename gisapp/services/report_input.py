"""A citizen report's form fields, checked before anything is stored or counted.

The point must be in Vietnam (a swapped latitude/longitude is named as such); the description
says what is wrong in a few words at least; the contact is optional and stays private.
"""

from __future__ import annotations

import secrets
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.orm import Session

from gisapp.errors import InvalidParameter
from gisapp.services.geometry_checks import check_point
from gisapp.services.record_input import validate

RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read over the phone
RECEIPT_LENGTH = 10
Category = Literal["water", "air", "waste", "noise", "odour", "other"]


class ReportForm(BaseModel):
    """What the reporter sends (multipart text fields)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    # No range here: the Vietnam check below names a swapped latitude/longitude, a range check would not.
    lon: float = Field(allow_inf_nan=False, description="longitude, WGS 84")
    lat: float = Field(allow_inf_nan=False, description="latitude, WGS 84")
    description: str = Field(min_length=10, max_length=2000, description="what is wrong, where, since when")
    category: Category | None = None
    contact: str | None = Field(default=None, max_length=200, description="private: for staff only")

    @field_validator("category", "contact", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


def read_form(session: Session, fields: dict[str, str]) -> tuple[ReportForm, str]:
    """The checked form and the point's GeoJSON text (422 for a bad field, 400 outside Vietnam)."""
    values = {k: v for k, v in fields.items() if not (k == "photo" and v == "")}  # "no photo chosen"
    form = validate(ReportForm, values)
    point = {"type": "Point", "coordinates": [form.lon, form.lat]}
    return form, check_point(session, point, what="Báo cáo / A report")


def new_receipt() -> str:
    """10 characters from a 31-letter alphabet: about 49 random bits, unguessable yet easy to read out."""
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def normalised_receipt(raw: str) -> str:
    """Case, spaces and dashes do not matter ('abcde-23456'); anything else is a typing mistake."""
    receipt = raw.replace("-", "").replace(" ", "").upper()
    if len(receipt) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in receipt):
        raise InvalidParameter(
            f"Số biên nhận '{raw[:40]}' không đúng dạng: 10 ký tự, chữ và số (không có 0, 1, I, L, O) / "
            f"'{raw[:40]}' is not a receipt number: 10 letters and digits (never 0, 1, I, L or O).",
            parameter="receipt",
        )
    return receipt


def shown_receipt(receipt: str) -> str:
    """As printed for people: two groups of five."""
    return f"{receipt[:5]}-{receipt[5:]}"
