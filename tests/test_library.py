"""The SQLite corpus store and the importer on real files."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from reader.importer import import_paths
from reader.library import SCHEMA_VERSION, Library, LibraryError
from reader.model import ImportOutcome
from reader.paths import LibraryPaths
from tests.conftest import SEEDS

PROSE = (
    "The city council voted on Tuesday to raise local taxes by 3% next year, citing a budget gap "
    "of £12m that officials said could not be closed by cuts alone."
)


def test_seed_import_then_re_add_is_a_no_op(where: LibraryPaths) -> None:
    with Library(where.library_db) as lib:
        first = import_paths(lib, [SEEDS])
        assert first.count(ImportOutcome.ADDED) == 5 and not first.refused
        again = import_paths(lib, [SEEDS])
        assert again.count(ImportOutcome.UNCHANGED) == 5
        assert again.changed_ids == []
        assert lib.count() == 5
        titles = {r["title"] for r in lib.summaries().values()}
        assert "Wang Yi-Putin Meeting Strengthens China-Russia Ties" in titles


def test_changed_file_updates_in_place_and_keeps_its_id(
    where: LibraryPaths, tmp_path: Path
) -> None:
    f = tmp_path / "story.txt"
    f.write_text(f"Council raises taxes\n\n{PROSE}\n", encoding="utf-8")
    with Library(where.library_db) as lib:
        (entry,) = import_paths(lib, [f]).entries
        article = lib.get(entry.article_id)
        assert article is not None and article.title == "Council raises taxes"
        f.write_text(f"Council raises taxes again\n\n{PROSE} Updated.\n", encoding="utf-8")
        os.utime(f, ns=(1, 1))  # a different mtime, whatever the clock resolution
        (update,) = import_paths(lib, [f]).entries
        assert update.outcome is ImportOutcome.UPDATED
        assert update.article_id == entry.article_id
        changed = lib.get(entry.article_id)
        assert changed is not None
        assert changed.title == "Council raises taxes again"
        assert changed.uri == article.uri
        assert lib.count() == 1


def test_touched_but_identical_file_is_unchanged(where: LibraryPaths, tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(f"Council raises taxes\n\n{PROSE}\n", encoding="utf-8")
    with Library(where.library_db) as lib:
        import_paths(lib, [f])
        os.utime(f, ns=(2, 2))
        (entry,) = import_paths(lib, [f]).entries
        assert entry.outcome is ImportOutcome.UNCHANGED


def test_refusals_are_per_file_and_not_fatal(where: LibraryPaths, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(f"Council raises taxes\n\n{PROSE}\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    with Library(where.library_db) as lib:
        report = import_paths(lib, [tmp_path])
    assert report.count(ImportOutcome.ADDED) == 1
    reasons = {Path(e.path).name: e.reason for e in report.refused}
    assert set(reasons) == {"empty.txt", "binary.txt"}
    assert all(reasons.values())


def test_cancel_keeps_a_consistent_library(where: LibraryPaths) -> None:
    calls = []

    def cancel() -> bool:
        return len(calls) >= 2

    with Library(where.library_db) as lib:
        report = import_paths(
            lib, [SEEDS], progress=lambda d, t, p: calls.append(d), cancelled=cancel
        )
        assert report.cancelled
        assert lib.count() == 2
        assert import_paths(lib, [SEEDS]).count(ImportOutcome.ADDED) == 3


def test_library_from_a_newer_version_is_refused_not_overwritten(where: LibraryPaths) -> None:
    Library(where.library_db).close()
    db = sqlite3.connect(where.library_db)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(LibraryError, match="newer"):
        Library(where.library_db)


def test_corrupt_library_file_gives_a_clear_error(where: LibraryPaths) -> None:
    where.library_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match="cannot open the library"):
        Library(where.library_db)
