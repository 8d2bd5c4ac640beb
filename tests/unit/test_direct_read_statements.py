"""Driver SQL turned into PostgreSQL's own form for direct reads, and parameters into text."""

from __future__ import annotations

import datetime

import pytest

from gisapp.services.direct_reads import (
    FLOAT8_OID,
    UNKNOWN_OID,
    encode_parameter,
    native_statement,
    parameter_types,
)


def test_placeholders_are_numbered_once_per_name_and_percent_signs_unescaped() -> None:
    statement = native_statement(
        "SELECT %(a)s + %(b)s * %(a)s, 'x' LIKE 'y%%', %(c)s::INTEGER WHERE %(b)s > 0"
    )
    assert statement.sql == b"SELECT $1 + $2 * $1, 'x' LIKE 'y%', $3::INTEGER WHERE $2 > 0"
    assert statement.names == ("a", "b", "c")


def test_parameters_in_text_form() -> None:
    tolerance = 0.2985821417387342
    assert float(encode_parameter("tolerance", tolerance) or b"") == tolerance  # no digit lost
    assert encode_parameter("extent", 4096) == b"4096"
    assert encode_parameter("known_version", -1) == b"-1"
    assert encode_parameter("flag", True) == b"t"
    assert encode_parameter("tables", "growing_areas,crops") == b"growing_areas,crops"
    assert encode_parameter("missing", None) is None


def test_an_unsupported_parameter_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"parameter 'when': date values are not sent"):
        encode_parameter("when", datetime.date(2026, 1, 1))


def test_only_floats_are_declared() -> None:
    # an integer column times an undeclared float would be read as an integer, and fail
    assert parameter_types([1.5, 3, "a", None, True]) == (
        FLOAT8_OID,
        UNKNOWN_OID,
        UNKNOWN_OID,
        UNKNOWN_OID,
        UNKNOWN_OID,
    )
