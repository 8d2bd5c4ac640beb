"""Raw SQL lives in `.sql` files next to the module that runs it, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources

from sqlalchemy import TextClause, text


@cache
def load_sql(package: str, name: str) -> TextClause:
    """The statement in `<package>/sql/<name>.sql`, with `:name` bound parameters."""
    source = resources.files(package).joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")
    return text(source)
