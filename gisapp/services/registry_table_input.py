"""The registry table's query string, checked: whitelisted sorts and filters, bounded values.

Every refusal is a 400 that names the parameter and says what to send, Vietnamese first. Nothing
from the query string reaches SQL except as a bound value or a key of a whitelist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gisapp.errors import InvalidParameter
from gisapp.models.growing_area import STATUSES
from gisapp.services.code_format import normalise_code
from gisapp.services.sql_limits import MAX_OFFSET

SORTS = (
    "code",
    "export_code",
    "name",
    "crop",
    "commune",
    "area_ha",
    "status",
    "last_inspected_on",
    "next_inspection_due",
    "updated_at",
)
DEFAULT_SORT = "code"
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_TEXT = 100
FILTERS = ("status", "crop", "commune", "province", "q", "overdue")
PAGING = ("sort", "limit", "offset")
_COMMUNE = re.compile(r"^[0-9]{5}$")
_PROVINCE = re.compile(r"^[0-9]{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TRUE = ("true", "1", "yes")
_FALSE = ("false", "0", "no")


@dataclass(frozen=True)
class TableFilter:
    """What narrows the list; every field optional, all given ones must hold."""

    statuses: tuple[str, ...] = ()
    crop: str | None = None
    commune: str | None = None
    province: str | None = None
    text: str | None = None
    overdue: bool | None = None


@dataclass(frozen=True)
class TableQuery:
    filter: TableFilter = field(default_factory=TableFilter)
    sort: str = DEFAULT_SORT
    descending: bool = False
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def sort_text(self) -> str:
        return ("-" if self.descending else "") + self.sort


def _bad(parameter: str, vi: str, en: str) -> InvalidParameter:
    return InvalidParameter(
        f"Tham số '{parameter}': {vi} / Parameter '{parameter}': {en}", parameter=parameter
    )


def _single(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise _bad(name, "chỉ được gửi một lần", "give it once")
    if not values:
        return None
    value = values[0]
    if len(value) > MAX_TEXT or _CONTROL.search(value):
        raise _bad(
            name,
            f"tối đa {MAX_TEXT} ký tự, không có ký tự điều khiển",
            f"at most {MAX_TEXT} characters, no control characters",
        )
    return value.strip() or None


def _statuses(params: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    wanted: list[str] = []
    for value in params.get("status") or []:
        for part in value.split(","):
            status = part.strip()
            if status and status not in STATUSES:
                raise _bad(
                    "status",
                    f"không có trạng thái '{status[:20]}'; dùng {', '.join(STATUSES)}",
                    f"unknown status '{status[:20]}'; use {', '.join(STATUSES)}",
                )
            if status and status not in wanted:
                wanted.append(status)
    return tuple(wanted)


def _pattern(
    params: Mapping[str, Sequence[str]], name: str, pattern: re.Pattern[str], what: str
) -> str | None:
    value = _single(params, name)
    if value is not None and not pattern.match(value):
        raise _bad(name, f"phải là {what}", f"must be {what}")
    return value


def _boolean(params: Mapping[str, Sequence[str]], name: str) -> bool | None:
    value = _single(params, name)
    if value is None:
        return None
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise _bad(name, "dùng true hoặc false", "use true or false")


def _integer(params: Mapping[str, Sequence[str]], name: str, default: int, low: int, high: int) -> int:
    value = _single(params, name)
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise _bad(name, f"một số nguyên từ {low} đến {high}", f"a whole number from {low} to {high}")
    return int(value)


def _sort(params: Mapping[str, Sequence[str]]) -> tuple[str, bool]:
    value = _single(params, "sort") or DEFAULT_SORT
    descending = value.startswith("-")
    name = value[1:] if descending else value
    if name not in SORTS:
        raise _bad(
            "sort",
            f"sắp xếp theo một trong {', '.join(SORTS)} (thêm '-' để giảm dần)",
            f"sort by one of {', '.join(SORTS)} (prefix '-' for descending)",
        )
    return name, descending


def parse_filter(params: Mapping[str, Sequence[str]]) -> TableFilter:
    """The filters of a table, CSV or map request."""
    text = _single(params, "q")
    return TableFilter(
        statuses=_statuses(params),
        crop=_single(params, "crop"),
        commune=_pattern(params, "commune", _COMMUNE, "mã xã 5 chữ số / a 5-digit commune code"),
        province=_pattern(params, "province", _PROVINCE, "mã tỉnh 2 chữ số / a 2-digit province code"),
        text=text,
        overdue=_boolean(params, "overdue"),
    )


def parse_table_query(params: Mapping[str, Sequence[str]], *, paged: bool = True) -> TableQuery:
    """Filters, sort and (for the JSON table) a page; unknown parameters are refused, not ignored."""
    allowed = set(FILTERS) | ({"sort", "limit", "offset"} if paged else {"sort"})
    unknown = sorted(set(params) - allowed)
    if unknown:
        name = unknown[0][:40]
        raise _bad(
            name,
            f"không dùng được; các tham số: {', '.join(sorted(allowed))}",
            f"unknown; the parameters are {', '.join(sorted(allowed))}",
        )
    sort, descending = _sort(params)
    return TableQuery(
        filter=parse_filter(params),
        sort=sort,
        descending=descending,
        limit=_integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT) if paged else 0,
        offset=_integer(params, "offset", 0, 0, MAX_OFFSET) if paged else 0,
    )


def code_pattern(text: str) -> str:
    """What a typed code looks like stored (`vn - 68` -> `VN-68`), for matching codes by part."""
    return normalise_code(text)
