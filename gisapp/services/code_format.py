"""Growing-area and packing-house codes as people type them, and as gisapp stores them.

Importer lists write export codes with spaces (`VN - DNOR - 0269`) and any case; stored codes are
upper case with bare hyphens. A code is opaque: nothing here derives a place from its characters.
"""

from __future__ import annotations

import re
import unicodedata

from gisapp.errors import InvalidInput

MAX_CODE_LENGTH = 40
_AROUND_HYPHENS = re.compile(r"\s*[-‐‑‒–—]\s*")  # ASCII hyphen and the dashes word processors insert
_SPACES = re.compile(r"\s+")
_CODE_CHARACTERS = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
EXPORT_CODE = re.compile(r"^VN-[A-Z]{2,4}OR-[0-9]{3,5}$")
PACKING_HOUSE_CODE = re.compile(r"^VN-[A-Z]{2}PH-[0-9]{3}$")  # TCCS 775:2020/BVTV: VN-BTPH-036


def normalise_code(raw: str) -> str:
    """`vn - dnor - 0269` -> `VN-DNOR-0269`; the same form is stored and looked up."""
    text = unicodedata.normalize("NFKC", raw).strip().upper()
    return _SPACES.sub("", _AROUND_HYPHENS.sub("-", text))


def checked_code(raw: str, *, what: str = "code") -> str:
    """A normalised code, or a 4xx saying what is wrong with it."""
    if not isinstance(raw, str) or not raw.strip():
        raise InvalidInput(f"The {what} is empty.")
    if "\x00" in raw or len(raw) > 4 * MAX_CODE_LENGTH:
        raise InvalidInput(
            f"The {what} is not a code: at most {MAX_CODE_LENGTH} letters, digits and hyphens."
        )
    code = normalise_code(raw)
    if len(code) > MAX_CODE_LENGTH or not _CODE_CHARACTERS.match(code):
        raise InvalidInput(
            f"'{code[:MAX_CODE_LENGTH]}' is not a valid {what}: use letters, digits and hyphens, "
            "e.g. VN-68-24848-12-25 or VN-DNOR-0269."
        )
    return code


def checked_export_code(raw: str) -> str:
    return _of_form(
        checked_code(raw, what="export code"),
        EXPORT_CODE,
        ("mã số vùng trồng xuất khẩu", "an export growing-area code"),
        "VN-<province letters>OR-<digits>, e.g. VN-DNOR-0269",
    )


def checked_packing_house_code(raw: str) -> str:
    return _of_form(
        checked_code(raw, what="packing-house code"),
        PACKING_HOUSE_CODE,
        ("mã số cơ sở đóng gói", "a packing-house code"),
        "VN-<2 letters of the province>PH-<3 digits>, e.g. VN-BTPH-036",
    )


def _of_form(code: str, form: re.Pattern[str], what: tuple[str, str], example: str) -> str:
    if not form.match(code):
        raise InvalidInput(f"'{code}' không phải {what[0]} / is not {what[1]}: the form is {example}.")
    return code
