"""What an uploaded file really is: its type read from the first bytes, checked against its name.

A file named `ảnh.pdf` that is a JPEG is refused with words that say so; the type stored and
served is always the one the content shows, never the one the sender claimed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from gisapp.errors import UnsupportedMediaType

HEAD_BYTES = 32  # enough for every signature below


@dataclass(frozen=True)
class FileType:
    media_type: str
    label: str  # as people name it: "PDF", "JPEG"
    extensions: tuple[str, ...]  # the first is the one a stored copy gets
    image: bool


PDF = FileType("application/pdf", "PDF", (".pdf",), image=False)
JPEG = FileType("image/jpeg", "JPEG", (".jpg", ".jpeg", ".jpe"), image=True)
PNG = FileType("image/png", "PNG", (".png",), image=True)
WEBP = FileType("image/webp", "WebP", (".webp",), image=True)
TIFF = FileType("image/tiff", "TIFF", (".tif", ".tiff"), image=True)
HEIC = FileType("image/heic", "HEIC", (".heic", ".heif"), image=True)
TYPES = (PDF, JPEG, PNG, WEBP, TIFF, HEIC)
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}


def sniff(head: bytes) -> FileType | None:
    """The type the content shows (magic bytes), or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS and b"avif" not in head[:HEAD_BYTES]:
        return HEIC
    return None


def clean_filename(raw: str | None) -> str:
    """The name without any folder, control characters or surrounding spaces, at most 255 characters."""
    name = PureWindowsPath(PurePosixPath(raw or "").name).name
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = name.strip(" .") or "tep"
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[: 254 - len(extension)]}.{extension}" if dot and len(extension) < 16 else name[:255]
    return name


def extension_of(filename: str) -> str:
    suffix = PurePosixPath(filename).suffix
    return suffix.lower()


def _labels(accepted: Sequence[FileType]) -> str:
    return ", ".join(t.label for t in accepted)


def checked_type(filename: str, head: bytes, accepted: Sequence[FileType] = TYPES) -> FileType:
    """The content's type, which must be accepted and agree with the name's extension (else 415)."""
    found = sniff(head)
    if found is None or found not in accepted:
        raise UnsupportedMediaType(
            f"Tệp '{filename}' không phải {_labels(accepted)} / '{filename}' is not a {_labels(accepted)} "
            "file, judging by its content: only these types are accepted."
        )
    extension = extension_of(filename)
    if not extension:
        raise UnsupportedMediaType(
            f"Tên tệp '{filename}' thiếu phần mở rộng / '{filename}' has no extension: the content is "
            f"{found.label}, so name it e.g. '{filename}{found.extensions[0]}'."
        )
    if extension not in found.extensions:
        claimed = next((t.label for t in TYPES if extension in t.extensions), extension)
        raise UnsupportedMediaType(
            f"Tệp '{filename}' thực ra là {found.label}, không phải {claimed} / '{filename}' is actually a "
            f"{found.label} file, not {claimed}: rename it to {found.extensions[0]} or upload the right file."
        )
    return found
