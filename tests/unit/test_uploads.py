"""Upload reading without a server: types told by content, names cleaned, limits held while streaming."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from gisapp.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType
from gisapp.services.upload_types import HEIC, JPEG, PDF, PNG, TIFF, WEBP, checked_type, clean_filename, sniff
from gisapp.services.uploads import Limits, Upload, receive

BOUNDARY = "gisapp-test-boundary"
T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """In a thread of its own: the browser tests' Playwright keeps an event loop on the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", PDF),
        (b"\xff\xd8\xff\xe1\x00\x10Exif", JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00", PNG),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", WEBP),
        (b"II*\x00\x08\x00\x00\x00", TIFF),
        (b"MM\x00*\x00\x00\x00\x08", TIFF),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", HEIC),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", None),
        (b"<html><script>", None),
    ],
)
def test_types_are_told_by_their_first_bytes(head: bytes, kind: object) -> None:
    assert sniff(head) == kind


def test_the_name_must_agree_with_the_content() -> None:
    assert checked_type("Quyết định 12.PDF", b"%PDF-1.4") == PDF
    assert checked_type("IMG_0001.jpeg", b"\xff\xd8\xff\xe0") == JPEG
    with pytest.raises(UnsupportedMediaType, match="thực ra là JPEG, không phải PDF"):
        checked_type("ảnh.pdf", b"\xff\xd8\xff\xe0")
    with pytest.raises(UnsupportedMediaType, match="not a PDF file"):
        checked_type("a.jpg", b"\xff\xd8\xff\xe0", accepted=(PDF,))


def test_file_names_lose_folders_and_control_characters() -> None:
    assert clean_filename("C:\\Users\\cán bộ\\biên bản.pdf") == "biên bản.pdf"
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("a\x00b\nc.pdf") == "abc.pdf"
    assert clean_filename("..") == "tep"
    long = clean_filename("x" * 300 + ".pdf")
    assert len(long) == 255 and long.endswith(".pdf")


def body(parts: list[tuple[str, str | None, bytes]]) -> bytes:
    out = b""
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


async def chunks(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def read(data: bytes, folder: Path, limit: int = 10_000) -> Upload:
    content_type = f"multipart/form-data; boundary={BOUNDARY}"
    return run(receive(chunks(data), content_type, None, folder=folder, limits=Limits(limit)))


def test_a_form_streams_to_a_temporary_file_with_its_checksum(tmp_path: Path) -> None:
    payload = b"%PDF-1.4\n" + bytes(range(256)) * 20
    upload = read(body([("kind", None, "ảnh".encode()), ("file", "báo cáo.pdf", payload)]), tmp_path)
    assert upload.fields == {"kind": "ảnh"} and upload.file is not None
    assert upload.file.path.read_bytes() == payload and upload.file.filename == "báo cáo.pdf"
    assert upload.file.sha256 == hashlib.sha256(payload).hexdigest() and upload.file.head == payload[:32]
    upload.discard()
    assert list(tmp_path.iterdir()) == []


def test_the_limit_stops_the_stream_and_nothing_is_left(tmp_path: Path) -> None:
    with pytest.raises(PayloadTooLarge, match=r"9\.77 KB"):
        read(body([("file", "big.pdf", b"%PDF" + b"0" * 20_000)]), tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (body([("file", "a.pdf", b"%PDF"), ("file", "b.pdf", b"%PDF")]), "exactly one file"),
        (body([("photo", "a.jpg", b"\xff\xd8\xff")]), "exactly one file"),
        (body([("caption", None, b"x" * 5000)]), "longer than 4000 bytes"),
        (body([("file", "a.pdf", b"%PDF")])[:-30], "cut off"),
    ],
)
def test_malformed_forms_are_refused_and_leave_nothing(tmp_path: Path, data: bytes, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        read(data, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_only_multipart_forms_are_read(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedMediaType):
        run(receive(chunks(b"{}"), "application/json", 2, folder=tmp_path, limits=Limits(10_000)))
