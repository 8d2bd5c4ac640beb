"""Reading a record's JSON body (a season, an inspection) into its model, every problem named by field.

Forms show each message next to its field, so a refused record lists all its problems at once,
each with the field's path (`pests.1.unit`) and a message in Vietnamese, then English.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from gisapp.errors import GisappError
from gisapp.settings import Settings

Model = TypeVar("Model", bound=BaseModel)
EARLIEST_DAY = date(2000, 1, 1)  # older dates in a registry that began in 2018 are typing mistakes
MAX_BODY_BYTES = 256 * 1024


@dataclass(frozen=True)
class FieldProblem:
    field: str  # dotted path into the body, "" for the body itself
    message: str  # "tiếng Việt / English"


class RecordInvalid(GisappError):
    """The record breaks one or more rules; every problem is listed, nothing was written."""

    status_code = 422
    code = "record_invalid"

    def __init__(self, problems: list[FieldProblem]) -> None:
        listed = "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems)
        super().__init__(f"Hồ sơ chưa hợp lệ / the record is not valid — {listed}")
        self.problems = problems

    @property
    def details(self) -> dict[str, object]:
        return {"problems": [asdict(p) for p in self.problems]}


def registry_today(settings: Settings) -> date:
    """Today in the registry's time zone (an inspection 'today' in Hà Nội is not in the future)."""
    return datetime.now(ZoneInfo(settings.registry_timezone)).date()


def parse(model: type[Model], raw: bytes) -> Model:
    """The body as `model`, or RecordInvalid listing every field that is wrong."""
    if len(raw) > MAX_BODY_BYTES:
        raise RecordInvalid(
            [FieldProblem("", f"Nội dung quá lớn / the body is larger than {MAX_BODY_BYTES} bytes")]
        )
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        raise RecordInvalid([FieldProblem(_path(e), message_of(e)) for e in errors]) from None


def validate(model: type[Model], data: dict[str, Any]) -> Model:
    """Like `parse`, for values already read (e.g. the text fields of a multipart form)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        raise RecordInvalid([FieldProblem(_path(e), message_of(e)) for e in errors]) from None


def require_no_problems(problems: list[FieldProblem]) -> None:
    if problems:
        raise RecordInvalid(problems)


def _path(error: ErrorDetails) -> str:
    return ".".join(str(part) for part in error["loc"])


_NUMBER = "Phải là số / must be a number"
_DATE = "Ngày phải có dạng YYYY-MM-DD / a date must be written YYYY-MM-DD"
_FIXED = {
    "missing": "Bắt buộc / required",
    "extra_forbidden": "Không có trường này / unknown field: remove it",
    "string_too_short": "Không được để trống / must not be empty",
    "string_type": "Phải là chữ / must be text",
    "bool_type": "Phải là true hoặc false / must be true or false",
    "bool_parsing": "Phải là true hoặc false / must be true or false",
    "json_invalid": "Nội dung không phải JSON hợp lệ / the body is not valid JSON",
    "model_type": "Phải là một đối tượng JSON / must be a JSON object",
    "model_attributes_type": "Phải là một đối tượng JSON / must be a JSON object",
    "dict_type": "Phải là một đối tượng JSON / must be a JSON object",
    "list_type": "Phải là một danh sách / must be a list",
    "finite_number": "Phải là số hữu hạn / must be a finite number",
    "decimal_max_digits": "Số quá lớn / the number is too large",
    "decimal_whole_digits": "Số quá lớn / the number is too large",
}
_NUMBERS = {"decimal_parsing", "decimal_type", "float_parsing", "float_type", "int_parsing", "int_type"}
_DATES = {"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"}


def message_of(error: ErrorDetails) -> str:
    """A bilingual message for one pydantic error; our own validators already write both halves."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _NUMBERS or kind == "int_from_float":
        return "Phải là số nguyên / must be a whole number" if kind.startswith("int") else _NUMBER
    if kind in _DATES:
        return _DATE
    bounded = _bound_message(kind, ctx)
    if bounded:
        return bounded
    if kind == "literal_error":
        return f"Chọn một trong {ctx.get('expected')} / use one of {ctx.get('expected')}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _is_zero(value: Any) -> bool:
    try:
        return float(value) == 0
    except (TypeError, ValueError):
        return False


def _bound_message(kind: str, ctx: dict[str, Any]) -> str | None:
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return f"Dài quá {limit} ký tự / longer than {limit} characters"
    if kind == "too_long":
        limit = ctx.get("max_length")
        return f"Nhiều nhất {limit} mục / at most {limit} items"
    if kind == "greater_than_equal":
        if _is_zero(ctx.get("ge")):
            return "Không được âm / must not be negative"
        return f"Phải từ {ctx.get('ge')} trở lên / must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        if _is_zero(ctx.get("gt")):
            return "Phải lớn hơn 0 / must be greater than 0"
        return f"Phải lớn hơn {ctx.get('gt')} / must be greater than {ctx.get('gt')}"
    if kind in ("less_than", "less_than_equal"):
        limit = ctx.get("lt", ctx.get("le"))
        return f"Quá lớn: tối đa {limit} / too large: at most {limit}"
    if kind == "decimal_max_places":
        places = ctx.get("decimal_places")
        return f"Nhiều nhất {places} chữ số thập phân / at most {places} decimal places"
    return None


def day_problems(
    field: str, value: date | None, *, today: date, latest: date | None = None, earliest: date = EARLIEST_DAY
) -> list[FieldProblem]:
    """A date between `earliest` and `latest` (default today): the checks every record's dates share."""
    if value is None:
        return []
    latest = latest or today
    if value < earliest:
        return [FieldProblem(field, f"Ngày {value} quá xa trong quá khứ / {value} is before {earliest}")]
    if value > latest:
        if latest == today:
            return [
                FieldProblem(field, f"Ngày {value} ở tương lai / {value} is in the future (today is {today})")
            ]
        return [FieldProblem(field, f"Ngày {value} quá xa / {value} is too far ahead: at most {latest}")]
    return []
