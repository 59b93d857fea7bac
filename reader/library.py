"""The corpus store: one SQLite file holding every article's original text, cleaned text and metadata.

It is the source of truth the search index is rebuilt from. One :class:`Library` object per
thread (SQLite connections belong to the thread that opened them); WAL lets readers and the one
writer work at the same time.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import uuid
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from reader.model import Article, CleanedDocument, ImportOutcome, Span
from reader.sqlite_files import Problem, connect, explain, problem_of

SCHEMA_VERSION = 8
URI_PREFIX = "urn:uuid:"

_ARTICLES_STATE = """
    CREATE INDEX articles_state
        ON articles(id, missing_since, content_hash, cleaner_version, abs_path, size, mtime_ns);
"""
_CHANGES = """
    CREATE TABLE IF NOT EXISTS changes (n INTEGER NOT NULL);
    INSERT INTO changes (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM changes);
    CREATE TRIGGER IF NOT EXISTS articles_added AFTER INSERT ON articles
        BEGIN UPDATE changes SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS articles_changed AFTER UPDATE OF id, content_hash, missing_since
        ON articles WHEN OLD.id != NEW.id OR OLD.content_hash IS NOT NEW.content_hash
        OR (OLD.missing_since IS NULL) != (NEW.missing_since IS NULL)
        BEGIN UPDATE changes SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS articles_removed AFTER DELETE ON articles
        BEGIN UPDATE changes SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS analysis_added AFTER INSERT ON analysis
        BEGIN UPDATE changes SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS analysis_changed AFTER UPDATE ON analysis
        BEGIN UPDATE changes SET n = n + 1; END;
    CREATE TRIGGER IF NOT EXISTS analysis_removed AFTER DELETE ON analysis
        BEGIN UPDATE changes SET n = n + 1; END;
"""

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        uri TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        abs_path TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        encoding TEXT NOT NULL,
        format TEXT NOT NULL,
        title TEXT,
        source TEXT,
        byline TEXT,
        date TEXT,
        text TEXT NOT NULL,
        original TEXT NOT NULL,
        cleaner_version INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE analysis (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        spans TEXT NOT NULL
    );
    """,
    # a file deleted since it was imported: its article stays (annotations may need it) but is
    # no longer searched; the content hash finds a moved file's article again
    2: """
    ALTER TABLE articles ADD COLUMN missing_since TEXT;
    CREATE INDEX articles_content_hash ON articles(content_hash);
    """,
    # statement clusters (reader.trace): computed from the analysis, kept here so an import
    # only adds and removes its own articles' statements; no foreign keys, so removing an
    # article never fails on them (the next trace update drops what it left)
    3: """
    CREATE TABLE trace_wordings (
        id INTEGER PRIMARY KEY,
        digest INTEGER NOT NULL,
        norm TEXT NOT NULL,
        fingerprints BLOB NOT NULL
    );
    CREATE INDEX trace_wordings_digest ON trace_wordings(digest);
    CREATE TABLE trace_statements (
        article_id INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        wording INTEGER NOT NULL,
        cluster INTEGER NOT NULL,
        PRIMARY KEY (article_id, start, "end", kind)
    ) WITHOUT ROWID;
    CREATE INDEX trace_statements_cluster ON trace_statements(cluster);
    CREATE INDEX trace_statements_wording ON trace_statements(wording);
    CREATE TABLE trace_articles (
        article_id INTEGER PRIMARY KEY,
        state TEXT NOT NULL,
        people TEXT NOT NULL
    );
    CREATE TABLE trace_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    """,
    # who each analysed article names and who said what, for actor: and speaker: searches
    # and the facet counts (the search index holds only text, so an analysis never
    # re-indexes an article): filled when an analysis is stored, gone with it; the names of
    # actors and speakers in one table, with their words as the search box's analyser splits
    # them (lower case, \w+ runs), for actor:kishida to find "Fumio Kishida"
    4: """
    CREATE TABLE actors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE actor_words (
        word TEXT NOT NULL,
        actor_id INTEGER NOT NULL,
        PRIMARY KEY (word, actor_id)
    ) WITHOUT ROWID;
    CREATE TABLE article_actors (
        article_id INTEGER NOT NULL REFERENCES analysis(article_id) ON DELETE CASCADE,
        actor_id INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, actor_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_actors_by_actor ON article_actors(actor_id, article_id);
    INSERT OR IGNORE INTO actors (name)
        SELECT DISTINCT json_extract(j.value, '$.label') FROM analysis a, json_each(a.spans) j
        WHERE json_extract(j.value, '$.kind') = 'actor';
    INSERT INTO article_actors (article_id, actor_id, mentions)
        SELECT a.article_id, ac.id, count(*) FROM analysis a, json_each(a.spans) j
        JOIN actors ac ON ac.name = json_extract(j.value, '$.label')
        WHERE json_extract(j.value, '$.kind') = 'actor' GROUP BY a.article_id, ac.id;
    """,
    # who said what, for speaker: searches (quotations are not in the search index): each
    # quotation of an analysed article, its speaker's name among the actors' names; and
    # the articles by date, for date: searches (dates are not in the search index either)
    5: """
    CREATE TABLE quotes (
        article_id INTEGER NOT NULL REFERENCES analysis(article_id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker_id INTEGER,
        PRIMARY KEY (article_id, start, "end")
    ) WITHOUT ROWID;
    CREATE INDEX quotes_by_speaker ON quotes(speaker_id);
    CREATE INDEX analysis_by_version ON analysis(version);
    CREATE INDEX articles_by_date ON articles(date);
    INSERT OR IGNORE INTO actors (name)
        SELECT DISTINCT json_extract(j.value, '$.attrs.speaker')
        FROM analysis a, json_each(a.spans) j
        WHERE json_extract(j.value, '$.kind') = 'quote'
        AND coalesce(json_extract(j.value, '$.attrs.speaker'), '') != '';
    INSERT OR IGNORE INTO quotes (article_id, start, "end", speaker_id)
        SELECT a.article_id, json_extract(j.value, '$.start'), json_extract(j.value, '$.end'), n.id
        FROM analysis a, json_each(a.spans) j
        LEFT JOIN actors n ON n.name = json_extract(j.value, '$.attrs.speaker')
        WHERE json_extract(j.value, '$.kind') = 'quote';
    """,
    # what a re-scan reads of every article (its file's state, its version key, whether it is
    # missing), kept apart from the articles' texts: a scan of the table itself read all their
    # pages (21,268 articles: 0.1 s of a one-second re-scan)
    # (the id first: led by missing_since, it made SQLite drive an actor: search from every
    # article instead of from the actor's, 10 ms -> 560 ms)
    6: _ARTICLES_STATE,
    # libraries that were given the first version of 6, led by missing_since
    7: "DROP INDEX IF EXISTS articles_state;" + _ARTICLES_STATE,
    # a counter of the writes the statement clusters depend on (an article's text, whether its
    # file is there, its analysis), so that an unchanged re-scan tells they are current without
    # comparing every article's state (0.6 s at 212,000 articles)
    8: _CHANGES,
}


#: Cache one article's analysis, replacing what an older analyser left.
_PUT_ANALYSIS = (
    "INSERT INTO analysis (article_id, version, spans) VALUES (?, ?, ?)"
    " ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, spans = excluded.spans"
)


#: The "quoted in N outlets or more" facet's steps.
QUOTED_IN = (2, 3, 5)

#: How long a write waits for another process's write to end, in seconds (two imports at once
#: take turns batch by batch; on a busy machine a batch can take several seconds).
LOCK_WAIT = 60.0


class LibraryError(Exception):
    """The library file cannot be used (corrupt, locked, unreadable); the message says why and
    ``problem`` what kind of failure it is (only ``DAMAGED`` means the file is bad)."""

    def __init__(self, message: str, problem: Problem = Problem.UNAVAILABLE) -> None:
        super().__init__(message)
        self.problem = problem


def damaged_library_advice(path: Path) -> str:
    """What to do about a damaged library: it holds copies of files, so it is made again."""
    return (
        f"The library {path} is damaged. It holds only copies of your files: move it aside"
        " (or delete it) and add your files and folders again — your annotations are kept in"
        " their own file and attach to their articles again."
    )


@dataclass(frozen=True)
class ArticleIdentity:
    """What annotations need to find their article: its place, identity and current text."""

    id: int
    uri: str
    content_hash: str
    text: str


@dataclass(frozen=True)
class GoneFile:
    """An article whose file is no longer where it was imported from."""

    id: int
    abs_path: str
    content_hash: str


class FileState(NamedTuple):
    """What the library knows of a file on disk, to tell unchanged files without reading them
    (a tuple: a re-scan makes one per file, and a frozen dataclass costs five times as much)."""

    id: int
    size: int
    mtime_ns: int
    content_hash: str
    cleaner_version: int
    missing: bool = False


def article_uri(abs_path: str) -> str:
    """A stable identifier that does not reveal the file's location (used as annotation target)."""
    return URI_PREFIX + str(uuid.uuid5(uuid.NAMESPACE_URL, "file://" + abs_path))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Library:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        #: why the library can only be read (read-only folder, full disk), else ``None``
        self.read_only_reason: str | None = "opened read-only" if read_only else None
        #: clusters carried by several outlets, as of a change stamp (see _wide_clusters)
        self._wide: tuple[tuple[int, int, int], dict[int, int]] | None = None
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect(read_only)
            self._db.row_factory = sqlite3.Row
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            problem = problem_of(exc)
            if problem is Problem.DAMAGED:
                raise LibraryError(damaged_library_advice(self.path), problem) from exc
            raise LibraryError(
                f"cannot open the library {self.path}: {explain(exc, self.path)}", problem
            ) from exc

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def connection(self) -> sqlite3.Connection:
        """This library's connection (this thread's), for a store that keeps its own tables in
        the library file — :mod:`reader.trace`, whose tables a migration step here creates. It
        reads ``articles`` and ``analysis`` but never writes them."""
        return self._db

    # -- lifecycle ----------------------------------------------------------------------------
    def _connect(self, read_only: bool) -> sqlite3.Connection:
        """Read-write when it can be; otherwise read-only, so a library on a read-only disk
        (or a full one) can still be read, searched and exported from."""
        if not read_only:
            db = None
            try:
                # another process's import may hold the write lock for a batch: wait for it
                db = connect(self.path, timeout=LOCK_WAIT)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("PRAGMA foreign_keys=ON")
                return db
            except (sqlite3.Error, OSError) as exc:
                if db is not None:
                    db.close()
                if problem_of(exc) is Problem.DAMAGED or not self.path.exists():
                    raise
                self.read_only_reason = explain(exc, self.path)
        last: Exception | None = None
        for immutable in (False, True):
            try:
                db = connect(self.path, read_only=True, immutable=immutable)
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return db
            except sqlite3.Error as exc:
                if problem_of(exc) is Problem.DAMAGED:
                    raise
                last = exc
        assert last is not None
        raise last

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"the library was written by a newer Corpus Reader (schema {version}); update the app"
            )
        if version < SCHEMA_VERSION and self.read_only:
            raise LibraryError(
                f"the library needs an upgrade, which cannot be written now: {self.read_only_reason}",
                Problem.READ_ONLY,
            )
        target = version + 1
        while target <= SCHEMA_VERSION:
            try:
                with self._db:
                    self._db.executescript(
                        "BEGIN IMMEDIATE;" + _MIGRATIONS[target] + f"PRAGMA user_version={target};"
                    )
                    if target in (4, 5):  # the words of the names the SQL found (same transaction)
                        self._add_actor_words(
                            self._db.execute(
                                "SELECT id, name FROM actors WHERE id NOT IN"
                                " (SELECT actor_id FROM actor_words)"
                            ).fetchall()
                        )
            except sqlite3.OperationalError:
                # two processes opening a new library at once: the other one migrated it
                # while this one waited for the lock
                done = self._db.execute("PRAGMA user_version").fetchone()[0]
                if done < target:
                    raise
                target = done
            target += 1

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, its lock taken at once (``BEGIN IMMEDIATE``): what it reads
        no other process changes before it commits (two imports of the same folder at once
        would otherwise both add the same file). Groups writes into one commit."""
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:
                self._db.rollback()
            raise
        self._db.commit()

    # -- writes -------------------------------------------------------------------------------
    def file_state(self, abs_path: str) -> FileState | None:
        row = self._db.execute(
            "SELECT id, size, mtime_ns, content_hash, cleaner_version,"
            " missing_since IS NOT NULL FROM articles WHERE abs_path = ?",
            (abs_path,),
        ).fetchone()
        return _file_state(row) if row else None

    def changes(self) -> int:
        """A number that grows with every write of an article's text, presence or analysis."""
        return int(self._db.execute("SELECT n FROM changes").fetchone()[0])

    def _tuples(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """``sql``'s rows as plain tuples, not :class:`sqlite3.Row` objects: for queries that
        read a row per article (a re-scan reads 200,000), where those cost twice the query."""
        cursor = self._db.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, args)

    def file_states(self) -> dict[str, FileState]:
        """Every imported file's state by absolute path: one query for a whole re-scan."""
        rows = self._tuples(
            "SELECT abs_path, id, size, mtime_ns, content_hash, cleaner_version,"
            " missing_since IS NOT NULL FROM articles"
        ).fetchall()
        # made in C (the tuple's own constructor), not a Python call per row: a re-scan of
        # 200,000 files spent a second here; ``missing`` is SQLite's 0 or 1
        states = map(FileState._make, map(itemgetter(slice(1, None)), rows))
        return dict(zip(map(itemgetter(0), rows), states, strict=True))

    def touch(self, article_id: int, size: int, mtime_ns: int) -> None:
        """The file is there, unchanged in content (a new mtime, or back after going missing)."""
        self._db.execute(
            "UPDATE articles SET size = ?, mtime_ns = ?, missing_since = NULL WHERE id = ?",
            (size, mtime_ns, article_id),
        )

    def found_again(self, article_id: int) -> None:
        """An unchanged file that was missing is back where it was."""
        self._db.execute(
            "UPDATE articles SET missing_since = NULL WHERE id = ? AND missing_since IS NOT NULL",
            (article_id,),
        )

    def relocate(self, article_id: int, path: str, abs_path: str, size: int, mtime_ns: int) -> None:
        """The article's file was moved or renamed: the article (id, URI, annotations) stays the
        same, only where it is read from changes."""
        self._db.execute(
            "UPDATE articles SET path = ?, abs_path = ?, size = ?, mtime_ns = ?,"
            " missing_since = NULL, updated_at = ? WHERE id = ?",
            (path, abs_path, size, mtime_ns, _now(), article_id),
        )

    def mark_missing(self, ids: Iterable[int]) -> None:
        """These articles' files were deleted: kept (with their annotations), no longer searched."""
        self._db.execute(
            "UPDATE articles SET missing_since = ? WHERE missing_since IS NULL"
            " AND id IN (SELECT value FROM json_each(?))",
            (_now(), _json_list(list(ids))),
        )

    def gone_files(self) -> list[GoneFile]:
        """Articles whose file is no longer at the path it was imported from (one stat each)."""
        rows = self._db.execute("SELECT id, abs_path, content_hash FROM articles").fetchall()
        return [GoneFile(*r) for r in rows if not os.path.exists(r[1])]

    def under(self, folder: str) -> dict[str, int]:
        """Articles imported from files under ``folder`` (an absolute path), by path."""
        prefix = folder.rstrip(os.sep) + os.sep
        rows = self._tuples(
            "SELECT abs_path, id FROM articles WHERE substr(abs_path, 1, ?) = ?",
            (len(prefix), prefix),
        )
        return dict(rows)

    def store(
        self,
        *,
        path: str,
        abs_path: str,
        size: int,
        mtime_ns: int,
        content_hash: str,
        doc: CleanedDocument,
        cleaner_version: int,
    ) -> tuple[ImportOutcome, int]:
        """Insert a new article or update the one at ``abs_path`` in place (its id is kept)."""
        m = doc.metadata
        values: dict[str, Any] = {
            "path": path,
            "abs_path": abs_path,
            "content_hash": content_hash,
            "size": size,
            "mtime_ns": mtime_ns,
            "encoding": doc.encoding,
            "format": doc.format,
            "title": m.title,
            "source": m.source,
            "byline": m.byline,
            "date": m.date,
            "text": doc.text,
            "original": doc.original,
            "cleaner_version": cleaner_version,
            "updated_at": _now(),
            "missing_since": None,
        }
        existing = self.file_state(abs_path)
        if existing is None:
            values |= {"uri": article_uri(abs_path), "added_at": values["updated_at"]}
            cols = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            cur = self._db.execute(f"INSERT INTO articles ({cols}) VALUES ({marks})", values)
            assert cur.lastrowid is not None
            return ImportOutcome.ADDED, cur.lastrowid
        sets = ", ".join(f"{k} = :{k}" for k in values)
        self._db.execute(f"UPDATE articles SET {sets} WHERE id = :id", values | {"id": existing.id})
        self._db.execute("DELETE FROM analysis WHERE article_id = ?", (existing.id,))
        return ImportOutcome.UPDATED, existing.id

    def remove(self, article_id: int) -> None:
        with self._db:
            self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def remove_many(self, ids: Iterable[int]) -> int:
        """Take articles out of the library in one commit (their analysis goes with them); how
        many there were."""
        with self.transaction():
            cur = self._db.execute(
                "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (_json_list(list(ids)),),
            )
        return int(cur.rowcount)

    def locations(self) -> list[tuple[int, str, str, bool]]:
        """Every article's id, URI, file (absolute path) and whether the file is missing."""
        rows = self._db.execute("SELECT id, uri, abs_path, missing_since FROM articles ORDER BY id")
        return [(r[0], r[1], r[2], r[3] is not None) for r in rows]

    # -- reads --------------------------------------------------------------------------------
    def get(self, article_id: int) -> Article | None:
        row = self._db.execute(
            "SELECT id, uri, path, title, source, byline, date, text, original, content_hash,"
            " encoding, format, missing_since FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        return Article(**dict(row)) if row else None

    def ids(self) -> list[int]:
        """Every article's id (not those whose file was deleted)."""
        rows = self._db.execute("SELECT id FROM articles WHERE missing_since IS NULL ORDER BY id")
        return [r[0] for r in rows]

    def count(self, include_missing: bool = False) -> int:
        """How many articles there are (those whose file was deleted only when asked)."""
        sql = "SELECT count(*) FROM articles"
        if not include_missing:
            sql += " WHERE missing_since IS NULL"
        return int(self._db.execute(sql).fetchone()[0])

    def identities(self, uris: Iterable[str]) -> dict[str, ArticleIdentity]:
        """The articles with these URIs (those in the library), by URI."""
        rows = self._db.execute(
            "SELECT id, uri, content_hash, text FROM articles"
            " WHERE uri IN (SELECT value FROM json_each(?))",
            (json.dumps(list(uris)),),
        )
        return {r[1]: ArticleIdentity(*r) for r in rows}

    def by_content_hash(self, content_hash: str) -> list[ArticleIdentity]:
        rows = self._db.execute(
            "SELECT id, uri, content_hash, text FROM articles WHERE content_hash = ?",
            (content_hash,),
        )
        return [ArticleIdentity(*r) for r in rows]

    def uris_by_path(self) -> dict[str, str]:
        """Each imported file's article URI, by the file's absolute path."""
        return {r[0]: r[1] for r in self._db.execute("SELECT abs_path, uri FROM articles")}

    def update_text(
        self, article_id: int, doc: CleanedDocument, content_hash: str, cleaner_version: int
    ) -> None:
        """The article cleaned anew from its own original (the reader changed a choice): new
        text, metadata and content identity, its analysis dropped to be made again."""
        m = doc.metadata
        with self._db:
            self._db.execute(
                "UPDATE articles SET text = ?, title = ?, source = ?, byline = ?, date = ?,"
                " content_hash = ?, cleaner_version = ?, updated_at = ? WHERE id = ?",
                (
                    doc.text,
                    m.title,
                    m.source,
                    m.byline,
                    m.date,
                    content_hash,
                    cleaner_version,
                    _now(),
                    article_id,
                ),
            )
            self._db.execute("DELETE FROM analysis WHERE article_id = ?", (article_id,))

    def ids_of(self, uris: Iterable[str]) -> dict[str, int]:
        """Where the articles with these URIs are in the library now."""
        rows = self._db.execute(
            "SELECT uri, id FROM articles WHERE uri IN (SELECT value FROM json_each(?))",
            (json.dumps(list(uris)),),
        )
        return {r[0]: r[1] for r in rows}

    def summaries(self, ids: Iterable[int] | None = None) -> dict[int, dict[str, Any]]:
        """Title, source, date and path per article: what lists show, without the texts."""
        sql = "SELECT id, uri, path, title, source, byline, date FROM articles"
        if ids is None:
            rows = self._db.execute(sql + " ORDER BY id")
        else:
            wanted = list(ids)
            rows = self._db.execute(
                f"{sql} WHERE id IN (SELECT value FROM json_each(?))", (_json_list(wanted),)
            )
        return {r["id"]: dict(r) for r in rows}

    def browse(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Every article with the start of its text, newest import last: the empty-query listing."""
        sql = (
            "SELECT id, path, title, source, date, substr(text, 1, 300) AS lead FROM articles"
            " WHERE missing_since IS NULL ORDER BY id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self._db.execute(sql)]

    def uris(self) -> dict[str, int]:
        """Every article's stable URI and its id (for annotations from elsewhere)."""
        return {r[0]: r[1] for r in self._db.execute("SELECT uri, id FROM articles")}

    def texts(self, ids: Iterable[int]) -> dict[int, str]:
        rows = self._db.execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (_json_list(list(ids)),),
        )
        return {r[0]: r[1] for r in rows}

    def hashes(self) -> dict[int, str]:
        """Each article's version key for the index: content hash, cleaner and analyser versions
        (the index holds actors and quotes, so a better analyser re-indexes too)."""
        version = self.analysis_version()
        rows = self._db.execute(
            "SELECT id, content_hash, cleaner_version FROM articles WHERE missing_since IS NULL"
        )
        return {r[0]: _index_key(r[1], r[2], version) for r in rows}

    # -- analysis cache ---------------------------------------------------------------------------
    def user_gazetteer(self) -> Path | None:
        """The user's own actors (``gazetteer.json`` beside the library), if there are any."""
        path = self.path.parent / "gazetteer.json"
        return path if path.is_file() else None

    def analysis_version(self) -> int:
        """The analyser's version, combined with the user's gazetteer when there is one, so that
        editing that file makes every cached analysis stale."""
        from reader.analysis import ANALYZER_VERSION

        user = self.user_gazetteer()
        if user is None:
            return ANALYZER_VERSION
        try:
            digest = zlib.crc32(user.read_bytes())
        except OSError:
            return ANALYZER_VERSION
        return ANALYZER_VERSION * 10**10 + digest

    def cached_spans(self, article_id: int) -> list[Span] | None:
        """The cached analysis if it was made by the current analyser, else ``None``."""
        row = self._db.execute(
            "SELECT version, spans FROM analysis WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None or row[0] != self.analysis_version():
            return None
        try:
            data = json.loads(row[1])
            return [Span(d["kind"], d["start"], d["end"], d["label"], d["attrs"]) for d in data]
        except (ValueError, KeyError, TypeError):
            return None  # a damaged cache entry is recomputed

    def unanalysed(self, ids: Iterable[int]) -> list[int]:
        """Those of ``ids`` with no analysis by the current analyser."""
        version = self.analysis_version()
        wanted = list(ids)
        done: set[int] = set()
        for start in range(0, len(wanted), 500):
            rows = self._db.execute(
                "SELECT article_id FROM analysis WHERE version = ? AND article_id IN"
                " (SELECT value FROM json_each(?))",
                (version, _json_list(wanted[start : start + 500])),
            )
            done.update(r[0] for r in rows)
        return [i for i in wanted if i not in done]

    def unanalysed_ids(self) -> list[int]:
        """Every article (not those whose file was deleted) with no analysis by the current
        analyser: one query, so an unchanged re-scan of 21,000 articles asks it in milliseconds."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN analysis n"
            " ON n.article_id = a.id AND n.version = ?"
            " WHERE a.missing_since IS NULL AND n.article_id IS NULL ORDER BY a.id",
            (self.analysis_version(),),
        )
        return [r[0] for r in rows]

    def store_analysis(self, article_id: int, spans: list[Span], version: int) -> None:
        """Cache an analysis made elsewhere (an import's workers); part of the caller's batch."""
        self._db.execute(_PUT_ANALYSIS, (article_id, version, _spans_json(spans)))
        self._store_actors([(article_id, spans)])

    def drop_analysis(self, ids: Iterable[int]) -> None:
        """Forget cached analyses, so they are made anew (when the analyser's inputs changed)."""
        with self._db:
            self._db.execute(
                "DELETE FROM analysis WHERE article_id IN (SELECT value FROM json_each(?))",
                (_json_list(list(ids)),),
            )

    def store_analyses(self, rows: list[tuple[int, list[Span]]], version: int) -> None:
        """Cache analyses made elsewhere (the workspace runs the analysers; the library only
        stores), in one transaction; a read-only or full disk leaves them uncached."""
        with self._db:
            self._db.executemany(
                _PUT_ANALYSIS, [(i, version, _spans_json(spans)) for i, spans in rows]
            )
            self._store_actors(rows)

    # -- who is named where: actor: searches and facet counts (filled with each analysis) ------
    def _store_actors(self, rows: list[tuple[int, list[Span]]]) -> None:
        """Each article's actors with how often it names them, and its quotations with their
        speakers (replacing what was there)."""
        ids = _json_list([i for i, _ in rows])
        for table in ("article_actors", "quotes"):
            self._db.execute(
                f"DELETE FROM {table} WHERE article_id IN (SELECT value FROM json_each(?))", (ids,)
            )
        counts: list[tuple[int, str, int]] = []
        quotes: list[tuple[int, int, int, str | None]] = []
        names: set[str] = set()
        for article_id, spans in rows:
            per: dict[str, int] = {}
            for sp in spans:
                if sp.kind == "actor" and sp.label:
                    per[sp.label] = per.get(sp.label, 0) + 1
                elif sp.kind == "quote":
                    speaker = sp.attrs.get("speaker") or None
                    quotes.append((article_id, sp.start, sp.end, speaker))
                    if speaker:
                        names.add(speaker)
            counts += [(article_id, name, n) for name, n in per.items()]
            names.update(per)
        if not names and not quotes:
            return
        known = self._actor_ids(names)
        new = sorted(names - known.keys())
        if new:
            self._db.executemany(
                "INSERT OR IGNORE INTO actors (name) VALUES (?)", [(n,) for n in new]
            )
            added = self._actor_ids(new)
            self._add_actor_words([(i, n) for n, i in added.items()])
            known |= added
        self._db.executemany(
            "INSERT INTO article_actors (article_id, actor_id, mentions) VALUES (?, ?, ?)",
            [(a, known[name], n) for a, name, n in counts],
        )
        self._db.executemany(
            'INSERT OR IGNORE INTO quotes (article_id, start, "end", speaker_id) VALUES (?, ?, ?, ?)',
            [(a, start, end, known.get(who) if who else None) for a, start, end, who in quotes],
        )

    def quotes_by(self, speaker_ids: Iterable[int]) -> list[tuple[int, int, int, str]]:
        """The quotations (article, start, end, speaker's name) of these speakers, in
        articles whose files are there."""
        rows = self._db.execute(
            'SELECT q.article_id, q.start, q."end", n.name FROM quotes q'
            " JOIN actors n ON n.id = q.speaker_id"
            " JOIN articles ar ON ar.id = q.article_id AND ar.missing_since IS NULL"
            " WHERE q.speaker_id IN (SELECT value FROM json_each(?))",
            (_json_list(list(speaker_ids)),),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def _actor_ids(self, names: Iterable[str]) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT name, id FROM actors WHERE name IN (SELECT value FROM json_each(?))",
            (json.dumps(list(names), ensure_ascii=False),),
        )
        return {r[0]: r[1] for r in rows}

    def _add_actor_words(self, rows: Iterable[tuple[int, str]]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO actor_words (word, actor_id) VALUES (?, ?)",
            [(w, i) for i, name in rows for w in set(name_words(name))],
        )

    def actors_by_word(
        self,
        word: str | None = None,
        prefix: str | None = None,
        glob: str | None = None,
        low: str | None = None,
        high: str | None = None,
    ) -> dict[int, str]:
        """Actors (id → name) one of whose words is ``word``, starts with ``prefix``, matches
        the GLOB pattern ``glob`` or lies between ``low`` and ``high``; every actor without
        any of them."""
        sql = "SELECT DISTINCT a.id, a.name FROM actor_words w JOIN actors a ON a.id = w.actor_id"
        where: list[str] = []
        args: list[str] = []
        if word is not None:
            where.append("w.word = ?")
            args.append(word)
        if prefix is not None:
            where.append("w.word >= ? AND w.word < ?")
            args += [prefix, prefix + "\U0010ffff"]
        if glob is not None:
            where.append("w.word GLOB ?")
            args.append(glob)
        if low is not None:
            where.append("w.word >= ?")
            args.append(low)
        if high is not None:
            where.append("w.word <= ?")
            args.append(high)
        if not where:
            rows = self._db.execute("SELECT id, name FROM actors")
        else:
            rows = self._db.execute(sql + " WHERE " + " AND ".join(where), args)
        return {r[0]: r[1] for r in rows}

    def actor_words(self, prefix: str = "") -> list[str]:
        """Every distinct word of an actor's name that starts with ``prefix``."""
        rows = self._db.execute(
            "SELECT DISTINCT word FROM actor_words WHERE word >= ? AND word < ?",
            (prefix, prefix + "\U0010ffff"),
        )
        return [r[0] for r in rows]

    def articles_naming(self, actor_ids: Iterable[int]) -> dict[int, int]:
        """Articles (not missing) that name any of these actors, with how many mentions."""
        rows = self._db.execute(
            "SELECT aa.article_id, sum(aa.mentions) FROM article_actors aa"
            " JOIN articles ar ON ar.id = aa.article_id AND ar.missing_since IS NULL"
            " WHERE aa.actor_id IN (SELECT value FROM json_each(?)) GROUP BY aa.article_id",
            (_json_list(list(actor_ids)),),
        )
        return {r[0]: r[1] for r in rows}

    def actor_mentions(self, name: str) -> dict[int, int]:
        """Articles (not missing) that name this actor, with how many mentions."""
        return self.articles_naming(self._actor_ids([name]).values())

    def articles_dated(self, first: str | None, last: str | None) -> list[int]:
        """Articles (not missing) dated from day ``first`` to day ``last`` (ISO, inclusive;
        ``None``: no bound)."""
        sql = "SELECT id FROM articles WHERE date IS NOT NULL AND missing_since IS NULL"
        args: list[str] = []
        if first is not None:
            sql += " AND date >= ?"
            args.append(first)
        if last is not None:
            sql += " AND date < ?"
            args.append(last + "\uffff")  # any time on that day
        return [r[0] for r in self._db.execute(sql, args)]

    def facet_counts(self, ids: Iterable[int], top: int = 30) -> dict[str, list[tuple[str, int]]]:
        """The actors and sources of these articles, most frequent first (one per article)."""
        chosen = sorted(set(ids))
        wanted = _json_list(chosen)
        actors = self._db.execute(
            "SELECT a.name, c.n FROM (SELECT actor_id, count(*) AS n FROM article_actors"
            " WHERE article_id IN (SELECT value FROM json_each(?)) GROUP BY actor_id"
            " ORDER BY n DESC LIMIT ?) c JOIN actors a ON a.id = c.actor_id",
            (wanted, top * 3),
        ).fetchall()
        sources = self._db.execute(
            "SELECT source, count(*) FROM articles WHERE id IN (SELECT value FROM json_each(?))"
            " AND source IS NOT NULL AND source != '' GROUP BY source",
            (wanted,),
        ).fetchall()
        widest = [n for n, *_ in self.widest_statements(chosen).values()]
        years = self._db.execute(
            "SELECT substr(date, 1, 4) AS y, count(*) FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?)) AND date GLOB '[0-9][0-9][0-9][0-9]*'"
            " GROUP BY y ORDER BY y DESC",
            (wanted,),
        ).fetchall()
        return {
            "actor": sorted(((r[0], r[1]) for r in actors), key=lambda kv: (-kv[1], kv[0]))[:top],
            "source": sorted(((r[0], r[1]) for r in sources), key=lambda kv: (-kv[1], kv[0]))[:top],
            "year": [(r[0], r[1]) for r in years],  # the latest first
            # articles carrying a statement that several outlets carry (outlets:N searches)
            "outlets": [
                (str(n), found) for n in QUOTED_IN if (found := sum(1 for w in widest if w >= n))
            ],
        }

    def widest_statements(
        self, ids: Iterable[int] | None = None, least: int = 2
    ) -> dict[int, tuple[int, int, int, int]]:
        """Per article (of ``ids``, or all): its statement (:mod:`reader.trace`'s clusters)
        carried by the most outlets, when ``least`` or more carry it, as ``(outlets, start,
        end, cluster)`` (outlets are the articles' sources; articles without one do not
        count)."""
        wide = self._wide_clusters(least)
        if not wide:
            return {}  # nothing is carried by that many outlets: no statement to read
        # from the articles asked for to their statements (the table's key begins with the
        # article): reading every statement and keeping those asked for took 60 ms a search
        mine = (
            'SELECT t.article_id, t.start, t."end", t.cluster FROM '
            + (
                "json_each(?) j JOIN articles a ON a.id = j.value"
                if ids is not None
                else "articles a"
            )
            + " JOIN trace_statements t ON t.article_id = a.id WHERE a.missing_since IS NULL"
        )
        args = (_json_list(sorted(set(ids))),) if ids is not None else ()
        best: dict[int, tuple[int, int, int, int]] = {}
        for article_id, start, end, cluster in self._db.execute(mine, args):
            outlets = wide.get(cluster)
            if outlets is None:
                continue
            known = best.get(article_id)
            # the most outlets, then the first in the article
            if known is None or (outlets, -start) > (known[0], -known[1]):
                best[article_id] = (outlets, start, end, cluster)
        return dict(sorted(best.items()))

    def _wide_clusters(self, least: int) -> dict[int, int]:
        """Clusters whose statements ``least`` or more outlets carry, with how many: counted
        once per change of the library (a facet over a thousand articles counted them for
        each search, 25 ms), from the clusters of at least ``least`` statements only."""
        stamp = (*self.change_stamp(), least)
        if self._wide is not None and self._wide[0] == stamp:
            return self._wide[1]
        rows = self._db.execute(
            "SELECT t.cluster, count(DISTINCT a.source) AS outlets FROM"
            " (SELECT cluster FROM trace_statements GROUP BY cluster HAVING count(*) >= ?) m"
            " JOIN trace_statements t ON t.cluster = m.cluster"
            " JOIN articles a ON a.id = t.article_id"
            " WHERE a.missing_since IS NULL AND coalesce(a.source, '') != ''"
            " GROUP BY t.cluster HAVING outlets >= ?",
            (least, least),
        )
        wide = {r[0]: r[1] for r in rows}
        self._wide = (stamp, wide)
        return wide

    def analysis_progress(self) -> tuple[int, int]:
        """How many articles (not missing) have a current analysis, of how many."""
        row = self._db.execute(
            "SELECT count(an.article_id), count(*) FROM articles ar LEFT JOIN analysis an"
            " ON an.article_id = ar.id AND an.version = ? WHERE ar.missing_since IS NULL",
            (self.analysis_version(),),
        ).fetchone()
        return int(row[0]), int(row[1])

    def text_keys(self) -> dict[int, str]:
        """Each article's version key for the index's text: content hash and cleaner version
        (its analysis is not in the text index, so a new analyser re-indexes nothing)."""
        rows = self._tuples(
            "SELECT id, content_hash || ':' || cleaner_version FROM articles"
            " WHERE missing_since IS NULL"
        )
        return dict(rows)

    def iter_text_for_index(self, ids: Iterable[int]) -> Iterator[dict[str, Any]]:
        """What the text index holds of each article, with its version key (:meth:`text_keys`)."""
        wanted = list(ids)
        for start in range(0, len(wanted), 500):
            rows = self._db.execute(
                "SELECT id, title, source, byline, date, text, content_hash, cleaner_version"
                " FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (_json_list(wanted[start : start + 500]),),
            ).fetchall()
            for r in rows:
                row = dict(r)
                row["version"] = f"{row.pop('content_hash')}:{row.pop('cleaner_version')}"
                yield row

    def change_stamp(self) -> tuple[int, int]:
        """Changes whenever this library is written (by this connection or another)."""
        data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        return int(data_version), self._db.total_changes

    def iter_for_index(self, ids: Iterable[int]) -> Iterator[dict[str, Any]]:
        wanted = list(ids)
        version = self.analysis_version()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._db.execute(
                "SELECT id, title, source, byline, date, text, content_hash, cleaner_version"
                " FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (_json_list(chunk),),
            ).fetchall()
            for r in rows:
                row = dict(r)
                row["version"] = _index_key(
                    row.pop("content_hash"), row.pop("cleaner_version"), version
                )
                yield row


_WORD = re.compile(r"\w+(?:\.?\w+)*")


def name_words(name: str) -> list[str]:
    """A name's words as the search box's analyser splits them (lower case, like Whoosh's
    StandardAnalyzer with no stop list), so actor:kishida finds "Fumio Kishida"."""
    return [m.group().lower() for m in _WORD.finditer(name)]


def _file_state(row: Any) -> FileState:
    return FileState(row[0], row[1], row[2], row[3], row[4], bool(row[5]))


def _index_key(content_hash: str, cleaner_version: int, analysis_version: int) -> str:
    """What the index stores per article to tell it is current: the text and both versions."""
    return f"{content_hash}:{cleaner_version}:{analysis_version}"


def _spans_json(spans: list[Span]) -> str:
    return json.dumps(
        [
            {"kind": x.kind, "start": x.start, "end": x.end, "label": x.label, "attrs": x.attrs}
            for x in spans
        ],
        ensure_ascii=False,
    )


def _json_list(values: list[int]) -> str:
    return "[" + ",".join(str(int(v)) for v in values) + "]"
