"""Water-quality tests of a supply work: record one (checked, judged, audited) and list them judged.

Domestic water is judged against QCVN 01-1 in the version in force on the sample date. Answers
are judged when read, so a corrected threshold shows at once; the verdict stored on the test (and
copied to the work's latest status by trigger) is the one made at entry, refreshed by `rejudge`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Conflict, NotFound
from gisapp.models import WaterQualityResult, WaterQualityTest, WaterWork
from gisapp.services import audit
from gisapp.services.authorization import require_write
from gisapp.services.env_vocabulary import Reading, Vocabulary, load_vocabulary
from gisapp.services.judgement import Judgement
from gisapp.services.judging import Rulebook, judge_with, overall, rulebook
from gisapp.services.principal import Principal
from gisapp.services.water_samples import (
    PointReader,
    RawResult,
    Sample,
    SampleProblem,
    SampleRejected,
    check_sample,
    judged_results,
    stored_readings,
    tank_or_tap,
)
from gisapp.settings import Settings

DOMESTIC_WATER = "QCVN 01-1"
TEST_FIELDS = {"sampled_on", "lab", "sampling_point", "results", "note"}
RESULT_FIELDS = {"parameter", "value", "unit"}
MAX_RESULTS = 200


def today(settings: Settings) -> date:
    """Vietnam's today: a sample taken this morning there is not 'in the future' in UTC."""
    return datetime.now(ZoneInfo(settings.registry_timezone)).date()


def work_or_404(session: Session, work_id: int) -> WaterWork:
    work = session.get(WaterWork, work_id)
    if work is None:
        raise NotFound(f"Không có công trình {work_id} / no water-supply work with id {work_id}.")
    return work


def record(
    session: Session, settings: Settings, layer: Layer, principal: Principal, work_id: int, body: Any
) -> dict[str, Any]:
    """Check, judge and store one test of a work; environment staff in scope only."""
    work = work_or_404(session, work_id)
    require_write(session, principal, layer, work.commune_code)
    vocabulary = load_vocabulary(session)
    sample = sample_from_body(vocabulary, today(settings), body)
    return store(session, vocabulary, principal, work.id, sample)


def sample_from_body(
    vocabulary: Vocabulary, today: date, body: Any, read_point: PointReader = tank_or_tap
) -> Sample:
    """The sample in a JSON body, or SampleRejected listing everything wrong with it."""
    _require_shape(body)
    results = [RawResult(r.get("parameter"), r.get("value"), r.get("unit")) for r in body["results"]]
    note = body.get("note")
    sample, problems = check_sample(
        vocabulary,
        today,
        sampled_on=body.get("sampled_on"),
        lab=body.get("lab"),
        point=body.get("sampling_point"),
        results=results,
        note=(note.strip() or None) if isinstance(note, str) else None,
        read_point=read_point,
    )
    if sample is None:
        raise SampleRejected(problems)
    return sample


def _require_shape(body: Any) -> None:
    """The JSON's structure, before its content: an object with a list of result objects."""
    if not isinstance(body, dict):
        raise SampleRejected([SampleProblem("body", "The body must be a JSON object.")])
    problems = [SampleProblem(name, f"Unknown field '{name}'.") for name in sorted(set(body) - TEST_FIELDS)]
    results = body.get("results")
    if not isinstance(results, list) or not 1 <= len(results) <= MAX_RESULTS:
        problems.append(
            SampleProblem(
                "results", f"'results' must be a list of 1 to {MAX_RESULTS} {{parameter, value, unit}}."
            )
        )
        results = []
    for position, item in enumerate(results, start=1):
        if not isinstance(item, dict):
            problems.append(
                SampleProblem("results", "A result must be an object {parameter, value, unit}.", position)
            )
            continue
        problems += [
            SampleProblem(name, f"Unknown field '{name}'.", position)
            for name in sorted(set(item) - RESULT_FIELDS)
        ]
    if body.get("note") is not None and not isinstance(body["note"], str):
        problems.append(SampleProblem("note", "'note' must be text."))
    if problems:
        raise SampleRejected(problems)


def store(
    session: Session,
    vocabulary: Vocabulary,
    principal: Principal,
    work_id: int,
    sample: Sample,
    *,
    import_id: int | None = None,
    book: Rulebook | None = None,
) -> dict[str, Any]:
    """Insert the test and its results (refusing a sample already stored) and audit it."""
    existing = already_stored(session, work_id, sample)
    if existing is not None:
        raise _twice(sample, existing)
    book = book or rulebook(session, DOMESTIC_WATER, sample.sampled_on)
    judgements = judge_with(book, vocabulary, sample.readings)
    test = WaterQualityTest(
        water_work_id=work_id,
        sampled_on=sample.sampled_on,
        lab=sample.lab,
        sampling_point=sample.sampling_point,
        verdict=overall(judgements),
        note=sample.note,
        import_id=import_id,
        created_by_user_id=principal.user_id,
    )
    try:
        with session.begin_nested():  # the unique index settles a race with another entry of the sample
            session.add(test)
            session.flush()
    except IntegrityError:
        raise _twice(sample, already_stored(session, work_id, sample)) from None
    session.execute(
        insert(WaterQualityResult),
        [
            {"test_id": test.id, "parameter": r.parameter, "value": r.value, "unit": r.unit}
            for r in sample.readings
        ],
    )
    answer = test_answer(test, book, vocabulary, list(sample.readings), judgements)
    if import_id is None:
        audit.record(
            session,
            principal,
            entity="water_quality_tests",
            entity_id=str(test.id),
            action="create",
            before=None,
            after=answer,
        )
    return answer


def _twice(sample: Sample, existing: int | None) -> Conflict:
    return Conflict(
        f"Mẫu này đã được ghi nhận / this sample is already recorded as test {existing} (same work, "
        f"date {sample.sampled_on}, sampling point {sample.sampling_point} and lab {sample.lab})."
    )


def already_stored(session: Session, work_id: int, sample: Sample) -> int | None:
    found = session.execute(
        select(WaterQualityTest.id).where(
            WaterQualityTest.water_work_id == work_id,
            WaterQualityTest.sampled_on == sample.sampled_on,
            WaterQualityTest.sampling_point == sample.sampling_point,
            func.lower(WaterQualityTest.lab) == sample.lab.lower(),
        )
    ).scalar()
    return int(found) if found is not None else None


def listing(session: Session, work_id: int) -> list[dict[str, Any]]:
    """Every test of the work, newest sample first, each result judged now."""
    work_or_404(session, work_id)
    tests = session.execute(
        select(WaterQualityTest)
        .where(WaterQualityTest.water_work_id == work_id)
        .order_by(WaterQualityTest.sampled_on.desc(), WaterQualityTest.id.desc())
    ).scalars()
    return [answer for answer, _ in judged_tests(session, list(tests))]


def judged_tests(session: Session, tests: Sequence[WaterQualityTest]) -> Iterable[tuple[dict[str, Any], str]]:
    """(answer, verdict now) per test, reading each day's rulebook once."""
    vocabulary = load_vocabulary(session)
    readings = stored_readings(session, WaterQualityResult.test_id, [t.id for t in tests])
    books: dict[date, Rulebook] = {}
    for test in tests:
        if test.sampled_on not in books:
            books[test.sampled_on] = rulebook(session, DOMESTIC_WATER, test.sampled_on)
        book = books[test.sampled_on]
        of_test = readings.get(test.id, [])
        judgements = judge_with(book, vocabulary, of_test)
        yield test_answer(test, book, vocabulary, of_test, judgements), overall(judgements)


def test_answer(
    test: WaterQualityTest,
    book: Rulebook,
    vocabulary: Vocabulary,
    readings: Sequence[Reading],
    judgements: Sequence[Judgement],
) -> dict[str, Any]:
    """A test as the API answers it: each result with its judgement, and the regulation applied."""
    return {
        "id": test.id,
        "water_work_id": test.water_work_id,
        "sampled_on": test.sampled_on.isoformat(),
        "lab": test.lab,
        "sampling_point": test.sampling_point,
        "verdict": overall(judgements),
        "regulation": book.regulation.id,
        "version": book.version.id if book.version else None,
        "note": test.note,
        "import_id": test.import_id,
        "results": judged_results(vocabulary, readings, judgements),
    }


def rejudge(session: Session, work_ids: Sequence[int] | None = None) -> int:
    """Judge stored tests again (after thresholds change); returns how many verdicts changed."""
    statement = select(WaterQualityTest)
    if work_ids is not None:
        statement = statement.where(WaterQualityTest.water_work_id.in_(work_ids))
    tests = list(session.execute(statement).scalars())
    changed = 0
    for test, (_, verdict) in zip(tests, judged_tests(session, tests), strict=True):
        if test.verdict != verdict:
            test.verdict = verdict
            changed += 1
    session.flush()
    return changed
