"""Predicting how many growing areas hold every typed word, from the word index's statistics."""

from __future__ import annotations

import pytest

from gisapp.services.word_shares import WordShares


def test_common_words_multiply_their_shares() -> None:
    shares = WordShares({"lua": 0.5, "dong": 0.1, "quang": 0.2}, rows=1_000_000)
    assert shares.expected_hits(["LÚA", "Đông", "quảng"]) == pytest.approx(10_000)  # folded to look up


def test_a_word_not_listed_is_rare() -> None:
    shares = WordShares({"lua": 0.5}, rows=1_000_000)
    assert shares.expected_hits(["lua", "pha"]) == 0


def test_no_statistics_predict_nothing() -> None:
    assert WordShares().expected_hits(["lua"]) == 0
