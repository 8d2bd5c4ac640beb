"""What an import writes to: the one thing that differs between importing water-quality tests and
pollution-source samples. The reader, the column layout, the row checks and the preview/commit flow
are shared; a target says how a row names its record, which sampling points it takes, which rulebook
judges it and how one sample is stored through the service that stores single entries.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from gisapp.services.env_vocabulary import Vocabulary
from gisapp.services.judging import Rulebook
from gisapp.services.principal import Principal
from gisapp.services.water_samples import Sample


@dataclass(frozen=True)
class Entry:
    """One checked sample on its way to the store, with what storing it needs."""

    session: Session
    vocabulary: Vocabulary
    principal: Principal
    record: Any
    sample: Sample
    import_id: int | None
    book: Rulebook


class Target(ABC):
    """A kind of record samples are imported for (a water-supply work, a pollution source)."""

    column: str  # the column naming the record, e.g. water_work
    aliases: tuple[str, ...]  # the headers it goes by, English or Vietnamese
    header_hint: str  # Vietnamese headers to suggest when columns are missing
    ids_key: str  # the key of the stored ids in a commit's answer

    @abstractmethod
    def find(self, session: Session, principal: Principal, text: str) -> tuple[Any | None, str | None]:
        """The record a cell names (before the scope check), or why there is none."""

    @abstractmethod
    def point(self, raw: Any) -> tuple[str | None, str | None]:
        """The sampling point of a cell, or what is wrong with it."""

    @abstractmethod
    def regulation(self, record: Any) -> tuple[str, str | None]:
        """The regulation judging the record's samples and its column (None: no columns)."""

    @abstractmethod
    def label(self, record: Any) -> str:
        """The record in a sentence: "work CN-1", "source 12"."""

    @abstractmethod
    def describe(self, record: Any) -> dict[str, Any]:
        """How a planned sample names its record in the preview."""

    @abstractmethod
    def already_stored(self, session: Session, record: Any, sample: Sample) -> int | None:
        """The id of the same sample stored earlier, if any."""

    @abstractmethod
    def store(self, entry: Entry) -> dict[str, Any]:
        """Store one checked sample as a single entry would be, answering it judged."""

    def open_import(
        self, session: Session, principal: Principal, filename: str, data: bytes, rows: int, count: int
    ) -> int | None:
        """A record of the import the samples point to, when the target keeps one."""
        return None

    def close_import(
        self, session: Session, principal: Principal, import_id: int | None, summary: dict[str, Any]
    ) -> None:
        """Audit the import as a whole, when the samples are not audited one by one."""
        return None
