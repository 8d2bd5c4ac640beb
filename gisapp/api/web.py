"""The Leaflet map (`index.html` at `/`), the account admin page (`/admin`) and the files under `/static`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles


def mount_web(app: FastAPI, static_dir: Path) -> None:
    index = static_dir / "index.html"

    @app.get("/", include_in_schema=False)
    def map_page() -> FileResponse:
        return FileResponse(index, media_type="text/html", headers={"Cache-Control": "no-cache"})

    admin = static_dir / "admin.html"

    @app.get("/admin", include_in_schema=False)
    def admin_page() -> FileResponse:
        """The page itself is public; its data comes from the admin API, which checks the caller."""
        return FileResponse(admin, media_type="text/html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=static_dir), name="static")
