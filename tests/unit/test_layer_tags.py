"""Which layer version a client's If-None-Match names (services/layer_versions.py): tags of both
codings understood, anything else ignored rather than trusted or crashed on."""

from __future__ import annotations

import pytest

from gisapp.catalog import Layer, load_catalog
from gisapp.services.layer_versions import KnownTag, known_tag, layer_etag
from gisapp.settings import Settings


@pytest.fixture(scope="module")
def layer() -> Layer:
    found = load_catalog(Settings().layers_dir).find("growing_areas")
    assert found is not None
    return found


def test_each_coding_has_its_own_tag_and_both_are_understood(layer: Layer) -> None:
    plain, packed = layer_etag(layer, 41), layer_etag(layer, 41, gzip=True)
    assert plain != packed and packed == plain[:-1] + '-gzip"'
    assert known_tag(layer, plain) == KnownTag(41, gzip=False)
    assert known_tag(layer, packed) == KnownTag(41, gzip=True)
    assert known_tag(layer, f'"other", W/{packed}') == KnownTag(41, gzip=True)


@pytest.mark.parametrize(
    "suffix",
    [
        "²",  # a digit to str.isdigit, not to int()
        "9" * 5000,  # more digits than int() converts, and no bigint anyway
        "9" * 19,  # above the largest bigint
        "-1",
        "",
        "-gzip",
        "41-gzip-gzip",
        "41-br",
    ],
)
def test_hostile_or_foreign_tags_name_no_version(layer: Layer, suffix: str) -> None:
    tag = layer_etag(layer, 0)[: -len('0"')] + suffix + '"'
    assert known_tag(layer, tag) is None


def test_another_layers_tag_names_no_version(layer: Layer) -> None:
    assert known_tag(layer, '"communes-abc-41"') is None
    assert known_tag(layer, None) is None


def test_a_star_names_any_version(layer: Layer) -> None:
    """RFC 9110 13.1.2: `If-None-Match: *` matches whatever the server holds now."""
    assert known_tag(layer, " * ") == KnownTag(None, gzip=False)
    assert known_tag(layer, '*, "communes-abc-41"') is None  # `*` stands alone or not at all
