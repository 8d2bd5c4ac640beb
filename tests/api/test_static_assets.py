"""The map's files: kept a year under the build's path, revalidated under /static, and a new build
(any changed file) means new URLs."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from gisapp.api.static_assets import KEEP_A_YEAR, REVALIDATE, build_stamp, stamped_page

ASSET = re.compile(r'(?:src|href)="(/[^"]+)"')


def test_the_map_page_names_every_file_under_the_builds_path(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["cache-control"] == REVALIDATE
    urls = ASSET.findall(page.text)
    assert urls and all(url.startswith("/assets/") for url in urls), urls
    build = urls[0].split("/")[2]
    assert all(url.split("/")[2] == build for url in urls)
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert answer.headers["cache-control"] == KEEP_A_YEAR
    admin = client.get("/admin")
    assert all(url.startswith(f"/assets/{build}/") for url in ASSET.findall(admin.text))


def test_the_page_revalidates_by_its_etag(client: TestClient) -> None:
    etag = client.get("/").headers["etag"]
    again = client.get("/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag
    assert client.get("/", headers={"If-None-Match": '"index-older"'}).status_code == 200


def test_static_and_an_older_builds_path_are_revalidated(client: TestClient) -> None:
    main = client.get("/static/js/main.js")
    assert main.status_code == 200 and main.headers["cache-control"] == REVALIDATE
    stale = client.get("/assets/0123456789abcdef/js/main.js")  # a page loaded before an upgrade
    assert stale.status_code == 200 and stale.headers["cache-control"] == REVALIDATE
    assert stale.content == main.content
    assert client.get("/assets/0123456789abcdef/js/no_such_module.js").status_code == 404


def test_any_changed_file_changes_the_build(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    module = tmp_path / "js" / "main.js"
    module.write_text("export const a = 1;\n", encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<script type="module" src="/static/js/main.js"></script>', encoding="utf-8")
    first = build_stamp(tmp_path)
    assert build_stamp(tmp_path) == first
    module.write_text("export const a = 2;\n", encoding="utf-8")
    second = build_stamp(tmp_path)
    assert second != first
    assert (
        stamped_page(page, second)
        == f'<script type="module" src="/assets/{second}/js/main.js"></script>'.encode()
    )
