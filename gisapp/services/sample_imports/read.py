"""Reading a lab's table: CSV (UTF-8, with or without BOM; `;`, `,` or tab) or XLSX (first sheet).

The result is the header row and the data rows with the row numbers a person sees in the
spreadsheet, so every later complaint can say "row 14". Blank rows are skipped; a file over the
row limit is refused before anything else is done with it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from gisapp.errors import ImportRejected, PayloadTooLarge

XLSX_MAGIC = b"PK\x03\x04"
SEPARATORS = (";", ",", "\t")  # ';' first: Excel in Vietnamese writes it where ',' is the decimal mark


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number in the file, cells)
    kind: str  # csv or xlsx


def read_table(data: bytes, filename: str, max_rows: int) -> Table:
    lowered = filename.lower()
    if lowered.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRejected(
            "Tệp .xls cũ không được hỗ trợ / old .xls files are not read: save it as .xlsx or as CSV UTF-8."
        )
    if data.startswith(XLSX_MAGIC) or lowered.endswith(".xlsx"):
        return _xlsx(data, max_rows)
    return _csv(data, max_rows)


def _csv(data: bytes, max_rows: int) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            "Tệp CSV không phải UTF-8 / the CSV file is not UTF-8: in Excel use 'Save as' → 'CSV UTF-8'."
        ) from None
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    separator = max(SEPARATORS, key=lambda sep: len(next(csv.reader([first], delimiter=sep))))
    rows = csv.reader(io.StringIO(text), delimiter=separator)
    return _table([(number, list(cells)) for number, cells in enumerate(rows, start=1)], max_rows, "csv")


def _xlsx(data: bytes, max_rows: int) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
        raise ImportRejected(
            "Không đọc được tệp .xlsx / the .xlsx file cannot be read: is it damaged?"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[Any]]] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, list(cells)))
            if len(rows) > max_rows + 1 and any(_filled(c) for c in cells):
                break  # the limit is checked below; do not read a huge sheet to the end
        return _table(rows, max_rows, "xlsx")
    finally:
        workbook.close()


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def _table(rows: list[tuple[int, list[Any]]], max_rows: int, kind: str) -> Table:
    filled = [(n, cells) for n, cells in rows if any(_filled(c) for c in cells)]
    if not filled:
        raise ImportRejected("Tệp trống / the file holds no rows.")
    (_, header), *data = filled
    if len(data) > max_rows:
        raise PayloadTooLarge(f"Quá nhiều dòng / more than {max_rows} data rows: split the file.")
    if not data:
        raise ImportRejected("Tệp chỉ có dòng tiêu đề / the file has a header row but no results.")
    headers = ["" if h is None else str(h).strip() for h in header]
    return Table(headers, data, kind)
