"""`POST /api/pollution-sources/imports`: monitoring samples from CSV or XLSX through the shared
import (previewed and judged by each source's regulation, per-row errors, all or nothing)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.pollution import new_source
from tests.water import LAM_DONG, staff_headers

URL = "/api/pollution-sources/imports"
HEADER = "STT;Nguồn thải;Ngày lấy mẫu;Phòng thí nghiệm;Vị trí lấy mẫu;Chỉ tiêu;Kết quả;Đơn vị"
LAB = "Trung tâm Quan trắc Đà Nẵng"


@pytest.fixture
def staff(session: Session) -> dict[str, dict[str, str]]:
    return staff_headers(session)


@pytest.fixture
def sources(client: TestClient, session: Session, staff: dict[str, dict[str, str]]) -> dict[str, int]:
    factory = new_source(
        client,
        session,
        staff["w-env-48"],
        name="Nhà máy giấy thử",
        source_type="industrial_facility",
        regulation_code="QCVN 40",
        regulation_column="B",
    )
    far = new_source(client, session, staff["w-admin"], province=LAM_DONG, name="Trại lợn Lâm Đồng")
    return {"factory": factory["id"], "far": far["id"]}


def csv_file(*rows: str) -> bytes:
    return ("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode()


def good_rows(source: str = "Nhà máy giấy thử") -> list[str]:
    """One outlet sample of 10/06/2025 whose COD exceeds QCVN 40:2011 column B."""
    return [
        f"1;{source};10/06/2025;{LAB};Cửa xả sau xử lý;pH;7,2;",
        f"2;{source};10/06/2025;{LAB};Cửa xả sau xử lý;COD;420;mg/L",
        f"3;{source};10/06/2025;{LAB};Cửa xả sau xử lý;TSS;40;mg/L",
    ]


def upload(
    client: TestClient, headers: dict[str, str], data: bytes, name: str = "mau.csv", dry_run: str = "true"
) -> Any:
    files = {"file": (name, data, "application/octet-stream")}
    return client.post(URL, params={"dry_run": dry_run}, files=files, headers=headers)


def samples_of(session: Session, *source_ids: int) -> int:
    return int(
        session.execute(
            text("SELECT count(*) FROM pollution_samples WHERE pollution_source_id = ANY(:ids)"),
            {"ids": list(source_ids)},
        ).scalar_one()
    )


def test_the_preview_judges_each_sample_and_lists_row_errors(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], sources: dict[str, int]
) -> None:
    rows = [
        *good_rows(),
        f"4;Nhà máy giấy thử;10/06/2025;{LAB};Cửa xả sau xử lý;unobtainium;1;mg/L",
        f"5;{sources['far']};10/06/2025;{LAB};Cửa xả;COD;100;mg/L",
    ]
    response = upload(client, staff["w-env-48"], csv_file(*rows))
    assert response.status_code == 200, response.text
    preview = response.json()
    assert (preview["dry_run"], preview["ok"], preview["tests"]) == (True, False, 1)
    assert preview["columns"]["pollution_source"] == "Nguồn thải"
    (sample,) = preview["preview"]
    assert (sample["pollution_source_id"], sample["column"], sample["sampling_point"]) == (
        sources["factory"],
        "B",
        "Cửa xả sau xử lý",
    )
    assert (sample["verdict"], sample["regulation"]) == ("exceed", "QCVN 40")
    cod = sample["results"][1]
    assert (cod["row"], cod["parameter"], cod["judgement"]["verdict"]) == (3, "cod", "exceed")
    assert cod["judgement"]["limits"][0]["max"] == 150
    errors = {(e["row"], e["column"]): e["message"] for e in preview["errors"]}
    assert set(errors) == {(5, "Chỉ tiêu"), (6, "Nguồn thải")}
    assert samples_of(session, *sources.values()) == 0


def test_the_commit_is_all_or_nothing(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], sources: dict[str, int]
) -> None:
    bad = csv_file(*good_rows(), f"4;{sources['far']};11/06/2025;{LAB};Cửa xả;COD;100;mg/L")
    refused = upload(client, staff["w-env-48"], bad, dry_run="false")
    assert refused.status_code == 422, refused.text
    assert [e["row"] for e in refused.json()["errors"]] == [5]
    assert samples_of(session, *sources.values()) == 0

    committed = upload(client, staff["w-env-48"], csv_file(*good_rows()), dry_run="false")
    assert committed.status_code == 200, committed.text
    result = committed.json()
    assert (result["ok"], len(result["sample_ids"]), result["verdicts"]) == (True, 1, {"exceed": 1})
    assert samples_of(session, sources["factory"]) == 1
    listed = client.get(f"/api/pollution-sources/{sources['factory']}/samples").json()
    assert [(s["verdict"], s["version"]) for s in listed] == [("exceed", "QCVN 40:2011/BTNMT")]

    again = upload(client, staff["w-env-48"], csv_file(*good_rows()), dry_run="false")
    assert again.status_code == 422 and "already recorded" in again.json()["errors"][0]["message"]


def test_an_xlsx_names_the_source_by_id(
    client: TestClient, session: Session, staff: dict[str, dict[str, str]], sources: dict[str, int]
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["pollution_source", "sampled_on", "lab", "sampling_point", "parameter", "value", "unit"])
    sheet.append([sources["factory"], datetime(2025, 5, 5), LAB, "Cửa xả", "BOD5", 20, "mg/L"])
    sheet.append([float(sources["factory"]), datetime(2025, 5, 5), LAB, "Cửa xả", "COD", 90, "mg/L"])
    data = io.BytesIO()
    book.save(data)
    response = upload(client, staff["w-env-48"], data.getvalue(), name="mau.xlsx")
    assert response.status_code == 200, response.text
    preview = response.json()
    assert (preview["format"], preview["ok"], preview["tests"]) == ("xlsx", True, 1)
    assert preview["preview"][0]["verdict"] == "pass"


def test_only_env_staff_import(
    client: TestClient, staff: dict[str, dict[str, str]], sources: dict[str, int]
) -> None:
    data = csv_file(*good_rows())
    assert client.post(URL, files={"file": ("a.csv", data)}).status_code == 401
    assert upload(client, staff["w-agri-48"], data).status_code == 403
    outsider = upload(client, staff["w-env-68"], data).json()
    assert outsider["errors"][0]["message"].startswith("Nguồn thải 'Nhà máy giấy thử' ngoài phạm vi")
