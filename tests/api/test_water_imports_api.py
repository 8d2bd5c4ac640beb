"""`POST /api/water-works/imports`: lab files in CSV or XLSX, previewed with per-row errors, then
committed all or nothing."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.catalog import load_catalog
from gisapp.errors import PayloadTooLarge
from gisapp.services.principal import Principal
from gisapp.services.sample_imports.load import Upload, run_import
from gisapp.settings import PROJECT_ROOT, Settings
from tests.water import LAM_DONG, new_work, staff_headers

URL = "/api/water-works/imports"
VI_HEADER = "STT;Mã công trình;Ngày lấy mẫu;Phòng thí nghiệm;Vị trí lấy mẫu;Chỉ tiêu;Kết quả;Đơn vị"
VI_ROWS = [
    "1;CN-T-1;01/08/2025;CDC Đà Nẵng;Vòi sử dụng;pH;7,1;",
    "2;CN-T-1;01/08/2025;CDC Đà Nẵng;Vòi sử dụng;Coliform;0;CFU/100 mL",
    "3;CN-T-1;01/08/2025;CDC Đà Nẵng;Vòi sử dụng;Asen;12;µg/L",
    "4;CN-T-2;15/06/2025;CDC Đà Nẵng;Bể chứa;Độ đục;3,5;NTU",
    "5;CN-T-2;15/06/2025;CDC Đà Nẵng;Bể chứa;Clo dư tự do;0,3;mg/L",
]


def vi_csv(*rows: str) -> bytes:
    """As Excel in Vietnamese saves 'CSV UTF-8': a BOM, ';' between cells, ',' as the decimal mark."""
    return ("\ufeff" + "\r\n".join([VI_HEADER, *rows]) + "\r\n").encode()


@pytest.fixture
def staff(session: Session) -> dict[str, dict[str, str]]:
    return staff_headers(session)


@pytest.fixture
def works(client: TestClient, session: Session, staff: dict[str, dict[str, str]]) -> dict[str, int]:
    first = new_work(client, session, staff["w-env-48"], code="CN-T-1")
    second = new_work(client, session, staff["w-env-48"], code="CN-T-2")
    far = new_work(client, session, staff["w-admin"], province=LAM_DONG, code="CN-LD-9")
    return {"CN-T-1": first["id"], "CN-T-2": second["id"], "CN-LD-9": far["id"]}


def upload(
    client: TestClient,
    headers: dict[str, str],
    data: bytes,
    name: str = "ket-qua.csv",
    dry_run: str | None = "true",
) -> Any:
    params = {} if dry_run is None else {"dry_run": dry_run}
    return client.post(
        URL, params=params, files={"file": (name, data, "application/octet-stream")}, headers=headers
    )


def stored_tests(session: Session, *work_ids: int) -> list[tuple[int, date, str, int | None]]:
    rows = session.execute(
        text(
            "SELECT water_work_id, sampled_on, verdict, import_id FROM water_quality_tests "
            "WHERE water_work_id = ANY(:ids) ORDER BY water_work_id"
        ),
        {"ids": list(work_ids)},
    ).all()
    return [tuple(r) for r in rows]


def test_a_vietnamese_csv_is_previewed_without_writing(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    response = upload(client, staff["w-env-48"], vi_csv(*VI_ROWS))
    assert response.status_code == 200, response.text
    preview = response.json()
    assert (preview["dry_run"], preview["ok"], preview["format"]) == (True, True, "csv")
    assert (preview["rows"], preview["tests"], preview["errors"]) == (5, 2, [])
    assert preview["ignored_columns"] == ["STT"]
    assert preview["columns"]["parameter"] == "Chỉ tiêu"
    first, second = preview["preview"]
    assert (first["water_work_code"], first["sampled_on"], first["sampling_point"], first["verdict"]) == (
        "CN-T-1",
        "2025-08-01",
        "tap",
        "exceed",
    )
    assert first["version"] == "QCVN 01-1 (TT 52/2024/TT-BYT)"
    arsenic = first["results"][2]
    assert (arsenic["row"], arsenic["parameter"], arsenic["unit"]) == (4, "arsenic", "µg/L")
    assert arsenic["judgement"]["exceed_by"] == pytest.approx(0.002)
    assert (second["version"], second["sampling_point"], second["verdict"]) == (
        "QCVN 01-1:2018/BYT",
        "tank",
        "exceed",
    )
    assert preview["verdicts"] == {"exceed": 2}
    assert stored_tests(session, *works.values()) == []
    assert upload(client, staff["w-env-48"], vi_csv(*VI_ROWS), dry_run=None).json()["dry_run"] is True


def test_the_commit_writes_every_test_with_its_import(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    response = upload(client, staff["w-env-48"], vi_csv(*VI_ROWS), dry_run="false")
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["dry_run"], result["ok"], len(result["test_ids"])) == (False, True, 2)
    stored = stored_tests(session, works["CN-T-1"], works["CN-T-2"])
    assert [(t[1], t[2], t[3]) for t in stored] == [
        (date(2025, 8, 1), "exceed", result["import_id"]),
        (date(2025, 6, 15), "exceed", result["import_id"]),
    ]
    status = client.get(f"/api/water-works/{works['CN-T-2']}").json()["properties"]
    assert (status["latest_test_status"], status["latest_test_on"]) == ("exceed", "2025-06-15")
    audit = session.execute(
        text("SELECT after FROM audit_records WHERE entity = 'water_test_imports' AND entity_id = :id"),
        {"id": str(result["import_id"])},
    ).scalar_one()
    assert audit["filename"] == "ket-qua.csv" and audit["rows"] == 5
    again = upload(client, staff["w-env-48"], vi_csv(*VI_ROWS), dry_run="false")
    assert again.status_code == 422
    assert {e["row"] for e in again.json()["errors"]} == {2, 5}  # first row of each test already stored
    assert "already recorded" in again.json()["errors"][0]["message"]


def test_an_english_comma_separated_file(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    data = (
        "water_work,sampled_on,lab,sampling_point,parameter,value,unit\n"
        f"{works['CN-T-1']},2025-02-03,Pasteur Institute,tap,E. coli,0,CFU/100mL\n"
        f'{works["CN-T-1"]},2025-02-03,Pasteur Institute,tap,"free chlorine",0.5,mg/L\n'
    ).encode()
    preview = upload(client, staff["w-env-48"], data, "results.csv").json()
    assert (preview["ok"], preview["tests"], preview["preview"][0]["verdict"]) == (True, 1, "pass")


def test_an_xlsx_file_with_date_and_number_cells(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(
        [
            "Mã công trình",
            "Ngày lấy mẫu",
            "Đơn vị phân tích",
            "Điểm lấy mẫu",
            "Thông số",
            "Giá trị",
            "Đơn vị tính",
        ]
    )
    sheet.append([works["CN-T-2"], datetime(2025, 9, 2), "CDC", "Bể chứa", "Mangan", 0.25, "mg/L"])
    sheet.append([])
    sheet.append([works["CN-T-2"], datetime(2025, 9, 2), "CDC", "Bể chứa", "pH", 7, None])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(client, staff["w-env-48"], buffer.getvalue(), "ket-qua.xlsx", dry_run="false")
    assert response.status_code == 200, response.text
    assert response.json()["verdicts"] == {"exceed": 1}  # manganese 0.25 > 0.1
    assert stored_tests(session, works["CN-T-2"]) == [
        (works["CN-T-2"], date(2025, 9, 2), "exceed", response.json()["import_id"])
    ]


def test_every_bad_row_is_reported_and_nothing_is_written(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    future = (date.today() + timedelta(days=3)).strftime("%d/%m/%Y")
    bad = [
        "6;CN-KHONG-CO;01/08/2025;CDC;Vòi;pH;7;",
        "7;CN-LD-9;01/08/2025;CDC;Vòi;pH;7;",
        "8;CN-T-1;01/08/2025;CDC Đà Nẵng;Vòi sử dụng;Thạch tín X;7;mg/L",
        "9;CN-T-1;01/08/2025;CDC Đà Nẵng;Vòi sử dụng;Sắt;0,1;kg",
        "10;CN-T-2;15/06/2025;CDC Đà Nẵng;Bể chứa;pH;40;",
        f"11;CN-T-2;{future};CDC Đà Nẵng;Bể chứa;pH;7;",
        "12;CN-T-2;15/06/2025;CDC Đà Nẵng;Mái nhà;pH;7;",
        "13;CN-T-1;01/08/2025;CDC Đà Nẵng;Vòi sử dụng;coliform;1;CFU/100mL",
        "14;123456789012345678;01/08/2025;CDC;Vòi;pH;7;",
    ]
    response = upload(client, staff["w-env-48"], vi_csv(*VI_ROWS, *bad))
    preview = response.json()
    assert response.status_code == 200 and preview["ok"] is False
    errors = {(e["row"], e["column"]) for e in preview["errors"]}
    assert errors == {
        (7, "Mã công trình"),
        (8, "Mã công trình"),
        (9, "Chỉ tiêu"),
        (10, "Đơn vị"),
        (11, "Kết quả"),
        (12, "Ngày lấy mẫu"),
        (13, "Vị trí lấy mẫu"),
        (14, "Chỉ tiêu"),
        (15, "Mã công trình"),
    }
    messages = {e["row"]: e["message"] for e in preview["errors"]}
    assert "no water-supply work with code or id 'CN-KHONG-CO'" in messages[7]
    assert "outside your scope" in messages[8]
    assert "plausible range" in messages[11]
    assert "after today" in messages[12]
    assert "already given for this test in row 3" in messages[14]
    assert preview["errors_total"] == 9 and preview["tests"] == 2  # the good rows still preview
    committed = upload(client, staff["w-env-48"], vi_csv(*VI_ROWS, *bad), dry_run="false")
    assert committed.status_code == 422 and len(committed.json()["errors"]) == 9
    assert stored_tests(session, *works.values()) == []
    assert session.execute(text("SELECT count(*) FROM water_test_imports")).scalar_one() == 0


def test_a_cell_holding_nul_is_named_and_nothing_of_its_row_is_looked_up(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    nul = "6;CN-T-1\x00;01/08/2025;CDC;Vòi\x00;pH;7;"  # was a 500: the work was looked up with it
    preview = upload(client, staff["w-env-48"], vi_csv(*VI_ROWS, nul)).json()
    assert preview["ok"] is False
    assert [(e["row"], e["column"], e["value"]) for e in preview["errors"]] == [
        (7, "Mã công trình", "CN-T-1\\x00"),
        (7, "Vị trí lấy mẫu", "Vòi\\x00"),
    ]
    assert "NUL" in preview["errors"][0]["message"]
    committed = upload(client, staff["w-env-48"], vi_csv(*VI_ROWS, nul), dry_run="false")
    assert committed.status_code == 422
    assert stored_tests(session, *works.values()) == []


@pytest.mark.parametrize(
    ("data", "name", "status", "words"),
    [
        (
            b"Chi tieu;Ket qua\npH;7\n",
            "a.csv",
            422,
            "missing columns: water_work, sampled_on, lab, sampling_point",
        ),
        (b"M\xe3 c\xf4ng tr\xecnh;Ng\xe0y\n", "a.csv", 422, "not UTF-8"),  # Windows-1258
        (b"\xd0\xcf\x11\xe0rest", "a.xls", 422, "old .xls"),
        (b"PK\x03\x04broken", "a.xlsx", 422, "cannot be read"),
        (b"\n\n", "a.csv", 422, "holds no rows"),
        ((VI_HEADER + "\n").encode(), "a.csv", 422, "no results"),
    ],
)
def test_files_that_cannot_be_read_say_why(
    client: TestClient, staff: dict[str, dict[str, str]], data: bytes, name: str, status: int, words: str
) -> None:
    response = upload(client, staff["w-env-48"], data, name)
    assert response.status_code == status, response.text
    assert words in response.json()["description"]


def test_size_and_row_limits(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    too_big = vi_csv(*VI_ROWS) + b" " * (6 * 1024 * 1024)
    assert upload(client, staff["w-env-48"], too_big).status_code == 413
    layer = load_catalog(PROJECT_ROOT / "layers").get("water_works")
    admin = Principal(1, "a", "a", "admin", None, frozenset(), frozenset(), "bearer")
    with pytest.raises(PayloadTooLarge, match="more than 3 data rows"):
        run_import(
            session,
            Settings(import_max_rows=3),
            layer,
            admin,
            Upload("a.csv", vi_csv(*VI_ROWS)),
            dry_run=True,
        )


def test_the_file_goes_as_multipart(client: TestClient, staff: dict[str, dict[str, str]]) -> None:
    response = client.post(
        URL, content=vi_csv(*VI_ROWS), headers=staff["w-env-48"] | {"Content-Type": "text/csv"}
    )
    assert response.status_code == 422 and "multipart/form-data" in response.json()["description"]


@pytest.mark.parametrize("who", ["w-agri-48", "w-viewer-48"])
def test_only_environment_staff_import(
    client: TestClient, staff: dict[str, dict[str, str]], works: dict[str, int], who: str
) -> None:
    assert upload(client, staff[who], vi_csv(*VI_ROWS)).status_code == 403


def test_progress_is_reported_test_by_test(
    session: Session, staff: dict[str, dict[str, str]], works: dict[str, int]
) -> None:
    layer = load_catalog(PROJECT_ROOT / "layers").get("water_works")
    user_id = session.execute(text("SELECT id FROM users WHERE username = 'w-env-48'")).scalar_one()
    officer = Principal(
        user_id, "w-env-48", "w", "env_officer", "province", frozenset({"48"}), frozenset(), "bearer"
    )
    seen: list[tuple[int, int]] = []
    run_import(
        session,
        Settings(),
        layer,
        officer,
        Upload("a.csv", vi_csv(*VI_ROWS)),
        dry_run=False,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(1, 2), (2, 2)]
