"""The access table lists exactly the app's routes, and the README shows the same table."""

from __future__ import annotations

from gisapp.api.access import ACCESS, render_markdown
from gisapp.app import create_app
from gisapp.settings import PROJECT_ROOT, Settings


def test_every_route_is_in_the_access_table_and_nothing_else() -> None:
    app = create_app(Settings(database_url="postgresql://unused/unused"))
    schema_routes = {
        (method.upper(), path) for path, operations in app.openapi()["paths"].items() for method in operations
    }
    page_routes = {("GET", "/"), ("GET", "/admin")}
    listed = {(a.method, a.path) for a in ACCESS}
    assert listed == schema_routes | page_routes


def test_readme_carries_the_table() -> None:
    assert render_markdown() in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), (
        "README.md's access table is stale: paste `python -m gisapp.api.access` into it"
    )
