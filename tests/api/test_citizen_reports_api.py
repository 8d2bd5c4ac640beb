"""Citizen reports on the real app and PostGIS: validation before anything is stored or counted, the
rate limit, the public receipt status, moderation by environment staff in scope, and the photo's copy
without location (the original is not kept)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services.photo_privacy import has_location
from gisapp.settings import Settings
from tests.citizen import file_report, gps_photo, new_source
from tests.conftest import app_client
from tests.water import DA_NANG, LAM_DONG, commune_point, staff_headers

PHOTO_LIMIT = 64 * 1024


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "files"


@pytest.fixture
def reports(settings: Settings, session: Session, folder: Path) -> Iterator[TestClient]:
    """The app with its own files folder, a 64 KB photo limit and the default 5 per 10 minutes."""
    changed = settings.model_copy(update={"attachments_dir": folder, "report_photo_max_bytes": PHOTO_LIMIT})
    with app_client(changed, session) as client:
        yield client


def stored(session: Session, folder: Path) -> tuple[int, list[Path]]:
    rows = session.execute(text("SELECT count(*) FROM citizen_reports")).scalar_one()
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
    return rows, files


def test_a_report_gets_a_receipt_and_anyone_with_it_sees_the_status_without_the_contact(
    reports: TestClient, session: Session
) -> None:
    code, lon, lat = commune_point(session, DA_NANG)
    response = file_report(reports, lon, lat, contact="0905 123 456", category="water")
    assert response.status_code == 201, response.text
    answer = response.json()
    receipt = answer["receipt"]
    assert len(receipt) == 11 and receipt[5] == "-" and answer["status"] == "received"
    row = session.execute(
        text("SELECT commune_code, contact, address_hash FROM citizen_reports WHERE receipt = :r"),
        {"r": receipt.replace("-", "")},
    ).one()
    assert row.commune_code == code and row.contact == "0905 123 456"
    assert "testclient" not in row.address_hash and len(row.address_hash) == 64
    public = reports.get(f"/api/citizen-reports/{receipt.lower().replace('-', ' ')}")
    assert public.status_code == 200
    assert public.json()["status_label"]["vi"] == "Đã tiếp nhận"
    assert "0905" not in public.text and "Nước kênh" not in public.text
    assert reports.get("/api/citizen-reports/ABCDE-FGHJK").status_code == 404
    malformed = reports.get("/api/citizen-reports/O0I1L")
    assert malformed.status_code == 400 and "0, 1, I, L" in malformed.json()["description"]


def test_bad_reports_are_refused_with_a_reason_and_leave_nothing(
    reports: TestClient, session: Session, folder: Path
) -> None:
    _, lon, lat = commune_point(session, DA_NANG)
    before = stored(session, folder)
    cases = [
        (file_report(reports, 2.35, 48.85), 400, "outside Vietnam"),
        (file_report(reports, lat, lon), 400, "[latitude, longitude]"),
        (file_report(reports, lon, lat, description="   "), 422, "description"),
        (file_report(reports, lon, lat, description="khói"), 422, "description"),
        (file_report(reports, lon, lat, photo=("a.jpg", b"\xff\xd8\xff" + b"0" * PHOTO_LIMIT)), 413, "64 KB"),
        (file_report(reports, lon, lat, photo=("a.jpg", b"%PDF-1.7 not a photo")), 415, "JPEG"),
        (file_report(reports, lon, lat, photo=("a.jpg", b"\xff\xd8\xff\xe0 cut off")), 422, "cannot be read"),
        (file_report(reports, lon, lat, photo=("a.png", gps_photo())), 415, "actually a JPEG"),
        (file_report(reports, lon, lat, category="smoke"), 422, "category"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.text
        assert words in response.text
    assert stored(session, folder) == before


def test_rate_limit_counts_only_accepted_reports(reports: TestClient, session: Session) -> None:
    _, lon, lat = commune_point(session, DA_NANG)
    for _ in range(3):
        assert file_report(reports, lat, lon).status_code == 400  # refused input never counts
    for _ in range(5):
        assert file_report(reports, lon, lat).status_code == 201
    throttled = file_report(reports, lon, lat)
    assert throttled.status_code == 429
    assert 1 <= int(throttled.headers["Retry-After"]) <= 600
    assert "try again in" in throttled.json()["description"]
    assert session.execute(text("SELECT count(*) FROM citizen_reports")).scalar_one() == 5


def test_the_photo_kept_has_no_location_and_only_staff_in_scope_see_it(
    reports: TestClient, session: Session, folder: Path
) -> None:
    headers = staff_headers(session)
    _, lon, lat = commune_point(session, DA_NANG)
    original = gps_photo()
    assert has_location(original)
    assert file_report(reports, lon, lat, photo=("kenh.jpg", original)).status_code == 201
    _, files = stored(session, folder)
    assert len(files) == 1 and not has_location(files[0].read_bytes())  # the original is not kept
    report = reports.get("/api/citizen-reports", headers=headers["w-env-48"]).json()[0]
    photo = reports.get(report["photo_url"], headers=headers["w-env-48"])
    assert photo.status_code == 200 and photo.headers["content-type"] == "image/jpeg"
    assert not has_location(photo.content)
    assert reports.get(report["photo_url"], headers=headers["w-env-68"]).status_code == 403
    assert reports.get(report["photo_url"]).status_code == 401


def test_moderation_by_environment_staff_in_scope_only(reports: TestClient, session: Session) -> None:
    headers = staff_headers(session)
    _, lon, lat = commune_point(session, DA_NANG)
    receipt = file_report(reports, lon, lat, contact="SĐT 0905 000 111").json()["receipt"]
    source = new_source(session, lon + 0.001, lat)
    queue = reports.get("/api/citizen-reports?status=open", headers=headers["w-env-48"]).json()
    mine = next(r for r in queue if r["receipt"] == receipt)
    assert mine["contact"] == "SĐT 0905 000 111" and mine["lon"] == pytest.approx(lon)
    assert all(
        r["receipt"] != receipt
        for r in reports.get("/api/citizen-reports", headers=headers["w-env-68"]).json()
    )
    url = f"/api/citizen-reports/{mine['id']}/moderation"
    link = {"action": "link", "pollution_source_id": source, "public_note": "Đã kiểm tra trại lợn"}
    assert reports.post(url, json=link).status_code == 401
    for refused in ("w-agri-48", "w-viewer-48", "w-env-68"):
        assert reports.post(url, json=link, headers=headers[refused]).status_code == 403, refused
        assert reports.get("/api/citizen-reports", headers=headers["w-agri-48"]).status_code == 403
    dismiss = reports.post(url, json={"action": "dismiss"}, headers=headers["w-env-48"])
    assert dismiss.status_code == 422 and "public_note" in dismiss.text
    missing = reports.post(url, json=link | {"pollution_source_id": 999999}, headers=headers["w-env-48"])
    assert missing.status_code == 422 and "999999" in missing.text
    done = reports.post(url, json=link, headers=headers["w-env-48"])
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "linked" and done.json()["moderated_by"] == "w-env-48"
    public = reports.get(f"/api/citizen-reports/{receipt}").json()
    assert public["status"] == "linked" and public["public_note"] == "Đã kiểm tra trại lợn"
    audit = session.execute(
        text("SELECT action, after FROM audit_records WHERE entity = 'citizen_reports' AND entity_id = :id"),
        {"id": str(mine["id"])},
    ).one()
    assert (
        audit.action == "transition"
        and audit.after["decision"] == "link"
        and audit.after["pollution_source_id"] == source
    )
    again = reports.post(
        url, json={"action": "dismiss", "public_note": "Trùng báo cáo khác"}, headers=headers["w-admin"]
    )
    assert again.status_code == 200 and again.json()["pollution_source_id"] is None


def test_a_report_in_another_province_is_outside_an_officers_scope(
    reports: TestClient, session: Session
) -> None:
    headers = staff_headers(session)
    _, lon, lat = commune_point(session, LAM_DONG)
    file_report(reports, lon, lat)
    report_id = reports.get("/api/citizen-reports", headers=headers["w-env-68"]).json()[0]["id"]
    review = {"action": "review"}
    url = f"/api/citizen-reports/{report_id}/moderation"
    assert reports.post(url, json=review, headers=headers["w-env-48"]).status_code == 403
    assert reports.post(url, json=review, headers=headers["w-env-68"]).json()["status"] == "under_review"
