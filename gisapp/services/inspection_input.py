"""An inspection record as an officer sends it, checked strictly: unknown keys refused, lists bounded.

The fields follow the inspection record of QĐ 3156 and the importers' protocols (China's durian
protocol asks for product, active ingredient, date and dose of every spray).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gisapp.services.record_input import FieldProblem, day_problems

MAX_ITEMS = 50
AHEAD = timedelta(days=5 * 366)  # next inspection or expected harvest: at most five years ahead
Conclusion = Literal["compliant", "compliant_with_conditions", "non_compliant"]
PESTICIDE_LISTS = ("pesticides_permitted_vn", "pesticides_permitted_importer", "pesticides_other")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class PesticideUse(_Strict):
    product: str = Field(min_length=1, max_length=200, description="trade name")
    active_ingredient: str | None = Field(default=None, max_length=200)
    dose: str | None = Field(default=None, max_length=100, description="e.g. '20 ml / 16 l nước'")
    applied_on: date | None = None


class PestObservation(_Strict):
    pest: str = Field(min_length=1, max_length=200)
    density: float | None = Field(default=None, ge=0, lt=1e9)
    unit: str | None = Field(default=None, max_length=50, description="e.g. 'con/cây', '% lá bị hại'")


class Sample(_Strict):
    sample: str = Field(min_length=1, max_length=200, description="what was sampled, e.g. 'quả'")
    analysis: str | None = Field(default=None, max_length=200, description="e.g. 'cadimi, auramine O'")
    lab: str | None = Field(default=None, max_length=200)
    result: str | None = Field(default=None, max_length=500)


class InspectionIn(_Strict):
    inspected_on: date
    inspector_name: str = Field(min_length=1, max_length=200)
    inspector_position: str | None = Field(default=None, max_length=200, description="job title and office")
    area_ha: Decimal | None = Field(default=None, gt=0, lt=Decimal(10**8))
    households: int | None = Field(default=None, ge=0, le=100_000)
    tree_age_years: Decimal | None = Field(default=None, ge=0, le=1000)
    growth_stage: str | None = Field(default=None, max_length=200)
    expected_harvest_on: date | None = None
    expected_yield_t_per_ha: Decimal | None = Field(default=None, ge=0, lt=Decimal(10**7))
    pesticides_permitted_vn: list[PesticideUse] = Field(default_factory=list, max_length=MAX_ITEMS)
    pesticides_permitted_importer: list[PesticideUse] = Field(default_factory=list, max_length=MAX_ITEMS)
    pesticides_other: list[PesticideUse] = Field(default_factory=list, max_length=MAX_ITEMS)
    farm_diary_present: bool | None = None
    farm_diary_complete: bool | None = None
    pests: list[PestObservation] = Field(default_factory=list, max_length=MAX_ITEMS)
    pest_management: str | None = Field(default=None, max_length=2000)
    samples: list[Sample] = Field(default_factory=list, max_length=MAX_ITEMS)
    weeds_residue_cleared: bool | None = None
    packaging_collected: bool | None = None
    conclusion: Conclusion
    conclusion_note: str | None = Field(default=None, max_length=2000)
    next_inspection_due: date | None = None


def inspection_problems(inspection: InspectionIn, today: date) -> list[FieldProblem]:
    """What the model alone cannot judge: dates against today and each other, and contradictions."""
    day = inspection.inspected_on
    problems = day_problems("inspected_on", day, today=today)
    for name in ("expected_harvest_on", "next_inspection_due"):
        value = getattr(inspection, name)
        if value is not None and value < day:
            problems.append(
                FieldProblem(
                    name, f"Ngày {value} trước ngày kiểm tra {day} / {value} is before the inspection ({day})"
                )
            )
        problems += day_problems(name, value, today=today, latest=max(day, today) + AHEAD)
    for name in PESTICIDE_LISTS:
        for position, use in enumerate(getattr(inspection, name)):
            if use.applied_on is not None and use.applied_on > day:
                problems.append(
                    FieldProblem(
                        f"{name}.{position}.applied_on",
                        f"Ngày phun {use.applied_on} sau ngày kiểm tra / sprayed on {use.applied_on}, "
                        f"after the inspection ({day})",
                    )
                )
            problems += day_problems(f"{name}.{position}.applied_on", use.applied_on, today=today)
    for position, pest in enumerate(inspection.pests):
        if pest.density is not None and not pest.unit:
            problems.append(
                FieldProblem(
                    f"pests.{position}.unit", "Ghi đơn vị của mật độ / give the density's unit, e.g. con/cây"
                )
            )
    if inspection.farm_diary_complete and inspection.farm_diary_present is False:
        problems.append(
            FieldProblem(
                "farm_diary_complete",
                "Không có nhật ký thì không thể đầy đủ / a farm diary that is not there cannot be complete",
            )
        )
    if inspection.conclusion != "compliant" and not inspection.conclusion_note:
        problems.append(
            FieldProblem(
                "conclusion_note",
                "Ghi điều kiện hoặc lý do không đạt / state the conditions, or why the area does not comply",
            )
        )
    return problems
