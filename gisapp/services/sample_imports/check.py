"""Checking a lab's rows: each row is one result; rows of one work, date, lab and sampling point
make one test (a sample of a pollution source likewise; services/sample_imports/target.py says what
differs). Every problem is kept with its row number, its column as headed in the file and
what is wrong, so the preview shows them all and a person fixes the file once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Forbidden
from gisapp.services.authorization import require_write
from gisapp.services.env_vocabulary import Reading, Vocabulary, check_reading
from gisapp.services.principal import Principal
from gisapp.services.sample_imports.columns import Layout
from gisapp.services.sample_imports.read import Table
from gisapp.services.sample_imports.target import Target
from gisapp.services.water_samples import LAB_MAX, Sample, sample_date


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None  # the header as written in the file
    value: Any
    message: str

    def as_json(self) -> dict[str, Any]:
        shown = (
            self.value if isinstance(self.value, int | float | str) or self.value is None else str(self.value)
        )
        return {"row": self.row, "column": self.column, "value": shown, "message": self.message}


@dataclass
class Planned:
    """One test (or sample) the file would create."""

    record: Any  # the target's record: a water work, a pollution source
    sampled_on: date
    lab: str
    sampling_point: str
    rows: list[int] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)

    @property
    def sample(self) -> Sample:
        return Sample(self.sampled_on, self.lab, self.sampling_point, tuple(self.readings))


@dataclass(frozen=True)
class Checked:
    tests: list[Planned]
    errors: list[RowError]


class RecordFinder:
    """Records as the target finds them, each looked up once, with the caller's right to write to it."""

    def __init__(self, session: Session, principal: Principal, layer: Layer, target: Target) -> None:
        self.session, self.principal, self.layer, self.target = session, principal, layer, target
        self.found: dict[str, tuple[Any | None, str | None]] = {}

    def find(self, raw: Any) -> tuple[Any | None, str | None]:
        text = _cell_text(raw)
        if text not in self.found:
            self.found[text] = self._look_up(text)
        return self.found[text]

    def _look_up(self, text: str) -> tuple[Any | None, str | None]:
        record, wrong = self.target.find(self.session, self.principal, text)
        if record is None:
            return None, wrong
        try:
            require_write(self.session, self.principal, self.layer, record.commune_code)
        except Forbidden as exc:
            return None, exc.message
        return record, None


def _cell_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # a spreadsheet's number cell: 12.0 is work 12
    return "" if raw is None else str(raw).strip()


def check_rows(
    session: Session, vocabulary: Vocabulary, finder: RecordFinder, table: Table, layout: Layout, today: date
) -> Checked:
    planned: dict[tuple[int, date, str, str], Planned] = {}
    errors: list[RowError] = []
    for number, cells in table.rows:
        row = _RowReader(number, cells, layout)
        if row.nul_cells():  # nothing of such a row is looked up: PostgreSQL's text cannot hold a NUL
            errors += row.errors
            continue
        record, day, lab, point = _sample_fields(row, finder, today)
        reading, problems = check_reading(vocabulary, row.get("parameter"), row.get("value"), row.get("unit"))
        for problem in problems:
            row.error(problem.field, problem.message)
        if row.errors or record is None or day is None or lab is None or point is None or reading is None:
            errors += row.errors
            continue
        key = (record.id, day, lab.lower(), point.lower())
        test = planned.setdefault(key, Planned(record, day, lab, point))
        twice = next(
            (n for n, r in zip(test.rows, test.readings, strict=True) if r.parameter == reading.parameter),
            None,
        )
        if twice is not None:
            row.error(
                "parameter",
                f"{reading.parameter} đã có ở dòng {twice} / already given for this test in row {twice}.",
            )
            errors += row.errors
            continue
        test.rows.append(number)
        test.readings.append(reading)
    for test in planned.values():
        existing = finder.target.already_stored(session, test.record, test.sample)
        if existing is not None:
            errors.append(RowError(test.rows[0], None, None, _stored_message(test, existing, finder.target)))
    return Checked(list(planned.values()), sorted(errors, key=lambda e: e.row))


def _stored_message(test: Planned, existing: int, target: Target) -> str:
    rows = ", ".join(map(str, test.rows))
    return (
        f"Mẫu đã được ghi nhận / the test of rows {rows} ({target.label(test.record)}, "
        f"{test.sampled_on}, {test.sampling_point}, {test.lab}) is already recorded as test {existing}."
    )


class _RowReader:
    def __init__(self, number: int, cells: list[Any], layout: Layout) -> None:
        self.number, self.cells, self.layout = number, cells, layout
        self.errors: list[RowError] = []

    def get(self, column: str) -> Any:
        position = self.layout.index[column]
        value = self.cells[position] if position < len(self.cells) else None
        return value.strip() if isinstance(value, str) else value

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.layout.headers[column], self.get(column), message))

    def nul_cells(self) -> bool:
        """Report every cell of the row holding a NUL character (shown as \\x00); True if any."""
        for column in self.layout.index:
            value = self.get(column)
            if isinstance(value, str) and "\x00" in value:
                shown = value.replace("\x00", "\\x00")
                message = "Ô chứa ký tự NUL / the cell contains a NUL character: remove it."
                self.errors.append(RowError(self.number, self.layout.headers[column], shown, message))
        return bool(self.errors)


def _sample_fields(
    row: _RowReader, finder: RecordFinder, today: date
) -> tuple[Any | None, date | None, str | None, str | None]:
    column = finder.target.column
    record, wrong = finder.find(row.get(column))
    if wrong:
        row.error(column, wrong)
    day, wrong = sample_date(row.get("sampled_on"), today)
    if wrong:
        row.error("sampled_on", wrong)
    lab = " ".join(str(row.get("lab") or "").split()) or None
    if lab is None or len(lab) > LAB_MAX:
        row.error("lab", f"Cần tên phòng thí nghiệm / give the lab's name (1–{LAB_MAX} characters).")
        lab = None
    point, wrong = finder.target.point(row.get("sampling_point"))
    if wrong:
        row.error("sampling_point", wrong)
    return record, day, lab, point
