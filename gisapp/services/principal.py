"""Who is calling: the signed-in user as the services see it (never an ORM object)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    role: str  # admin, agri_officer, env_officer, viewer
    level: str | None  # commune or province, for officers
    provinces: frozenset[str]
    communes: frozenset[str]
    via: Literal["cookie", "bearer"]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"
