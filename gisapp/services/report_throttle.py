"""The flood guard of citizen reports: at most N accepted reports per client address per window.

Counted in PostgreSQL, in the transaction that stores the report, under a transaction-scoped
advisory lock on the address hash: a second request from the same address waits for the first to
commit or roll back, then counts again, so two parallel requests cannot both take the last place.
Only a salted hash of the address is stored. Called after validation, so rejected input never counts.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import text
from sqlalchemy.orm import Session

from gisapp.errors import TooManyRequests
from gisapp.settings import Settings
from gisapp.sql import load_sql

LOCK_NAMESPACE = 7_202_611  # keeps these advisory locks apart from any other user of hashtextextended


def address_hash(settings: Settings, address: str) -> str:
    """HMAC-SHA256 of the address under the deployment's salt: comparable, not reversible by lookup."""
    return hmac.new(settings.address_salt, address.encode(), hashlib.sha256).hexdigest()


def admit(session: Session, settings: Settings, hashed: str) -> None:
    """Hold the address's lock until the transaction ends, then refuse if its window is full."""
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, :namespace))"),
        {"key": hashed, "namespace": LOCK_NAMESPACE},
    )
    row = session.execute(
        load_sql("gisapp.services", "report_throttle"),
        {"address_hash": hashed, "window_s": settings.report_rate_window_s},
    ).one()
    if row.accepted < settings.report_rate_limit:
        return
    wait = int(row.frees_in_s or settings.report_rate_window_s)
    window_vi, window_en = _span(settings.report_rate_window_s)
    wait_vi, wait_en = _span(wait)
    raise TooManyRequests(
        f"Bạn đã gửi {row.accepted} báo cáo trong {window_vi}; hãy thử lại sau {wait_vi} / you have sent "
        f"{row.accepted} reports in {window_en}, the most accepted from one address: try again in "
        f"{wait_en}. The reports already sent were received.",
        retry_after_s=wait,
    )


def _span(seconds: int) -> tuple[str, str]:
    if seconds < 120:
        return f"{seconds} giây", f"{seconds} seconds"
    minutes = round(seconds / 60)
    return f"{minutes} phút", f"{minutes} minutes"
