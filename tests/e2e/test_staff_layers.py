"""Signing in adds the staff layers to the map and signing out takes them away, without the public
layers being built again: rebuilding them re-fetched every visible tile, a round trip each on a phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from gisapp.services import accounts
from tests.e2e.conftest import BrowserLog
from tests.e2e.live_records import LAYER_SWITCHER, committed_accounts, sign_in

pytestmark = pytest.mark.browser

OFFICER = accounts.NewAccount(
    "e2e.lopnoibo", "Lê Thị Lớp", "mật khẩu lớp nội bộ", "agri_officer", "province", ("68",)
)
PUBLIC_LAYERS = ("provinces", "communes", "growing_areas", "packing_houses", "water_works")
STAFF_LAYERS = ("growing_area_dossiers", "overlap_conflicts", "household_plots", "citizen_reports")

# The layer objects the page holds, by id; the public ones are remembered as `window.firstLayers`.
REMEMBER_LAYERS = "() => { window.firstLayers = { ...window.gisapp.layers }; }"
SAME_LAYERS = "(ids) => ids.filter((id) => window.gisapp.layers[id] === window.firstLayers[id])"
ON_MAP = "() => Object.keys(gisapp.layers).filter((id) => gisapp.map.hasLayer(gisapp.layers[id]))"
DRAWING_ORDER = "() => window.gisapp.app.overlays.map(({ layer }) => layer.options.zIndex)"


@pytest.fixture
def officer(live_engine: Engine) -> Iterator[None]:
    with committed_accounts(live_engine, OFFICER):
        yield


def tile_requests(log: BrowserLog, since: int, layers: tuple[str, ...]) -> list[str]:
    paths = tuple(f"/collections/{layer}/tiles/" for layer in layers)
    return [url for url in log.requests[since:] if any(path in url for path in paths)]


def test_sign_in_and_out_keep_the_public_layers_and_their_tiles(
    map_page: Page, browser_log: BrowserLog, live_server: str, officer: None
) -> None:
    map_page.goto(f"{live_server}/")
    map_page.wait_for_selector("body[data-state=ready]")
    map_page.evaluate("window.gisapp.session")
    # the demo province at zoom 10, where the dossiers (minzoom 10) draw too
    map_page.evaluate("window.gisapp.map.setView(window.gisapp.map.getCenter(), 10, {animate: false})")
    map_page.wait_for_load_state("networkidle")
    assert tile_requests(browser_log, 0, ("growing_areas", "communes")), "the map drew no public tiles"
    map_page.evaluate(REMEMBER_LAYERS)
    before_sign_in = len(browser_log.requests)

    sign_in(map_page, OFFICER)
    map_page.wait_for_function("() => 'overlap_conflicts' in window.gisapp.layers")
    map_page.wait_for_load_state("networkidle")
    assert map_page.evaluate(SAME_LAYERS, list(PUBLIC_LAYERS)) == list(PUBLIC_LAYERS)
    assert tile_requests(browser_log, before_sign_in, PUBLIC_LAYERS) == []
    assert tile_requests(browser_log, before_sign_in, ("growing_area_dossiers",)), "staff layer not drawn"
    order = map_page.evaluate(DRAWING_ORDER)
    assert order == sorted(set(order)), "layers out of the catalog's drawing order"
    hidden_before = {"pollution_sources", "water_work_service_areas", "pollution_buffers"}
    assert hidden_before.isdisjoint(map_page.evaluate(ON_MAP)), "a hidden layer came back on sign-in"

    map_page.locator(".gisapp-auth-toggle").click()
    map_page.locator(".gisapp-signout").click()
    expect(map_page.locator(".gisapp-auth-toggle")).to_have_text("Đăng nhập")
    map_page.wait_for_function("() => !('overlap_conflicts' in window.gisapp.layers)")
    expect(map_page.locator(LAYER_SWITCHER, has_text="Hồ sơ đang xử lý")).to_have_count(0)
    on_map = map_page.evaluate(ON_MAP)
    assert not set(STAFF_LAYERS) & set(on_map)
    assert map_page.evaluate(SAME_LAYERS, list(PUBLIC_LAYERS)) == list(PUBLIC_LAYERS)
    staff_drawn = map_page.locator(".gisapp-layer-growing_area_dossiers, .gisapp-layer-overlap_conflicts")
    expect(staff_drawn).to_have_count(0)
    assert browser_log.errors == []
