"""The annotation store: what users mark up, kept in its own SQLite file, never a cache.

Annotations are the only data users create by hand, so the store is written for durability: WAL
with full sync, one transaction per user action, a schema version with migrations, and no path
that deletes an annotation except the user's own delete. Each annotation targets its article by id
and by the article's stable URI, with both W3C selectors (position and quote), so it survives a
re-import that changes the text (see :mod:`reader.anchoring`) and a library rebuilt from scratch.
The URI is the article's identity; the id is only where the library holds it now, refreshed by
:func:`reconcile`, which also finishes any re-anchoring a crash or a lock interrupted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.anchoring import EXACT, FUZZY, ORPHANED, TextQuote, anchor, quote_of
from reader.library import Library
from reader.paths import RESOURCES_DIR
from reader.sqlite_files import Problem, connect, explain, problem_of

SCHEMA_VERSION = 2
STATUSES = ("to check", "in progress", "checked", "published")
COLOURS = ("yellow", "green", "blue", "pink", "orange")

# What one annotation may hold: far beyond any real note, small enough that a hostile or broken
# import cannot make every later export and the window crawl (a 100 MB note once took 4 GB).
MAX_NOTE = 100_000
MAX_QUOTE = 20_000
MAX_TAGS = 100
MAX_TAG = 200
MAX_SOURCES = 100
MAX_URL = 4_000
MAX_NAME = 1_000
#: How long a write waits for another process's write to the store to end, in seconds.
LOCK_WAIT = 10.0

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL,
        article_uri TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        anchor_state TEXT NOT NULL,
        anchor_score REAL NOT NULL,
        colour TEXT,
        note TEXT NOT NULL,
        tags TEXT NOT NULL,
        claim INTEGER NOT NULL,
        claimant TEXT,
        verdict TEXT,
        status TEXT,
        sources TEXT NOT NULL,
        reviewer TEXT,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE INDEX annotations_article ON annotations(article_id);
    CREATE INDEX annotations_uri ON annotations(article_uri);
    """,
    # Annotations belong to an article's stable URI; the id is only where it was last found in
    # the library (NULL: not there now). ``anchored_to`` is a digest of the text the offsets
    # refer to: when it differs from the article's text, re-anchoring is still to be done
    # (a kill or a lock stopped it) and the next run does it. ``article_hash`` is the file's
    # content hash, to find the article again in a library rebuilt after the file moved.
    2: """
    CREATE TABLE annotations_v2 (
        id TEXT PRIMARY KEY,
        article_id INTEGER,
        article_uri TEXT NOT NULL,
        article_hash TEXT NOT NULL DEFAULT '',
        anchored_to TEXT NOT NULL DEFAULT '',
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        anchor_state TEXT NOT NULL,
        anchor_score REAL NOT NULL,
        colour TEXT,
        note TEXT NOT NULL,
        tags TEXT NOT NULL,
        claim INTEGER NOT NULL,
        claimant TEXT,
        verdict TEXT,
        status TEXT,
        sources TEXT NOT NULL,
        reviewer TEXT,
        created TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    INSERT INTO annotations_v2 (id, article_id, article_uri, start, "end", exact, prefix, suffix,
        anchor_state, anchor_score, colour, note, tags, claim, claimant, verdict, status, sources,
        reviewer, created, modified)
    SELECT id, article_id, article_uri, start, "end", exact, prefix, suffix, anchor_state,
        anchor_score, colour, note, tags, claim, claimant, verdict, status, sources, reviewer,
        created, modified FROM annotations;
    DROP TABLE annotations;
    ALTER TABLE annotations_v2 RENAME TO annotations;
    CREATE INDEX annotations_article ON annotations(article_id);
    CREATE INDEX annotations_uri ON annotations(article_uri);
    """,
}


class AnnotationStoreError(RuntimeError):
    """The store cannot be opened or written; the message says why, and nothing was lost.
    ``problem`` tells damage apart from a full disk, a read-only folder or a lock."""

    def __init__(self, message: str, problem: Problem = Problem.UNAVAILABLE) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class Source:
    url: str
    title: str = ""


@dataclass(frozen=True)
class Annotation:
    id: str
    #: where the article was in the library when last looked up (``None``: not there now);
    #: the article itself is ``article_uri``, which never changes
    article_id: int | None
    article_uri: str
    start: int
    end: int
    quote: TextQuote
    colour: str | None = None
    note: str = ""
    tags: tuple[str, ...] = ()
    claim: bool = False
    claimant: str | None = None
    verdict: str | None = None
    status: str | None = None
    sources: tuple[Source, ...] = ()
    reviewer: str | None = None
    created: str = ""
    modified: str = ""
    anchor_state: str = EXACT
    anchor_score: float = 1.0
    #: digest of the article text ``start``/``end`` refer to (:func:`text_digest`)
    anchored_to: str = ""
    #: the article file's content hash when last seen, to find it after a move
    article_hash: str = ""

    @property
    def orphaned(self) -> bool:
        return self.anchor_state == ORPHANED


@dataclass(frozen=True)
class Verdict:
    label: str
    value: float | None


@dataclass(frozen=True)
class VerdictScale:
    verdicts: tuple[Verdict, ...]
    best: float
    worst: float

    def get(self, label: str) -> Verdict | None:
        return next((v for v in self.verdicts if v.label.casefold() == label.casefold()), None)


@lru_cache(maxsize=4)
def verdict_scale(path: Path | None = None) -> VerdictScale:
    """The verdict scale from ``resources/verdicts.json`` (or ``path``), read once."""
    data = json.loads((path or RESOURCES_DIR / "verdicts.json").read_text(encoding="utf-8"))
    return VerdictScale(
        tuple(Verdict(v["label"], v.get("value")) for v in data["verdicts"]),
        float(data["best"]),
        float(data["worst"]),
    )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def text_digest(text: str) -> str:
    """A short digest of an article's text: annotations record the text they are anchored to."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


@dataclass
class Filters:
    """What the library-wide annotations view narrows to; empty fields do not filter."""

    article_uri: str | None = None
    tag: str | None = None
    verdict: str | None = None
    status: str | None = None
    colour: str | None = None
    text: str | None = None  # in the quote or the note
    note: str | None = None  # in the note only
    anchor_states: tuple[str, ...] = field(default_factory=tuple)
    claims_only: bool = False
    ids: tuple[str, ...] = field(default_factory=tuple)  # exactly these (a selection)


@dataclass(frozen=True)
class Link:
    """The annotations of one article, as the store last saw it: what reconciling compares."""

    article_uri: str
    article_id: int | None
    article_hash: str
    anchored_to: frozenset[str]
    count: int


@dataclass
class MergeReport:
    """What an import did: nothing is silent, every kept-over conflict is listed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (annotation id, why kept)


class AnnotationStore:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        #: why the store can only be read (a full disk, a read-only folder), else ``None``
        self.read_only_reason: str | None = "opened read-only" if read_only else None
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if not self.path.exists():
                    self._create()
            self._db = self._connect(read_only)
            self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise AnnotationStoreError(
                f"cannot open the annotations {self.path}: {explain(exc, self.path)}",
                problem_of(exc),
            ) from exc

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def _create(self) -> None:
        """Make a new store whole beside its place, then link it there: another process never
        sees a half-made (empty) file, which would be damage; if one got there first, its store
        is the one used."""
        tmp = self.path.with_name(f".{self.path.name}.new-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        db = connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            self._db = db
            self._migrate()
        finally:
            db.close()
        try:
            os.link(tmp, self.path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: a rename, unless one got there
            if not self.path.exists():
                os.replace(tmp, self.path)
        finally:
            for leftover in (tmp, *(tmp.with_name(tmp.name + x) for x in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)

    def _connect(self, read_only: bool) -> sqlite3.Connection:
        """Read-write when it can be; read-only (to show and export) when the disk is full or
        the folder cannot be written — never taken for damage."""
        if not read_only:
            db = None
            try:
                db = connect(self.path, timeout=LOCK_WAIT, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                # user data: every committed action is on disk before the call returns
                db.execute("PRAGMA synchronous=FULL")
                db.row_factory = sqlite3.Row
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
                db = connect(
                    self.path,
                    read_only=True,
                    immutable=immutable,
                    timeout=LOCK_WAIT,
                    isolation_level=None,
                )
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                db.row_factory = sqlite3.Row
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
            raise AnnotationStoreError(
                f"the annotations were written by a newer Corpus Reader (schema {version});"
                " update the app — nothing was changed"
            )
        if version < SCHEMA_VERSION and self.read_only:
            raise AnnotationStoreError(
                "the annotations need an upgrade, which cannot be written now: "
                f"{self.read_only_reason}",
                Problem.READ_ONLY,
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            # one transaction per step: a failed migration leaves the previous version intact
            try:
                self._db.executescript(
                    "BEGIN IMMEDIATE;" + _MIGRATIONS[target] + f"PRAGMA user_version={target};"
                    "COMMIT;"
                )
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes: one transaction each ------------------------------------------------------------
    def _write(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        self._transaction([(sql, list(rows))])

    def _transaction(self, steps: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        if self.read_only:
            raise AnnotationStoreError(
                f"the annotation could not be saved: {self.read_only_reason}", Problem.READ_ONLY
            )
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for sql, rows in steps:
                    self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back itself (disk full)
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise AnnotationStoreError(
                f"the annotation could not be saved: {explain(exc, self.path)}",
                problem_of(exc),
            ) from exc

    def create(
        self, article_id: int, article_uri: str, text: str, start: int, end: int, **body: Any
    ) -> Annotation:
        """A new annotation on ``text[start:end]`` of an article, saved before it returns."""
        ann = new_annotation(article_id, article_uri, text, start, end, **body)
        self.put(ann)
        return ann

    def update(self, ann: Annotation, **changes: Any) -> Annotation:
        """Change an annotation's bodies (note, tags, verdict …); the target stays."""
        new = with_body(ann, **changes)
        self.put(new)
        return new

    def put(self, ann: Annotation) -> None:
        """Save ``ann`` as it is (insert or replace): for undo and redo."""
        self.put_many([ann])

    def put_many(self, anns: Iterable[Annotation]) -> None:
        self._write(_PUT, [_row(a) for a in anns])

    def merge(self, anns: Iterable[Annotation]) -> MergeReport:
        """Import ``anns`` in one transaction: new ones are added; for one already here the
        newer ``modified`` wins, and an older or equally old but different copy is kept out and
        reported — an old export never reverts newer work."""
        report = MergeReport()
        keep: dict[str, Annotation] = {}
        for ann in anns:
            current = keep.get(ann.id) or self.get(ann.id)
            if current is None:
                report.added += 1
                keep[ann.id] = ann
                continue
            if _same_content(current, ann):
                report.unchanged += 1
                continue
            theirs, ours = _when(ann.modified), _when(current.modified)
            if theirs > ours:
                report.updated += 1
                keep[ann.id] = ann
            elif theirs < ours:
                report.conflicts.append(
                    (
                        ann.id,
                        f"kept the copy here: it is newer ({current.modified}) than the"
                        f" imported one ({ann.modified})",
                    )
                )
            else:
                report.conflicts.append(
                    (
                        ann.id,
                        f"kept the copy here: the imported one differs but was modified"
                        f" at the same time ({ann.modified})",
                    )
                )
        if keep:
            self.put_many(keep.values())
        return report

    def delete(self, annotation_id: str) -> None:
        """The user's delete: the only way an annotation leaves the store."""
        self._write("DELETE FROM annotations WHERE id = ?", [(annotation_id,)])

    # -- reads -------------------------------------------------------------------------------------
    def get(self, annotation_id: str) -> Annotation | None:
        row = self._db.execute(
            "SELECT * FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        return _annotation(row) if row else None

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM annotations").fetchone()[0])

    def find(self, filters: Filters | None = None) -> list[Annotation]:
        """Annotations matching ``filters``, in article and text order."""
        f = filters or Filters()
        where: list[str] = []
        args: list[Any] = []
        if f.article_uri is not None:
            where.append("article_uri = ?")
            args.append(f.article_uri)
        if f.tag:
            where.append("EXISTS (SELECT 1 FROM json_each(tags) WHERE lower(value) = lower(?))")
            args.append(f.tag)
        if f.verdict:
            where.append("lower(verdict) = lower(?)")
            args.append(f.verdict)
        if f.status:
            where.append("status = ?")
            args.append(f.status)
        if f.colour:
            where.append("colour = ?")
            args.append(f.colour)
        if f.text:
            where.append("(instr(lower(exact), lower(?)) > 0 OR instr(lower(note), lower(?)) > 0)")
            args += [f.text, f.text]
        if f.note:
            where.append("instr(lower(note), lower(?)) > 0")
            args.append(f.note)
        if f.anchor_states:
            where.append(f"anchor_state IN ({','.join('?' * len(f.anchor_states))})")
            args += list(f.anchor_states)
        if f.claims_only:
            where.append("claim = 1")
        if f.ids:
            where.append("id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(f.ids)))
        sql = "SELECT * FROM annotations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY article_uri, start, "end", created'
        return [_annotation(r) for r in self._db.execute(sql, args)]

    def iter_all(self) -> Iterator[Annotation]:
        for row in self._db.execute('SELECT * FROM annotations ORDER BY article_uri, start, "end"'):
            yield _annotation(row)

    def for_article(self, article_uri: str, text: str | None = None) -> list[Annotation]:
        """The article's annotations. Given its current ``text``, they are placed in it first
        if they were anchored to another version (saved when the store can be written)."""
        anns = self.find(Filters(article_uri=article_uri))
        if text is None:
            return anns
        digest = text_digest(text)
        if all(a.anchored_to == digest for a in anns):
            return anns
        now_placed = [placed(a, text) for a in anns]
        if not self.read_only:
            with contextlib.suppress(AnnotationStoreError):  # shown now, saved next time
                self.put_many([p for p, a in zip(now_placed, anns, strict=True) if p != a])
        return now_placed

    def needing_review(self) -> list[Annotation]:
        """Orphaned and fuzzily anchored annotations: a person should look at them."""
        return self.find(Filters(anchor_states=(ORPHANED, "fuzzy")))

    # -- when an article's text or place changes ---------------------------------------------------
    def reanchor(self, article_uri: str, text: str) -> list[Annotation]:
        """Find every annotation of the article in its new ``text``; save where each is now, and
        how sure that is. Orphans keep their quote and are listed, never removed."""
        changed = []
        for ann in self.find(Filters(article_uri=article_uri)):
            new = placed(ann, text)
            if new != ann:
                changed.append(new)
        if changed:
            self.put_many(changed)
        return changed

    def links(self) -> list[Link]:
        """One row per annotated article: its URI, where it was, and the texts anchored to."""
        rows = self._db.execute(
            "SELECT article_uri, max(article_id), max(article_hash),"
            " group_concat(DISTINCT anchored_to), count(*) FROM annotations GROUP BY article_uri"
        )
        return [
            Link(r[0], r[1], r[2] or "", frozenset((r[3] or "").split(",")), int(r[4]))
            for r in rows
        ]

    def relink(
        self,
        article_uri: str,
        article_id: int | None,
        article_hash: str,
        new_uri: str | None = None,
    ) -> None:
        """Record where an article is in the library now (or that it is not: ``None``); with
        ``new_uri``, its annotations move to that article (found again after a move)."""
        self._write(
            "UPDATE annotations SET article_id = ?, article_hash = ?, article_uri = ?"
            " WHERE article_uri = ?",
            [(article_id, article_hash, new_uri or article_uri, article_uri)],
        )


_PUT = (
    "INSERT OR REPLACE INTO annotations (id, article_id, article_uri, article_hash, anchored_to,"
    ' start, "end", exact, prefix, suffix, anchor_state, anchor_score, colour, note, tags, claim,'
    " claimant, verdict, status, sources, reviewer, created, modified)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def placed(ann: Annotation, text: str) -> Annotation:
    """``ann`` anchored in ``text`` (its words found again), recording that text."""
    digest = text_digest(text)
    found = anchor(text, ann.quote, ann.start, ann.end)
    if found.state == ORPHANED:
        return replace(ann, anchor_state=ORPHANED, anchor_score=0.0, anchored_to=digest)
    return replace(
        ann,
        start=found.start,
        end=found.end,
        anchor_state=found.state,
        anchor_score=found.score,
        # the quote follows the text once placed, so the next edit is judged against what is
        # there now; a fuzzy match keeps the words the user chose, for review
        quote=quote_of(text, found.start, found.end) if found.state != FUZZY else ann.quote,
        anchored_to=digest,
    )


def _same_content(a: Annotation, b: Annotation) -> bool:
    """Whether two copies of an annotation say the same (where they sit may differ)."""
    ignore = {"article_id", "anchor_state", "anchor_score", "anchored_to", "article_hash"}
    ignore |= {"start", "end", "quote"}
    return (
        all(
            getattr(a, f.name) == getattr(b, f.name)
            for f in fields(Annotation)
            if f.name not in ignore
        )
        and a.quote.exact == b.quote.exact
    )


def _when(stamp: str) -> datetime:
    return parse_time(stamp) or datetime.min.replace(tzinfo=UTC)


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 time as an aware datetime (naive ones are UTC), or ``None``."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def new_annotation(
    article_id: int | None,
    article_uri: str,
    text: str,
    start: int,
    end: int,
    *,
    article_hash: str = "",
    **body: Any,
) -> Annotation:
    """An annotation on ``text[start:end]``, not yet saved (the window saves it as an undoable
    command); raises ``ValueError``/``TypeError`` for a span or body the model does not allow.
    ``article_hash`` (the article's content hash) finds the article again if its file moves
    and the library is made anew before the next reconcile."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text at {start}–{end} (the article has {len(text)} characters)")
    if end - start > MAX_QUOTE:
        raise ValueError(f"a selection of at most {MAX_QUOTE:,} characters can be annotated")
    stamp = now()
    return Annotation(
        id=str(uuid.uuid4()),
        article_id=article_id,
        article_uri=article_uri,
        start=start,
        end=end,
        quote=quote_of(text, start, end),
        created=stamp,
        modified=stamp,
        anchored_to=text_digest(text),
        article_hash=article_hash,
        **_body(body),
    )


def with_body(ann: Annotation, **changes: Any) -> Annotation:
    """``ann`` with changed bodies, validated, and a new modified time; not yet saved."""
    return replace(ann, **_body(changes), modified=now())


def validated(ann: Annotation) -> Annotation:
    """``ann`` (from an import) checked as the window checks what a user types: vocabularies,
    types, sizes and times; raises ``ValueError`` saying what is wrong."""
    if not isinstance(ann.id, str) or not ann.id or len(ann.id) > 200:
        raise ValueError("its id is missing or too long")
    if len(ann.quote.exact) > MAX_QUOTE:
        raise ValueError(f"its quoted words are over {MAX_QUOTE:,} characters")
    if len(ann.quote.prefix) > MAX_QUOTE or len(ann.quote.suffix) > MAX_QUOTE:
        raise ValueError("its quote's context is too long")
    times: list[str] = []
    for name in ("created", "modified"):
        when = parse_time(getattr(ann, name))
        if when is None:
            raise ValueError(f"{name} is not a date and time ({getattr(ann, name)!r:.40})")
        times.append(when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"))
    body = {
        "colour": ann.colour,
        "note": ann.note,
        "tags": ann.tags,
        "claim": ann.claim,
        "claimant": ann.claimant,
        "verdict": ann.verdict,
        "status": ann.status,
        "sources": ann.sources,
        "reviewer": ann.reviewer,
    }
    return replace(ann, **_body(body), created=times[0], modified=times[1])


_BODY_FIELDS = {
    "colour",
    "note",
    "tags",
    "claim",
    "claimant",
    "verdict",
    "status",
    "sources",
    "reviewer",
}


def _text(value: Any, name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{name} is over {limit:,} characters")
    return value


def _body(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _BODY_FIELDS
    if unknown:
        raise TypeError(f"not an annotation body: {', '.join(sorted(unknown))}")
    out = dict(values)
    if "note" in out:
        out["note"] = _text(out["note"] or "", "the note", MAX_NOTE)
    for name in ("claimant", "reviewer"):
        if out.get(name) is not None:
            out[name] = _text(out[name], f"the {name}", MAX_NAME).strip() or None
    if "tags" in out:
        tags = out["tags"]
        if isinstance(tags, str) or not isinstance(tags, Iterable):
            raise ValueError("tags must be a list of words")
        tags = tuple(
            dict.fromkeys(_text(t, "a tag", MAX_TAG).strip() for t in tags if t and str(t).strip())
        )
        if len(tags) > MAX_TAGS:
            raise ValueError(f"at most {MAX_TAGS} tags")
        out["tags"] = tags
    if "sources" in out:
        sources = tuple(_source(s) for s in out["sources"])
        if len(sources) > MAX_SOURCES:
            raise ValueError(f"at most {MAX_SOURCES} sources")
        out["sources"] = sources
    if "claim" in out:
        out["claim"] = bool(out["claim"])
    if out.get("colour") is not None and out["colour"] not in COLOURS:
        raise ValueError(f"colour must be one of {', '.join(COLOURS)}")
    if out.get("status") is not None and out["status"] not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    if out.get("verdict") is not None:
        verdict = verdict_scale().get(_text(out["verdict"], "the verdict", MAX_NAME))
        if verdict is None:
            raise ValueError(f"{out['verdict']!r:.60} is not on the verdict scale")
        out["verdict"] = verdict.label
        out.setdefault("claim", True)
    return out


def _source(value: Any) -> Source:
    url: Any
    title: Any
    if isinstance(value, Source):
        url, title = value.url, value.title
    elif isinstance(value, dict):
        url, title = value.get("url"), value.get("title", "")
    else:
        raise ValueError("a source must have a URL")
    return Source(_text(url, "a source's URL", MAX_URL), _text(title or "", "a title", MAX_NAME))


def _row(a: Annotation) -> tuple[Any, ...]:
    return (
        a.id,
        a.article_id,
        a.article_uri,
        a.article_hash,
        a.anchored_to,
        a.start,
        a.end,
        a.quote.exact,
        a.quote.prefix,
        a.quote.suffix,
        a.anchor_state,
        a.anchor_score,
        a.colour,
        a.note,
        json.dumps(list(a.tags), ensure_ascii=False),
        int(a.claim),
        a.claimant,
        a.verdict,
        a.status,
        json.dumps([{"url": s.url, "title": s.title} for s in a.sources], ensure_ascii=False),
        a.reviewer,
        a.created,
        a.modified,
    )


def _annotation(r: sqlite3.Row) -> Annotation:
    return Annotation(
        id=r["id"],
        article_id=r["article_id"],
        article_uri=r["article_uri"],
        start=r["start"],
        end=r["end"],
        quote=TextQuote(r["exact"], r["prefix"], r["suffix"]),
        colour=r["colour"],
        note=r["note"],
        tags=tuple(json.loads(r["tags"])),
        claim=bool(r["claim"]),
        claimant=r["claimant"],
        verdict=r["verdict"],
        status=r["status"],
        sources=tuple(Source(s["url"], s.get("title", "")) for s in json.loads(r["sources"])),
        reviewer=r["reviewer"],
        created=r["created"],
        modified=r["modified"],
        anchor_state=r["anchor_state"],
        anchor_score=float(r["anchor_score"]),
        anchored_to=r["anchored_to"],
        article_hash=r["article_hash"],
    )


@dataclass
class ReconcileReport:
    relinked: int = 0  # articles whose annotations were found at another id or URI
    reanchored: int = 0  # annotations placed in a changed text
    detached: int = 0  # articles not in the library now (annotations kept, marked)
    error: str | None = None  # why it stopped (a lock, a full disk): the next run goes on

    @property
    def changed(self) -> bool:
        return bool(self.relinked or self.reanchored or self.detached)


def reconcile(store: AnnotationStore, library: Library) -> ReconcileReport:
    """Bring the annotations in line with the library: each article found by its URI (or, if
    its file moved and the library was rebuilt, by its content), its id recorded, and its
    annotations placed in its current text. Idempotent, and safe to stop at any point: what is
    not done yet is still recorded as not done, and the next call does it."""
    report = ReconcileReport()
    links = store.links()
    if not links:
        return report
    found = library.identities([link.article_uri for link in links])
    taken = set(found)
    try:
        for link in links:
            uri = link.article_uri
            ident = found.get(uri)
            if ident is None and link.article_hash:
                # the file moved and the library was made again: the same content elsewhere
                matches = [
                    m for m in library.by_content_hash(link.article_hash) if m.uri not in taken
                ]
                if len(matches) == 1:
                    ident = matches[0]
                    taken.add(ident.uri)
            if ident is None:
                if link.article_id is not None:
                    store.relink(uri, None, link.article_hash)
                    report.detached += 1
                continue
            if (
                ident.id != link.article_id
                or ident.content_hash != link.article_hash
                or ident.uri != uri
            ):
                store.relink(uri, ident.id, ident.content_hash, ident.uri)
                report.relinked += 1
            if link.anchored_to != {text_digest(ident.text)}:
                report.reanchored += len(store.reanchor(ident.uri, ident.text))
    except AnnotationStoreError as exc:
        report.error = str(exc)
    return report
