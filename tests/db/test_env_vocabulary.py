"""Readings as labs write them: names and units in any spelling, numbers with a decimal comma, and
refusals that say what is wrong (unknown parameter or unit, no conversion, implausible value)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from gisapp.services.env_vocabulary import check_reading, load_vocabulary, match_key, parse_number


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Asen", "arsenic"),
        ("As", "arsenic"),
        ("ASEN (As)", "arsenic"),
        ("E. coli", "e_coli"),
        ("E.coli", "e_coli"),
        ("Độ đục", "turbidity"),
        ("do duc", "turbidity"),
        ("Clo dư tự do", "free_chlorine"),
        ("NH4+", "ammonium"),
        ("Coliform tổng số", "coliform"),
        ("pH", "ph"),
    ],
)
def test_parameters_are_found_however_labs_write_them(session: Session, written: str, code: str) -> None:
    found = load_vocabulary(session).find_parameter(written)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("mg/l", "mg/L"),
        ("MG / L", "mg/L"),
        ("µg/L", "µg/L"),
        ("μg/l", "µg/L"),
        ("ug/L", "µg/L"),
        ("CFU/100 mL", "CFU/100mL"),
        ("ntu", "NTU"),
        ("-", "-"),
    ],
)
def test_units_are_found_however_labs_write_them(session: Session, written: str, code: str) -> None:
    assert load_vocabulary(session).find_unit(written) == code


def test_match_key_ignores_case_spaces_and_diacritics() -> None:
    assert match_key("  Độ   Đục ") == "doduc"


@pytest.mark.parametrize(("raw", "number"), [(0.05, "0.05"), ("0,05", "0.05"), (" 12 ", "12"), (3, "3")])
def test_numbers_with_a_dot_or_a_comma(raw: object, number: str) -> None:
    assert parse_number(raw) == Decimal(number)


@pytest.mark.parametrize("raw", ["KPH", "<0.001", "1.234,5", "", None, True, "nan", "inf"])
def test_what_is_not_a_number(raw: object) -> None:
    assert parse_number(raw) is None


def test_a_good_reading_keeps_the_unit_it_was_sent_in(session: Session) -> None:
    reading, problems = check_reading(load_vocabulary(session), "Asen", "8", "µg/L")
    assert problems == [] and reading is not None
    assert (reading.parameter, reading.value, reading.unit) == ("arsenic", Decimal(8), "µg/L")


def test_ph_needs_no_unit_but_a_concentration_does(session: Session) -> None:
    vocabulary = load_vocabulary(session)
    assert check_reading(vocabulary, "pH", "7.1", "")[0] is not None
    reading, problems = check_reading(vocabulary, "arsenic", "0.01", "")
    assert reading is None and [p.field for p in problems] == ["unit"]
    assert "mg/L" in problems[0].message


@pytest.mark.parametrize(
    ("parameter", "value", "unit", "field", "words"),
    [
        ("pH", "40", "", "value", "plausible range 0–14"),
        ("arsenic", "-0.01", "mg/L", "value", "plausible range"),
        ("arsenic", "200000", "µg/L", "value", "plausible range"),  # 200 mg/L
        ("arsenic", "0.01", "mg/m3", "unit", "unknown unit 'mg/m3'"),
        ("coliform", "3", "mg/L", "unit", "no conversion is defined"),
        ("Kryptonite", "1", "mg/L", "parameter", "unknown parameter 'Kryptonite'"),
        ("iron", "KPH", "mg/L", "value", "not a number"),
    ],
)
def test_refusals_say_which_field_and_what_is_wrong(
    session: Session, parameter: str, value: str, unit: str, field: str, words: str
) -> None:
    reading, problems = check_reading(load_vocabulary(session), parameter, value, unit)
    assert reading is None
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message
