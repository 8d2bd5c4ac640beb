"""Mass balance: could a lot's source areas have yielded that much in the season it was packed?

For each source area, the season covering the packing date (growing_area_seasons) can yield
area_ha × expected_yield_t_per_ha tonnes; what earlier lots already drew from that season is
subtracted. A lot over what is left is recorded, not refused, and flagged with the numbers, per
area and in total. A source with no season covering the date can be checked against nothing:
it is flagged "no season declared" and counts as able to yield nothing. All arithmetic is Decimal,
in kilograms, to the gram.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Any

KG_PER_TONNE = Decimal(1000)
GRAM = Decimal("0.001")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Season:
    id: int
    label: str | None
    started_on: date
    area_ha: Decimal
    expected_yield_t_per_ha: Decimal

    @property
    def capacity_kg(self) -> Decimal:
        return (self.area_ha * self.expected_yield_t_per_ha * KG_PER_TONNE).quantize(GRAM, ROUND_DOWN)


@dataclass(frozen=True)
class Source:
    """One source area of a lot as the balance sees it: its season and what that season gave already."""

    growing_area_id: int
    label: str  # the code people know it by
    status: str
    season: Season | None
    used_kg: Decimal  # by lots recorded earlier against the same season
    given_kg: Decimal | None  # the weight the packer stated, if any

    @property
    def room_kg(self) -> Decimal:
        """What the season can still yield (never below zero); nothing without a season."""
        return max(self.season.capacity_kg - self.used_kg, ZERO) if self.season else ZERO


def shares(total_kg: Decimal, sources: Sequence[Source]) -> list[Decimal]:
    """Each source's part of the lot: as stated, else in proportion to what each can still yield
    (equal parts when none can); parts are whole grams and add up to the lot exactly."""
    if all(s.given_kg is not None for s in sources):
        return [s.given_kg for s in sources if s.given_kg is not None]
    weights = [s.room_kg for s in sources]
    if sum(weights) == ZERO:
        weights = [Decimal(1)] * len(sources)
    whole = sum(weights)
    parts = [(total_kg * w / whole).quantize(GRAM, ROUND_DOWN) for w in weights]
    largest = weights.index(max(weights))
    parts[largest] += total_kg - sum(parts)
    return parts


def verdict(
    total_kg: Decimal, packed_on: date, sources: Sequence[Source], parts: Sequence[Decimal]
) -> dict[str, Any]:
    """The numbers and flags of one lot, per source area and in total (JSON-ready, in kg)."""
    rows, flags = [], []
    for source, part in zip(sources, parts, strict=True):
        row, row_flags = _source_row(source, part, packed_on)
        rows.append(row)
        flags += row_flags
    capacity = sum((s.season.capacity_kg for s in sources if s.season), ZERO)
    used = sum((s.used_kg for s in sources if s.season), ZERO)
    excess = max(total_kg - max(capacity - used, ZERO), ZERO)
    if excess > 0:
        lot, over, declared, packed = (kg_text(v) for v in (total_kg, excess, capacity, used))
        message = (
            f"Tổng: lô {vi(lot)} kg vượt {vi(over)} kg so với sản lượng còn lại / "
            f"in total the lot's {lot} kg is {over} kg more than its source areas can still yield this "
            f"season ({declared} kg declared, {packed} kg already packed)."
        )
        flags.append({"kind": "over_capacity", "growing_area_id": None, "message": message})
    total = {
        "capacity_kg": float(capacity),
        "used_kg": float(used),
        "remaining_kg": float(capacity - used),
        "this_lot_kg": float(total_kg),
        "excess_kg": float(excess),
    }
    return {"unit": "kg", "flagged": bool(flags), "flags": flags, "sources": rows, "total": total}


def _source_row(
    source: Source, part: Decimal, packed_on: date
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    season = source.season
    flags = []
    row: dict[str, Any] = {
        "growing_area_id": source.growing_area_id,
        "code": source.label,
        "status": source.status,
        "weight_given": source.given_kg is not None,
        "this_lot_kg": float(part),
        "season": None,
        "capacity_kg": None,
        "used_kg": None,
        "remaining_kg": None,
        "excess_kg": None,
    }
    if source.status == "suspended":
        flags.append(
            _flag(
                "suspended_source",
                source,
                f"Mã vùng trồng {source.label} đang bị tạm dừng / growing area {source.label}'s code is "
                "suspended: its fruit may not be packed for export under it.",
            )
        )
    if season is None:
        flags.append(
            _flag(
                "no_season",
                source,
                f"Vùng trồng {source.label} chưa khai báo vụ bao trùm ngày {packed_on.isoformat()} / growing "
                f"area {source.label} has no season declared covering {packed_on.isoformat()}: its yield "
                "cannot be checked.",
            )
        )
        return row, flags
    remaining = season.capacity_kg - source.used_kg
    excess = max(part - max(remaining, ZERO), ZERO)
    row |= {
        "season": {
            "id": season.id,
            "label": season.label,
            "started_on": season.started_on.isoformat(),
            "area_ha": float(season.area_ha),
            "expected_yield_t_per_ha": float(season.expected_yield_t_per_ha),
        },
        "capacity_kg": float(season.capacity_kg),
        "used_kg": float(source.used_kg),
        "remaining_kg": float(remaining),
        "excess_kg": float(excess),
    }
    if excess > 0:
        flags.append(_over(source, season, part, remaining, excess))
    return row, flags


def _over(
    source: Source, season: Season, part: Decimal, remaining: Decimal, excess: Decimal
) -> dict[str, Any]:
    formula = (
        f"{season.area_ha.normalize():f} ha × {season.expected_yield_t_per_ha.normalize():f} t/ha = "
        f"{kg_text(season.capacity_kg)} kg"
    )
    left, took, over, before = (kg_text(v) for v in (max(remaining, ZERO), part, excess, source.used_kg))
    return _flag(
        "over_capacity",
        source,
        f"Vùng trồng {source.label}: lô này lấy {vi(took)} kg, vượt {vi(over)} kg so với {vi(left)} kg "
        f"còn lại của vụ / growing area {source.label}: this lot takes {took} kg, {over} kg more than "
        f"the {left} kg its season can still yield ({formula}, {before} kg packed before).",
    )


def _flag(kind: str, source: Source, message: str) -> dict[str, Any]:
    return {"kind": kind, "growing_area_id": source.growing_area_id, "message": message}


def vi(number: str) -> str:
    """The same number written the Vietnamese way: 1.923,076 for 1,923.076."""
    return number.translate(str.maketrans(",.", ".,"))


def kg_text(value: Decimal) -> str:
    """31000.000 -> '31,000'; 12.5 -> '12.5'."""
    text = f"{value.quantize(GRAM):,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
