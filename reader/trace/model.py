"""What tracing answers with: frozen, typed, JSON-ready dataclasses (no I/O here)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DriftOp = Literal["equal", "insert", "delete", "replace"]
FirstStatus = Literal["earliest", "tied", "undated"]


@dataclass(frozen=True)
class Statement:
    """A quotation or a claim of one article, where it stands and who it is given to."""

    #: ``"<article_id>:<start>:<end>:<kind>"``, unique in a library
    key: str
    kind: Literal["quote", "claim"]
    article_id: int
    start: int
    end: int
    #: the words as this article has them: ``article.text[start:end]``
    text: str
    #: the quotation's speaker or the claim's claimant as the analyser found it, else ``None``
    speaker: str | None
    date: str | None  # the article's date (ISO 8601), if it states one
    outlet: str | None  # the article's source, if known
    title: str | None = None  # the article's title (for lists), if known

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DriftRun:
    """A run of words of a member against the reference wording. ``words`` are the member's
    words (the reference's for ``delete``); ``was`` the reference's words a ``replace`` stands for."""

    op: DriftOp
    words: tuple[str, ...]
    was: tuple[str, ...] = ()


@dataclass(frozen=True)
class Drift:
    """How one member's wording differs from the cluster's reference wording."""

    key: str  # the member's Statement.key
    runs: tuple[DriftRun, ...]

    @property
    def changed(self) -> bool:
        return any(r.op != "equal" for r in self.runs)


@dataclass(frozen=True)
class FirstAppearance:
    """Where the statement was first seen, said plainly: ``earliest`` (one article has the
    earliest date), ``tied`` (several articles share it: all in ``keys``) or ``undated`` (no
    member has a date; ``date`` is then ``None`` and ``keys`` empty)."""

    status: FirstStatus
    date: str | None
    keys: tuple[str, ...]
    undated: int  # how many members have no date (they cannot be placed in time)


@dataclass(frozen=True)
class Attribution:
    """Who one article gives the statement to."""

    speaker: str
    key: str
    article_id: int
    outlet: str | None


@dataclass(frozen=True)
class SpeakerFlag:
    """The same words given to different people. ``speakers`` are the distinct names (names
    compared loosely: "Wang Yi" = "Wang" = "Mr Wang"; members with no speaker, or only a role
    such as "officials", do not count), ``attributions`` which member says which."""

    speakers: tuple[str, ...]
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class Cluster:
    """Statements that are the same statement, across the library.

    ``members`` are sorted by date (undated last), then article and position. ``reference`` is
    the member whose wording the drift is measured against: the first appearance, or when
    nothing is dated the most common wording. ``id`` is stable while the cluster keeps its
    smallest member (a digest of that member's key).
    """

    id: str
    members: tuple[Statement, ...]
    reference: str
    first: FirstAppearance
    drift: tuple[Drift, ...]
    speaker_flag: SpeakerFlag | None
    articles: tuple[int, ...]
    outlets: tuple[str, ...]
    speakers: tuple[str, ...] = field(default=())

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def n_articles(self) -> int:
        return len(self.articles)

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)

    def member(self, key: str) -> Statement | None:
        return next((m for m in self.members if m.key == key), None)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["n_articles"] = self.n_articles
        out["n_outlets"] = self.n_outlets
        for d, drift in zip(out["drift"], self.drift, strict=True):
            d["changed"] = drift.changed
        return out


@dataclass(frozen=True)
class TraceReport:
    """What :func:`reader.trace.build` or :func:`reader.trace.update` did."""

    statements: int  # statements in the store after the run
    clusters: int  # clusters of two or more statements
    cross_article: int  # clusters spanning two or more articles
    largest: int  # members in the largest cluster
    articles_read: int  # articles whose statements were (re)read
    seconds: float
    cancelled: bool = False
    #: a full build (asked for, or an update that had to: first run, new matcher, grown corpus)
    rebuilt: bool = False
    phases: tuple[tuple[str, float], ...] = ()  # seconds per phase of a build

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
