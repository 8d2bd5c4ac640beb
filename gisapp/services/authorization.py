"""The one place that decides who may read private fields and who may write: role, then scope.

Handlers never repeat these rules; they call `require_write` or `may_read_private` and let the
errors speak (403 saying which rule refused).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gisapp.catalog import Layer
from gisapp.errors import Forbidden
from gisapp.models import AdminUnit
from gisapp.services.principal import Principal

ROLE_NAMES = {
    "admin": "quản trị / administrator",
    "agri_officer": "cán bộ nông nghiệp / agriculture officer",
    "env_officer": "cán bộ môi trường / environment officer",
    "viewer": "người xem / viewer",
}


def province_of(session: Session, commune_code: str | None) -> str | None:
    if commune_code is None:
        return None
    found = session.execute(
        select(AdminUnit.parent_code).where(
            AdminUnit.level == "commune", AdminUnit.code == commune_code, AdminUnit.valid_to.is_(None)
        )
    ).scalar()
    return str(found) if found else None


def in_scope(principal: Principal, commune_code: str | None, province_code: str | None) -> bool:
    """Admins see everything; others only their communes, or every commune of their provinces."""
    if principal.is_admin:
        return True
    if commune_code is not None and commune_code in principal.communes:
        return True
    return province_code is not None and province_code in principal.provinces


def may_read_private(session: Session, principal: Principal | None, commune_code: str | None) -> bool:
    if principal is None:
        return False
    return in_scope(principal, commune_code, province_of(session, commune_code))


def require_admin(principal: Principal) -> None:
    """Only administrators manage accounts."""
    if not principal.is_admin:
        raise Forbidden(
            "Chỉ quản trị viên (admin) được quản lý tài khoản / Only an admin may manage accounts."
        )


def require_role(principal: Principal, layer: Layer) -> None:
    """Raise Forbidden unless the caller's role may edit the layer (its file's `editing.roles`)."""
    editing = layer.config.editing
    if editing is None:
        raise Forbidden(f"Layer '{layer.id}' cannot be edited through the API.")
    if not principal.is_admin and principal.role not in editing.roles:
        allowed = ", ".join(ROLE_NAMES.get(role, role) for role in editing.roles)
        yours = ROLE_NAMES.get(principal.role, principal.role)
        raise Forbidden(
            f"Vai trò của bạn không được sửa lớp này / your role ({yours}) may not edit '{layer.id}'; "
            f"allowed: {allowed}."
        )


def require_write(session: Session, principal: Principal, layer: Layer, commune_code: str | None) -> None:
    """Raise Forbidden unless the role may edit the layer and the feature's commune is in scope."""
    require_role(principal, layer)
    province = province_of(session, commune_code)
    if not in_scope(principal, commune_code, province):
        where = f"commune {commune_code} (province {province})" if commune_code else "no commune in force"
        raise Forbidden(
            f"Ngoài phạm vi của bạn / this feature lies in {where}, outside your scope "
            f"(communes: {', '.join(sorted(principal.communes)) or '-'}; "
            f"provinces: {', '.join(sorted(principal.provinces)) or '-'})."
        )
