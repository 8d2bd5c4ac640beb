"""The Leaflet map (`index.html` at `/`), the account admin page (`/admin`) and the files under
`/static` and `/assets/<build>` (api/static_assets.py says why two)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response

from gisapp.api.static_assets import (
    REVALIDATE,
    STAMPED_MOUNT,
    RevalidatedFiles,
    StampedFiles,
    build_stamp,
    stamped_page,
)
from gisapp.services.entity_tags import ANY, entity_tags


def mount_web(app: FastAPI, static_dir: Path) -> None:
    build = build_stamp(static_dir)
    index = _page(static_dir / "index.html", build, "index")
    admin = _page(static_dir / "admin.html", build, "admin")

    @app.get("/", include_in_schema=False)
    def map_page(request: Request) -> Response:
        return index.answer(request)

    @app.get("/admin", include_in_schema=False)
    def admin_page(request: Request) -> Response:
        """The page itself is public; its data comes from the admin API, which checks the caller."""
        return admin.answer(request)

    app.mount(STAMPED_MOUNT, StampedFiles(static_dir, build), name="assets")
    app.mount("/static", RevalidatedFiles(directory=static_dir), name="static")


class _Page:
    """One HTML page, its asset URLs stamped once at start-up; revalidated at each visit (ETag)."""

    def __init__(self, body: bytes, etag: str) -> None:
        self.body, self.etag = body, etag

    def answer(self, request: Request) -> Response:
        headers = {"Cache-Control": REVALIDATE, "ETag": self.etag}
        sent = entity_tags(request.headers.get("if-none-match"))
        if self.etag in sent or sent == [ANY]:
            return Response(status_code=304, headers=headers)
        return Response(self.body, media_type="text/html", headers=headers)


def _page(path: Path, build: str, name: str) -> _Page:
    return _Page(stamped_page(path, build), f'"{name}-{build}"')
