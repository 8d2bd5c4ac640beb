"""How common each word of the growing areas' search text is, from PostgreSQL's statistics on the word
index (ix_growing_areas_search_words), so a name search can skip that index when it cannot help.

The GIN index finds a name with one rare word in a millisecond, but for words that are all common
(`lua dong quang`: a crop and a commune) it decodes long lists (8 ms) only to find more areas than it
ranks, and the trigram index answers anyway. ANALYZE keeps the share of rows holding each common word
(`most_common_elems`); the product of the typed words' shares times the rows predicts the hits, as
PostgreSQL's own estimate does, without planning. A word missing from the list is rarer than all of
them and counts as 0: the index is tried. Stale statistics only change which index answers first.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from gisapp.services.driver_sql import DriverQuery
from gisapp.services.lookup_input import plain_word
from gisapp.services.read_pool import Reader

REFRESH_S = 600.0  # ANALYZE runs after a tenth of the table changes; a few minutes late costs nothing
SHARES_QUERY = DriverQuery(
    "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
    "FROM pg_stats AS s JOIN pg_class AS c ON c.oid = 'growing_areas'::regclass "
    "WHERE s.schemaname = current_schema() AND s.tablename = 'ix_growing_areas_search_words'",
    {},
)


@dataclass(frozen=True)
class WordShares:
    """The share of rows holding each common word (folded, as the index holds it) and the row count."""

    shares: dict[str, float] = field(default_factory=dict)
    rows: float = 0.0

    def expected_hits(self, words: Iterable[str]) -> float:
        """Rows expected to hold every word, the words taken as independent (0 when one is rare)."""
        return self.rows * math.prod(self.shares.get(plain_word(word.lower()), 0.0) for word in words)


async def read_word_shares(reader: Reader) -> WordShares:
    rows = await reader.fetch_rows(SHARES_QUERY)
    if not rows or rows[0][0] is None:
        return WordShares()  # never analysed yet: every word counts as rare
    words, frequencies, count = rows[0]
    return WordShares(dict(zip(words, map(float, frequencies), strict=False)), max(float(count), 0.0))


class WordSharesCache:
    """The statistics of one process, read again after REFRESH_S; one read at a time."""

    def __init__(self) -> None:
        self._current = WordShares()
        self._read_at = -math.inf
        self._reading = False

    async def current(self, reader: Reader) -> WordShares:
        if time.monotonic() - self._read_at >= REFRESH_S and not self._reading:
            self._reading = True
            try:
                self._current = await read_word_shares(reader)
            finally:
                self._read_at, self._reading = time.monotonic(), False
        return self._current
