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
from reader.workspace import Workspace
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


def test_a_rescan_reports_settled_files_sparingly_but_its_first_and_last(
    where: LibraryPaths,
) -> None:
    # a report per unchanged file was a fifth of a 200,000-file re-scan; the window still
    # hears when it starts and when it is done
    calls: list[tuple[int, int]] = []
    with Library(where.library_db) as lib:
        import_paths(lib, [SEEDS])
        report = import_paths(lib, [SEEDS], progress=lambda d, t, p: calls.append((d, t)))
    total = report.count(ImportOutcome.UNCHANGED)
    assert total >= 5
    assert calls[0] == (1, total) and calls[-1] == (total, total)
    assert len(calls) < total


def test_worker_processes_import_exactly_what_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.analysis.batch

    bad = tmp_path / "in" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01\x02" * 100)
    stored = {}
    for jobs in (1, 2):
        monkeypatch.setattr(reader.analysis.batch, "PARALLEL_FROM", 1 if jobs == 2 else 10**6)
        with Library(tmp_path / f"lib{jobs}" / "library.sqlite3") as lib:
            report = import_paths(lib, [SEEDS, bad.parent], jobs=jobs)
            assert report.count(ImportOutcome.ADDED) == 5
            assert [e.reason for e in report.refused] == [
                "not a text file: binary data (contains NUL bytes)"
            ]
            ids = sorted(i for i in report.changed_ids)
            assert lib.unanalysed(ids) == []
            stored[jobs] = [(lib.get(i).text, lib.cached_spans(i)) for i in ids]  # type: ignore[union-attr]
    assert stored[1] == stored[2]


def test_library_from_a_newer_version_is_refused_not_overwritten(where: LibraryPaths) -> None:
    Library(where.library_db).close()
    db = sqlite3.connect(where.library_db)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(LibraryError, match="newer"):
        Library(where.library_db)


def test_corrupt_library_file_gives_a_clear_error(where: LibraryPaths) -> None:
    where.library_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match=r"is damaged.*add your files and folders again"):
        Library(where.library_db)


def test_analysis_is_cached_per_analyser_version(
    where: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.analysis

    with Workspace(where) as ws:
        lib = ws.library()
        import_paths(lib, [str(SEEDS)])
        ids = [r["id"] for r in lib.browse()]
        assert lib.unanalysed(ids) == []  # the import analysed them
        first = lib.get(ids[0])
        assert first is not None
        spans = ws.spans(first)
        kinds = {s.kind for s in spans}
        assert kinds == {"actor", "quote", "claim"}
        assert all(0 <= s.start < s.end <= len(first.text) for s in spans)
        # a newer analyser makes every cached analysis stale; the workspace analyses again
        monkeypatch.setattr(
            reader.analysis, "ANALYZER_VERSION", reader.analysis.ANALYZER_VERSION + 1
        )
        assert lib.cached_spans(ids[0]) is None
        assert lib.unanalysed(ids) == ids
        assert ws.spans(first) == spans
        assert lib.cached_spans(ids[0]) == spans
        assert ws.analyse(ids) == len(ids) - 1
        assert lib.unanalysed(ids) == []


def test_the_library_stores_and_never_analyses(where: LibraryPaths) -> None:
    """The store keeps analyses made elsewhere; it has no way to make one itself."""
    with Library(where.library_db) as lib:
        import_paths(lib, [str(SEEDS)])
        assert not hasattr(lib, "analyse") and not hasattr(lib, "spans")
        ids = [r["id"] for r in lib.browse()]
        lib.drop_analysis(ids)
        assert lib.unanalysed(ids) == ids and lib.cached_spans(ids[0]) is None


def test_a_damaged_analysis_entry_is_recomputed(where: LibraryPaths) -> None:
    with Workspace(where) as ws:
        import_paths(ws.library(), [str(SEEDS)])
        article = ws.library().get(ws.library().browse()[0]["id"])
        assert article is not None
        good = ws.spans(article)
    db = sqlite3.connect(where.library_db)
    db.execute("UPDATE analysis SET spans = 'not json' WHERE article_id = ?", (article.id,))
    db.commit()
    db.close()
    with Workspace(where) as ws:
        assert ws.library().cached_spans(article.id) is None
        assert ws.spans(article) == good


def test_a_changed_article_is_analysed_anew(where: LibraryPaths, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    body = "Talks in Moscow went on late into the night, officials said on Tuesday.\n\n"
    f.write_text(f"Talks go on\n\n{body}Mr Putin said: “We are ready.”\n", encoding="utf-8")
    with Workspace(where) as ws:
        lib = ws.library()
        import_paths(lib, [str(f)])
        (aid,) = [r["id"] for r in lib.browse()]
        article = lib.get(aid)
        assert article is not None
        assert [q.speaker for q in ws.layers(article).quotes] == ["Vladimir Putin"]
        f.write_text(f"Talks go on\n\n{body}President Xi said: “We are ready.”\n", "utf-8")
        os.utime(f, ns=(1, 1))
        import_paths(lib, [str(f)])
        cached = lib.cached_spans(aid)
        assert cached is not None
        assert [s.label for s in cached if s.kind == "quote"] == ["Xi Jinping"]


def test_a_user_gazetteer_beside_the_library_is_used_and_invalidates_the_cache(
    where: LibraryPaths, tmp_path: Path
) -> None:
    f = tmp_path / "a.txt"
    body = "Shares in Acme rose sharply on Tuesday after Acme results, traders said.\n"
    f.write_text(f"Acme shares rise\n\n{body}", encoding="utf-8")
    with Workspace(where) as ws:
        lib = ws.library()
        import_paths(lib, [str(f)])
        (aid,) = [r["id"] for r in lib.browse()]
        article = lib.get(aid)
        assert article is not None
        assert not [m for m in ws.layers(article).actors if m.name == "Acme Widgets"]
        user = where.library_db.parent / "gazetteer.json"
        user.write_text(
            '{"actors": [{"name": "Acme Widgets", "type": "organisation", "aliases": ["Acme"]}]}',
            encoding="utf-8",
        )
        assert lib.cached_spans(aid) is None  # the user's names changed: analyse again
        acme = [m for m in ws.layers(article).actors if m.name == "Acme Widgets"]
        assert len(acme) == 2 and all(m.type == "organisation" for m in acme)
        user.write_text("{ not json", encoding="utf-8")  # a broken file is ignored, not fatal
        assert not [m for m in ws.layers(article).actors if m.name == "Acme Widgets"]


def test_a_rescan_reads_the_articles_state_without_their_texts(where: LibraryPaths) -> None:
    # an older library gains the index on opening; the re-scan's queries are answered from it
    Library(where.library_db).close()
    db = sqlite3.connect(where.library_db)
    db.execute("DROP INDEX articles_state")
    db.execute("PRAGMA user_version=5")
    db.commit()
    db.close()
    lib = Library(where.library_db)
    import_paths(lib, [SEEDS])
    plan = lib.connection.execute(
        "EXPLAIN QUERY PLAN SELECT abs_path, id, size, mtime_ns, content_hash, cleaner_version,"
        " missing_since IS NOT NULL FROM articles"
    ).fetchall()
    assert "COVERING INDEX articles_state" in " ".join(str(row[-1]) for row in plan)
    assert len(lib.file_states()) == 5 and lib.unanalysed_ids() == []
    # and an actor: search still starts from the actor's articles, not from every article
    plan = lib.connection.execute(
        "EXPLAIN QUERY PLAN SELECT aa.article_id, sum(aa.mentions) FROM article_actors aa"
        " JOIN articles ar ON ar.id = aa.article_id AND ar.missing_since IS NULL"
        " WHERE aa.actor_id IN (SELECT value FROM json_each(?)) GROUP BY aa.article_id",
        ("[1]",),
    ).fetchall()
    assert "article_actors_by_actor" in str(plan[0][-1])
    lib.close()


def test_an_import_report_counts_each_outcome_once_and_says_them() -> None:
    from reader.model import ImportEntry, ImportOutcome, ImportReport

    entries = [ImportEntry(f"a{n}", ImportOutcome.ADDED, n) for n in range(5)]
    entries += [ImportEntry("r", ImportOutcome.REFUSED, None, "unreadable")]
    entries += [ImportEntry("m", ImportOutcome.MOVED, 9)]
    report = ImportReport(entries, missing=[3])
    assert report.counts()[ImportOutcome.ADDED] == report.count(ImportOutcome.ADDED) == 5
    # a moved file is said when there was one; skipped files only when some were
    assert report.summary() == (
        "5 added, 0 updated, 1 moved, 0 unchanged, 1 refused, 1 missing (file deleted)"
    )
    assert [e.path for e in report.refused] == ["r"]
