"""A signed-in agriculture officer for the overlap-check case, made the way an admin makes one.

The account (`bench.officer`, province level, every province) is created in the benchmark database
through the accounts service, or given a new random password when it exists; the token comes from
`POST /api/auth/token` on the server under test, as any API client gets one.
"""

from __future__ import annotations

import secrets

import httpx
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from bench.dataset import BenchDatabase
from gisapp.db import make_session_factory, session_scope
from gisapp.models import AdminUnit
from gisapp.services import accounts
from gisapp.services.passwords import Passwords
from gisapp.settings import Settings

USERNAME = "bench.officer"


def officer_password(database: BenchDatabase, settings: Settings) -> str:
    """Create or reset the benchmark officer; returns its new password (never stored anywhere)."""
    password = secrets.token_urlsafe(18)
    passwords = Passwords.for_settings(settings)
    engine = create_engine(database.url, poolclass=NullPool)
    try:
        with session_scope(make_session_factory(engine)) as session:
            existing = accounts.find_by_username(session, USERNAME)
            if existing is not None:
                accounts.set_password(session, existing, password, passwords)
                return password
            provinces = session.scalars(
                select(AdminUnit.code).where(AdminUnit.level == "province", AdminUnit.valid_to.is_(None))
            ).all()
            new = accounts.NewAccount(
                USERNAME,
                "Cán bộ đo hiệu năng (benchmark)",
                password,
                "agri_officer",
                level="province",
                provinces=list(provinces),
            )
            accounts.create_account(session, new, passwords)
    finally:
        engine.dispose()
    return password


def bearer_header(base_url: str, password: str) -> dict[str, str]:
    """`Authorization: Bearer …` from the server's own token endpoint."""
    response = httpx.post(
        f"{base_url}/api/auth/token", data={"username": USERNAME, "password": password}, timeout=60
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
