"""The registry table as CSV for spreadsheets: the same rows, filters and order as the table.

- UTF-8 with a byte-order mark, so Excel shows Vietnamese letters instead of mojibake; comma
  separated (RFC 4180), dot decimals and ISO dates, which every spreadsheet reads the same way.
- Vietnamese headers; status in words.
- Public columns only, for every role: a spreadsheet travels by e-mail and USB stick, so the
  representative and the households never leave the app this way.
- Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed
  with an apostrophe (OWASP's advice against CSV injection).
- Streamed: the matching ids are read first, in table order, then their rows in chunks, so a long
  export never holds every row in memory and lists each area once even if rows change meanwhile.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from gisapp.errors import InvalidParameter
from gisapp.services.principal import Principal
from gisapp.services.registry_table import InspectionRule, ordered_ids, rows_by_id
from gisapp.services.registry_table_input import TableQuery

BOM = "\ufeff"
CHUNK = 500
MAX_ROWS = 100_000
STATUS_WORDS = {
    "draft": "Bản nháp",
    "submitted": "Đã nộp, chờ duyệt",
    "issued": "Còn hiệu lực",
    "suspended": "Tạm dừng",
    "revoked": "Đã thu hồi",
}
OVERDUE_WORDS = {
    "due_date_passed": "Quá hạn kiểm tra",
    "never_inspected": "Chưa từng kiểm tra",
    "interval_passed": "Quá thời hạn kiểm tra định kỳ",
}
# (column of the table, Vietnamese header)
COLUMNS = (
    ("code", "Mã số vùng trồng"),
    ("export_code", "Mã số xuất khẩu"),
    ("name", "Tên vùng trồng"),
    ("crop", "Cây trồng"),
    ("variety", "Giống"),
    ("commune_name", "Xã/phường"),
    ("commune_code", "Mã xã"),
    ("province_name", "Tỉnh/thành phố"),
    ("area_ha", "Diện tích (ha)"),
    ("status", "Trạng thái"),
    ("last_inspected_on", "Kiểm tra gần nhất"),
    ("next_inspection_due", "Hạn kiểm tra tiếp theo"),
    ("overdue_reason", "Cảnh báo kiểm tra"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "status":
        return STATUS_WORDS.get(str(value), str(value))
    if name == "overdue_reason":
        return OVERDUE_WORDS.get(str(value), str(value))
    if name == "area_ha":
        return f"{float(value):.4f}"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _lines(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def export_ids(session: Session, principal: Principal, query: TableQuery, rule: InspectionRule) -> list[int]:
    """The ids to export, checked before the first byte goes out (a refusal must be a 4xx, not a cut file)."""
    ids = ordered_ids(session, principal, query, rule)
    if len(ids) > MAX_ROWS:
        vi_limit = f"{MAX_ROWS:,}".replace(",", ".")
        raise InvalidParameter(
            f"Quá {vi_limit} dòng; hãy lọc theo tỉnh, xã hoặc trạng thái / more than {MAX_ROWS:,} rows "
            "match: narrow the export by province, commune or status."
        )
    return ids


def csv_chunks(
    session: Session, principal: Principal, ids: list[int], rule: InspectionRule
) -> Iterator[bytes]:
    """The file: BOM and header row first, then the rows CHUNK at a time."""
    yield BOM.encode("utf-8") + _lines([[header for _, header in COLUMNS]])
    for start in range(0, len(ids), CHUNK):
        rows = rows_by_id(session, principal, ids[start : start + CHUNK], rule)
        yield _lines([[_cell(name, row[name]) for name, _ in COLUMNS] for row in rows])
