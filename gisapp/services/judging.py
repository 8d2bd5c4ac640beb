"""Judging measured values against the regulation version in force on the sample date.

One judge for every medium: drinking-water tests (QCVN 01-1 groups), surface water (QCVN 08
levels) and effluent samples (QCVN 40/62 columns, chosen by the caller). Every threshold comes
from the database (models/env_regulation.py); none lives here. A value no version can judge (date
outside every validity window, parameter without a limit, no unit conversion, a level the number
alone cannot decide) is "not assessable" with the reason, never a silent pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gisapp.errors import InvalidInput, NotFound
from gisapp.models import EnvRegulation, EnvRegulationVersion, EnvThreshold
from gisapp.services.env_vocabulary import Reading, Vocabulary
from gisapp.services.judgement import Judgement, Limit, NotAssessable, compare, exceedance


@dataclass(frozen=True)
class Rulebook:
    """What one regulation says on one day: the version in force and its limits by parameter."""

    regulation: EnvRegulation
    day: date
    version: EnvRegulationVersion | None
    windows: str  # every version's window, for the "not in force" message
    limits: dict[str, list[Limit]] = field(default_factory=dict)


def rulebook(session: Session, regulation_id: str, day: date) -> Rulebook:
    regulation = session.get(EnvRegulation, regulation_id)
    if regulation is None:
        known = ", ".join(session.execute(select(EnvRegulation.id).order_by(EnvRegulation.id)).scalars())
        raise NotFound(f"No regulation '{regulation_id}'. Known regulations: {known}.")
    versions = list(
        session.execute(
            select(EnvRegulationVersion)
            .where(EnvRegulationVersion.regulation_id == regulation_id)
            .order_by(EnvRegulationVersion.valid_from)
        ).scalars()
    )
    windows = ", ".join(f"{v.id}: {v.valid_from}–{v.valid_to or '…'}" for v in versions) or "none"
    version = next((v for v in versions if _in_window(day, v.valid_from, v.valid_to)), None)
    book = Rulebook(regulation, day, version, windows)
    if version is not None:
        for row in _thresholds(session, version.id, day):
            book.limits.setdefault(row.parameter, []).append(Limit.of(row))
    return book


def _in_window(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or start <= day) and (end is None or day <= end)


def _thresholds(session: Session, version_id: str, day: date) -> Sequence[EnvThreshold]:
    return (
        session.execute(
            select(EnvThreshold)
            .where(
                EnvThreshold.version_id == version_id,
                or_(EnvThreshold.valid_from.is_(None), EnvThreshold.valid_from <= day),
                or_(EnvThreshold.valid_to.is_(None), EnvThreshold.valid_to >= day),
            )
            .order_by(EnvThreshold.parameter, EnvThreshold.class_code)
        )
        .scalars()
        .all()
    )


def judge(
    session: Session,
    vocabulary: Vocabulary,
    regulation_id: str,
    day: date,
    readings: Sequence[Reading],
    column: str | None = None,
) -> list[Judgement]:
    """One judgement per reading, in order, against the version of `regulation_id` in force on `day`."""
    return judge_with(rulebook(session, regulation_id, day), vocabulary, readings, column)


def judge_with(
    book: Rulebook, vocabulary: Vocabulary, readings: Sequence[Reading], column: str | None = None
) -> list[Judgement]:
    """Like `judge`, with the rulebook already read (many samples of one day share it)."""
    if column is not None and column not in book.regulation.classes:
        raise InvalidInput(
            f"'{column}' is not a column of {book.regulation.id}; its columns are "
            f"{', '.join(book.regulation.classes)}."
        )
    return [judge_one(book, vocabulary, reading, column) for reading in readings]


def judge_one(book: Rulebook, vocabulary: Vocabulary, reading: Reading, column: str | None) -> Judgement:
    regulation = book.regulation
    if book.version is None:
        return NotAssessable.no_version(reading.parameter, regulation.id, book.day, book.windows)
    limits = book.limits.get(reading.parameter, [])
    if not limits:
        return NotAssessable.not_regulated(reading.parameter, regulation.id, book.version.id)
    if regulation.class_kind == "level":
        return _level(book, book.version.id, vocabulary, reading, limits)
    if regulation.class_kind == "column":
        if column is None:
            return NotAssessable.column_required(reading.parameter, regulation.id, regulation.classes)
        limits = [limit for limit in limits if limit.class_code == column]
        if not limits:
            return NotAssessable.not_regulated(reading.parameter, regulation.id, book.version.id, column)
    return _limits(regulation.id, book.version.id, vocabulary, reading, limits)


def _limits(
    regulation: str, version: str, vocabulary: Vocabulary, reading: Reading, limits: list[Limit]
) -> Judgement:
    """Pass only if every limit is met; otherwise the first one broken, with by how much."""
    judgements = []
    for limit in limits:
        value = vocabulary.convert(reading.value, reading.unit, limit.unit)
        if value is None:
            return NotAssessable.no_conversion(reading, regulation, version, limit)
        judged = exceedance(reading.parameter, regulation, version, limit, value)
        if judged.verdict == "exceed":
            return judged
        judgements.append(judged)
    return judgements[0]


def _level(
    book: Rulebook, version: str, vocabulary: Vocabulary, reading: Reading, limits: list[Limit]
) -> Judgement:
    """The best level whose limits the value meets; the last level takes everything worse."""
    regulation, classes = book.regulation.id, book.regulation.classes
    for level in classes[:-1]:
        of_level = [limit for limit in limits if limit.class_code == level]
        if not of_level:
            return NotAssessable.level_undecided(reading.parameter, regulation, version, level)
        met = True
        for limit in of_level:
            value = vocabulary.convert(reading.value, reading.unit, limit.unit)
            if value is None:
                return NotAssessable.no_conversion(reading, regulation, version, limit)
            met = met and compare(limit, value) is None
        if met:
            return Judgement.level_of(reading.parameter, regulation, version, level, of_level)
    return Judgement.level_of(reading.parameter, regulation, version, classes[-1], [])


def overall(judgements: Sequence[Judgement]) -> str:
    """pass, exceed or not_assessable for a whole sample.

    Exceed if any result exceeds. Otherwise not assessable if nothing could be judged or any
    result could not be judged for a reason other than the regulation not covering its parameter
    (no version in force, no conversion, no column); else pass.
    """
    if any(j.verdict == "exceed" for j in judgements):
        return "exceed"
    judged = [j for j in judgements if j.verdict in ("pass", "level")]
    gaps = [j for j in judgements if j.verdict == "not_assessable" and j.reason != "not_regulated"]
    return "pass" if judged and not gaps else "not_assessable"


def worst_level(classes: Sequence[str], judgements: Sequence[Judgement]) -> str | None:
    """The sample's level under a level regulation: its worst parameter's level."""
    ranks = [
        classes.index(j.class_code) for j in judgements if j.verdict == "level" and j.class_code in classes
    ]
    return classes[max(ranks)] if ranks else None
