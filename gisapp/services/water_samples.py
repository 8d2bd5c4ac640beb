"""Checking one water-quality sample as entered or imported: date, lab, sampling point, results.

Every problem is collected (which result, which field, what is wrong) so a person fixes the whole
entry at once; nothing is written here. Single entries (the API) and bulk imports share it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from gisapp.errors import GisappError
from gisapp.services.env_vocabulary import Reading, Vocabulary, check_reading, match_key
from gisapp.services.judgement import Judgement

EARLIEST_SAMPLE = date(2000, 1, 1)
LAB_MAX = 200
SAMPLING_POINTS = {
    "tank": ("tank", "bể", "bể chứa", "bể chứa nước sạch", "sau xử lý", "nhà máy", "plant"),
    "tap": ("tap", "vòi", "vòi nước", "vòi sử dụng", "điểm cuối", "hộ dân", "mạng lưới", "consumer tap"),
}
POINT_KEYS = {match_key(word): point for point, words in SAMPLING_POINTS.items() for word in words}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class SampleProblem:
    field: str  # sampled_on, lab, sampling_point, results, parameter, value or unit
    message: str
    result: int | None = None  # position of the result in the entry, from 1

    def as_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class RawResult:
    parameter: Any
    value: Any
    unit: Any


@dataclass(frozen=True)
class Sample:
    sampled_on: date
    lab: str
    sampling_point: str
    readings: tuple[Reading, ...]
    note: str | None = None


class SampleRejected(GisappError):
    """The entry breaks one or more rules; every problem is listed and nothing was written."""

    status_code = 422
    code = "invalid_test"

    def __init__(self, problems: Sequence[SampleProblem]) -> None:
        super().__init__(" ".join(_located(p) for p in problems))
        self.problems = list(problems)

    @property
    def details(self) -> dict[str, object]:
        return {"problems": [p.as_json() for p in self.problems]}


def _located(problem: SampleProblem) -> str:
    return f"Result {problem.result}: {problem.message}" if problem.result else problem.message


def sample_date(raw: Any, today: date) -> tuple[date | None, str | None]:
    """The sample date from ISO text, dd/mm/yyyy or a spreadsheet date; never in the future."""
    day = _as_date(raw)
    if day is None:
        return None, f"Ngày không hợp lệ / '{raw}' is not a date: write 2025-08-01 or 01/08/2025."
    if day > today:
        return None, f"Ngày lấy mẫu trong tương lai / sample date {day.isoformat()} is after today ({today})."
    if day < EARLIEST_SAMPLE:
        return None, f"Ngày lấy mẫu quá cũ / sample date {day.isoformat()} is before {EARLIEST_SAMPLE}."
    return day, None


def _as_date(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def sampling_point(raw: Any) -> str | None:
    """tank or tap, from English or the Vietnamese a lab writes (bể chứa, vòi sử dụng…)."""
    return POINT_KEYS.get(match_key(str(raw or "")))


def tank_or_tap(raw: Any) -> tuple[str | None, str | None]:
    """A drinking-water sampling point, or what is wrong with it."""
    where = sampling_point(raw)
    if where is None:
        return None, f"Vị trí lấy mẫu '{raw}' không rõ / sampling point must be tank (bể chứa) or tap (vòi)."
    return where, None


def described_point(raw: Any) -> tuple[str | None, str | None]:
    """A sampling point described in words (an effluent outlet, a channel), 1–200 characters."""
    text = " ".join(str(raw or "").split())
    if not text or len(text) > LAB_MAX:
        return None, (
            f"Cần mô tả vị trí lấy mẫu / describe the sampling point (1–{LAB_MAX} characters), "
            "e.g. 'cửa xả sau xử lý'."
        )
    return text, None


PointReader = Callable[[Any], tuple[str | None, str | None]]


def check_sample(
    vocabulary: Vocabulary,
    today: date,
    *,
    sampled_on: Any,
    lab: Any,
    point: Any,
    results: Sequence[RawResult],
    note: str | None = None,
    read_point: PointReader = tank_or_tap,
) -> tuple[Sample | None, list[SampleProblem]]:
    """The checked sample, or every problem found in it (`read_point` says what a sampling point is)."""
    problems: list[SampleProblem] = []
    day, wrong = sample_date(sampled_on, today)
    if wrong:
        problems.append(SampleProblem("sampled_on", wrong))
    lab_name = " ".join(str(lab or "").split())
    if not lab_name or len(lab_name) > LAB_MAX:
        problems.append(
            SampleProblem("lab", f"Cần tên phòng thí nghiệm / give the lab's name (1–{LAB_MAX} characters).")
        )
    where, wrong_point = read_point(point)
    if wrong_point:
        problems.append(SampleProblem("sampling_point", wrong_point))
    readings = _readings(vocabulary, results, problems)
    if problems or day is None or where is None:
        return None, problems
    return Sample(day, lab_name, where, tuple(readings), note), []


def _readings(
    vocabulary: Vocabulary, results: Sequence[RawResult], problems: list[SampleProblem]
) -> list[Reading]:
    if not results:
        problems.append(
            SampleProblem("results", "Cần ít nhất một kết quả / a test needs at least one result.")
        )
    readings: list[Reading] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(results, start=1):
        reading, found = check_reading(vocabulary, raw.parameter, raw.value, raw.unit)
        problems += [SampleProblem(p.field, p.message, position) for p in found]
        if reading is None:
            continue
        if reading.parameter in seen:
            problems.append(
                SampleProblem(
                    "parameter",
                    f"Chỉ tiêu {reading.parameter} lặp lại / {reading.parameter} appears twice (results "
                    f"{seen[reading.parameter]} and {position}): send one result per parameter.",
                    position,
                )
            )
            continue
        seen[reading.parameter] = position
        readings.append(reading)
    return readings


def judged_results(
    vocabulary: Vocabulary, readings: Sequence[Reading], judgements: Sequence[Judgement]
) -> list[dict[str, Any]]:
    """Each result as the API answers it: parameter, names, value and unit as sent, its judgement."""
    results = []
    for reading, judgement in zip(readings, judgements, strict=True):
        parameter = vocabulary.parameters[reading.parameter]
        results.append(
            {
                "parameter": reading.parameter,
                "name": {"vi": parameter.name_vi, "en": parameter.name_en},
                "value": float(reading.value),
                "unit": reading.unit,
                "judgement": judgement.as_json(),
            }
        )
    return results


def stored_readings(
    session: Session, owner: InstrumentedAttribute[int], owner_ids: list[int]
) -> dict[int, list[Reading]]:
    """The stored results of several tests or samples, by owner id, in entry order; `owner` is the
    result table's column naming its test or sample (e.g. `WaterQualityResult.test_id`)."""
    model: Any = owner.class_
    rows = session.execute(select(model).where(owner.in_(owner_ids)).order_by(owner, model.id)).scalars()
    found: dict[int, list[Reading]] = {}
    for row in rows:
        found.setdefault(getattr(row, owner.key), []).append(Reading(row.parameter, row.value, row.unit))
    return found
