"""The measurement vocabulary from the database: parameters, units, conversions, and reading checks.

Labs write the same thing many ways (Asen, As, arsenic; mg/l, mg/L; µg/L with a micro sign or a
Greek mu): names are matched on a key that ignores case, diacritics, spaces and Unicode variants.
A reading is refused, with what is wrong, when its parameter or unit is unknown, its unit cannot
be converted to the parameter's canonical unit by a conversion stored as data, or its value is
outside the parameter's plausible physical range (pH 40).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.models import EnvParameter, EnvUnit, EnvUnitConversion

DIMENSIONLESS = "-"


def match_key(text: str) -> str:
    """Case-, space- and diacritics-blind form: 'Độ đục' -> 'doduc', 'µg/L' -> 'μg/l'."""
    normal = unicodedata.normalize("NFKC", text).replace("đ", "d").replace("Đ", "D").replace("−", "-")
    plain = "".join(ch for ch in unicodedata.normalize("NFD", normal) if not unicodedata.combining(ch))
    return "".join(plain.lower().split())


@dataclass(frozen=True)
class Parameter:
    code: str
    name_vi: str
    name_en: str
    unit: str  # canonical
    plausible_min: Decimal
    plausible_max: Decimal

    @property
    def label(self) -> str:
        return self.name_vi if self.name_vi == self.name_en else f"{self.name_vi} / {self.name_en}"


@dataclass(frozen=True)
class Reading:
    """A checked measurement: known parameter and unit, plausible value (as given, in `unit`)."""

    parameter: str
    value: Decimal
    unit: str


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of a reading, in words a person can act on."""

    field: str  # parameter, value or unit
    message: str


@dataclass(frozen=True)
class Vocabulary:
    parameters: dict[str, Parameter]
    parameter_keys: dict[str, str]
    unit_keys: dict[str, str]
    conversions: dict[tuple[str, str], Decimal]

    def find_parameter(self, raw: str) -> Parameter | None:
        code = self.parameter_keys.get(match_key(raw))
        return self.parameters[code] if code else None

    def find_unit(self, raw: str) -> str | None:
        return self.unit_keys.get(match_key(raw))

    def convert(self, value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
        """`value` in `to_unit`, or None when no conversion is stored (never guessed)."""
        if from_unit == to_unit:
            return value
        factor = self.conversions.get((from_unit, to_unit))
        return None if factor is None else value * factor


def load_vocabulary(session: Session) -> Vocabulary:
    parameters: dict[str, Parameter] = {}
    parameter_keys: dict[str, str] = {}
    for row in session.execute(select(EnvParameter)).scalars():
        parameters[row.code] = Parameter(
            row.code, row.name_vi, row.name_en, row.unit, row.plausible_min, row.plausible_max
        )
        for name in (row.code, row.name_vi, row.name_en, *row.aliases):
            parameter_keys.setdefault(match_key(name), row.code)
    unit_keys: dict[str, str] = {}
    for unit in session.execute(select(EnvUnit)).scalars():
        for name in (unit.code, *unit.aliases):
            unit_keys.setdefault(match_key(name), unit.code)
    conversions = {
        (c.from_unit, c.to_unit): c.factor for c in session.execute(select(EnvUnitConversion)).scalars()
    }
    return Vocabulary(parameters, parameter_keys, unit_keys, conversions)


def parse_number(raw: Any) -> Decimal | None:
    """A number as JSON, a spreadsheet or a Vietnamese lab writes it ('0,05'); None if it is not one."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if "," in text and "." in text:
            return None  # 1.234,5 or 1,234.5: ambiguous, ask for a plain number
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            return None
    return number if number.is_finite() else None


def check_reading(
    vocabulary: Vocabulary, parameter_raw: Any, value_raw: Any, unit_raw: Any
) -> tuple[Reading | None, list[Problem]]:
    """The reading, or every problem found with its parameter, unit and value."""
    parameter = vocabulary.find_parameter(str(parameter_raw)) if parameter_raw not in (None, "") else None
    if parameter is None:
        return None, [_unknown_parameter(parameter_raw)]
    problems: list[Problem] = []
    unit = _unit(vocabulary, parameter, unit_raw, problems)
    value = parse_number(value_raw)
    if value is None:
        problems.append(Problem("value", _not_a_number(value_raw)))
    if problems or unit is None or value is None:
        return None, problems
    canonical = vocabulary.convert(value, unit, parameter.unit)
    if canonical is None or not parameter.plausible_min <= canonical <= parameter.plausible_max:
        return None, [Problem("value", _implausible(parameter, value, unit))]
    return Reading(parameter.code, value, unit), []


def _unit(vocabulary: Vocabulary, parameter: Parameter, raw: Any, problems: list[Problem]) -> str | None:
    text = "" if raw is None else str(raw).strip()
    if not text:
        if parameter.unit == DIMENSIONLESS:
            return DIMENSIONLESS
        problems.append(
            Problem(
                "unit", f"Thiếu đơn vị / unit missing: {parameter.label} is measured in {parameter.unit}."
            )
        )
        return None
    unit = vocabulary.find_unit(text)
    if unit is None:
        known = ", ".join(sorted(set(vocabulary.unit_keys.values())))
        problems.append(Problem("unit", f"Đơn vị không rõ / unknown unit '{text}'; known units: {known}."))
        return None
    if vocabulary.convert(Decimal(1), unit, parameter.unit) is None:
        problems.append(
            Problem(
                "unit",
                f"Không đổi được đơn vị / {unit} cannot be converted to {parameter.unit}, the unit of "
                f"{parameter.label}: no conversion is defined. Send the value in {parameter.unit}.",
            )
        )
        return None
    return unit


def _unknown_parameter(raw: Any) -> Problem:
    shown = "" if raw is None else str(raw)
    return Problem(
        "parameter",
        f"Chỉ tiêu không rõ / unknown parameter '{shown}'. Use a code or name from the parameter "
        "list (e.g. ph, coliform, e_coli, arsenic, free_chlorine, turbidity).",
    )


def _not_a_number(raw: Any) -> str:
    shown = "" if raw is None else str(raw)
    return (
        f"Giá trị không phải là số / value '{shown}' is not a number. Write it as 0.05 or 0,05; "
        "results such as 'KPH' or '<0.001' cannot be judged: enter the measured number."
    )


def _implausible(parameter: Parameter, value: Decimal, unit: str) -> str:
    low, high = plain_number(parameter.plausible_min), plain_number(parameter.plausible_max)
    return (
        f"Giá trị không hợp lý / {parameter.label} = {plain_number(value)} {unit} is outside the plausible "
        f"range {low}–{high} {parameter.unit}: check the value and its unit."
    )


def plain_number(number: Decimal) -> str:
    """Decimal without exponent or trailing zeros: 0.010000 -> 0.01, 1E+2 -> 100."""
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
