"""Predicting how many growing areas hold every typed word, from the word index's statistics."""

from __future__ import annotations

import pytest

from gisapp.services.word_shares import WordShares, folded


def test_words_are_folded_as_the_index_holds_them() -> None:
    assert folded("Đông") == "dong"
    assert folded("Quảng") == "quang"
    assert folded("LÚA") == "lua"


def test_common_words_multiply_their_shares() -> None:
    shares = WordShares({"lua": 0.5, "dong": 0.1, "quang": 0.2}, rows=1_000_000)
    assert shares.expected_hits(["lúa", "Đông", "quảng"]) == pytest.approx(10_000)


def test_a_word_not_listed_is_rare() -> None:
    shares = WordShares({"lua": 0.5}, rows=1_000_000)
    assert shares.expected_hits(["lua", "pha"]) == 0


def test_no_statistics_predict_nothing() -> None:
    assert WordShares().expected_hits(["lua"]) == 0
