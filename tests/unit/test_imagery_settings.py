"""The imagery basemap settings: off by default, and a setting that would draw nothing refused at start."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gisapp.api.map_layers import basemaps
from gisapp.settings import Settings


def test_no_imagery_unless_configured() -> None:
    assert [b.id for b in basemaps(Settings(environment="test"))] == ["osm"]
    assert basemaps(Settings(environment="test", osm_basemap_url="")) == []


def test_xyz_imagery_is_offered_after_openstreetmap() -> None:
    settings = Settings(
        environment="test",
        imagery_url="https://imagery.example/{z}/{x}/{y}.jpg",
        imagery_attribution="Ảnh: Sở Nông nghiệp và Môi trường",
        imagery_max_zoom=20,
    )
    osm, imagery = basemaps(settings)
    assert osm.id == "osm"
    assert imagery.model_dump() == {
        "id": "imagery",
        "title": {"vi": "Ảnh vệ tinh, ảnh bay chụp", "en": "Satellite and aerial imagery"},
        "url": "https://imagery.example/{z}/{x}/{y}.jpg",
        "attribution": "Ảnh: Sở Nông nghiệp và Môi trường",
        "max_zoom": 20,
        "kind": "xyz",
        "wms_layers": None,
        "wms_format": None,
    }


def test_wms_imagery_names_its_layers_and_format() -> None:
    settings = Settings(
        environment="test",
        imagery_url="/wms",
        imagery_kind="wms",
        imagery_wms_layers=" orthophoto_2024 ",
        imagery_wms_format="image/png",
    )
    imagery = basemaps(settings)[-1]
    assert (imagery.kind, imagery.wms_layers, imagery.wms_format) == ("wms", "orthophoto_2024", "image/png")


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"imagery_url": "imagery.example/{z}/{x}/{y}.jpg"}, "must start with https://"),
        ({"imagery_url": "https://imagery.example/tiles/{z}.jpg"}, "lacks {x}, {y}"),
        ({"imagery_url": "https://imagery.example/wms", "imagery_kind": "wms"}, "needs imagery_wms_layers"),
        ({"imagery_url": "https://x/{z}/{x}/{y}", "imagery_kind": "tms"}, "imagery_kind"),
        (
            {
                "imagery_url": "https://x/wms",
                "imagery_kind": "wms",
                "imagery_wms_layers": "a",
                "imagery_wms_format": "jpeg",
            },
            "imagery_wms_format",
        ),
    ],
)
def test_imagery_that_would_draw_nothing_is_refused(options: dict[str, str], words: str) -> None:
    with pytest.raises(ValidationError, match=words.replace("{", r"\{").replace("}", r"\}")):
        Settings(environment="test", **options)  # type: ignore[arg-type]
