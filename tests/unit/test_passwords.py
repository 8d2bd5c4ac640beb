"""Argon2id hashing: verify, refuse, rehash when the cost changes, never raise on a bad stored hash."""

from __future__ import annotations

from gisapp.services.passwords import Passwords

CHEAP = Passwords(time_cost=1, memory_kib=8192, parallelism=1)


def test_hash_is_argon2id_and_verifies() -> None:
    stored = CHEAP.hash("một mật khẩu dài")
    assert stored.startswith("$argon2id$")
    assert "một mật khẩu dài" not in stored
    assert CHEAP.verify(stored, "một mật khẩu dài")
    assert not CHEAP.verify(stored, "một mật khẩu khác")


def test_same_password_hashes_differently() -> None:
    assert CHEAP.hash("abcdefghijk") != CHEAP.hash("abcdefghijk")


def test_malformed_stored_hash_is_a_mismatch() -> None:
    assert not CHEAP.verify("not a hash", "abcdefghijk")
    assert not CHEAP.verify("", "abcdefghijk")
    assert CHEAP.needs_rehash("not a hash")


def test_rehash_needed_when_parameters_change() -> None:
    stronger = Passwords(time_cost=2, memory_kib=8192, parallelism=1)
    stored = CHEAP.hash("abcdefghijk")
    assert not CHEAP.needs_rehash(stored)
    assert stronger.needs_rehash(stored)
    assert stronger.verify(stored, "abcdefghijk")  # old hashes still verify after a cost change


def test_verify_nothing_spends_a_verification() -> None:
    CHEAP.verify_nothing("anything at all")  # no error, no answer
