"""A lot as a packer states it, and the checks on it before anything is looked up or written.

Weights are explicit about their unit: `total_weight_kg` or `total_weight_t` (exactly one), and per
source `weight_kg` or `weight_t` (or neither). Stored in kilograms, to the gram.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from gisapp.errors import InvalidInput
from gisapp.services.mass_balance import GRAM, KG_PER_TONNE, ZERO, kg_text

MAX_LOT_KG = Decimal(10_000_000)  # 10,000 tonnes: far above any real lot, below the column's limit
EARLIEST_LOT = date(2000, 1, 1)
MAX_SOURCES = 50


class LotSourceIn(BaseModel):
    """One growing area the lot came from, with its part of the weight if the packer knows it."""

    model_config = ConfigDict(extra="forbid")

    growing_area_id: int
    weight_kg: Decimal | None = None
    weight_t: Decimal | None = None


class LotIn(BaseModel):
    """A packed lot: when, how heavy (kg or t), from which linked growing areas."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    packed_on: date = Field(description="the day the lot was packed (YYYY-MM-DD), not in the future")
    total_weight_kg: Decimal | None = Field(default=None, description="give this or total_weight_t")
    total_weight_t: Decimal | None = Field(default=None, description="tonnes; give this or total_weight_kg")
    sources: list[LotSourceIn] = Field(min_length=1, max_length=MAX_SOURCES)
    lot_number: str | None = Field(default=None, max_length=60)
    note: str | None = Field(default=None, max_length=2000)


def weight_kg(kg: Decimal | None, tonnes: Decimal | None, what: str, *, required: bool) -> Decimal | None:
    """The weight in kilograms from whichever unit was given, refused when both, or when not positive."""
    if kg is not None and tonnes is not None:
        raise InvalidInput(f"Chỉ ghi một đơn vị / {what}: give the weight in kg or in t (tonnes), not both.")
    if kg is None and tonnes is None:
        if required:
            raise InvalidInput(f"Thiếu khối lượng / {what}: give total_weight_kg or total_weight_t.")
        return None
    stated = kg if kg is not None else tonnes
    assert stated is not None  # noqa: S101 (one of the two, checked above)
    if not stated.is_finite() or stated <= 0:
        unit = "kg" if kg is not None else "t"
        raise InvalidInput(
            f"Khối lượng phải lớn hơn 0 / {what}: the weight must be more than 0, got {stated} {unit}."
        )
    value = stated if kg is not None else stated * KG_PER_TONNE
    if value > MAX_LOT_KG:
        raise InvalidInput(f"Khối lượng quá lớn / {what}: at most {MAX_LOT_KG:,} kg (10,000 t) per lot.")
    return value.quantize(GRAM, ROUND_HALF_UP)


def check_day(packed_on: date, timezone: str) -> None:
    today = datetime.now(ZoneInfo(timezone)).date()
    if packed_on > today:
        raise InvalidInput(
            f"Ngày đóng gói {packed_on} ở tương lai / packed_on {packed_on} is in the future (today is "
            f"{today} in Vietnam): record a lot once it is packed."
        )
    if packed_on < EARLIEST_LOT:
        raise InvalidInput(f"packed_on {packed_on.isoformat()} is before {EARLIEST_LOT.isoformat()}.")


def checked_parts(lot: LotIn) -> tuple[Decimal, list[Decimal | None]]:
    """The lot's weight and each source's stated part (kg), checked against each other."""
    total = weight_kg(lot.total_weight_kg, lot.total_weight_t, "the lot", required=True)
    assert total is not None  # noqa: S101 (required)
    ids = [s.growing_area_id for s in lot.sources]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise InvalidInput(f"Vùng trồng lặp lại / growing area(s) {', '.join(map(str, twice))} listed twice.")
    parts = [
        weight_kg(s.weight_kg, s.weight_t, f"source {s.growing_area_id}", required=False) for s in lot.sources
    ]
    stated = [p for p in parts if p is not None]
    if stated and len(stated) != len(parts):
        raise InvalidInput(
            "Ghi khối lượng cho mọi vùng hoặc không vùng nào / give a weight for every source or for none "
            "(without weights the lot is shared out in proportion to what each area can still yield)."
        )
    if stated and sum(stated) != total:
        raise InvalidInput(
            f"Tổng khối lượng các vùng khác khối lượng lô / the sources' weights add up to "
            f"{kg_text(sum(stated, ZERO))} kg but the lot weighs {kg_text(total)} kg."
        )
    return total, parts
