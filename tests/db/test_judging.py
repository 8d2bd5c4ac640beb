"""Judging against the thresholds the migration seeded: the version in force on the sample date,
min and max limits, strict limits, unit conversions, surface-water levels, effluent columns, and
"not assessable" wherever nothing applies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gisapp.errors import InvalidInput, NotFound
from gisapp.services.env_vocabulary import Reading, load_vocabulary
from gisapp.services.judgement import Judgement
from gisapp.services.judging import judge, overall, worst_level

BEFORE = date(2025, 6, 30)  # last day of QCVN 01-1:2018/BYT
AFTER = date(2025, 7, 1)  # first day under Circular 52/2024/TT-BYT


def one(
    session: Session,
    regulation: str,
    day: date,
    parameter: str,
    value: str,
    unit: str,
    column: str | None = None,
) -> Judgement:
    reading = Reading(parameter, Decimal(value), unit)
    return judge(session, load_vocabulary(session), regulation, day, [reading], column)[0]


def test_the_version_in_force_on_the_sample_date_is_applied(session: Session) -> None:
    old = one(session, "QCVN 01-1", BEFORE, "arsenic", "0.02", "mg/L")
    new = one(session, "QCVN 01-1", AFTER, "arsenic", "0.02", "mg/L")
    assert (old.verdict, old.version, old.class_code, old.confirmed) == (
        "exceed",
        "QCVN 01-1:2018/BYT",
        "A",
        True,
    )
    assert (new.verdict, new.version, new.confirmed) == ("exceed", "QCVN 01-1 (TT 52/2024/TT-BYT)", False)
    assert old.exceed_by == Decimal("0.01") and old.exceed_pct == Decimal("100.0")
    assert old.as_json()["limits"] == [
        {
            "min": None,
            "min_inclusive": True,
            "max": 0.01,
            "max_inclusive": True,
            "unit": "mg/L",
            "confirmed": True,
        }
    ]


def test_outside_every_window_is_not_assessable_never_a_pass(session: Session) -> None:
    judged = one(session, "QCVN 01-1", date(2019, 1, 10), "ph", "7.0", "-")
    assert judged.verdict == "not_assessable" and judged.reason == "no_version"
    assert "2019-01-10" in (judged.message or "") and "QCVN 01-1:2018/BYT: 2019-06-15–2025-06-30" in (
        judged.message or ""
    )
    assert overall([judged]) == "not_assessable"


def test_a_parameter_the_regulation_does_not_cover_is_not_assessable(session: Session) -> None:
    vocabulary = load_vocabulary(session)
    readings = [Reading("bod5", Decimal(3), "mg/L"), Reading("ph", Decimal("7.1"), "-")]
    bod, ph = judge(session, vocabulary, "QCVN 01-1", AFTER, readings)
    assert (bod.verdict, bod.reason) == ("not_assessable", "not_regulated")
    assert ph.verdict == "pass"
    # Judged results pass and the regulation simply has nothing to say about BOD₅: the sample passes.
    assert overall([bod, ph]) == "pass"
    assert overall([bod]) == "not_assessable"


@pytest.mark.parametrize(
    ("value", "verdict", "side", "by", "pct"),
    [
        ("5.9", "exceed", "min", "0.1", "1.7"),
        ("6.0", "pass", None, None, None),
        ("8.5", "pass", None, None, None),
        ("9.1", "exceed", "max", "0.6", "7.1"),
    ],
)
def test_ph_has_a_minimum_and_a_maximum(
    session: Session, value: str, verdict: str, side: str | None, by: str | None, pct: str | None
) -> None:
    judged = one(session, "QCVN 01-1", BEFORE, "ph", value, "-")
    assert (judged.verdict, judged.exceeded) == (verdict, side)
    assert judged.exceed_by == (Decimal(by) if by else None)
    assert judged.exceed_pct == (Decimal(pct) if pct else None)


def test_free_chlorine_too_low_and_too_high(session: Session) -> None:
    assert one(session, "QCVN 01-1", AFTER, "free_chlorine", "0.05", "mg/L").exceeded == "min"
    assert one(session, "QCVN 01-1", AFTER, "free_chlorine", "1.2", "mg/L").exceeded == "max"
    assert one(session, "QCVN 01-1", AFTER, "free_chlorine", "0.2", "mg/L").verdict == "pass"


def test_strict_limits_refuse_the_limit_itself(session: Session) -> None:
    assert one(session, "QCVN 01-1", BEFORE, "coliform", "2", "CFU/100mL").verdict == "pass"
    assert one(session, "QCVN 01-1", BEFORE, "coliform", "3", "CFU/100mL").verdict == "exceed"
    assert one(session, "QCVN 01-1", BEFORE, "e_coli", "0", "CFU/100mL").verdict == "pass"
    assert one(session, "QCVN 01-1", BEFORE, "e_coli", "1", "CFU/100mL").verdict == "exceed"


def test_a_stored_conversion_judges_micrograms_against_a_limit_in_milligrams(session: Session) -> None:
    judged = one(session, "QCVN 01-1", BEFORE, "arsenic", "15", "µg/L")
    assert judged.verdict == "exceed" and judged.compared_value == Decimal("0.015")
    assert judged.exceed_by == Decimal("0.005")


def test_without_a_conversion_the_value_is_not_assessable(session: Session) -> None:
    judged = one(session, "QCVN 01-1", BEFORE, "turbidity", "2", "TCU")
    assert (judged.verdict, judged.reason) == ("not_assessable", "no_conversion")
    assert overall([judged]) == "not_assessable"


def test_thresholds_are_data_a_changed_limit_changes_the_verdict(session: Session) -> None:
    assert one(session, "QCVN 01-1", BEFORE, "turbidity", "1.5", "NTU").verdict == "pass"
    session.execute(
        text(
            "UPDATE env_thresholds SET max_value = 1 "
            "WHERE version_id = 'QCVN 01-1:2018/BYT' AND parameter = 'turbidity'"
        )
    )
    assert one(session, "QCVN 01-1", BEFORE, "turbidity", "1.5", "NTU").verdict == "exceed"


@pytest.mark.parametrize(
    ("parameter", "value", "level"),
    [
        ("bod5", "3", "A"),
        ("bod5", "5", "B"),
        ("bod5", "8", "C"),
        ("bod5", "12", "D"),
        ("dissolved_oxygen", "7", "A"),
        ("dissolved_oxygen", "4.5", "C"),
        ("dissolved_oxygen", "3", "D"),
        ("ph", "6.2", "B"),
        ("ph", "9.0", "D"),
    ],
)
def test_surface_water_gets_the_best_level_it_meets(
    session: Session, parameter: str, value: str, level: str
) -> None:
    judged = one(session, "QCVN 08", date(2025, 3, 1), parameter, value, "-" if parameter == "ph" else "mg/L")
    assert (judged.verdict, judged.class_code, judged.version) == ("level", level, "QCVN 08:2023/BTNMT")


def test_a_level_the_number_cannot_decide_is_not_assessable(session: Session) -> None:
    judged = one(session, "QCVN 08", date(2025, 3, 1), "tss", "150", "mg/L")
    assert (judged.verdict, judged.reason, judged.class_code) == ("not_assessable", "level_undecided", "C")
    assert one(session, "QCVN 08", date(2025, 3, 1), "tss", "20", "mg/L").class_code == "A"


def test_a_sample_takes_its_worst_parameters_level(session: Session) -> None:
    readings = [Reading("bod5", Decimal(3), "mg/L"), Reading("cod", Decimal(18), "mg/L")]
    judgements = judge(session, load_vocabulary(session), "QCVN 08", date(2025, 3, 1), readings)
    assert worst_level(["A", "B", "C", "D"], judgements) == "C"
    assert overall(judgements) == "pass"


def test_effluent_is_judged_against_the_chosen_column(session: Session) -> None:
    session.execute(
        text(
            "INSERT INTO env_thresholds (version_id, parameter, class_code, unit, max_value, confirmed, "
            "source_note) VALUES ('QCVN 40:2025/BTNMT', 'bod5', 'A', 'mg/L', 30, false, 'test'), "
            "('QCVN 40:2025/BTNMT', 'bod5', 'B', 'mg/L', 50, false, 'test')"
        )
    )
    day = date(2025, 10, 1)
    assert one(session, "QCVN 40", day, "bod5", "40", "mg/L", column="B").verdict == "pass"
    column_a = one(session, "QCVN 40", day, "bod5", "40", "mg/L", column="A")
    assert (column_a.verdict, column_a.class_code, column_a.exceed_by) == ("exceed", "A", Decimal(10))
    assert one(session, "QCVN 40", day, "bod5", "40", "mg/L").reason == "column_required"
    assert (
        one(session, "QCVN 40", date(2011, 12, 31), "bod5", "40", "mg/L", column="B").reason == "no_version"
    )
    before = one(session, "QCVN 40", date(2025, 8, 31), "bod5", "40", "mg/L", column="A")  # the 2011 text
    assert (before.version, before.verdict, before.confirmed) == ("QCVN 40:2011/BTNMT", "exceed", False)
    assert one(session, "QCVN 40", day, "cod", "40", "mg/L", column="B").reason == "not_regulated"
    with pytest.raises(InvalidInput, match="not a column"):
        one(session, "QCVN 40", day, "bod5", "40", "mg/L", column="Z")


def test_an_amendment_narrows_a_threshold_to_part_of_the_window(session: Session) -> None:
    session.execute(
        text(
            "UPDATE env_thresholds SET valid_to = '2024-12-31' "
            "WHERE version_id = 'QCVN 01-1:2018/BYT' AND parameter = 'hardness'"
        )
    )
    session.execute(
        text(
            "INSERT INTO env_thresholds (version_id, parameter, class_code, unit, max_value, valid_from, "
            "confirmed, source_note) VALUES "
            "('QCVN 01-1:2018/BYT', 'hardness', 'B', 'mg/L', 250, '2025-01-01', false, 'test')"
        )
    )
    assert one(session, "QCVN 01-1", date(2024, 12, 31), "hardness", "280", "mg/L").verdict == "pass"
    assert one(session, "QCVN 01-1", date(2025, 1, 1), "hardness", "280", "mg/L").verdict == "exceed"


def test_two_versions_of_one_regulation_cannot_be_in_force_on_one_day(session: Session) -> None:
    with (
        pytest.raises(IntegrityError, match="ex_env_regulation_versions_one_in_force"),
        session.begin_nested(),
    ):
        session.execute(
            text(
                "INSERT INTO env_regulation_versions (id, regulation_id, instrument, valid_from, confirmed, "
                "source_note) VALUES ('QCVN 01-1 (overlap)', 'QCVN 01-1', 'x', '2025-01-01', false, 'test')"
            )
        )


def test_an_unknown_regulation_is_named(session: Session) -> None:
    with pytest.raises(NotFound, match="Known regulations: QCVN 01-1, QCVN 08, QCVN 40, QCVN 62"):
        one(session, "QCVN 99", BEFORE, "ph", "7", "-")


def test_every_seeded_threshold_can_judge_its_parameters_canonical_unit(session: Session) -> None:
    unjudgeable = session.execute(
        text(
            "SELECT t.version_id, t.parameter, t.unit FROM env_thresholds t "
            "JOIN env_parameters p ON p.code = t.parameter "
            "WHERE t.unit <> p.unit AND NOT EXISTS (SELECT 1 FROM env_unit_conversions c "
            "WHERE c.from_unit = p.unit AND c.to_unit = t.unit)"
        )
    ).all()
    assert unjudgeable == []
    misfiled = session.execute(
        text(
            "SELECT t.version_id, t.class_code FROM env_thresholds t "
            "JOIN env_regulation_versions v ON v.id = t.version_id "
            "JOIN env_regulations r ON r.id = v.regulation_id WHERE NOT t.class_code = ANY(r.classes)"
        )
    ).all()
    assert misfiled == []
