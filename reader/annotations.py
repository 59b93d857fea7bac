"""The annotation store: what users mark up, kept in its own SQLite file, never a cache.

Annotations are the only data users create by hand, so the store is written for durability: WAL
with full sync, one transaction per user action, a schema version with migrations, and no path
that deletes an annotation except the user's own delete. Each annotation targets its article by id
and by the article's stable URI, with both W3C selectors (position and quote), so it survives a
re-import that changes the text (see :mod:`reader.anchoring`) and a library rebuilt from scratch.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.anchoring import EXACT, ORPHANED, TextQuote, anchor, quote_of
from reader.library import Library
from reader.model import ImportOutcome, ImportReport
from reader.paths import RESOURCES_DIR

SCHEMA_VERSION = 1
STATUSES = ("to check", "in progress", "checked", "published")
COLOURS = ("yellow", "green", "blue", "pink", "orange")

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
}


class AnnotationStoreError(RuntimeError):
    """The store cannot be opened or written; the message says why, and nothing was lost."""


@dataclass(frozen=True)
class Source:
    url: str
    title: str = ""


@dataclass(frozen=True)
class Annotation:
    id: str
    article_id: int
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


@dataclass
class Filters:
    """What the library-wide annotations view narrows to; empty fields do not filter."""

    article_id: int | None = None
    tag: str | None = None
    verdict: str | None = None
    status: str | None = None
    colour: str | None = None
    text: str | None = None  # in the quote or the note
    note: str | None = None  # in the note only
    anchor_states: tuple[str, ...] = field(default_factory=tuple)
    claims_only: bool = False
    ids: tuple[str, ...] = field(default_factory=tuple)  # exactly these (a selection)


class AnnotationStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            # user data: every committed action is on disk before the call returns
            self._db.execute("PRAGMA synchronous=FULL")
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise AnnotationStoreError(f"cannot open the annotations {self.path}: {exc}") from exc

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise AnnotationStoreError(
                f"the annotations were written by a newer Corpus Reader (schema {version});"
                " update the app — nothing was changed"
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
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back itself (disk full)
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise AnnotationStoreError(f"the annotation could not be saved: {exc}") from exc

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
        """Save ``ann`` as it is (insert or replace): for undo, redo and import."""
        self.put_many([ann])

    def put_many(self, anns: Iterable[Annotation]) -> None:
        self._write(
            'INSERT OR REPLACE INTO annotations (id, article_id, article_uri, start, "end",'
            " exact, prefix, suffix, anchor_state, anchor_score, colour, note, tags, claim,"
            " claimant, verdict, status, sources, reviewer, created, modified)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_row(a) for a in anns],
        )

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
        if f.article_id is not None:
            where.append("article_id = ?")
            args.append(f.article_id)
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
        sql += ' ORDER BY article_id, start, "end", created'
        return [_annotation(r) for r in self._db.execute(sql, args)]

    def iter_all(self) -> Iterator[Annotation]:
        for row in self._db.execute('SELECT * FROM annotations ORDER BY article_id, start, "end"'):
            yield _annotation(row)

    def for_article(self, article_id: int) -> list[Annotation]:
        return self.find(Filters(article_id=article_id))

    def needing_review(self) -> list[Annotation]:
        """Orphaned and fuzzily anchored annotations: a person should look at them."""
        return self.find(Filters(anchor_states=(ORPHANED, "fuzzy")))

    # -- when an article's text changes ------------------------------------------------------------
    def reanchor(self, article_id: int, text: str) -> list[Annotation]:
        """Find every annotation of the article in its new ``text``; save where each is now, and
        how sure that is. Orphans keep their quote and are listed, never removed."""
        changed = []
        for ann in self.for_article(article_id):
            found = anchor(text, ann.quote, ann.start, ann.end)
            if found.state == ORPHANED:
                new = replace(ann, anchor_state=ORPHANED, anchor_score=0.0)
            else:
                new = replace(
                    ann,
                    start=found.start,
                    end=found.end,
                    anchor_state=found.state,
                    anchor_score=found.score,
                    # the quote follows the text once placed, so the next edit is judged
                    # against what is there now
                    quote=quote_of(text, found.start, found.end)
                    if found.state != "fuzzy"
                    else ann.quote,
                )
            if new != ann:
                changed.append(new)
        if changed:
            self.put_many(changed)
        return changed

    def move_article(self, old_id: int, new_id: int, uri: str) -> None:
        """Point annotations at an article's new id (its library was rebuilt), by its URI."""
        self._write(
            "UPDATE annotations SET article_id = ? WHERE article_uri = ? AND article_id = ?",
            [(new_id, uri, old_id)],
        )


def new_annotation(
    article_id: int, article_uri: str, text: str, start: int, end: int, **body: Any
) -> Annotation:
    """An annotation on ``text[start:end]``, not yet saved (the window saves it as an undoable
    command); raises ``ValueError``/``TypeError`` for a span or body the model does not allow."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text at {start}–{end} (the article has {len(text)} characters)")
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
        **_body(body),
    )


def with_body(ann: Annotation, **changes: Any) -> Annotation:
    """``ann`` with changed bodies, validated, and a new modified time; not yet saved."""
    return replace(ann, **_body(changes), modified=now())


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


def _body(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - _BODY_FIELDS
    if unknown:
        raise TypeError(f"not an annotation body: {', '.join(sorted(unknown))}")
    out = dict(values)
    if "tags" in out:
        out["tags"] = tuple(dict.fromkeys(t.strip() for t in out["tags"] if t and t.strip()))
    if "sources" in out:
        out["sources"] = tuple(
            s if isinstance(s, Source) else Source(s["url"], s.get("title", ""))
            for s in out["sources"]
        )
    if out.get("status") is not None and out["status"] not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    if out.get("verdict") is not None:
        verdict = verdict_scale().get(out["verdict"])
        if verdict is None:
            raise ValueError(f"{out['verdict']!r} is not on the verdict scale")
        out["verdict"] = verdict.label
        out.setdefault("claim", True)
    return out


def _row(a: Annotation) -> tuple[Any, ...]:
    return (
        a.id,
        a.article_id,
        a.article_uri,
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
    )


def follow_updates(annotations_db: Path, library: Library, report: ImportReport) -> int:
    """Re-anchor the annotations of every article an import changed; how many moved or were
    orphaned. Without an annotation store there is nothing to follow (none is created)."""
    updated = [
        e.article_id
        for e in report.entries
        if e.outcome is ImportOutcome.UPDATED and e.article_id is not None
    ]
    if not updated or not annotations_db.exists():
        return 0
    changed = 0
    with AnnotationStore(annotations_db) as store:
        for article_id, text in library.texts(updated).items():
            changed += len(store.reanchor(article_id, text))
    return changed
