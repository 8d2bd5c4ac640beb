"""Monitoring samples of a pollution source: record one (checked, judged, audited), list them judged.

A sample is judged against the source's effluent regulation and column (QCVN 40 or 62, column A or
B) in the version in force on the sample date: the 2011/2016 texts until 31/08/2025, the 2025 ones
after (with no limits entered yet, so "not assessable"). The checks of the entry are the water
tests' (services/water_samples.py) with the sampling point described in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Conflict, InvalidInput, NotFound
from gisapp.models import PollutionSample, PollutionSampleResult, PollutionSource
from gisapp.services import audit
from gisapp.services.authorization import require_write
from gisapp.services.env_vocabulary import Reading, Vocabulary, load_vocabulary
from gisapp.services.judging import Rulebook, judge_with, overall, rulebook
from gisapp.services.principal import Principal
from gisapp.services.water_samples import Sample, described_point, judged_results, stored_readings
from gisapp.services.water_tests import sample_from_body, today
from gisapp.settings import Settings


def source_or_404(session: Session, source_id: int) -> PollutionSource:
    source = session.get(PollutionSource, source_id)
    if source is None:
        raise NotFound(f"Không có nguồn thải {source_id} / no pollution source with id {source_id}.")
    return source


def record(
    session: Session, settings: Settings, layer: Layer, principal: Principal, source_id: int, body: Any
) -> dict[str, Any]:
    """Check, judge and store one sample of a source; environment staff in scope only."""
    source = source_or_404(session, source_id)
    require_write(session, principal, layer, source.commune_code)
    if source.regulation_code is None or source.regulation_column is None:
        raise InvalidInput(
            f"Nguồn thải {source.id} chưa có quy chuẩn áp dụng / set the source's regulation_code and "
            "regulation_column (e.g. QCVN 40, column B) before recording samples."
        )
    vocabulary = load_vocabulary(session)
    sample = sample_from_body(vocabulary, today(settings), body, described_point)
    return store(session, vocabulary, principal, source, sample)


def store(
    session: Session,
    vocabulary: Vocabulary,
    principal: Principal,
    source: PollutionSource,
    sample: Sample,
    *,
    book: Rulebook | None = None,
) -> dict[str, Any]:
    """Insert a checked sample and its results (refusing one already stored), judged and audited."""
    regulation, column = str(source.regulation_code), str(source.regulation_column)
    book = book or rulebook(session, regulation, sample.sampled_on)
    judgements = judge_with(book, vocabulary, sample.readings, column)
    row = PollutionSample(
        pollution_source_id=source.id,
        sampled_on=sample.sampled_on,
        lab=sample.lab,
        sampling_point=sample.sampling_point,
        regulation=regulation,
        regulation_column=column,
        verdict=overall(judgements),
        note=sample.note,
        created_by_user_id=principal.user_id,
    )
    try:
        with session.begin_nested():  # the unique index settles a race with another entry of the sample
            session.add(row)
            session.flush()
    except IntegrityError:
        raise _twice(sample, already_stored(session, source.id, sample)) from None
    session.execute(
        insert(PollutionSampleResult),
        [
            {"sample_id": row.id, "parameter": r.parameter, "value": r.value, "unit": r.unit}
            for r in sample.readings
        ],
    )
    answer = sample_answer(row, book, vocabulary, sample.readings, judgements)
    audit.record(
        session,
        principal,
        entity="pollution_samples",
        entity_id=str(row.id),
        action="create",
        before=None,
        after=answer,
    )
    return answer


def _twice(sample: Sample, existing: int | None) -> Conflict:
    return Conflict(
        f"Mẫu này đã được ghi nhận / this sample is already recorded as sample {existing} (same source, "
        f"date {sample.sampled_on}, sampling point '{sample.sampling_point}' and lab {sample.lab})."
    )


def already_stored(session: Session, source_id: int, sample: Sample) -> int | None:
    found = session.execute(
        select(PollutionSample.id).where(
            PollutionSample.pollution_source_id == source_id,
            PollutionSample.sampled_on == sample.sampled_on,
            func.lower(PollutionSample.sampling_point) == sample.sampling_point.lower(),
            func.lower(PollutionSample.lab) == sample.lab.lower(),
        )
    ).scalar()
    return int(found) if found is not None else None


def listing(session: Session, source_id: int, limit: int | None = None) -> list[dict[str, Any]]:
    """The source's samples, newest first, each result judged now by the regulation recorded with it."""
    source_or_404(session, source_id)
    statement = (
        select(PollutionSample)
        .where(PollutionSample.pollution_source_id == source_id)
        .order_by(PollutionSample.sampled_on.desc(), PollutionSample.id.desc())
        .limit(limit)
    )
    samples = list(session.execute(statement).scalars())
    vocabulary = load_vocabulary(session)
    readings = stored_readings(session, PollutionSampleResult.sample_id, [s.id for s in samples])
    books: dict[tuple[str, date], Rulebook] = {}
    answers = []
    for sample in samples:
        key = (sample.regulation, sample.sampled_on)
        if key not in books:
            books[key] = rulebook(session, sample.regulation, sample.sampled_on)
        of_sample = readings.get(sample.id, [])
        judgements = judge_with(books[key], vocabulary, of_sample, sample.regulation_column)
        answers.append(sample_answer(sample, books[key], vocabulary, of_sample, judgements))
    return answers


def sample_answer(
    sample: PollutionSample,
    book: Rulebook,
    vocabulary: Vocabulary,
    readings: Sequence[Reading],
    judgements: Sequence[Any],
) -> dict[str, Any]:
    """A sample as the API answers it: each result with its judgement, and the regulation applied."""
    return {
        "id": sample.id,
        "pollution_source_id": sample.pollution_source_id,
        "sampled_on": sample.sampled_on.isoformat(),
        "lab": sample.lab,
        "sampling_point": sample.sampling_point,
        "verdict": overall(judgements),
        "regulation": book.regulation.id,
        "column": sample.regulation_column,
        "version": book.version.id if book.version else None,
        "note": sample.note,
        "results": judged_results(vocabulary, readings, judgements),
    }


def rejudge(session: Session, source_ids: Sequence[int] | None = None) -> int:
    """Judge stored samples again (after thresholds change); returns how many verdicts changed."""
    statement = select(PollutionSample).order_by(PollutionSample.id)
    if source_ids is not None:
        statement = statement.where(PollutionSample.pollution_source_id.in_(source_ids))
    samples = list(session.execute(statement).scalars())
    vocabulary = load_vocabulary(session)
    readings = stored_readings(session, PollutionSampleResult.sample_id, [s.id for s in samples])
    changed = 0
    for sample in samples:
        book = rulebook(session, sample.regulation, sample.sampled_on)
        verdict = overall(judge_with(book, vocabulary, readings.get(sample.id, []), sample.regulation_column))
        if sample.verdict != verdict:
            sample.verdict = verdict
            changed += 1
    session.flush()
    return changed
