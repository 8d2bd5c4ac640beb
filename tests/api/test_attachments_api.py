"""Attachments over HTTP: stored outside the database with their checksum, refused when too large or
not what their name says (leaving nothing behind), served only to staff in scope; a photo's public
copy loses its GPS position."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import ExifTags, Image
from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.services.photo_privacy import has_location
from gisapp.settings import Settings
from tests.conftest import app_client
from tests.records import Callers, callers, count, draft_area
from tests.registry import decide, staff

LIMIT = 64 * 1024
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def photo(fmt: str = "JPEG") -> bytes:
    """A small picture whose EXIF says where it was taken (Bảo Lộc, Lâm Đồng)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestPhone"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (11.0, 32.0, 45.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (107.0, 48.0, 20.0),
    }
    out = BytesIO()
    Image.new("RGB", (80, 60), (30, 140, 60)).save(out, fmt, exif=exif)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "attachments"


@pytest.fixture
def files_client(settings: Settings, session: Session, folder: Path) -> Iterator[TestClient]:
    """The app with its own attachments folder and a 64 KB limit."""
    changed = settings.model_copy(update={"attachments_dir": folder, "attachment_max_bytes": LIMIT})
    with app_client(changed, session) as client:
        yield client


@pytest.fixture
def who(session: Session) -> Callers:
    return callers(session)


@pytest.fixture
def area(session: Session, who: Callers) -> int:
    return draft_area(session, who.officer_principal)


def stored_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def upload(
    client: TestClient, area_id: int, headers: dict[str, str], name: str, data: bytes, **fields: Any
) -> Any:
    form = {"kind": "lab_report"} | {k: str(v) for k, v in fields.items()}
    return client.post(
        f"/api/growing-areas/{area_id}/attachments", data=form, files={"file": (name, data)}, headers=headers
    )


def test_a_lab_report_is_stored_with_its_checksum_and_served_to_staff_in_scope(
    files_client: TestClient, session: Session, who: Callers, area: int, folder: Path
) -> None:
    response = upload(files_client, area, who.officer, "Kết quả kiểm nghiệm cadimi.pdf", PDF, caption="Lô 3")
    assert response.status_code == 201, response.text
    stored = response.json()
    assert stored["sha256"] == hashlib.sha256(PDF).hexdigest() and stored["size_bytes"] == len(PDF)
    assert stored["media_type"] == "application/pdf" and stored["public_url"] is None
    assert (
        stored["original_filename"] == "Kết quả kiểm nghiệm cadimi.pdf"
        and stored["uploaded_by"] == "t.ghi.tinh"
    )
    [on_disk] = stored_files(folder)
    assert on_disk.read_bytes() == PDF and on_disk.suffix == ".pdf" and "cadimi" not in on_disk.name
    row = session.execute(
        text("SELECT sha256, stored_path FROM attachments WHERE id = :id"), {"id": stored["id"]}
    )
    assert row.one()[0] == stored["sha256"]

    assert [
        a["id"] for a in files_client.get(f"/api/growing-areas/{area}/attachments", headers=who.viewer).json()
    ] == [stored["id"]]
    fetched = files_client.get(stored["url"], headers=who.viewer)
    assert fetched.status_code == 200 and fetched.content == PDF
    assert fetched.headers["content-type"] == "application/pdf"
    assert fetched.headers["cache-control"] == "private, no-store"
    assert "filename*=utf-8''K%E1%BA%BFt" in fetched.headers["content-disposition"]
    assert files_client.get(stored["url"]).status_code == 401
    assert files_client.get(stored["url"], headers=who.outsider).status_code == 403
    assert files_client.get(f"{stored['url']}/public").status_code == 404  # not a public photo
    other = draft_area(session, who.officer_principal, skip=3)
    assert (
        files_client.get(
            f"/api/growing-areas/{other}/attachments/{stored['id']}", headers=who.officer
        ).status_code
        == 404
    )


def test_who_may_upload(files_client: TestClient, who: Callers, area: int, folder: Path) -> None:
    assert upload(files_client, area, {}, "a.pdf", PDF).status_code == 401
    for refused in (who.viewer, who.env, who.outsider):
        assert upload(files_client, area, refused, "a.pdf", PDF).status_code == 403
    assert upload(files_client, 999_999_999, who.officer, "a.pdf", PDF).status_code == 404
    assert stored_files(folder) == []


def test_a_file_over_the_limit_is_refused_while_streaming_and_leaves_nothing(
    files_client: TestClient, session: Session, who: Callers, area: int, folder: Path
) -> None:
    big = PDF + b"0" * (LIMIT + 1)
    response = upload(files_client, area, who.officer, "quyết định.pdf", big)
    assert response.status_code == 413
    assert "64 KB" in response.json()["description"] and " / " in response.json()["description"]
    assert stored_files(folder) == [] and count(session, "attachments", area) == 0
    # Declared too large up front: refused before a byte of the body is read.
    declared = files_client.post(
        f"/api/growing-areas/{area}/attachments",
        content=b"--x--\r\n",
        headers=who.officer
        | {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(10 * LIMIT)},
    )
    assert declared.status_code == 413


@pytest.mark.parametrize(
    ("name", "data", "fields", "status", "words"),
    [
        ("ảnh.pdf", photo(), {}, 415, "is actually a JPEG file, not PDF"),
        ("báo cáo.docx", PDF, {}, 415, "is actually a PDF file, not .docx"),
        ("ghi chú.pdf", b"just some text, not a PDF", {}, 415, "judging by its content"),
        ("scan", PDF, {}, 415, "has no extension"),
        ("kết quả.pdf", PDF, {"kind": "photo"}, 415, "is not a JPEG, PNG, WebP, TIFF, HEIC file"),
        ("hỏng.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, {"kind": "photo"}, 422, "cannot be read"),
        ("a.pdf", PDF, {"kind": "map"}, 422, "use one of"),
        ("a.pdf", PDF, {"public": "true"}, 422, "only photos can have a public copy"),
        ("a.pdf", PDF, {"inspection_id": 2_000_000_000}, 422, "has no inspection"),
        ("a.pdf", PDF, {"colour": "red"}, 422, "unknown field"),
        ("a.pdf", b"", {}, 422, "choose a file"),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused_and_leave_nothing(
    files_client: TestClient,
    session: Session,
    who: Callers,
    area: int,
    folder: Path,
    name: str,
    data: bytes,
    fields: dict[str, Any],
    status: int,
    words: str,
) -> None:
    response = upload(files_client, area, who.officer, name, data, **fields)
    assert response.status_code == status, response.text
    assert words in response.json()["description"]
    assert stored_files(folder) == [] and count(session, "attachments", area) == 0


def test_a_decision_scan_belongs_to_a_decision_of_the_same_area(
    files_client: TestClient, session: Session, who: Callers, area: int, folder: Path
) -> None:
    decide(session, who.officer_principal, area, "submit")
    transition = session.execute(
        text("SELECT id FROM growing_area_transitions WHERE growing_area_id = :id"), {"id": area}
    ).scalar_one()
    other = draft_area(session, who.officer_principal, skip=3)
    wrong = upload(
        files_client, other, who.officer, "qd.pdf", PDF, kind="decision_scan", transition_id=transition
    )
    assert wrong.status_code == 422 and "has no decision" in wrong.text and stored_files(folder) == []
    right = upload(
        files_client, area, who.officer, "qd.pdf", PDF, kind="decision_scan", transition_id=transition
    )
    assert right.status_code == 201 and right.json()["transition_id"] == transition


def test_a_photos_public_copy_loses_its_gps_position(
    files_client: TestClient, session: Session, who: Callers, area: int, folder: Path
) -> None:
    original = photo()
    assert has_location(original)
    response = upload(
        files_client, area, who.officer, "vườn sầu riêng.jpg", original, kind="photo", public="true"
    )
    assert response.status_code == 201, response.text
    stored = response.json()
    assert len(stored_files(folder)) == 2  # the original and its public copy
    # Staff get the original, position included (it shows the officer was there).
    assert files_client.get(stored["url"], headers=who.officer).content == original
    public_url = stored["public_url"]
    assert files_client.get(public_url).status_code == 404  # a draft is not public yet
    preview = files_client.get(public_url, headers=who.officer)
    assert preview.status_code == 200 and not has_location(preview.content)
    with Image.open(BytesIO(preview.content)) as image:
        assert image.size == (80, 60) and image.getexif()[ExifTags.Base.Make] == "TestPhone"

    decide(session, who.officer_principal, area, "submit")
    decide(session, staff(session, "t.ghi.quyetdinh"), area, "issue")
    public = files_client.get(public_url)
    assert public.status_code == 200 and public.headers["cache-control"].startswith("public")
    assert public.headers["content-type"] == "image/jpeg" and not has_location(public.content)
    assert files_client.get(stored["url"]).status_code == 401  # the original stays staff-only


def test_png_and_webp_photos_get_public_copies_too(files_client: TestClient, who: Callers, area: int) -> None:
    for fmt, name in (("PNG", "a.png"), ("WEBP", "a.webp")):
        stored = upload(files_client, area, who.officer, name, photo(fmt), kind="photo", public="1").json()
        copy = files_client.get(stored["public_url"], headers=who.officer)
        assert copy.status_code == 200 and not has_location(copy.content), fmt
