"""Driver SQL turned into PostgreSQL's own form for direct reads."""

from __future__ import annotations

import pytest

from gisapp.services.direct_reads import native_statement


def test_placeholders_are_numbered_once_per_name_and_percent_signs_unescaped() -> None:
    statement = native_statement(
        "SELECT %(a)s + %(b)s * %(a)s, 'x' LIKE 'y%%', %(c)s::INTEGER WHERE %(b)s > 0"
    )
    assert statement.sql == b"SELECT $1 + $2 * $1, 'x' LIKE 'y%', $3::INTEGER WHERE $2 > 0"
    assert statement.names == ("a", "b", "c")


@pytest.mark.parametrize("sql", ["SELECT %s", "SELECT %(a)b", "SELECT 'y%'"])
def test_other_placeholders_are_refused_with_their_place(sql: str) -> None:
    with pytest.raises(ValueError, match=r"unsupported placeholder at character \d+: use %\(name\)s or %%"):
        native_statement(sql)
