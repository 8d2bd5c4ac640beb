"""Helpers for citizen-report tests: a JPEG with a GPS position, filing a report, a hand-made source."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from fastapi.testclient import TestClient
from PIL import ExifTags, Image
from sqlalchemy import text
from sqlalchemy.orm import Session


def gps_photo(fmt: str = "JPEG", size: tuple[int, int] = (80, 60)) -> bytes:
    """A small photo whose EXIF says where it was taken (as phones write it)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestPhone"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (16.0, 3.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (108.0, 12.0, 10.0),
    }
    out = BytesIO()
    Image.new("RGB", size, (120, 90, 40)).save(out, fmt, exif=exif)
    return out.getvalue()


def file_report(
    client: TestClient,
    lon: float,
    lat: float,
    description: str = "Nước kênh đen và hôi từ sáng nay",
    photo: tuple[str, bytes] | None = None,
    **fields: Any,
) -> Any:
    form = {"lon": str(lon), "lat": str(lat), "description": description} | {
        k: str(v) for k, v in fields.items()
    }
    files = {"photo": photo} if photo else {"photo": ("", b"")}  # an empty part, as browsers send
    return client.post("/api/citizen-reports", data=form, files=files)


def new_source(session: Session, lon: float, lat: float, **values: Any) -> int:
    """A pollution source at a point (its commune resolved here, as the write path does)."""
    row = {
        "name": "Trại lợn thử",
        "source_type": "livestock_farm",
        "latest_sample_status": "never_sampled",
        "last_exceedance_on": None,
        "owner_phone": None,
    } | values
    return int(
        session.execute(
            text(
                "INSERT INTO pollution_sources (name, source_type, latest_sample_status, last_exceedance_on, "
                "owner_phone, commune_code, geom) SELECT :name, :source_type, :latest_sample_status, "
                "CAST(:last_exceedance_on AS date), :owner_phone, (SELECT code FROM admin_units WHERE "
                "level = 'commune' AND valid_to IS NULL AND ST_Intersects(geom, p) LIMIT 1), p "
                "FROM (SELECT ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) AS p) AS point RETURNING id"
            ),
            row | {"lon": lon, "lat": lat},
        ).scalar_one()
    )
