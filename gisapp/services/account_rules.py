"""What a valid account looks like: username, display name, password and role/level/scope rules.

Every message names the field and says what to do, in Vietnamese then English, because the admin
page and the command line show them as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from gisapp.errors import InvalidParameter
from gisapp.models.user import LEVELS, ROLES
from gisapp.services import admin_units

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
MAX_DISPLAY_NAME = 200
OFFICER_ROLES = ("agri_officer", "env_officer")
PROVINCE_CODE = re.compile(r"^[0-9]{2}$")
COMMUNE_CODE = re.compile(r"^[0-9]{5}$")


@dataclass(frozen=True)
class Scope:
    """Role, level and units in force that an account works over."""

    role: str
    level: str | None
    provinces: tuple[str, ...]
    communes: tuple[str, ...]


def username(raw: str) -> str:
    """The stored form (trimmed, lower case) of a username, or a 400 that says the rule."""
    value = raw.strip().lower()
    if not USERNAME.fullmatch(value):
        raise InvalidParameter(
            "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang, "
            "bắt đầu bằng chữ hoặc số / Username: 3-64 characters a-z, 0-9, '.', '_' or '-', "
            "starting with a letter or digit.",
            parameter="username",
        )
    return value


def looks_like_username(raw: str) -> bool:
    """Whether sign-in should look this name up at all (anything else is simply unknown)."""
    return len(raw) <= 64 and USERNAME.fullmatch(raw.strip().lower()) is not None


def display_name(raw: str) -> str:
    value = " ".join(raw.split())
    if not value or len(value) > MAX_DISPLAY_NAME or _has_control_characters(value):
        raise InvalidParameter(
            f"Tên hiển thị cần 1–{MAX_DISPLAY_NAME} ký tự, không có ký tự điều khiển / "
            f"Display name: 1-{MAX_DISPLAY_NAME} printable characters.",
            parameter="display_name",
        )
    return value


def password(raw: str) -> str:
    if len(raw) < MIN_PASSWORD or len(raw) > MAX_PASSWORD:
        raise InvalidParameter(
            f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự (tối đa {MAX_PASSWORD}) / "
            f"Password: at least {MIN_PASSWORD} characters (at most {MAX_PASSWORD}).",
            parameter="password",
        )
    return raw


def scope(
    session: Session, role: str, level: str | None, provinces: Iterable[str], communes: Iterable[str]
) -> Scope:
    """Check a role with its level and units; officers need a level and at least one unit."""
    if role not in ROLES:
        raise InvalidParameter(
            f"Vai trò không hợp lệ; chọn một trong {', '.join(ROLES)} / Unknown role; use one of "
            f"{', '.join(ROLES)}.",
            parameter="role",
        )
    if level is not None and level not in LEVELS:
        raise InvalidParameter(
            "Cấp phải là 'commune' (xã) hoặc 'province' (tỉnh) / Level must be 'commune' or 'province'.",
            parameter="level",
        )
    province_codes = _codes(provinces, PROVINCE_CODE, "province")
    commune_codes = _codes(communes, COMMUNE_CODE, "commune")
    if role in OFFICER_ROLES:
        _check_officer(level, province_codes, commune_codes)
    _check_in_force(session, "province", province_codes)
    _check_in_force(session, "commune", commune_codes)
    return Scope(role, level, province_codes, commune_codes)


def _check_officer(level: str | None, provinces: tuple[str, ...], communes: tuple[str, ...]) -> None:
    if level is None:
        raise InvalidParameter(
            "Cán bộ cần có cấp: xã (commune) hoặc tỉnh (province) / An officer needs a level: "
            "'commune' or 'province'.",
            parameter="level",
        )
    if not provinces and not communes:
        raise InvalidParameter(
            "Cán bộ cần phạm vi: ít nhất một tỉnh hoặc một xã / An officer needs a scope: at least "
            "one province or commune.",
            parameter="provinces",
        )


def _codes(values: Iterable[str], pattern: re.Pattern[str], level: str) -> tuple[str, ...]:
    codes = sorted({value.strip() for value in values})
    bad = [code for code in codes if not pattern.fullmatch(code)]
    if bad:
        digits = 2 if level == "province" else 5
        raise InvalidParameter(
            f"Mã {_LEVEL_VI[level]} gồm {digits} chữ số: {', '.join(bad[:5])} không hợp lệ / "
            f"A {level} code has {digits} digits: {', '.join(bad[:5])} is not one.",
            parameter=f"{level}s",
        )
    return tuple(codes)


def _check_in_force(session: Session, level: str, codes: tuple[str, ...]) -> None:
    found = admin_units.find_units(session, level, codes)
    missing = [code for code in codes if code not in found]
    if missing:
        raise InvalidParameter(
            f"Không có {_LEVEL_VI[level]} nào mã {', '.join(missing[:5])} trong danh mục 2025 / "
            f"No {level} with code {', '.join(missing[:5])} among the 2025 units.",
            parameter=f"{level}s",
        )


_LEVEL_VI = {"province": "tỉnh", "commune": "xã"}


def _has_control_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value)
