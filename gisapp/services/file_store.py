"""Files kept outside the database, placed atomically and removed again if their transaction fails.

A file is written under a temporary name, flushed to disk and renamed into place (a rename within
one folder tree is atomic), under a random name: never a name the uploader chose. Each placed file
is remembered on the SQLAlchemy session; if the transaction that was to reference it rolls back,
or ends without committing, the file is removed, so the folder never holds files the database
does not know.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from gisapp.errors import NotFound

_PENDING = "gisapp.placed_files"  # session.info key: [(transaction, path)] not yet committed


class FileStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def incoming(self) -> Path:
        """Where uploads stream to before they are placed (same file system, so renames are atomic)."""
        return self.folder / "tmp"

    def path(self, relative: str) -> Path:
        """The absolute path of a stored file; names from the database never leave the folder."""
        root = self.folder.resolve()
        found = (root / relative).resolve()
        if root not in found.parents or not found.is_file():
            raise NotFound("Tệp không còn trong kho lưu trữ / the stored file is missing.")
        return found

    def place(self, session: Session, source: Path, extension: str) -> str:
        """Move `source` (a temporary file of this store) into place; returns its relative path."""
        name = secrets.token_hex(16)
        relative = f"{name[:2]}/{name}{extension}"
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb+") as handle:
            os.fsync(handle.fileno())
        _remember(session, target)
        os.replace(source, target)
        _sync_folder(target.parent)
        return relative

    def write(self, session: Session, data: bytes, extension: str) -> str:
        """Store `data` (e.g. a photo's public copy) the same way."""
        self.incoming.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=self.incoming, prefix="copy-", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            return self.place(session, Path(name), extension)
        finally:
            Path(name).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remember(session: Session, path: Path) -> None:
    if not event.contains(session, "after_commit", _committed):
        event.listen(session, "after_commit", _committed)
        event.listen(session, "after_soft_rollback", _rolled_back)
        event.listen(session, "after_transaction_end", _ended)
    session.connection()  # begins the transaction if nothing has yet, so its end is seen
    current = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_PENDING, []).append((current, path))


def _committed(session: Session) -> None:
    """The outermost transaction committed: the files are now the database's."""
    session.info.pop(_PENDING, None)


def _lineage(transaction: SessionTransaction | None) -> list[SessionTransaction]:
    chain = []
    while transaction is not None:
        chain.append(transaction)
        transaction = transaction.parent
    return chain


def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    """A rollback of the transaction a file was placed in (or of one enclosing it) removes the file."""
    pending = session.info.get(_PENDING, [])
    keep = []
    for placed_in, path in pending:
        if previous in _lineage(placed_in):
            path.unlink(missing_ok=True)
        else:
            keep.append((placed_in, path))
    session.info[_PENDING] = keep


def _ended(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction ended without a commit (closed): nothing refers to the files."""
    if transaction.parent is None:
        for _, path in session.info.pop(_PENDING, []):
            path.unlink(missing_ok=True)
