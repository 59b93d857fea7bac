"""Plain data shared by every layer: no I/O here, so each layer can be tested on its own."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
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
    #: passed over by design (a README or licence in a folder): not a problem to report
    SKIPPED = "skipped"


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

    def counts(self) -> Counter[ImportOutcome]:
        """How many entries of each outcome, in one pass (an import of 212,000 files: the
        window's summary counted them ten times over, on its own thread)."""
        return Counter(e.outcome for e in self.entries)

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
        counts = self.counts()
        parts = [
            f"{counts[o]} {o.value}"
            for o in ImportOutcome
            if o not in (ImportOutcome.MOVED, ImportOutcome.SKIPPED) or counts[o]
        ]
        if self.missing:
            parts.append(f"{len(self.missing)} missing (file deleted)")
        return ", ".join(parts)


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Snippet:
    """Plain text from an article with where its hit words stand (code points): each front end
    marks them its own way (bold in the result list, ANSI bold in a terminal, spans in JSON),
    so the core never writes markup a front end must parse back."""

    text: str = ""
    hits: tuple[tuple[int, int], ...] = ()

    @classmethod
    def whole(cls, text: str) -> Snippet:
        """All of ``text`` one hit (an annotation's or a statement's own words)."""
        return cls(text, ((0, len(text)),) if text else ())

    def __bool__(self) -> bool:
        return bool(self.text)

    def marked(self, before: str, after: str, escape: Callable[[str], str] = _same) -> str:
        """The text with each hit between ``before`` and ``after``, every part through ``escape``."""
        out: list[str] = []
        at = 0
        for start, end in self.hits:
            out.append(escape(self.text[at:start]))
            out.append(before + escape(self.text[start:end]) + after)
            at = end
        out.append(escape(self.text[at:]))
        return "".join(out)

    def hit_words(self) -> list[str]:
        return [self.text[start:end] for start, end in self.hits]


@dataclass(frozen=True)
class SearchHit:
    """One search result, with the snippet the result list shows under it."""

    article_id: int
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: Snippet
    # a quote hit (speaker: searches): who said it and where it stands in the article
    speaker: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    # beyond the first rows the snippet is made when the list scrolls there (SearchIndex.snippets)
    snippet_pending: bool = False

    @classmethod
    def of(
        cls, article_id: int, summary: Any, score: float, snippet: Snippet, **where: Any
    ) -> SearchHit:
        """A hit on an article as the library summarises it (a row with its title, path, source
        and date): every kind of search lists articles the same way."""
        return cls(
            article_id=article_id,
            title=display_title(summary["title"], summary["path"]),
            source=summary["source"],
            date=summary["date"],
            score=score,
            snippet=snippet,
            **where,
        )


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit]
    total: int
    terms: list[str]  # the words to highlight in the article (stems expanded by the index)
    message: str | None = None  # a hint about the query (e.g. a correction), not an error
    # counts over the matching articles: {"actor": [("Wang Yi", 12), …], "source": [...]}
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # ``total`` counted up to a bound and estimated beyond it: show it as "about 17,000"
    total_is_estimate: bool = False
    # an actor: or speaker: search while the analysis is not finished: what it covers so far
    partial: str | None = None


class FacetCounts(dict[str, list[tuple[str, int]]]):
    """Facet counts ({"actor": [(name, count), …], "source": […]}) that say how they were
    made: over every matching article, or over an even ``sample`` of them and scaled
    (``estimated``: show them as approximate)."""

    def __init__(
        self,
        counts: dict[str, list[tuple[str, int]]] | None = None,
        estimated: bool = False,
        sample: int = 0,
    ) -> None:
        super().__init__(counts or {})
        self.estimated = estimated
        self.sample = sample


# -- an article's analysis, typed: what the window and the command line read -------------------


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor: ``name`` is the canonical actor, ``alias`` the words used."""

    start: int
    end: int
    name: str
    type: str  # person / organisation / country / place
    alias: str = ""
    how: str = ""
    description: str | None = None


@dataclass(frozen=True)
class QuoteSpan:
    """A direct quotation (without its marks); ``speaker`` is ``None`` when the text does not
    say who spoke; ``how`` says how the speaker was found (named, pronoun, role, …)."""

    start: int
    end: int
    speaker: str | None
    cue: str | None = None
    how: str = ""
    speaker_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class ClaimSpan:
    """A claim: reported (``claimant`` says it) or the article's own check-worthy statement."""

    start: int
    end: int
    claimant: str | None
    kind: str = "reported"
    cue: str | None = None
    score: float = 0.0
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """An actor of one article: one type (what most of its mentions say), how often it is
    named, the other names it goes by, and where it is first named."""

    name: str
    type: str
    mentions: int
    aliases: tuple[str, ...]
    first: tuple[int, int]


LayerSpan = ActorMention | QuoteSpan | ClaimSpan


@dataclass(frozen=True)
class Layers:
    """Actors, quotes and claims of an article, typed (the cache keeps them as :class:`Span`)."""

    actors: tuple[ActorMention, ...] = ()
    quotes: tuple[QuoteSpan, ...] = ()
    claims: tuple[ClaimSpan, ...] = ()

    @classmethod
    def from_spans(cls, spans: list[Span]) -> Layers:
        actors, quotes, claims = [], [], []
        for s in spans:
            a = s.attrs
            if s.kind == "actor":
                actors.append(
                    ActorMention(
                        s.start,
                        s.end,
                        s.label,
                        str(a.get("type", "")),
                        str(a.get("alias") or ""),
                        str(a.get("how") or ""),
                        a.get("description"),
                    )
                )
            elif s.kind == "quote":
                where = a.get("speaker_span")
                quotes.append(
                    QuoteSpan(
                        s.start,
                        s.end,
                        a.get("speaker") or None,
                        a.get("cue"),
                        str(a.get("how") or ""),
                        (int(where[0]), int(where[1])) if where else None,
                    )
                )
            elif s.kind == "claim":
                claims.append(
                    ClaimSpan(
                        s.start,
                        s.end,
                        a.get("claimant") or None,
                        str(a.get("kind") or "reported"),
                        a.get("cue"),
                        float(a.get("score", 0.0)),
                        tuple(a.get("reasons") or ()),
                    )
                )
        return cls(tuple(actors), tuple(quotes), tuple(claims))

    def all(self) -> list[LayerSpan]:
        """Every span, in text order."""
        return sorted((*self.actors, *self.quotes, *self.claims), key=lambda x: (x.start, x.end))

    def cast(self) -> list[Actor]:
        """The article's actors, most named first; each with the type most of its mentions have
        (a tie goes to country — "Beijing" standing for China — then to the type named first),
        so every view shows the same type for it."""
        by_name: dict[str, list[ActorMention]] = {}
        for m in self.actors:
            by_name.setdefault(m.name, []).append(m)
        out = []
        for name, found in by_name.items():
            votes: dict[str, int] = {}
            for m in found:
                votes[m.type] = votes.get(m.type, 0) + 1
            order = list(votes)  # first named first
            kind = max(votes, key=lambda t: (votes[t], t == "country", -order.index(t)))
            aliases = tuple(sorted({m.alias for m in found} - {name, ""}))
            out.append(Actor(name, kind, len(found), aliases, (found[0].start, found[0].end)))
        return sorted(out, key=lambda a: (-a.mentions, a.first))
