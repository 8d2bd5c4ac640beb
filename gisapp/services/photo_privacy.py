"""Photos as the public may see them: the same picture without where it was taken.

Phones write the GPS position into a photo's EXIF; a photo of a farmer's house published with it
tells everyone where the house is. The public copy keeps the pixels (JPEG re-saved with its own
quantisation tables, so no visible loss) and the EXIF minus its GPS directory, and drops XMP and
comments, which can carry a position too. Also checks that an image really decodes.
"""

from __future__ import annotations

import warnings
from io import BytesIO
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from gisapp.errors import InvalidInput
from gisapp.services.upload_types import JPEG, PNG, WEBP, FileType

PUBLIC_COPY_TYPES = (JPEG, PNG, WEBP)
_FORMATS = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}
_UNREADABLE = (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError)


def _unreadable(filename: str) -> InvalidInput:
    return InvalidInput(
        f"Không đọc được ảnh '{filename}' / the image '{filename}' cannot be read: it is damaged, "
        "cut off, or too large in pixels."
    )


def check_image(path: Path, filename: str) -> None:
    """Refuse an image Pillow cannot parse (a renamed or truncated file), before it is stored."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()
    except _UNREADABLE:
        raise _unreadable(filename) from None


def without_location(path: Path, kind: FileType, filename: str) -> bytes:
    """The public copy's bytes: EXIF without GPS, no XMP or comment, same format."""
    if kind not in PUBLIC_COPY_TYPES:
        labels = ", ".join(t.label for t in PUBLIC_COPY_TYPES)
        raise InvalidInput(
            f"Chỉ ảnh {labels} mới có bản công khai / only {labels} photos can have a public copy; "
            f"'{filename}' is {kind.label}."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
                return _saved(image, kind)
    except _UNREADABLE:
        raise _unreadable(filename) from None


def _saved(image: Image.Image, kind: FileType) -> bytes:
    exif = image.getexif()
    exif.pop(ExifTags.IFD.GPSInfo, None)
    options: dict[str, Any] = {"exif": exif.tobytes() if len(exif) else b""}
    image.info.pop("xmp", None)
    image.info.pop("comment", None)
    if kind == JPEG:
        options["quality"] = "keep"  # its own quantisation tables and subsampling
    icc = image.info.get("icc_profile")
    if icc:
        options["icc_profile"] = icc
    if kind == WEBP:
        options |= {"lossless": image.info.get("lossless", False), "quality": 90}
    out = BytesIO()
    image.save(out, _FORMATS[kind], **options)
    return out.getvalue()


def has_location(data: bytes) -> bool:
    """Whether an image still says where it was taken (GPS in EXIF, or a position in XMP)."""
    with Image.open(BytesIO(data)) as image:
        gps = image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        xmp = image.info.get("xmp") or b""
    return bool(gps) or b"GPSLatitude" in (xmp if isinstance(xmp, bytes) else xmp.encode())
