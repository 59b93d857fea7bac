"""The cluster store: tables of their own in the library's SQLite file (created by the library's
migration 3). It stores and reads; :mod:`reader.trace.engine` decides what is the same statement.

- ``trace_wordings``: each distinct normalised wording once, with its fingerprints (packed
  int64s), so an update finds what a new statement matches without re-reading any article;
- ``trace_statements``: one row per quotation or claim — article, span, kind, speaker as the
  analyser gave it, its wording and its cluster id;
- ``trace_articles``: which version of each article (content hash and analysis version) the
  statements were read from, and its people and organisations (JSON: name -> "person" or
  "organisation"; to tell related articles and who may be a speaker);
- ``trace_meta``: the matcher's version and the pair counts frozen at the last full build.

The statement's text, the article's date, outlet and title are read from ``articles`` when a
cluster is shown, so they are always the library's current ones.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

from reader.library import Library

#: Bump when the matching rules change: the next update rebuilds every cluster.
TRACE_VERSION = 2

_CHUNK = 500
#: The secondary indexes of the trace tables (as created by the library's migration step 3).
_INDEXES = {
    "trace_wordings_digest": "trace_wordings(digest)",
    "trace_statements_cluster": "trace_statements(cluster)",
    "trace_statements_wording": "trace_statements(wording)",
}


@dataclass(frozen=True)
class StatementRow:
    """A statement as the store keeps it (no text: that is the article's)."""

    article_id: int
    start: int
    end: int
    kind: str
    speaker: str | None
    wording: int
    cluster: int

    @property
    def key(self) -> tuple[int, int, int, str]:
        return (self.article_id, self.start, self.end, self.kind)


@dataclass(frozen=True)
class SourceArticle:
    """An article as read for tracing: its text and the analysis spans tracing needs."""

    id: int
    state: str  # content hash and analysis version; "" for the analysis part when there is none
    text: str
    spans: list[dict[str, Any]] | None  # None: not analysed by the current analyser yet


def digest(norm: str) -> int:
    """A wording's 63-bit digest, the index it is looked up by (collisions are told apart by
    the wording itself)."""
    raw = norm.encode()
    return (zlib.crc32(raw) << 31) ^ zlib.adler32(raw)


def pack(values: Iterable[int]) -> bytes:
    """Fingerprints as the store keeps them: int64s, in no particular order."""
    return array("q", values).tobytes()


def unpack(blob: bytes) -> array[int]:
    out = array("q")
    out.frombytes(blob)
    return out


def _ids(values: Iterable[int]) -> str:
    return "[" + ",".join(str(int(v)) for v in values) + "]"


def _chunks(values: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class TraceStore:
    """Reads the library's articles and analysis; reads and writes the ``trace_*`` tables."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.db: sqlite3.Connection = library.connection

    # -- the library's side ---------------------------------------------------------------------
    def article_states(self) -> dict[int, str]:
        """Every present article's state: what its statements would be read from now."""
        version = self.library.analysis_version()
        rows = self.db.execute(
            "SELECT a.id, a.content_hash, n.version FROM articles a"
            " LEFT JOIN analysis n ON n.article_id = a.id WHERE a.missing_since IS NULL"
        )
        return {r[0]: _state(r[1], r[2], version) for r in rows}

    def stale(self) -> bool:
        """Whether any article's statements differ from what was traced (added, changed,
        analysed again, gone). When no write the clusters depend on happened since they were
        last found current (the library's :meth:`~reader.library.Library.changes`, and the
        same analyser), a lookup; else one query, with no row made in Python (0.6 s at
        212,000 articles), whose "current" is remembered for the next time."""
        version = self.library.analysis_version()
        changes = self.library.changes()
        if self.current_at() == (changes, version):
            return False
        if self._compare_states(version):
            return True
        if not self.library.read_only:
            with self.library.transaction():
                self.set_current_at(changes, version)
        return False

    def current_at(self) -> tuple[int, int] | None:
        """The library's changes and the analyser version at which the clusters were current."""
        rows = dict(
            self.db.execute(
                "SELECT key, value FROM trace_meta WHERE key IN ('changes', 'analysis')"
            ).fetchall()
        )
        if len(rows) < 2:
            return None
        return int(rows["changes"]), int(rows["analysis"])

    def set_current_at(self, changes: int, version: int) -> None:
        self.set_meta({"changes": changes, "analysis": version})

    def _compare_states(self, version: int) -> bool:
        row = self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM articles a"
            "  LEFT JOIN analysis n ON n.article_id = a.id"
            "  LEFT JOIN trace_articles t ON t.article_id = a.id"
            "  WHERE a.missing_since IS NULL AND t.state IS NOT"
            "   (a.content_hash || ':' || CASE WHEN n.version = ? THEN n.version ELSE '' END))"
            " OR EXISTS (SELECT 1 FROM trace_articles t LEFT JOIN articles a ON a.id = t.article_id"
            "  WHERE a.id IS NULL OR a.missing_since IS NOT NULL)",
            (version,),
        ).fetchone()
        return bool(row[0])

    def read_articles(self, ids: list[int] | None) -> Iterator[SourceArticle]:
        """Present articles (all, or those of ``ids``) with their text and current analysis."""
        return read_articles(self.db, ids, self.library.analysis_version())

    def present_ids(self) -> list[int]:
        """Every article whose file is there (not missing), in order."""
        rows = self.db.execute("SELECT id FROM articles WHERE missing_since IS NULL ORDER BY id")
        return [r[0] for r in rows]

    def texts(self, keys: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int, int], str]:
        """The words of each (article, start, end) as the article has them now."""
        wanted = sorted(set(keys))
        out: dict[tuple[int, int, int], str] = {}
        for batch in _chunks(wanted):
            rows = self.db.execute(
                "SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2,"
                " substr(a.text, (j.value ->> 1) + 1, (j.value ->> 2) - (j.value ->> 1))"
                " FROM json_each(?) j JOIN articles a ON a.id = j.value ->> 0",
                (json.dumps(batch),),
            )
            out.update({(r[0], r[1], r[2]): r[3] for r in rows})
        return out

    def article_meta(
        self, ids: Iterable[int]
    ) -> dict[int, tuple[str | None, str | None, str | None]]:
        """(date, source, title) per present article (not those whose file was deleted)."""
        out: dict[int, tuple[str | None, str | None, str | None]] = {}
        for batch in _chunks(sorted(set(ids))):
            rows = self.db.execute(
                "SELECT id, date, source, title FROM articles WHERE missing_since IS NULL"
                " AND id IN (SELECT value FROM json_each(?))",
                (_ids(batch),),
            )
            out.update({r[0]: (r[1], r[2], r[3]) for r in rows})
        return out

    # -- meta -----------------------------------------------------------------------------------
    def version(self) -> int | None:
        row = self.db.execute("SELECT value FROM trace_meta WHERE key = 'version'").fetchone()
        return int(row[0]) if row else None

    def common_pairs(self) -> dict[int, int]:
        """The pair counts frozen at the last build (pair hash -> wordings that had it)."""
        row = self.db.execute("SELECT value FROM trace_meta WHERE key = 'common'").fetchone()
        if row is None:
            return {}
        flat = unpack(row[0])
        return dict(zip(flat[0::2], flat[1::2], strict=True))

    def common_people(self) -> frozenset[str]:
        """The people too common to relate articles, frozen at the last build."""
        row = self.db.execute("SELECT value FROM trace_meta WHERE key = 'people'").fetchone()
        return frozenset(json.loads(row[0])) if row else frozenset()

    def statements_since_build(self) -> tuple[int, int]:
        """(statements at the last build, statements added by updates since)."""
        rows = dict(
            self.db.execute(
                "SELECT key, value FROM trace_meta WHERE key IN ('built', 'added')"
            ).fetchall()
        )
        return int(rows.get("built", 0)), int(rows.get("added", 0))

    # -- reads ----------------------------------------------------------------------------------
    def traced_states(self) -> dict[int, str]:
        return dict(self.db.execute("SELECT article_id, state FROM trace_articles").fetchall())

    def casts(self, ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """Each article's people and organisations (name -> "person" or "organisation")."""
        out: dict[int, dict[str, str]] = {}
        for batch in _chunks(sorted(set(ids))):
            rows = self.db.execute(
                "SELECT article_id, people FROM trace_articles"
                " WHERE article_id IN (SELECT value FROM json_each(?))",
                (_ids(batch),),
            )
            out.update({r[0]: json.loads(r[1]) for r in rows})
        return out

    def people(self, ids: Iterable[int]) -> dict[int, frozenset[str]]:
        """Each article's people and organisations' names."""
        return {i: frozenset(cast) for i, cast in self.casts(ids).items()}

    def statements_of_articles(self, ids: Iterable[int]) -> list[StatementRow]:
        out: list[StatementRow] = []
        for batch in _chunks(sorted(set(ids))):
            rows = self.db.execute(
                'SELECT article_id, start, "end", kind, speaker, wording, cluster'
                " FROM trace_statements WHERE article_id IN (SELECT value FROM json_each(?))",
                (_ids(batch),),
            )
            out.extend(StatementRow(*r) for r in rows)
        return out

    def statements_of_clusters(self, clusters: Iterable[int]) -> list[StatementRow]:
        out: list[StatementRow] = []
        for batch in _chunks(sorted(set(clusters))):
            rows = self.db.execute(
                'SELECT article_id, start, "end", kind, speaker, wording, cluster'
                " FROM trace_statements WHERE cluster IN (SELECT value FROM json_each(?))",
                (_ids(batch),),
            )
            out.extend(StatementRow(*r) for r in rows)
        return out

    def statements_of_wordings(self, wordings: Iterable[int]) -> list[StatementRow]:
        out: list[StatementRow] = []
        for batch in _chunks(sorted(set(wordings))):
            rows = self.db.execute(
                'SELECT article_id, start, "end", kind, speaker, wording, cluster'
                " FROM trace_statements WHERE wording IN (SELECT value FROM json_each(?))",
                (_ids(batch),),
            )
            out.extend(StatementRow(*r) for r in rows)
        return out

    def statement_at(self, article_id: int, start: int, end: int) -> StatementRow | None:
        """The statement with exactly this span, else the shortest one containing it."""
        row = self.db.execute(
            'SELECT article_id, start, "end", kind, speaker, wording, cluster'
            ' FROM trace_statements WHERE article_id = ? AND start <= ? AND "end" >= ?'
            ' ORDER BY ("end" - start), kind DESC LIMIT 1',
            (article_id, start, end),
        ).fetchone()
        return StatementRow(*row) if row else None

    def wordings(self, ids: Iterable[int]) -> dict[int, tuple[str, array[int]]]:
        out: dict[int, tuple[str, array[int]]] = {}
        for batch in _chunks(sorted(set(ids))):
            rows = self.db.execute(
                "SELECT id, norm, fingerprints FROM trace_wordings"
                " WHERE id IN (SELECT value FROM json_each(?))",
                (_ids(batch),),
            )
            out.update({r[0]: (r[1], unpack(r[2])) for r in rows})
        return out

    def wording_ids(self, norms: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        wanted = set(norms)
        for batch in _chunks(sorted({digest(n) for n in wanted})):
            rows = self.db.execute(
                "SELECT norm, id FROM trace_wordings"
                " WHERE digest IN (SELECT value FROM json_each(?))",
                (_ids(batch),),
            )
            out.update({norm: i for norm, i in rows if norm in wanted})
        return out

    def all_fingerprints(self) -> Iterator[tuple[int, array[int]]]:
        """Every wording's fingerprints: what an update scans to find a new wording's matches."""
        for wording, blob in self.db.execute("SELECT id, fingerprints FROM trace_wordings"):
            yield wording, unpack(blob)

    def wordings_containing(self, norm: str, limit: int) -> list[int]:
        """Wordings in which ``norm`` appears as a run of whole words."""
        pattern = "% " + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"
        rows = self.db.execute(
            "SELECT id FROM trace_wordings WHERE ' ' || norm || ' ' LIKE ? ESCAPE '\\' LIMIT ?",
            (pattern, limit),
        )
        return [r[0] for r in rows]

    def speakers(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT speaker FROM trace_statements WHERE speaker IS NOT NULL"
        )
        return [r[0] for r in rows]

    def statements_by_speakers(self, speakers: Iterable[str]) -> list[StatementRow]:
        out: list[StatementRow] = []
        for batch in _chunks(sorted(set(speakers))):
            rows = self.db.execute(
                'SELECT article_id, start, "end", kind, speaker, wording, cluster'
                " FROM trace_statements WHERE speaker IN (SELECT value FROM json_each(?))",
                (json.dumps(batch),),
            )
            out.extend(StatementRow(*r) for r in rows)
        return out

    def articles_of_cluster(self, cluster: int) -> list[int]:
        rows = self.db.execute(
            "SELECT DISTINCT t.article_id FROM trace_statements t"
            " JOIN articles a ON a.id = t.article_id AND a.missing_since IS NULL"
            " WHERE t.cluster = ? ORDER BY t.article_id",
            (cluster,),
        )
        return [r[0] for r in rows]

    def counts(self) -> tuple[int, int, int, int]:
        """(statements, clusters of 2+, clusters over 2+ articles, largest cluster)."""
        statements = self.db.execute("SELECT count(*) FROM trace_statements").fetchone()[0]
        row = self.db.execute(
            "SELECT count(*), coalesce(sum(articles > 1), 0), coalesce(max(n), 0) FROM"
            " (SELECT count(*) AS n, count(DISTINCT article_id) AS articles"
            "  FROM trace_statements GROUP BY cluster HAVING n > 1)"
        ).fetchone()
        return int(statements), int(row[0]), int(row[1]), int(row[2])

    # -- writes (inside the caller's transaction) ---------------------------------------------------
    def clear(self) -> None:
        for table in ("trace_statements", "trace_wordings", "trace_articles", "trace_meta"):
            self.db.execute(f"DELETE FROM {table}")

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Writing every row at once: the secondary indexes are dropped and made again after
        (sorting once is faster than keeping them in order row by row); the same definitions
        as the library's migration step 3."""
        for name in _INDEXES:
            self.db.execute(f"DROP INDEX IF EXISTS {name}")
        yield
        for name, definition in _INDEXES.items():
            self.db.execute(f"CREATE INDEX {name} ON {definition}")

    def set_meta(self, values: Mapping[str, int | bytes]) -> None:
        self.db.executemany(
            "INSERT INTO trace_meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )

    def set_common_pairs(self, common: Mapping[int, int]) -> None:
        flat = array("q", chain.from_iterable(sorted(common.items())))
        self.set_meta({"common": flat.tobytes()})

    def set_common_people(self, names: Iterable[str]) -> None:
        self.set_meta({"people": json.dumps(sorted(names), ensure_ascii=False).encode()})

    def add_wordings(self, rows: Iterable[tuple[int, str, bytes]]) -> None:
        self.db.executemany(
            "INSERT INTO trace_wordings (id, digest, norm, fingerprints) VALUES (?, ?, ?, ?)",
            ((i, digest(norm), norm, fps) for i, norm, fps in rows),
        )

    def next_wording_id(self) -> int:
        return int(
            self.db.execute("SELECT coalesce(max(id), 0) + 1 FROM trace_wordings").fetchone()[0]
        )

    def add_statements(self, rows: Iterable[StatementRow]) -> None:
        self.db.executemany(
            'INSERT INTO trace_statements (article_id, start, "end", kind, speaker, wording, cluster)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((r.article_id, r.start, r.end, r.kind, r.speaker, r.wording, r.cluster) for r in rows),
        )

    def set_clusters(self, rows: Iterable[tuple[int, tuple[int, int, int, str]]]) -> None:
        self.db.executemany(
            'UPDATE trace_statements SET cluster = ? WHERE article_id = ? AND start = ? AND "end" = ?'
            " AND kind = ?",
            ((cluster, *key) for cluster, key in rows),
        )

    def forget_articles(self, ids: Iterable[int]) -> set[int]:
        """Drop these articles' statements and state; returns the wordings they used (to drop
        with :meth:`drop_unused_wordings` once the new statements are in)."""
        used: set[int] = set()
        for batch in _chunks(sorted(set(ids))):
            marks = _ids(batch)
            used.update(
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT wording FROM trace_statements"
                    " WHERE article_id IN (SELECT value FROM json_each(?))",
                    (marks,),
                )
            )
            self.db.execute(
                "DELETE FROM trace_statements WHERE article_id IN (SELECT value FROM json_each(?))",
                (marks,),
            )
            self.db.execute(
                "DELETE FROM trace_articles WHERE article_id IN (SELECT value FROM json_each(?))",
                (marks,),
            )
        return used

    def drop_unused_wordings(self, ids: Iterable[int]) -> None:
        for batch in _chunks(sorted(set(ids))):
            self.db.execute(
                "DELETE FROM trace_wordings WHERE id IN (SELECT value FROM json_each(?)) AND NOT"
                " EXISTS (SELECT 1 FROM trace_statements t WHERE t.wording = trace_wordings.id)",
                (_ids(batch),),
            )

    def set_articles(self, rows: Iterable[tuple[int, str, Mapping[str, str]]]) -> None:
        self.db.executemany(
            "INSERT INTO trace_articles (article_id, state, people) VALUES (?, ?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET state = excluded.state, people = excluded.people",
            ((i, state, json.dumps(cast, ensure_ascii=False)) for i, state, cast in rows),
        )


def read_articles(
    db: sqlite3.Connection, ids: list[int] | None, version: int
) -> Iterator[SourceArticle]:
    """Present articles (all, or those of ``ids``) with their text and their analysis if it was
    made by analyser ``version``; on any connection to the library file (a worker has its own)."""
    sql = (
        "SELECT a.id, a.content_hash, a.text, n.version, n.spans FROM articles a"
        " LEFT JOIN analysis n ON n.article_id = a.id WHERE a.missing_since IS NULL"
    )
    batches: list[list[int] | None] = [None] if ids is None else list(_chunks(sorted(set(ids))))
    for batch in batches:
        if batch is None:
            rows: Iterable[Any] = db.execute(sql + " ORDER BY a.id")  # streamed
        else:
            rows = db.execute(
                sql + " AND a.id IN (SELECT value FROM json_each(?)) ORDER BY a.id",
                (_ids(batch),),
            ).fetchall()
        for r in rows:
            spans: list[dict[str, Any]] | None = None
            if r[3] == version:
                try:
                    spans = json.loads(r[4])
                except ValueError:
                    spans = None  # a damaged cache entry: analysed again later
            yield SourceArticle(r[0], _state(r[1], r[3], version), r[2], spans)


def _state(content_hash: str, analysis_version: int | None, current: int) -> str:
    return f"{content_hash}:{analysis_version if analysis_version == current else ''}"
