"""What a farmer or buyer asked `/api/lookup` for, checked before any SQL runs.

Exactly one of a code, a position or a text; every refusal names the parameter and says what to
send instead, because the people asking type on phones, in the field, and paste from packaging.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from gisapp.errors import InvalidInput, InvalidParameter
from gisapp.services.code_format import checked_code
from gisapp.services.geometry_checks import VIETNAM_BOX

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
MAX_TEXT_LENGTH = 200
MAX_WORDS = 12  # words that must each be found; the whole text still ranks the answers
PARAMETERS = ("code", "lon", "lat", "q", "limit")
# Words nearly every name holds ("Vùng trồng … thôn 5, xã …"): they still rank the answers, but
# requiring them narrows nothing and makes the index check every row's trigrams for them.
GENERIC_WORDS = frozenset({"vung", "trong", "thon", "xa", "phuong", "ap", "ban", "to", "khu", "xom", "doi"})
_WORD = re.compile(r"\w+")
_EXAMPLES = "?code=VN-DNOR-0269, ?lon=108.0&lat=11.5 or ?q=sau rieng bao loc"


@dataclass(frozen=True)
class ByCode:
    code: str  # normalised: upper case, bare hyphens


@dataclass(frozen=True)
class ByPosition:
    lon: float
    lat: float


@dataclass(frozen=True)
class ByText:
    text: str  # NFC, single spaces
    words: tuple[str, ...]  # distinct words, longest first, at most MAX_WORDS


Criterion = ByCode | ByPosition | ByText


@dataclass(frozen=True)
class LookupRequest:
    criterion: Criterion
    limit: int


def parse_lookup(params: Iterable[tuple[str, str]]) -> LookupRequest:
    """The request as query parameters arrived (repeated names included), or a 400 saying what to fix."""
    given: dict[str, str] = {}
    for name, value in params:
        if name not in PARAMETERS:
            raise InvalidParameter(
                f"Unknown parameter '{name}'. /api/lookup takes {', '.join(PARAMETERS)}: {_EXAMPLES}.",
                parameter=name,
            )
        if name in given:
            raise InvalidParameter(f"Parameter '{name}' is given twice; send it once.", parameter=name)
        given[name] = value
    limit = _limit(given.get("limit"))
    kinds = [
        k
        for k, present in (
            ("code", "code" in given),
            ("position", "lon" in given or "lat" in given),
            ("q", "q" in given),
        )
        if present
    ]
    if len(kinds) != 1:
        told = "none of them" if not kinds else " and ".join(kinds)
        raise InvalidParameter(
            f"Give exactly one of code, lon+lat or q (this request has {told}): {_EXAMPLES}."
        )
    if "code" in given:
        return LookupRequest(_code(given["code"]), limit)
    if "q" in given:
        return LookupRequest(_text(given["q"]), limit)
    return LookupRequest(_position(given.get("lon"), given.get("lat")), limit)


def _limit(raw: str | None) -> int:
    """Default 10; above 50 is capped, as `limit` is everywhere else in the API; below 1 is refused."""
    if raw is None:
        return DEFAULT_LIMIT
    try:
        value = int(raw.strip())
    except ValueError:
        raise InvalidParameter(
            f"Parameter 'limit' must be a whole number from 1 to {MAX_LIMIT}, not '{raw[:20]}'.",
            parameter="limit",
        ) from None
    if value < 1:
        raise InvalidParameter(f"Parameter 'limit' must be at least 1, not {value}.", parameter="limit")
    return min(value, MAX_LIMIT)


def _code(raw: str) -> ByCode:
    try:
        return ByCode(checked_code(raw))
    except InvalidInput as exc:
        raise InvalidParameter(exc.message, parameter="code") from None


def _text(raw: str) -> ByText:
    if "\x00" in raw:
        raise InvalidParameter(
            "Parameter 'q' contains a NUL character (\\x00): send only the words to search for.",
            parameter="q",
        )
    if len(raw) > MAX_TEXT_LENGTH:
        raise InvalidParameter(
            f"Parameter 'q' is {len(raw):,} characters long; at most {MAX_TEXT_LENGTH}: "
            "type a few words of the name, commune or crop.",
            parameter="q",
        )
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    words = list(dict.fromkeys(word.lower() for word in _WORD.findall(text)))
    if not words:
        raise InvalidParameter(
            "Parameter 'q' has no letters or digits: type a name, commune or crop, e.g. q=sau rieng bao loc.",
            parameter="q",
        )
    telling = [w for w in words if plain_word(w) not in GENERIC_WORDS] or words
    longest = sorted(telling, key=len, reverse=True)[:MAX_WORDS]
    return ByText(text, tuple(longest))


def plain_word(word: str) -> str:
    """A lower-case word without its marks, đ as d: near enough to gisapp_fold to look words up."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _position(lon_raw: str | None, lat_raw: str | None) -> ByPosition:
    for name, raw in (("lon", lon_raw), ("lat", lat_raw)):
        if raw is None:
            other = "lat" if name == "lon" else "lon"
            raise InvalidParameter(
                f"Parameter '{name}' is missing: a position needs both lon and lat "
                f"(only {other} was given), e.g. ?lon=108.0&lat=11.5.",
                parameter=name,
            )
    lon, lat = _number("lon", lon_raw or ""), _number("lat", lat_raw or "")
    min_lon, min_lat, max_lon, max_lat = VIETNAM_BOX
    swapped = min_lon <= lat <= max_lon and min_lat <= lon <= max_lat
    hint = f" It looks like lat and lon are swapped: try lon={lat:g}&lat={lon:g}." if swapped else ""
    if not -180 <= lon <= 180:
        raise InvalidParameter(
            f"Parameter 'lon' must be between -180 and 180, not {lon:g}.{hint}", parameter="lon"
        )
    if not -90 <= lat <= 90:
        raise InvalidParameter(
            f"Parameter 'lat' must be between -90 and 90, not {lat:g}.{hint}", parameter="lat"
        )
    if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
        raise InvalidParameter(
            f"The position lon={lon:g}, lat={lat:g} is outside Vietnam (lon {min_lon:g} to {max_lon:g}, "
            f"lat {min_lat:g} to {max_lat:g}).{hint or ' Send WGS 84 degrees (GPS), longitude first.'}",
            parameter="lon",
        )
    return ByPosition(lon, lat)


def _number(name: str, raw: str) -> float:
    text = raw.strip()
    hint = " Use a dot as the decimal separator." if re.fullmatch(r"-?\d+,\d+", text) else ""
    try:
        value = float(text)
    except ValueError:
        shown = text[:30].replace("\x00", "\\x00")
        raise InvalidParameter(
            f"Parameter '{name}' must be a number in decimal degrees, e.g. 108.4372, not '{shown}'.{hint}",
            parameter=name,
        ) from None
    if not math.isfinite(value):
        raise InvalidParameter(
            f"Parameter '{name}' must be a finite number, not '{text[:30]}'.", parameter=name
        )
    return value
