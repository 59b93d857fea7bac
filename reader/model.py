"""Plain data shared by every layer: no I/O here, so each layer can be tested on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def display_title(title: str | None, path: str) -> str:
    """An article's title, or its file name without the extension when it has none."""
    if title:
        return title
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or name


@dataclass(frozen=True)
class Metadata:
    """What the text itself says about the article; ``None`` where it says nothing."""

    title: str | None = None
    source: str | None = None
    byline: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when the text gives a full date


@dataclass(frozen=True)
class CleanedDocument:
    """An imported document: the text as read, the cleaned text, and its metadata."""

    original: str
    text: str
    metadata: Metadata
    encoding: str
    format: str  # "text", "markdown" or "html"


@dataclass(frozen=True)
class Article:
    """An article of the library. ``text`` is the cleaned text every span refers to."""

    id: int
    uri: str
    path: str
    title: str | None
    source: str | None
    byline: str | None
    date: str | None
    text: str
    original: str
    content_hash: str
    encoding: str = "utf-8"
    format: str = "text"
    #: when the file was found deleted (the article is kept for its annotations, not searched)
    missing_since: str | None = None

    @property
    def display_title(self) -> str:
        return display_title(self.title, self.path)


@dataclass(frozen=True)
class Span:
    """A stretch of an article's cleaned text, in code points, end exclusive."""

    kind: str
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)


class ImportOutcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    #: a known article's file found under a new name or folder (same article, same annotations)
    MOVED = "moved"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportEntry:
    path: str
    outcome: ImportOutcome
    article_id: int | None = None
    reason: str | None = None


@dataclass
class ImportReport:
    entries: list[ImportEntry] = field(default_factory=list)
    cancelled: bool = False
    #: articles whose files were found deleted in the folders scanned (kept, not searched)
    missing: list[int] = field(default_factory=list)

    def count(self, outcome: ImportOutcome) -> int:
        return sum(1 for e in self.entries if e.outcome is outcome)

    @property
    def refused(self) -> list[ImportEntry]:
        return [e for e in self.entries if e.outcome is ImportOutcome.REFUSED]

    @property
    def changed_ids(self) -> list[int]:
        return [
            e.article_id
            for e in self.entries
            if e.article_id is not None
            and e.outcome in (ImportOutcome.ADDED, ImportOutcome.UPDATED)
        ]

    def summary(self) -> str:
        parts = [
            f"{self.count(o)} {o.value}"
            for o in ImportOutcome
            if o is not ImportOutcome.MOVED or self.count(o)
        ]
        if self.missing:
            parts.append(f"{len(self.missing)} missing (file deleted)")
        return ", ".join(parts)


@dataclass(frozen=True)
class SearchHit:
    """One search result; the snippet marks hit terms with ``<b>…</b>`` around escaped text."""

    article_id: int
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str
    # a quote hit (speaker: searches): who said it and where it stands in the article
    speaker: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    # beyond the first rows the snippet is made when the list scrolls there (SearchIndex.snippets)
    snippet_pending: bool = False


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    total: int
    terms: list[str]  # the words to highlight in the article (stems expanded by the index)
    message: str | None = None  # a hint about the query (e.g. a correction), not an error
    # counts over the matching articles: {"actor": [("Wang Yi", 12), …], "source": [...]}
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
