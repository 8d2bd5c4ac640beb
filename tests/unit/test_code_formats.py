"""Code templates and code normalisation: pure functions, no database."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from gisapp.errors import InvalidInput
from gisapp.services.code_format import (
    checked_code,
    checked_export_code,
    checked_packing_house_code,
    normalise_code,
)
from gisapp.services.code_template import check_template, serial_pattern
from gisapp.settings import Settings

DEFAULT = "VN-{province}-{commune}-{serial:02d}-{yy:02d}"
WITH_DISTRICT = "VN-{province}-{district}-{commune}-{serial:02d}-{yy:02d}"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("vn - dnor - 0269", "VN-DNOR-0269"),
        ("  VN-DNOR-0269 ", "VN-DNOR-0269"),
        ("vn – btph – 036", "VN-BTPH-036"),  # en dashes from a word processor
        ("VN-66-650-24370-94-21", "VN-66-650-24370-94-21"),
    ],
)
def test_codes_are_stored_in_one_form(typed: str, stored: str) -> None:
    assert normalise_code(typed) == stored == checked_code(typed)


@pytest.mark.parametrize("bad", ["", "   ", "VN-68;DROP TABLE", "x" * 500, "VN\x00-68"])
def test_malformed_codes_are_refused_with_a_message(bad: str) -> None:
    with pytest.raises(InvalidInput):
        checked_code(bad)


def test_an_export_code_must_look_like_one() -> None:
    assert checked_export_code("vn - dnor - 0269") == "VN-DNOR-0269"
    with pytest.raises(InvalidInput, match="VN-<province letters>OR-<digits>"):
        checked_export_code("VN-68-24848-01-25")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("VN - BTPH - 036", "VN-BTPH-036"), ("vn-dlph-001", "VN-DLPH-001"), (" VN‑TGPH‑120 ", "VN-TGPH-120")],
)
def test_packing_house_codes_are_normalised(typed: str, stored: str) -> None:
    assert checked_packing_house_code(typed) == stored


@pytest.mark.parametrize(
    "bad",
    ["VN-BTOR-0036", "VN-BTPH-36", "VN-BTPH-0036", "VN-BTHPH-036", "VN-BT-036", "BTPH-036", "VN-68PH-036"],
)
def test_malformed_packing_house_codes_are_refused_with_the_form(bad: str) -> None:
    with pytest.raises(
        InvalidInput, match=r"is not a packing-house code: the form is VN-<2 letters.*VN-BTPH-036"
    ):
        checked_packing_house_code(bad)


def test_the_default_template_drops_the_district() -> None:
    assert Settings(environment="test").code_template == DEFAULT
    assert DEFAULT.format(province="68", commune="24848", serial=7, yy=25) == "VN-68-24848-07-25"
    pattern = serial_pattern(DEFAULT, "68")
    assert re.match(pattern, "VN-68-24848-112-23").group(1) == "112"  # type: ignore[union-attr]
    assert re.match(pattern, "VN-48-20194-01-23") is None
    district = serial_pattern(WITH_DISTRICT, "66")
    assert re.match(district, "VN-66-650-24370-94-21").group(1) == "94"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("VN-{province}-{commune}-{serial}", "must contain ['yy']"),
        ("VN-{province}-{ward}-{serial}-{yy}", "unknown fields ['ward']"),
        ("VN-{province-{serial}-{yy}", "malformed"),
    ],
)
def test_a_bad_template_stops_the_settings(template: str, words: str) -> None:
    assert check_template(DEFAULT) == DEFAULT
    with pytest.raises(ValidationError, match=re.escape(words)):
        Settings(environment="test", code_template=template)
