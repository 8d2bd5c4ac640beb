"""A bulk import of water-quality results or pollution-source samples (the target): a dry run that
previews, or a commit that is all or nothing.

The dry run answers what the file would create (tests grouped from its rows, each result judged)
and every problem with its row and column. The commit runs the same checks and writes only when
there is no problem at all, in the caller's one transaction (water tests get one import record and
one audit record; pollution samples are audited one by one as single entries are); a long file
reports progress test by test to whoever asked (the CLI draws a bar).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import ImportRejected, PayloadTooLarge
from gisapp.services.authorization import require_role
from gisapp.services.env_vocabulary import Vocabulary, load_vocabulary
from gisapp.services.judging import Rulebook, judge_with, overall, rulebook
from gisapp.services.principal import Principal
from gisapp.services.sample_imports.check import Checked, Planned, RecordFinder, check_rows
from gisapp.services.sample_imports.columns import layout
from gisapp.services.sample_imports.read import read_table
from gisapp.services.sample_imports.target import Entry, Target
from gisapp.services.sample_imports.water import WATER
from gisapp.services.water_tests import today
from gisapp.settings import Settings

PREVIEW_TESTS = 200
MAX_ERRORS_SHOWN = 1000
Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def run_import(
    session: Session,
    settings: Settings,
    layer: Layer,
    principal: Principal,
    upload: Upload,
    *,
    dry_run: bool,
    progress: Progress | None = None,
    target: Target = WATER,
) -> dict[str, Any]:
    require_role(principal, layer)
    if len(upload.data) > settings.import_max_bytes:
        raise PayloadTooLarge(
            f"Tệp quá lớn / the file is larger than {settings.import_max_mb:g} MB: split it."
        )
    table = read_table(upload.data, upload.filename, settings.import_max_rows)
    columns = layout(table.headers, target)
    vocabulary = load_vocabulary(session)
    finder = RecordFinder(session, principal, layer, target)
    checked = check_rows(session, vocabulary, finder, table, columns, today(settings))
    books = _Rulebooks(session, target)
    head = {
        "filename": upload.filename,
        "format": table.kind,
        "rows": len(table.rows),
        "tests": len(checked.tests),
        "columns": columns.headers,
        "ignored_columns": columns.ignored,
    }
    if dry_run:
        return head | _preview(checked, vocabulary, books)
    if checked.errors:
        raise ImportRejected(
            f"Không nhập gì / nothing was imported: {len(checked.errors)} problem(s) in the file; "
            "fix them and send it again.",
            [e.as_json() for e in checked.errors[:MAX_ERRORS_SHOWN]],
        )
    return head | _commit(session, principal, upload, len(table.rows), checked, vocabulary, books, progress)


class _Rulebooks:
    """The rulebook of each regulation and sample day, read once per import."""

    def __init__(self, session: Session, target: Target) -> None:
        self.session, self.target = session, target
        self.books: dict[tuple[str, date], Rulebook] = {}

    def of(self, test: Planned) -> Rulebook:
        key = (self.target.regulation(test.record)[0], test.sampled_on)
        if key not in self.books:
            self.books[key] = rulebook(self.session, key[0], test.sampled_on)
        return self.books[key]


def _preview(checked: Checked, vocabulary: Vocabulary, books: _Rulebooks) -> dict[str, Any]:
    tests = [_planned_answer(test, vocabulary, books) for test in checked.tests]
    return {
        "dry_run": True,
        "ok": not checked.errors,
        "errors": [e.as_json() for e in checked.errors[:MAX_ERRORS_SHOWN]],
        "errors_total": len(checked.errors),
        "verdicts": dict(Counter(t["verdict"] for t in tests)),
        "preview": tests[:PREVIEW_TESTS],
    }


def _planned_answer(test: Planned, vocabulary: Vocabulary, books: _Rulebooks) -> dict[str, Any]:
    book = books.of(test)
    judgements = judge_with(book, vocabulary, test.readings, books.target.regulation(test.record)[1])
    return {
        **books.target.describe(test.record),
        "sampled_on": test.sampled_on.isoformat(),
        "lab": test.lab,
        "sampling_point": test.sampling_point,
        "verdict": overall(judgements),
        "regulation": book.regulation.id,
        "version": book.version.id if book.version else None,
        "results": [
            {
                "row": row,
                "parameter": reading.parameter,
                "value": float(reading.value),
                "unit": reading.unit,
                "judgement": judgement.as_json(),
            }
            for row, reading, judgement in zip(test.rows, test.readings, judgements, strict=True)
        ],
    }


def _commit(
    session: Session,
    principal: Principal,
    upload: Upload,
    rows: int,
    checked: Checked,
    vocabulary: Vocabulary,
    books: _Rulebooks,
    progress: Progress | None,
) -> dict[str, Any]:
    target = books.target
    import_id = target.open_import(session, principal, upload.filename, upload.data, rows, len(checked.tests))
    answers = []
    for done, test in enumerate(checked.tests, start=1):
        book = books.of(test)
        answers.append(
            target.store(Entry(session, vocabulary, principal, test.record, test.sample, import_id, book))
        )
        if progress:
            progress(done, len(checked.tests))
    summary: dict[str, Any] = {target.ids_key: [a["id"] for a in answers]}
    if import_id is not None:
        summary = {"import_id": import_id, **summary}
        target.close_import(session, principal, import_id, summary)
    return {"dry_run": False, "ok": True, "verdicts": dict(Counter(a["verdict"] for a in answers)), **summary}


def file_too_large(max_mb: float) -> PayloadTooLarge:
    """The refusal of a file over the import limit, the same wherever it is noticed."""
    return PayloadTooLarge(f"Tệp quá lớn / the file is larger than {max_mb:g} MB: split it.")
