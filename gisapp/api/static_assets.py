"""How browsers keep the map's own files: for a year under a path that names this build, and never
past a change.

Without a Cache-Control header a browser guesses how long a file stays fresh (a tenth of its age),
so after an upgrade a phone could run last month's modules against today's API and pages. The map
and admin pages name their files under `/assets/<build>/`, where `<build>` is a digest of every file
in static/: such a URL always holds the same bytes, so a browser keeps it a year and asks nothing on
the next visit, and an upgrade changes `<build>` and with it every URL. Relative imports and
stylesheet URLs resolve inside the same path, so the modules need not know. `/static/` stays for
anything else (the verification page, tests, bookmarks) and is revalidated by its ETag at each use.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_PREFIX = "/static/"
STAMPED_MOUNT = "/assets/{build}"
KEEP_A_YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def build_stamp(static_dir: Path) -> str:
    """A digest of every file's path and bytes (1.2 MB: a few milliseconds at start-up)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(static_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stamped_page(page: Path, build: str) -> bytes:
    """The page with every `"/static/…"` it names moved under this build's path."""
    text = page.read_text(encoding="utf-8")
    return text.replace(f'"{STATIC_PREFIX}', f'"/assets/{build}/').encode()


class RevalidatedFiles(StaticFiles):
    """static/ at `/static`: kept by browsers, but asked about (a 304 while unchanged) at each use."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers["Cache-Control"] = REVALIDATE
        return response


class StampedFiles(StaticFiles):
    """static/ at `/assets/<build>`. A page loaded before an upgrade may still ask for a file under
    the old build: it gets today's file, revalidated at each use rather than kept a year."""

    def __init__(self, directory: Path, build: str) -> None:
        super().__init__(directory=directory)
        self.build = build

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        current = scope.get("path_params", {}).get("build") == self.build
        response.headers["Cache-Control"] = KEEP_A_YEAR if current else REVALIDATE
        return response
