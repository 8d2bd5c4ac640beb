"""What a judgement says about one value: the verdict, the regulation applied and by how much.

Kept apart from the judging (services/judging.py) so pollution-source samples, water tests and
imports all answer in one shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from gisapp.models import EnvThreshold
from gisapp.services.env_vocabulary import DIMENSIONLESS, Reading, plain_number

Verdict = Literal["pass", "exceed", "level", "not_assessable"]
Reason = Literal["no_version", "not_regulated", "column_required", "no_conversion", "level_undecided"]


@dataclass(frozen=True)
class Limit:
    class_code: str
    unit: str
    minimum: Decimal | None
    min_inclusive: bool
    maximum: Decimal | None
    max_inclusive: bool
    confirmed: bool

    @classmethod
    def of(cls, row: EnvThreshold) -> Limit:
        return cls(
            row.class_code,
            row.unit,
            row.min_value,
            row.min_inclusive,
            row.max_value,
            row.max_inclusive,
            row.confirmed,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "min": _number(self.minimum),
            "min_inclusive": self.min_inclusive,
            "max": _number(self.maximum),
            "max_inclusive": self.max_inclusive,
            "unit": self.unit,
            "confirmed": self.confirmed,
        }


@dataclass(frozen=True)
class Judgement:
    parameter: str
    verdict: Verdict
    regulation: str | None = None
    version: str | None = None
    class_code: str | None = None
    limits: tuple[Limit, ...] = ()
    compared_value: Decimal | None = None  # in the limit's unit
    exceeded: Literal["min", "max"] | None = None
    exceed_by: Decimal | None = None
    exceed_pct: Decimal | None = None
    reason: Reason | None = None
    message: str | None = None

    @classmethod
    def level_of(
        cls, parameter: str, regulation: str, version: str, level: str, limits: list[Limit]
    ) -> Judgement:
        return cls(parameter, "level", regulation, version, level, tuple(limits))

    @property
    def confirmed(self) -> bool | None:
        """Whether every limit applied is confirmed against the official text."""
        return all(limit.confirmed for limit in self.limits) if self.limits else None

    def as_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "regulation": self.regulation,
            "version": self.version,
            "class": self.class_code,
            "limits": [limit.as_json() for limit in self.limits],
            "confirmed": self.confirmed,
            "compared_value": _number(self.compared_value),
            "exceeded": self.exceeded,
            "exceed_by": _number(self.exceed_by),
            "exceed_pct": _number(self.exceed_pct),
            "reason": self.reason,
            "message": self.message,
        }


def compare(limit: Limit, value: Decimal) -> Literal["min", "max"] | None:
    """Which side of the limit `value` breaks, if any (strict limits such as coliform < 3 included)."""
    if limit.maximum is not None and (
        value > limit.maximum or (value == limit.maximum and not limit.max_inclusive)
    ):
        return "max"
    if limit.minimum is not None and (
        value < limit.minimum or (value == limit.minimum and not limit.min_inclusive)
    ):
        return "min"
    return None


def exceedance(parameter: str, regulation: str, version: str, limit: Limit, value: Decimal) -> Judgement:
    """Pass, or exceed with the distance past the limit, absolute and as a share of the limit."""
    side = compare(limit, value)
    bound = limit.maximum if side == "max" else limit.minimum
    if side is None or bound is None:
        return Judgement(parameter, "pass", regulation, version, limit.class_code, (limit,), value)
    by = value - bound if side == "max" else bound - value
    pct = (by / bound * 100).quantize(Decimal("0.1"), ROUND_HALF_UP) if bound else None
    unit = "" if limit.unit == DIMENSIONLESS else f" {limit.unit}"
    limit_text, by_text = f"{plain_number(bound)}{unit}", plain_number(by)
    share = f" ({pct}%)" if pct is not None else ""
    vi, en = (
        ("Vượt mức tối đa", "above the maximum")
        if side == "max"
        else ("Thấp hơn mức tối thiểu", "below the minimum")
    )
    message = f"{vi} {limit_text} là {by_text}{share} / {en} {limit_text} by {by_text}{share}"
    return Judgement(
        parameter,
        "exceed",
        regulation,
        version,
        limit.class_code,
        (limit,),
        value,
        side,
        by,
        pct,
        message=message,
    )


class NotAssessable:
    """The reasons a value cannot be judged, each with a message saying what would make it judgeable."""

    @staticmethod
    def no_version(parameter: str, regulation: str, day: date, windows: str) -> Judgement:
        return Judgement(
            parameter,
            "not_assessable",
            regulation,
            reason="no_version",
            message=f"Không có phiên bản {regulation} nào có hiệu lực ngày {day.isoformat()} / no version of "
            f"{regulation} was in force on {day.isoformat()} (versions: {windows}).",
        )

    @staticmethod
    def not_regulated(parameter: str, regulation: str, version: str, column: str | None = None) -> Judgement:
        where = f" column {column}" if column else ""
        return Judgement(
            parameter,
            "not_assessable",
            regulation,
            version,
            column,
            reason="not_regulated",
            message=f"{version}{where} không quy định giới hạn cho {parameter} / "
            f"sets no limit for {parameter}.",
        )

    @staticmethod
    def column_required(parameter: str, regulation: str, columns: list[str]) -> Judgement:
        return Judgement(
            parameter,
            "not_assessable",
            regulation,
            reason="column_required",
            message=f"Chọn cột áp dụng của {regulation} / choose the column of {regulation} that applies "
            f"({', '.join(columns)}).",
        )

    @staticmethod
    def no_conversion(reading: Reading, regulation: str, version: str, limit: Limit) -> Judgement:
        return Judgement(
            reading.parameter,
            "not_assessable",
            regulation,
            version,
            limit.class_code,
            (limit,),
            reason="no_conversion",
            message=f"Không đổi được {reading.unit} sang {limit.unit} / the limit is in {limit.unit} and no "
            f"conversion from {reading.unit} is defined.",
        )

    @staticmethod
    def level_undecided(parameter: str, regulation: str, version: str, level: str) -> Judgement:
        return Judgement(
            parameter,
            "not_assessable",
            regulation,
            version,
            level,
            reason="level_undecided",
            message=f"{version} không có giới hạn số của {parameter} cho mức {level} / sets no numeric limit "
            f"of {parameter} for level {level}: the value alone cannot decide the level.",
        )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
