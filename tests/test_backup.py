"""The annotation store's safety net: integrity checks, daily backups, damaged files set aside,
restores that keep what they replace, and a full disk that loses nothing already saved."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from reader import backup
from reader.annotations import AnnotationStore, AnnotationStoreError
from reader.cli import main
from reader.paths import LibraryPaths

TEXT = "The minister said “we will cut taxes by 3% next year” 🎉 to loud applause on Tuesday."


def _store_with(db: Path, n: int) -> None:
    with AnnotationStore(db) as store:
        for i in range(n):
            store.create(1, "urn:uuid:a", TEXT, 4 + i, 12 + i, note=f"note {i}")


def _damage(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[:16] = b"not a database!!"  # the header SQLite checks first
    db.write_bytes(bytes(data))


def test_an_intact_store_passes_and_a_damaged_one_is_named(where: LibraryPaths) -> None:
    db = where.annotations_db
    assert backup.check(db) is None  # absent is fine: nothing to lose yet
    _store_with(db, 2)
    assert backup.check(db) is None
    _damage(db)
    assert "not a readable SQLite database" in (backup.check(db) or "")


def test_one_backup_a_day_the_newest_seven_kept(where: LibraryPaths) -> None:
    db = where.annotations_db
    _store_with(db, 3)
    start = date(2026, 1, 1)
    for day in range(10):
        assert backup.daily_backup(db, start + timedelta(days=day)) is not None
        assert backup.daily_backup(db, start + timedelta(days=day)) is None  # once a day
    kept = backup.list_backups(db)
    assert [b.day for b in kept] == [start + timedelta(days=d) for d in range(9, 2, -1)]
    assert all(b.annotations == 3 for b in kept)
    assert all(backup.check(b.path) is None for b in kept)


def test_a_damaged_store_is_never_backed_up_over_good_backups(where: LibraryPaths) -> None:
    db = where.annotations_db
    _store_with(db, 1)
    backup.daily_backup(db, date(2026, 1, 1))
    _damage(db)
    with pytest.raises(backup.BackupError, match="not backed up"):
        backup.daily_backup(db, date(2026, 1, 2))
    assert [b.day for b in backup.list_backups(db)] == [date(2026, 1, 1)]


def test_restore_keeps_the_file_it_replaces(where: LibraryPaths) -> None:
    db = where.annotations_db
    _store_with(db, 2)
    backup.daily_backup(db, date(2026, 1, 1))
    _store_with(db, 1)  # a third annotation after the backup
    _damage(db)
    damaged_bytes = db.read_bytes()
    aside = backup.restore(backup.list_backups(db)[0].path, db)
    assert aside is not None and aside.read_bytes() == damaged_bytes
    with AnnotationStore(db) as store:
        assert store.count() == 2


def test_cli_lists_backups_refuses_a_damaged_store_and_restores(
    where: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    db = where.annotations_db
    _store_with(db, 2)
    backup.daily_backup(db)
    lib = ["--library", str(where.root)]
    assert main([*lib, "annotations", "backups"]) == 0
    assert "intact" in capsys.readouterr().out
    _damage(db)
    before = db.read_bytes()
    assert main([*lib, "annotations", "export", "--format", "csv"]) == 2
    assert "damaged" in capsys.readouterr().err
    assert db.read_bytes() == before  # untouched
    assert main([*lib, "annotations", "restore"]) == 0
    assert "previous file is kept" in capsys.readouterr().out
    with AnnotationStore(db) as store:
        assert store.count() == 2


def test_a_full_disk_is_a_clear_error_and_loses_nothing_saved(where: LibraryPaths) -> None:
    db = where.annotations_db
    _store_with(db, 1)
    with AnnotationStore(db) as store:
        # SQLite's page limit gives exactly the error a full disk does (SQLITE_FULL)
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count={pages}")
        with pytest.raises(AnnotationStoreError, match=r"could not be saved.*full"):
            store.create(1, "urn:uuid:a", TEXT, 0, 10, note="x" * 90_000)
        assert store.count() == 1  # the failed write left nothing half-done
    assert backup.check(db) is None
    with AnnotationStore(db) as store:
        assert [a.note for a in store.find()] == ["note 0"]


def test_a_read_only_store_is_a_clear_error(where: LibraryPaths) -> None:
    db = where.annotations_db
    _store_with(db, 1)
    with AnnotationStore(db) as store:
        store._db.execute("PRAGMA query_only=ON")  # as a read-only mount answers, even for root
        with pytest.raises(AnnotationStoreError, match="could not be saved"):
            store.create(1, "urn:uuid:a", TEXT, 0, 10)
        assert store.count() == 1
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_opening_checks_backs_up_or_sets_a_damaged_file_aside(where: LibraryPaths) -> None:
    db = where.annotations_db
    _store_with(db, 2)
    opened = backup.open_checked(db)
    assert opened.store is not None and opened.error is None and opened.damaged is None
    assert opened.store.count() == 2
    opened.store.close()
    assert len(backup.list_backups(db)) == 1  # the day's backup, made on opening
    _damage(db)
    damaged = backup.open_checked(db)
    assert damaged.store is None and damaged.damaged is not None
    assert damaged.error is not None and "damaged" in damaged.error
    problem, aside = damaged.damaged
    assert problem in damaged.error
    assert aside.exists() and not db.exists()  # set aside, never written to
