"""Argon2id password hashing through argon2-cffi, with this deployment's cost parameters.

Hashes carry their own parameters, so raising the cost later still verifies old hashes and
`needs_rehash` tells sign-in to store a new one.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from gisapp.settings import Settings


class Passwords:
    """Hash and verify passwords; one instance per cost setting (see `for_settings`)."""

    def __init__(self, *, time_cost: int, memory_kib: int, parallelism: int) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)
        # A hash nobody knows the password of: unknown usernames verify against it, so that
        # answering "no such user" costs as long as a wrong password does.
        self._dummy = self._hasher.hash(secrets.token_urlsafe(24))

    @staticmethod
    def for_settings(settings: Settings) -> Passwords:
        return _passwords(
            settings.password_time_cost, settings.password_memory_kib, settings.password_parallelism
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        """True when the password matches; a malformed stored hash is a mismatch, not an error."""
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def verify_nothing(self, password: str) -> None:
        """Spend the time of one verification (for unknown users) and learn nothing."""
        self.verify(self._dummy, password)

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True


@cache
def _passwords(time_cost: int, memory_kib: int, parallelism: int) -> Passwords:
    """One instance per parameter set, so its dummy hash is computed once per process."""
    return Passwords(time_cost=time_cost, memory_kib=memory_kib, parallelism=parallelism)
