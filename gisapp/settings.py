"""Typed settings, read once by the app factory or the CLI, never at import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from gisapp.services.code_template import check_template

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def sqlalchemy_url(url: str) -> str:
    """Turn a libpq-style URL into one SQLAlchemy drives with psycopg 3."""
    for prefix in ("postgresql+psycopg2://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Settings(BaseSettings):
    """Everything a deployment may change; `GISAPP_` variables or a `.env` file set it."""

    model_config = SettingsConfigDict(env_prefix="GISAPP_", env_file=".env", extra="ignore", frozen=True)

    environment: Literal["development", "test", "production"] = "development"
    database_url: str | None = Field(
        default=None,
        validation_alias="DATABASE_URL",
        description="When set, gisapp uses this database and starts no cluster of its own.",
    )
    state_dir: Path = Field(
        default=PROJECT_ROOT / ".gisapp",
        description="Git-ignored folder holding the private PostgreSQL cluster.",
    )
    pg_port: int = Field(default=54329, ge=1024, le=65535)
    pg_database: str = Field(default="gisapp", pattern=r"^[a-z_][a-z0-9_]*$")
    layers_dir: Path = PROJECT_ROOT / "layers"
    static_dir: Path = PROJECT_ROOT / "static"
    data_dir: Path = PROJECT_ROOT / "data"
    public_url: str = Field(default="", description="Base URL behind a proxy; empty = from request.")

    workers: int = Field(
        default_factory=lambda: min(4, os.cpu_count() or 1),
        ge=1,
        le=64,
        description="Server processes for `gisapp serve`; each has its own pools and tile cache.",
    )
    access_log: bool = Field(
        default=False,
        description="Log every request. Off by default: a map asks for tiles by the hundred, and a proxy "
        "in front usually keeps the access log.",
    )
    worker_threads: int = Field(default=40, ge=2, le=400)
    db_pool_size: int = Field(default=40, ge=1, le=400)
    db_write_pool_size: int = Field(default=10, ge=1, le=200, description="Connections for writes.")
    db_pool_timeout: float = Field(default=30.0, gt=0)
    db_statement_timeout_ms: int = Field(default=30_000, ge=100)
    tile_cache_mb: int = Field(
        default=64, ge=0, description="In-process cache of recent tiles; 0 turns it off."
    )
    tile_pool_size: int = Field(
        default=16, ge=1, le=200, description="Connections of the async read pool (tiles and public lookups)."
    )
    db_pool_pre_ping: bool = Field(
        default=False, description="Test each connection before use (one extra round trip per request)."
    )
    db_pool_recycle_s: int = Field(default=1800, ge=-1, description="Reconnect connections older than this.")

    default_page_size: int = Field(default=10, ge=1)
    max_page_size: int = Field(default=10_000, ge=1)
    exact_count_cap: int = Field(
        default=100_000,
        ge=1,
        description="numberMatched is exact up to this many features and omitted above it.",
    )
    tile_extent: int = Field(default=4096, ge=256, le=16384)
    tile_buffer: int = Field(default=64, ge=0, le=1024)

    osm_basemap_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    imagery_url: str = Field(
        default="",
        description=(
            "Aerial or satellite imagery offered as a basemap: an XYZ template with {z}, {x}, {y}, or a "
            "WMS endpoint; empty = none, so the map needs no outside server."
        ),
    )
    imagery_kind: Literal["xyz", "wms"] = "xyz"
    imagery_wms_layers: str = Field(default="", description="WMS LAYERS (comma-separated), for kind wms.")
    imagery_wms_format: str = Field(default="image/jpeg", pattern=r"^image/[a-z0-9.+-]+$")
    imagery_attribution: str = Field(default="", max_length=300, description="Credit shown on the map.")
    imagery_max_zoom: int = Field(default=19, ge=1, le=24, description="Deepest zoom the imagery has.")

    session_hours: float = Field(default=12, gt=0, le=24 * 30, description="Life of a sign-in cookie.")
    bearer_token_minutes: int = Field(default=60, ge=1, le=24 * 60, description="Life of an API token.")
    login_max_failures: int = Field(
        default=5, ge=1, le=100, description="Failed sign-ins in a row that lock an account."
    )
    login_lock_minutes: int = Field(default=15, ge=1, le=24 * 60, description="How long a lock lasts.")
    cookie_secure: bool | None = Field(
        default=None, description="Secure flag of the session cookie; unset = on outside development/test."
    )
    password_time_cost: int = Field(default=3, ge=1, le=20, description="Argon2id passes.")
    password_memory_kib: int = Field(default=65536, ge=1024, le=4 * 1024 * 1024, description="Argon2id KiB.")
    password_parallelism: int = Field(default=4, ge=1, le=16, description="Argon2id lanes.")

    code_template: str = Field(
        default="VN-{province}-{commune}-{serial:02d}-{yy:02d}",
        description=(
            "Domestic growing-area code (QĐ 3156 without the district abolished on 1/7/2025); "
            "with district data: VN-{province}-{district}-{commune}-{serial:02d}-{yy:02d}."
        ),
    )
    code_districts: dict[str, str] = Field(
        default={}, description="Commune code -> 3-digit district code, for templates with {district}."
    )
    commune_min_share: float = Field(
        default=0.95, gt=0, le=1, description="Share of a plot's area that must lie in its commune."
    )
    overlap_tolerance_share: float = Field(
        default=0.01, ge=0, le=1, description="Overlap tolerated: at most this share of the smaller area..."
    )
    overlap_tolerance_m2: float = Field(default=100.0, ge=0, description="...and at most this many m².")
    plot_tolerance_m: float = Field(
        default=2.0,
        ge=0,
        le=100,
        description="How far a household plot may reach past its growing area's boundary (GPS error).",
    )
    registry_timezone: str = Field(default="Asia/Ho_Chi_Minh", description="Days of `?at=` end here.")
    inspection_interval_days: int = Field(
        default=365,
        ge=1,
        le=3650,
        description="An issued area with no next-inspection date is overdue this long after its last one.",
    )
    sheet_tile_url: str = Field(
        default="", description="Basemap tiles on printable sheets; empty = none, so a sheet opens offline."
    )
    sheet_tile_attribution: str = Field(default="", description="Attribution of `sheet_tile_url`.")

    attachments_dir: Path | None = Field(
        default=None,
        description="Folder of uploaded files (scans, lab reports, photos); unset = <state_dir>/attachments.",
    )
    attachment_max_bytes: int = Field(
        default=20 * 1024 * 1024, ge=1024, le=1024**3, description="Largest file one upload may carry."
    )

    report_rate_limit: int = Field(
        default=5, ge=1, le=10_000, description="Citizen reports accepted per client address per window."
    )
    report_rate_window_s: int = Field(
        default=600, ge=1, le=7 * 24 * 3600, description="The rate limit's window, in seconds."
    )
    report_photo_max_bytes: int = Field(
        default=8 * 1024 * 1024, ge=1024, le=1024**3, description="Largest photo a citizen report may carry."
    )
    report_address_salt: str = Field(
        default="",
        description=(
            "Secret mixed into the hash of a reporter's address (only the hash is stored); required "
            "(16+ characters) in production, a fixed development value otherwise."
        ),
    )

    import_max_mb: float = Field(default=5.0, gt=0, le=100, description="Largest bulk-import file accepted.")
    import_max_rows: int = Field(default=20_000, ge=1, le=1_000_000, description="Most data rows per import.")

    @field_validator("code_template")
    @classmethod
    def _check_template(cls, value: str) -> str:
        return check_template(value)

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str | None) -> str | None:
        return sqlalchemy_url(value) if value else None

    @model_validator(mode="after")
    def _check_imagery(self) -> Settings:
        """A wrong imagery setting would show an empty basemap; refuse it at start instead."""
        url = self.imagery_url
        if not url:
            return self
        if not url.startswith(("https://", "http://", "/")):
            raise ValueError(f"imagery_url must start with https://, http:// or / (got {url!r})")
        placeholders = [p for p in ("{z}", "{x}", "{y}") if p not in url]
        if self.imagery_kind == "xyz" and placeholders:
            raise ValueError(
                f"imagery_url (xyz) lacks {', '.join(placeholders)}: e.g. https://host/{{z}}/{{x}}/{{y}}.jpg"
            )
        if self.imagery_kind == "wms" and not self.imagery_wms_layers.strip():
            raise ValueError("imagery_kind wms needs imagery_wms_layers (the WMS LAYERS to draw)")
        return self

    @model_validator(mode="after")
    def _check_sizes(self) -> Settings:
        if self.default_page_size > self.max_page_size:
            raise ValueError(
                f"default_page_size ({self.default_page_size}) is above max_page_size ({self.max_page_size})"
            )
        if self.sheet_tile_url and not self.sheet_tile_attribution.strip():
            raise ValueError("sheet_tile_url needs sheet_tile_attribution (the tiles' licence asks for it)")
        if self.environment == "production" and len(self.report_address_salt) < 16:
            raise ValueError("report_address_salt must be set (16+ random characters) in production")
        if self.environment == "production" and self.password_memory_kib < 19456:
            raise ValueError("password_memory_kib below 19456 (OWASP's Argon2id minimum) in production")
        return self

    @property
    def secure_cookies(self) -> bool:
        """Browsers drop Secure cookies on plain http, which local development and tests use."""
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.environment not in ("development", "test")

    @property
    def attachment_folder(self) -> Path:
        """Files live outside the database; by default beside the private cluster (git-ignored)."""
        return self.attachments_dir or self.state_dir / "attachments"

    @property
    def address_salt(self) -> bytes:
        """The salt of reporters' address hashes; outside production a fixed value will do."""
        return (self.report_address_salt or "gisapp-development-address-salt").encode()

    @property
    def import_max_bytes(self) -> int:
        return int(self.import_max_mb * 1024 * 1024)

    @property
    def uses_private_cluster(self) -> bool:
        return self.database_url is None
