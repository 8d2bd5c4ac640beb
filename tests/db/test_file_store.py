"""Stored files follow their transaction: kept when it commits, removed when it rolls back or ends
without a commit, so the folder never holds files the database does not know."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from gisapp.services import attachments
from gisapp.services.file_store import FileStore
from gisapp.services.uploads import ReceivedFile
from tests.records import callers, draft_area
from tests.registry import LAYER

PDF = b"%PDF-1.4\n%%EOF\n"


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.parent.name != "tmp")


def incoming(store: FileStore, data: bytes = PDF) -> Path:
    store.incoming.mkdir(parents=True, exist_ok=True)
    path = store.incoming / f"upload-{hashlib.sha256(data).hexdigest()[:8]}.part"
    path.write_bytes(data)
    return path


def test_an_attachment_written_in_a_transaction_that_then_fails_leaves_no_file(
    session: Session, tmp_path: Path
) -> None:
    store = FileStore(tmp_path)
    officer = callers(session).officer_principal
    area = draft_area(session, officer)
    received = ReceivedFile(
        incoming(store), "kết quả.pdf", len(PDF), hashlib.sha256(PDF).hexdigest(), PDF[:32]
    )
    form = attachments.AttachmentForm(kind="lab_report")
    placed: list[dict[str, object]] = []

    def then_fail() -> None:
        with session.begin_nested():
            placed.append(attachments.create(session, LAYER, store, officer, area, form, received))
            assert len(files(tmp_path)) == 1
            raise RuntimeError("a later step of the same request failed")

    with pytest.raises(RuntimeError):
        then_fail()
    assert placed[0]["sha256"] == received.sha256
    assert files(tmp_path) == []
    assert (
        session.execute(
            text("SELECT count(*) FROM attachments WHERE growing_area_id = :a"), {"a": area}
        ).scalar()
        == 0
    )


def inner_fails(store: FileStore, session: Session) -> None:
    with session.begin_nested():
        store.write(session, b"inner", ".pdf")
        raise RuntimeError("undo the inner part")


def test_a_rolled_back_savepoint_removes_only_its_own_files(session: Session, tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    with session.begin_nested():
        kept = store.write(session, b"outer", ".pdf")
        with pytest.raises(RuntimeError):
            inner_fails(store, session)
    assert [p.read_bytes() for p in files(tmp_path)] == [b"outer"]
    assert store.path(kept).read_bytes() == b"outer"


def test_commit_keeps_the_files_and_an_uncommitted_end_removes_them(
    connection: Connection, tmp_path: Path
) -> None:
    store = FileStore(tmp_path)
    with Session(bind=connection, join_transaction_mode="create_savepoint") as committed:
        store.place(committed, incoming(store, b"%PDF-kept"), ".pdf")
        committed.commit()
    with Session(bind=connection, join_transaction_mode="create_savepoint") as abandoned:
        store.place(abandoned, incoming(store, b"%PDF-dropped"), ".pdf")
    assert [p.read_bytes() for p in files(tmp_path)] == [b"%PDF-kept"]


def test_stored_names_never_leave_the_folder(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "attachments")
    (tmp_path / "secret.txt").write_text("x")
    with pytest.raises(Exception, match="missing"):
        store.path("../secret.txt")
