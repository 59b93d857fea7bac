"""The window with damaged annotations and a second instance: told plainly, nothing lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader import backup
from reader.annotations import AnnotationStore
from reader.paths import LibraryPaths
from tests.ui.test_window import open_window

TEXT = "The minister said “we will cut taxes by 3% next year” 🎉 to loud applause on Tuesday."


def test_damaged_annotations_are_set_aside_and_the_backup_offered(
    qtbot: QtBot, where: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = where.annotations_db
    with AnnotationStore(db) as store:
        store.create(1, "urn:uuid:a", TEXT, 0, 12, note="kept")
    backup.daily_backup(db, date(2026, 1, 1))
    db.write_bytes(b"garbage" * 1000)
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = open_window(qtbot, where)
    qtbot.waitUntil(lambda: window.annotations.store is not None, timeout=10_000)
    (text,) = asked
    assert "damaged" in text and "Restore the backup of 01 January 2026 (1 annotation)" in text
    assert window.annotations.store is not None and [
        a.note for a in window.annotations.store.find()
    ] == ["kept"]
    (aside,) = (
        p
        for p in Path(db.parent).glob("annotations.sqlite3.damaged-*")
        if p.suffix != ".sqlite3" and not p.name.endswith(("-wal", "-shm"))
    )
    assert aside.read_bytes() == b"garbage" * 1000  # the damaged file, untouched


def test_a_second_window_on_the_same_library_is_refused_plainly(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    from reader.ui.app import InstanceLock

    first = InstanceLock(where)
    assert first.acquire() is None
    second = InstanceLock(where)
    message = second.acquire()
    assert message is not None and "already open" in message
    first.release()
    assert second.acquire() is None
    second.release()
