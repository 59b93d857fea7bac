"""Trace a statement across the library: who said it first, who repeated it, how the words changed.

Every quotation and every claim the analysers found (the library's cached ``quote`` and
``claim`` spans; the words are ``article.text[start:end]``) is a :class:`Statement`. Statements
that are the same statement — the same words after normalising quotation marks, case, ellipses,
emoji and spacing, or a word or a few added, removed or changed, or a partial quotation of at
least 8 words — form a :class:`Cluster`. Precision comes first: short statements (under 6 words)
must match word for word *and* be given to the same speaker; numbers and dates must agree;
and the same words in two unrelated articles (formulas such as "proceeds will be used for
general corporate purposes") are linked only when one person says them in both. The rules are
in :mod:`reader.trace.engine` and :mod:`reader.trace.text`; the tables in
:mod:`reader.trace.store`.

Plain Python, no Qt: the window, the CLI, the search and the exports call these functions from
their own threads (one :class:`~reader.library.Library` per thread, as always). Long calls take
``progress(done, total)`` and ``cancelled()`` callbacks; a cancelled run writes nothing.

Keeping clusters current (after an import and its analysis, in the same worker)::

    trace.update(library, report.changed_ids + report.missing)   # or update(library): all stale
    trace.build(library)                                         # everything again, from scratch

``update`` re-reads only those articles (added, changed, deleted or missing ones) and re-clusters
only the clusters they touch, giving the clusters a full build would; it builds from scratch
when there is nothing yet, the matcher changed (:data:`~reader.trace.store.TRACE_VERSION`) or
the corpus has grown by half since the last build. It needs the articles' analysis: an article
not analysed yet simply has no statements until an update after its analysis is stored. A
build of a big library reads it in worker processes ("spawn", like the importer's). Both write
in one transaction at the end, so the library stays readable meanwhile; on a read-only library
they raise :class:`TraceError`.

Asking (all read-only, cheap; members of articles whose file was deleted are left out)::

    cluster_of(library, article_id, start, end) -> Cluster | None   # the Trace pane
    clusters_for_article(library, article_id) -> list[Cluster]      # badges: "also in N articles"
    find(library, "a just and lasting peace") -> list[Cluster]      # by wording
    by_speaker(library, "Wang Yi", outlet=None, words=None) -> list[Cluster]  # the Speaker view
    articles_carrying(library, cluster_id) -> list[int]             # a `same:` search
    get(library, cluster_id) -> Cluster | None

A :class:`Cluster` has ``id`` (12 hex digits), ``members`` (statements sorted by date, undated
last), ``first`` (:class:`FirstAppearance`: ``earliest`` / ``tied`` with the tied members /
``undated``), ``reference`` (the member the drift is measured against: the first appearance,
else the most common wording), ``drift`` (per member, word runs ``equal`` / ``insert`` /
``delete`` / ``replace`` against the reference), ``speaker_flag`` (:class:`SpeakerFlag` when
members give the words to different people, with who says what where; ``None`` otherwise),
``articles``, ``outlets`` (and ``n_articles``, ``n_outlets``). Every result has ``to_json()``
(plain dicts and lists) for ``corpus-reader trace --json``; :func:`to_json` serialises one or a
list of them.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

from reader.library import Library
from reader.trace import text as _text
from reader.trace.engine import Cancelled, Progress, TraceError, build, update
from reader.trace.model import (
    Attribution,
    Cluster,
    Drift,
    DriftRun,
    FirstAppearance,
    SpeakerFlag,
    Statement,
    TraceReport,
)
from reader.trace.query import assemble, parse_cluster_id
from reader.trace.store import TRACE_VERSION, TraceStore

#: ``find`` looks at no more wordings than this that contain the words asked for.
FIND_LIMIT = 200


def stale(library: Library) -> bool:
    """Whether :func:`update` has anything to do (a new matcher, or articles changed)."""
    store = TraceStore(library)
    return store.version() != TRACE_VERSION or store.stale()


def cluster_of(library: Library, article_id: int, start: int, end: int) -> Cluster | None:
    """The cluster of the statement at this span of the article (the exact span, else the
    shortest statement containing it); a one-member cluster when it is said only there,
    ``None`` when no statement is there (or nothing is traced yet)."""
    store = TraceStore(library)
    row = store.statement_at(article_id, start, end)
    if row is None:
        return None
    found = assemble(store, [row.cluster])
    return found[0] if found else None


def clusters_for_article(library: Library, article_id: int, min_articles: int = 2) -> list[Cluster]:
    """The clusters of this article's statements that reach at least ``min_articles`` articles
    (this one included), in the order the statements come in the article."""
    store = TraceStore(library)
    rows = sorted(store.statements_of_articles([article_id]), key=lambda r: (r.start, r.end))
    clusters = assemble(store, [r.cluster for r in rows])
    return [c for c in clusters if c.n_articles >= min_articles]


def get(library: Library, cluster_id: str) -> Cluster | None:
    """The cluster with this id, if there is one."""
    value = parse_cluster_id(cluster_id)
    if value is None:
        return None
    found = assemble(TraceStore(library), [value])
    return found[0] if found else None


def articles_carrying(library: Library, cluster_id: str) -> list[int]:
    """The ids of the present articles that carry this statement (for a ``same:`` search)."""
    value = parse_cluster_id(cluster_id)
    return [] if value is None else TraceStore(library).articles_of_cluster(value)


def quoted_in(
    library: Library, least: int, ids: Collection[int] | None = None
) -> dict[int, tuple[int, int, int]]:
    """The articles (of ``ids``, or all) carrying a statement that ``least`` or more outlets
    carry: for each, ``(outlets, start, end)`` of its most widely carried one (the ``outlets:``
    search and the "quoted in" facet)."""
    found = library.widest_statements(ids, least)
    return {aid: (n, start, end) for aid, (n, start, end, _c) in found.items()}


def find(library: Library, text: str) -> list[Cluster]:
    """Clusters whose wording is ``text`` (normalised as statements are), contains it as a run
    of words, or matches it as a statement would (a near wording, a partial quotation); the
    largest first."""
    norm = _text.normalise(text)
    if not norm:
        return []
    store = TraceStore(library)
    wordings = set(store.wording_ids([norm]).values())
    wordings.update(store.wordings_containing(norm, FIND_LIMIT))
    if norm.count(" ") + 1 >= _text.SHORT_WORDS:
        ranked = _text.rankings(store.common_pairs())
        keys = _text.rank(_text.pair_keys(norm.split(" "), _text.WordHashes()), ranked)
        probe = _text.fingerprints(keys)
        if probe:
            candidates = [w for w, fps in store.all_fingerprints() if not probe.isdisjoint(fps)]
            for w, (other, _) in store.wordings(candidates).items():
                if _text.match(norm, other) is not None:
                    wordings.add(w)
    rows = store.statements_of_wordings(wordings)
    clusters = assemble(store, sorted({r.cluster for r in rows}))
    return sorted(clusters, key=lambda c: (-c.n_articles, -c.size, c.members[0].key))


def by_speaker(
    library: Library,
    name: str,
    outlet: str | None = None,
    words: str | None = None,
    kinds: Collection[str] = ("quote",),
) -> list[Cluster]:
    """Every statement given to this speaker (names compared loosely: "Wang" finds "Wang Yi"
    and "Mr Wang"), grouped by cluster — each cluster whole, other speakers' members too, for
    comparison — sorted by first appearance (undated last). ``outlet`` keeps the clusters where
    that outlet gives the speaker a statement; ``words`` those whose wording has all these words.
    Quotations by default; ``kinds=("quote", "claim")`` adds claims."""
    store = TraceStore(library)
    wanted = _text.name_key(name)
    folded = name.strip().casefold()
    if wanted is None:
        speakers = [s for s in store.speakers() if s.strip().casefold() == folded]
    else:
        speakers = [
            s
            for s in store.speakers()
            if (key := _text.name_key(s)) is not None and _text.same_speaker(key, wanted)
        ]
    rows = [r for r in store.statements_by_speakers(speakers) if r.kind in kinds]
    own = {f"{r.article_id}:{r.start}:{r.end}:{r.kind}" for r in rows}
    clusters = assemble(store, sorted({r.cluster for r in rows}))
    if outlet is not None:
        place = outlet.strip().casefold()
        clusters = [
            c
            for c in clusters
            if any(m.key in own and (m.outlet or "").casefold() == place for m in c.members)
        ]
    if words:
        needed = set(_text.normalise(words).split())
        clusters = [
            c
            for c in clusters
            if any(needed <= set(_text.normalise(m.text).split()) for m in c.members)
        ]
    return sorted(clusters, key=_by_first_date)


def _by_first_date(cluster: Cluster) -> tuple[bool, str, str]:
    first = cluster.members[0]
    return (first.date is None, first.date or "", first.key)


def to_json(value: Cluster | Statement | TraceReport | Sequence[Any]) -> str:
    """One result, or a list of them, as JSON text."""
    if isinstance(value, Cluster | Statement | TraceReport):
        return json.dumps(value.to_json(), ensure_ascii=False)
    return json.dumps([v.to_json() for v in value], ensure_ascii=False)


__all__ = [
    "Attribution",
    "Cancelled",
    "Cluster",
    "Drift",
    "DriftRun",
    "FirstAppearance",
    "Progress",
    "SpeakerFlag",
    "Statement",
    "TraceError",
    "TraceReport",
    "TraceStore",
    "articles_carrying",
    "build",
    "by_speaker",
    "cluster_of",
    "clusters_for_article",
    "find",
    "get",
    "quoted_in",
    "stale",
    "to_json",
    "update",
]
