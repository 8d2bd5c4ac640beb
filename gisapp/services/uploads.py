"""Receiving a multipart/form-data upload as it streams in: one file, a few text fields, a size limit.

The file goes straight to a temporary file in the store's folder (so placing it later is an atomic
rename), with its SHA-256 and size computed on the way; the limit is enforced while the bytes
arrive, so an oversized upload stops early with a 413 and leaves nothing behind. Any failure
removes the temporary file. Transport-free (no FastAPI): the caller hands in the body's chunks.
Issue 7's citizen reports reuse this for their photos.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from gisapp.errors import NUL_REFUSED, InvalidInput, PayloadTooLarge, UnsupportedMediaType
from gisapp.services.upload_types import HEAD_BYTES, clean_filename

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

FORM_OVERHEAD = 64 * 1024  # boundaries, part headers and small fields around the file


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_fields: int = 16
    max_field_bytes: int = 4000


@dataclass
class ReceivedFile:
    """The uploaded file in a temporary place; `head` holds its first bytes for sniffing."""

    path: Path
    filename: str
    size: int
    sha256: str
    head: bytes


@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    file: ReceivedFile | None = None

    def discard(self) -> None:
        if self.file is not None:
            self.file.path.unlink(missing_ok=True)


def size_text(n: int) -> str:
    """'20 MB', '512 KB': how a limit reads in a message."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} MB"
    return f"{n / 1024:.3g} KB"


def too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"Tệp lớn hơn giới hạn {size_text(limit)} / the file is larger than the {size_text(limit)} "
        "limit: scan at a lower resolution, send a smaller photo, or split the document."
    )


class _Reader:
    """The parser's callbacks: part headers, text fields in memory, the one file part on disk."""

    def __init__(self, folder: Path, limits: Limits, file_field: str) -> None:
        self.folder, self.limits, self.file_field = folder, limits, file_field
        self.upload = Upload()
        self.ended = False
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._name = ""
        self._value = bytearray()
        self._out: IO[bytes] | None = None
        self._hash = hashlib.sha256()
        self._head = bytearray()
        self._size = 0

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda data, start, end: self._header_name.extend(data[start:end]),
            "on_header_value": lambda data, start, end: self._header_value.extend(data[start:end]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _part_begin(self) -> None:
        self._headers, self._value = {}, bytearray()

    def _header_end(self) -> None:
        self._headers[bytes(self._header_name).lower()] = bytes(self._header_value)
        self._header_name, self._header_value = bytearray(), bytearray()

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition"))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            if len(self.upload.fields) >= self.limits.max_fields:
                raise InvalidInput(f"Quá nhiều trường / more than {self.limits.max_fields} form fields.")
            return
        if self._name != self.file_field or self.upload.file is not None or self._out is not None:
            raise InvalidInput(
                f"Gửi đúng một tệp, trong trường '{self.file_field}' / send exactly one file, in the "
                f"form field '{self.file_field}'."
            )
        filename = clean_filename(options[b"filename"].decode("utf-8", "replace"))
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.folder, prefix="upload-", suffix=".part")
        self._out = os.fdopen(handle, "wb")
        self.upload.file = ReceivedFile(Path(name), filename, 0, "", b"")

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._out is None:
            self._value.extend(chunk)
            if len(self._value) > self.limits.max_field_bytes:
                raise InvalidInput(
                    f"Trường '{self._name}' quá dài / the form field '{self._name}' is longer than "
                    f"{self.limits.max_field_bytes} bytes."
                )
            return
        self._size += len(chunk)
        if self._size > self.limits.max_file_bytes:
            raise too_large(self.limits.max_file_bytes)
        if len(self._head) < HEAD_BYTES:
            self._head.extend(chunk[: HEAD_BYTES - len(self._head)])
        self._hash.update(chunk)
        self._out.write(chunk)  # page-cache writes of one network chunk; fsync comes at placement

    def _part_end(self) -> None:
        if self._out is None:
            value = self._value.decode("utf-8", "replace")
            if "\x00" in value:  # PostgreSQL's text cannot hold it (api/nul_guard.py for the rest)
                raise InvalidInput(
                    f"Trường '{self._name}' chứa ký tự NUL / the form field '{self._name}' {NUL_REFUSED}"
                )
            self.upload.fields[self._name] = value
            return
        self._out.close()
        self._out = None
        file = self.upload.file
        if file is not None:
            file.size, file.sha256, file.head = self._size, self._hash.hexdigest(), bytes(self._head)

    def _end(self) -> None:
        self.ended = True

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def _boundary(content_type: str | None) -> bytes:
    kind, options = parse_options_header(content_type)
    if kind != b"multipart/form-data":
        raise UnsupportedMediaType("Gửi dạng multipart/form-data / send the upload as multipart/form-data.")
    boundary = options.get(b"boundary")
    if not boundary:
        raise InvalidInput("The multipart/form-data Content-Type has no boundary.")
    return boundary


async def receive(
    chunks: AsyncIterable[bytes],
    content_type: str | None,
    content_length: int | None,
    *,
    folder: Path,
    limits: Limits,
    file_field: str = "file",
) -> Upload:
    """Parse the body as it arrives; the caller owns the result and must `discard()` or place its file."""
    boundary = _boundary(content_type)
    if content_length is not None and content_length > limits.max_file_bytes + FORM_OVERHEAD:
        raise too_large(limits.max_file_bytes)  # said before a byte is read
    reader = _Reader(folder, limits, file_field)
    parser = MultipartParser(boundary, reader.callbacks())
    try:
        async for chunk in chunks:
            parser.write(chunk)
        parser.finalize()
        if not reader.ended:
            raise InvalidInput("Tệp gửi chưa hết / the upload was cut off before its end.")
    except FormParserError:
        reader.close()
        reader.upload.discard()
        raise InvalidInput("Nội dung multipart hỏng / the multipart/form-data body is malformed.") from None
    except BaseException:
        reader.close()
        reader.upload.discard()
        raise
    return reader.upload
