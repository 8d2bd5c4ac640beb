"""The columns of a lab's results table and the headers they go by, English or Vietnamese.

The first column names the record and is the target's (services/sample_imports/target.py): a water
work below, a pollution source (`pollution_source`: nguồn thải, tên cơ sở… by id or exact name) for
effluent samples, whose sampling point is described in words.

One row per result. Headers are matched case-, space- and diacritics-blind; other columns (STT,
phương pháp, ghi chú…) are ignored and listed in the preview.

| column | also accepted as | what |
|---|---|---|
| water_work | mã công trình, công trình, work | the work's code, or its id |
| sampled_on | ngày lấy mẫu, ngày, date | 2025-08-01 or 01/08/2025 (or a date cell) |
| lab | phòng thí nghiệm, đơn vị phân tích | the laboratory |
| sampling_point | vị trí lấy mẫu, điểm lấy mẫu | tank (bể chứa) or tap (vòi) |
| parameter | chỉ tiêu, thông số | code or name: pH, Coliform, E.coli, Asen… |
| value | kết quả, giá trị, result | a number (0.05 or 0,05) |
| unit | đơn vị, đơn vị tính | mg/L, µg/L, CFU/100mL, NTU, TCU; blank for pH |
"""

from __future__ import annotations

from dataclasses import dataclass

from gisapp.errors import ImportRejected
from gisapp.services.env_vocabulary import match_key
from gisapp.services.sample_imports.target import Target

SAMPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "sampled_on": ("sampled_on", "date", "sample date", "sampling date", "ngày lấy mẫu", "ngày"),
    "lab": (
        "lab",
        "laboratory",
        "phòng thí nghiệm",
        "phòng xét nghiệm",
        "đơn vị phân tích",
        "đơn vị xét nghiệm",
    ),
    "sampling_point": ("sampling_point", "sampling point", "vị trí lấy mẫu", "điểm lấy mẫu", "nơi lấy mẫu"),
    "parameter": ("parameter", "chỉ tiêu", "thông số", "tên chỉ tiêu", "chỉ tiêu phân tích"),
    "value": ("value", "result", "kết quả", "giá trị", "kết quả phân tích"),
    "unit": ("unit", "đơn vị", "đơn vị tính", "đơn vị đo"),
}


@dataclass(frozen=True)
class Layout:
    index: dict[str, int]  # column -> position in the row
    headers: dict[str, str]  # column -> the header as written in the file
    ignored: list[str]


def layout(headers: list[str], target: Target) -> Layout:
    """Where each column is, or ImportRejected naming the missing or repeated ones."""
    columns = {target.column: target.aliases, **SAMPLE_COLUMNS}
    keys = {match_key(alias): column for column, aliases in columns.items() for alias in aliases}
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    repeated: list[str] = []
    for position, header in enumerate(headers):
        column = keys.get(match_key(header))
        if column is None:
            if header:
                ignored.append(header)
        elif column in index:
            repeated.append(f"'{written[column]}' and '{header}'")
        else:
            index[column], written[column] = position, header
    missing = [c for c in columns if c not in index]
    if missing or repeated:
        parts = []
        if missing:
            parts.append(f"thiếu cột / missing columns: {', '.join(missing)}")
        if repeated:
            parts.append(f"cột lặp / the same column twice: {'; '.join(repeated)}")
        raise ImportRejected(
            f"{'; '.join(parts)}. Columns needed: {', '.join(columns)} (Vietnamese headers such as "
            f"{target.header_hint}, 'Ngày lấy mẫu', 'Chỉ tiêu', 'Kết quả', 'Đơn vị' are accepted)."
        )
    return Layout(index, written, ignored)
