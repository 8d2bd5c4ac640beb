"""One demo account per role, over the demo provinces, with random passwords shown once."""

from __future__ import annotations

import secrets
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gisapp.models import AdminUnit, GrowingArea
from gisapp.services import accounts
from gisapp.services.passwords import Passwords

LAM_DONG = "68"
DA_NANG = "48"


def demo_commune(session: Session) -> tuple[str, str]:
    """Code and name ("xã Lạc Dương") of the Lâm Đồng commune with the most demo growing areas."""
    busiest = (
        select(AdminUnit.code, AdminUnit.name, AdminUnit.unit_type)
        .join(GrowingArea, GrowingArea.commune_code == AdminUnit.code, isouter=True)
        .where(AdminUnit.level == "commune", AdminUnit.parent_code == LAM_DONG, AdminUnit.valid_to.is_(None))
        .group_by(AdminUnit.code, AdminUnit.name, AdminUnit.unit_type)
        .order_by(func.count(GrowingArea.id).desc(), AdminUnit.code)
        .limit(1)
    )
    row = session.execute(busiest).first()
    if row is None:
        raise LookupError("Lâm Đồng's communes are not loaded; load the administrative units first")
    return row.code, f"{row.unit_type.lower()} {row.name}"


def demo_accounts(session: Session) -> list[accounts.NewAccount]:
    """The demo accounts, without passwords (those are drawn when an account is created)."""
    commune, commune_name = demo_commune(session)
    return [
        accounts.NewAccount("admin", "Quản trị hệ thống (demo)", "", "admin"),
        accounts.NewAccount(
            "nongnghiep.tinh", "Cán bộ nông nghiệp tỉnh Lâm Đồng (demo)", "", "agri_officer",
            "province", (LAM_DONG,),
        ),
        accounts.NewAccount(
            "nongnghiep.xa", f"Cán bộ nông nghiệp {commune_name} (demo)", "", "agri_officer",
            "commune", (), (commune,),
        ),
        accounts.NewAccount(
            "moitruong.tinh", "Cán bộ môi trường TP Đà Nẵng (demo)", "", "env_officer", "province", (DA_NANG,)
        ),
        accounts.NewAccount("nguoixem", "Người xem — Lâm Đồng (demo)", "", "viewer", None, (LAM_DONG,)),
    ]  # fmt: skip


def missing_demo_accounts(session: Session) -> list[accounts.NewAccount]:
    return [new for new in demo_accounts(session) if accounts.find_by_username(session, new.username) is None]


def create_missing(session: Session, passwords: Passwords) -> list[tuple[accounts.NewAccount, str]]:
    """Create the demo accounts that do not exist yet; return them with their new passwords."""
    created = []
    for new in missing_demo_accounts(session):
        password = secrets.token_urlsafe(12)
        accounts.create_account(session, replace(new, password=password), passwords)
        created.append((new, password))
    return created
