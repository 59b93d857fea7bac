"""Which statements are the same statement: candidates, the linking rule, clusters, and the
full and incremental passes that keep the store's clusters current.

Two statements are *linked* when their wordings match (:func:`reader.trace.text.match`) and the
rest of the evidence agrees; a cluster is a connected group of linked statements. The rule is
pairwise and depends only on the two statements, their articles and counts frozen at the last
full build, so an incremental update gives the clusters a full build would:

- a match over fewer than two words never links, nor a short one (under SHORT_WORDS words)
  made only of function words and words under four letters ("we will see");
- in two *unrelated* articles only the same speaker saying at least SHORT_WORDS words links:
  identical unattributed sentences in unrelated articles are formulas ("proceeds will be used
  for general corporate purposes", "the payment date is March 31"), not one statement repeated.
  Articles are related when they share someone distinctive and most of their people and
  organisations (:class:`Articles`);
- in related articles (or one article) the same speaker links any match; a short statement
  needs the same speaker; different named speakers link only over :data:`LONG_WORDS` words —
  the same words given to two people, which the cluster's *speaker flag* then shows; otherwise
  (a speaker unknown, or only a role such as "officials") the match links.

A speaker is a name only when it is one of the article's people or organisations as the
analyser found them ("Hewitt" for "Patricia Hewitt"); otherwise — a role, a country, a
dateline such as "Washington" — it counts as unknown. Names are compared loosely
(:func:`reader.trace.text.same_speaker`: "Wang Yi" = "Wang" = "Mr Wang").
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from array import array
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, combinations, islice
from multiprocessing import get_context
from sys import intern
from typing import NamedTuple

from reader.library import Library
from reader.sqlite_files import connect
from reader.trace import text as T
from reader.trace.model import TraceReport
from reader.trace.store import (
    TRACE_VERSION,
    SourceArticle,
    StatementRow,
    TraceStore,
    pack,
    read_articles,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

#: Two articles are related when this share of their people and organisations is common to both
#: (Jaccard), someone distinctive among them: a duplicated or rewritten story, or another report
#: of the same event.
RELATED = 0.5
#: Someone mentioned in more than this share of the articles (and more than COMMON_PERSON_MIN)
#: says nothing about two articles being related.
COMMON_PERSON = 0.002
COMMON_PERSON_MIN = 20
#: Different named speakers link only over this many words: the same long wording given to two
#: people is a misattribution worth flagging, a short one is often two people's stock phrase.
LONG_WORDS = 10
#: An update rebuilds everything once the statements added since the last build pass this share
#: of those the build saw (so the frozen pair counts stay representative).
REBUILD_SHARE = 0.5

Key = tuple[int, int, int, str]


def default_jobs() -> int:
    """Worker processes for reading a big library: one per core, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


class TraceCancelled(Exception):
    """The caller asked to stop; nothing was written."""


class TraceError(Exception):
    """Clusters cannot be written now (a read-only library: the message says why)."""


def _writable(library: Library) -> None:
    if library.read_only:
        raise TraceError(f"statement clusters cannot be updated: {library.read_only_reason}")


class _Node(NamedTuple):
    """A statement being clustered (a tuple: a build makes one per statement)."""

    key: Key
    speaker: str | None
    wording: int


@dataclass(frozen=True)
class _Extracted:
    start: int
    end: int
    kind: str
    speaker: str | None
    norm: str


Cast = dict[str, str]  # an article's people and organisations: name -> "person" / "organisation"


def extract(article: SourceArticle) -> tuple[list[_Extracted], Cast]:
    """An article's quotations and claims (with words to compare) and its people and
    organisations (to tell related articles, and who may be a speaker)."""
    found: list[_Extracted] = []
    cast: Cast = {}
    for span in article.spans or ():
        kind = span.get("kind")
        if kind == "actor":
            role = (span.get("attrs") or {}).get("type")
            if role in ("person", "organisation"):
                name = str(span.get("label"))
                if cast.get(name) != "person":
                    cast[name] = role
            continue
        if kind not in ("quote", "claim"):
            continue
        start, end = int(span["start"]), int(span["end"])
        norm = T.normalise(article.text[start:end])
        if not norm:
            continue  # no words (an emoji, a dash): nothing to compare
        attrs = span.get("attrs") or {}
        speaker = attrs.get("speaker") if kind == "quote" else attrs.get("claimant")
        found.append(_Extracted(start, end, kind, speaker or None, norm))
    return found, dict(sorted(cast.items()))


def cluster_id(key: Key) -> int:
    """A cluster's id: a 48-bit digest of its smallest member's key (stable while that member
    stays); shown as 12 hexadecimal digits."""
    raw = f"{key[0]}:{key[1]}:{key[2]}:{key[3]}".encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=6).digest(), "big")


@dataclass(frozen=True)
class Articles:
    """What the linking rule knows of articles: their people and organisations (``casts``), and
    those too common to tell two articles apart (mentioned in more than :data:`COMMON_PERSON` of
    the articles when the store was built: "Treasury", "Securities and Exchange Commission")."""

    casts: Mapping[int, Cast]
    common: frozenset[str] = frozenset()
    names: T.Names = field(default_factory=T.Names)
    _people: dict[int, frozenset[str]] = field(default_factory=dict)
    _persons: dict[int, frozenset[str]] = field(default_factory=dict)

    def people(self, article: int) -> frozenset[str]:
        found = self._people.get(article)
        if found is None:
            if len(self._people) >= T.CACHED:
                self._people.clear()  # bounded, as the names' cache is
            found = self._people[article] = frozenset(self.casts.get(article, ()))
        return found

    def persons(self, article: int) -> frozenset[str]:
        found = self._persons.get(article)
        if found is None:
            if len(self._persons) >= T.CACHED:
                self._persons.clear()
            cast = self.casts.get(article, {})
            found = self._persons[article] = frozenset(n for n, r in cast.items() if r == "person")
        return found

    def name(self, node: _Node) -> frozenset[str] | None:
        """The statement's speaker as one of its article's people or organisations."""
        return self.names.speaker(node.speaker, self.people(node.key[0]))

    def person(self, node: _Node) -> frozenset[str] | None:
        """The statement's speaker as one of its article's people (not an organisation)."""
        return self.names.speaker(node.speaker, self.persons(node.key[0]))

    def related(self, a: int, b: int) -> bool:
        """One article, or two that share someone distinctive and most of their people."""
        if a == b:
            return True
        pa, pb = self.people(a), self.people(b)
        shared = pa & pb
        if not shared or shared <= self.common:
            return False
        return len(shared) / len(pa | pb) >= RELATED


def common_people(people: Iterable[Iterable[str]], articles: int) -> frozenset[str]:
    """People and organisations in more than COMMON_PERSON of the articles (at least 20)."""
    counts = Counter(chain.from_iterable(people))
    limit = max(COMMON_PERSON_MIN, COMMON_PERSON * articles)
    return frozenset(name for name, n in counts.items() if n > limit)


def linked(s: _Node, t: _Node, words: int, articles: Articles) -> bool:
    """Whether two statements whose wordings match over ``words`` words are one statement."""
    if words < 2:
        return False
    if not articles.related(s.key[0], t.key[0]):
        if words < T.SHORT_WORDS:
            return False
        a, b = articles.person(s), articles.person(t)
        return a is not None and b is not None and T.same_speaker(a, b)
    a, b = articles.name(s), articles.name(t)
    same = a is not None and b is not None and T.same_speaker(a, b)
    if same:
        return True
    if words < T.SHORT_WORDS:
        return False
    if a is not None and b is not None:
        return words >= LONG_WORDS
    return True


class _Components:
    """Union-find over statements by their place in the build's list: a flat array, where a
    dictionary of their keys held 150 MB at 212,000 articles."""

    def __init__(self, n: int) -> None:
        self.parent = array("q", range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _postings(keys: Mapping[int, Iterable[int]]) -> dict[int, list[int]]:
    """Key -> the wordings that have it, for keys two wordings or more share (most keys are one
    wording's alone: those are left out without a Python step each)."""
    counts = Counter(chain.from_iterable(keys.values()))
    shared = {key for key, n in counts.items() if n > 1}
    out: dict[int, list[int]] = defaultdict(list)
    for wording, own in keys.items():
        for key in shared.intersection(own):
            out[key].append(wording)
    return out


def candidate_pairs(
    prints: Mapping[int, T.Prints], lengths: Mapping[int, int]
) -> list[tuple[int, int]]:
    """Pairs of wordings that may match, sorted: those sharing a ``near`` key whose lengths are
    within the edits allowed, and those where every ``part`` key of the shorter (8 words or more)
    is one of the longer's (what a partial quotation must satisfy), found from its rarest one."""
    return [_pair(code) for code in _candidate_codes(prints, lengths)]


_LOW = (1 << 31) - 1


def _pair(code: int) -> tuple[int, int]:
    return code >> 31, code & _LOW


def _candidate_codes(prints: Mapping[int, T.Prints], lengths: Mapping[int, int]) -> array[int]:
    """:func:`candidate_pairs`, each pair one 62-bit number in a compact array: a build of
    212,000 articles has millions of them."""
    codes: set[int] = set()
    near = _postings({w: p.near for w, p in prints.items()})
    allowed = T.allowed_edits
    for posting in near.values():
        posting.sort()
        for a, b in combinations(posting, 2):
            la, lb = lengths[a], lengths[b]
            if abs(la - lb) <= allowed(la if la > lb else lb):
                codes.add((a << 31) | b)
    del near
    part = _postings({w: p.part for w, p in prints.items()})
    for wording, p in prints.items():
        if p.part:
            rarest = p.part[0]
            if rarest not in part:
                continue  # its rarest window is nobody else's: no quotation contains it
            own = lengths[wording]
            mine: frozenset[int] | None = None
            for other in part[rarest]:
                if other != wording and lengths[other] >= own:
                    mine = mine or frozenset(p.part)
                    if mine.issubset(prints[other].part):
                        codes.add((min(wording, other) << 31) | max(wording, other))
    del part
    return array("q", sorted(codes))


class _Lengths(Mapping[int, int]):
    """Words per wording, counted when asked rather than held for a million wordings."""

    def __init__(self, norms: Mapping[int, str]) -> None:
        self._norms = norms

    def __getitem__(self, wording: int) -> int:
        return self._norms[wording].count(" ") + 1

    def __iter__(self) -> Iterator[int]:
        return iter(self._norms)

    def __len__(self) -> int:
        return len(self._norms)


def cluster(
    nodes: Sequence[_Node],
    norms: Mapping[int, str],
    prints: Mapping[int, T.Prints],
    articles: Articles,
    cancelled: Cancelled = lambda: False,
    clock: _Clock | None = None,
) -> array[int]:
    """The cluster id of each of ``nodes``, in their order (their wordings' text and prints
    given). Statements are numbers here, their place in ``nodes``: a build clusters a million."""
    by_wording: dict[int, array[int]] = {}
    for i, node in enumerate(nodes):
        at = by_wording.get(node.wording)
        if at is None:
            by_wording[node.wording] = array("q", (i,))
        else:
            at.append(i)
    components = _Components(len(nodes))
    for group in by_wording.values():
        if len(group) > 1:
            norm = norms[nodes[group[0]].wording]
            words = norm.count(" ") + 1
            if words >= T.SHORT_WORDS or T.contentful(norm):
                _link_all(components, nodes, group, group, words, articles)
    if cancelled():
        raise TraceCancelled
    # a build's nodes have every wording that has prints: no copy of a million of them
    present = (
        prints
        if by_wording.keys() >= prints.keys()
        else {w: prints[w] for w in by_wording if w in prints}
    )
    codes = _candidate_codes(present, _Lengths(norms))
    del present
    if clock is not None:
        clock.lap("candidates")
    for n, code in enumerate(codes):
        if n % 20000 == 0 and cancelled():
            raise TraceCancelled
        a, b = code >> 31, code & _LOW
        found = T.match(norms[a], norms[b])
        if found is not None:
            _link_all(components, nodes, by_wording[a], by_wording[b], found.words, articles)
    del by_wording, codes
    # a cluster's id comes from its smallest key: first the member with it, per root
    find = components.find
    low = array("q", [-1]) * len(nodes)
    for i, node in enumerate(nodes):
        root = find(i)
        j = low[root]
        if j < 0 or node.key < nodes[j].key:
            low[root] = i
    out = array("q", [0]) * len(nodes)
    shared: dict[int, int] = {}  # lowest member -> id, for clusters of more than one
    for i in range(len(nodes)):
        j = low[find(i)]
        cid = shared.get(j)
        if cid is None:
            cid = cluster_id(nodes[j].key)
            if j != i:
                shared[j] = cid
        out[i] = cid
    return out


def _link_all(
    components: _Components,
    nodes: Sequence[_Node],
    left: Sequence[int],
    right: Sequence[int],
    words: int,
    articles: Articles,
) -> None:
    """Link the statements of ``left`` with those of ``right`` (or among themselves when they
    are the same group) that :func:`linked` says are one. Statements of one article with one
    speaker are alike to it, so it is asked once per such class, not per pair: an article
    repeating a quotation 5,000 times made 12 million pairs (minutes of work)."""
    same_group = left is right
    lefts = _classes(nodes, left)
    rights = lefts if same_group else _classes(nodes, right)
    whole_left = [len(c) == 1 for c in lefts]  # every member already in one component
    whole_right = whole_left if same_group else [len(c) == 1 for c in rights]
    if same_group:
        for n, members in enumerate(lefts):
            if len(members) > 1 and linked(nodes[members[0]], nodes[members[1]], words, articles):
                _union_all(components, members)
                whole_left[n] = True
    for i, a in enumerate(lefts):
        for j in range(i + 1 if same_group else 0, len(rights)):
            b = rights[j]
            if whole_left[i] and whole_right[j] and components.find(a[0]) == components.find(b[0]):
                continue
            if linked(nodes[a[0]], nodes[b[0]], words, articles):
                # every member of either class is linked with every member of the other
                _union_all(components, a + b)
                whole_left[i] = whole_right[j] = True


def _classes(nodes: Sequence[_Node], at: Sequence[int]) -> list[list[int]]:
    """The statements at ``at`` by article and speaker, in first-seen order."""
    classes: dict[tuple[int, str | None], list[int]] = {}
    for i in at:
        node = nodes[i]
        classes.setdefault((node.key[0], node.speaker), []).append(i)
    return list(classes.values())


def _union_all(components: _Components, members: list[int]) -> None:
    first = members[0]
    for i in members[1:]:
        components.union(first, i)


# -- reading, in worker processes for a big library -------------------------------------------------
#: Below this many articles a build reads them in its own process (starting workers costs more).
PARALLEL_FROM = 2000


@dataclass
class _Part:
    """What one group of articles gives a build: (id, state, people) per article, (article,
    start, end, kind, speaker, wording) per statement, and the pair keys of each long wording."""

    articles: list[tuple[int, str, Cast]]
    statements: list[tuple[int, int, int, str, str | None, str]]
    pairs: dict[str, array[int]]  # compact: a build holds two million of them


def _read_part(db: sqlite3.Connection, ids: list[int], version: int) -> _Part:
    part = _Part([], [], {})
    cache = T.WordHashes()
    for article in read_articles(db, ids, version):
        found, cast = extract(article)
        part.articles.append((article.id, article.state, cast))
        for e in found:
            part.statements.append((article.id, e.start, e.end, e.kind, e.speaker, e.norm))
            if e.norm not in part.pairs and e.norm.count(" ") >= T.SHORT_WORDS - 1:
                part.pairs[e.norm] = array("q", T.pair_keys(e.norm.split(" "), cache))
    return part


def _read_in_worker(path: str, ids: list[int], version: int) -> _Part:
    db = connect(path, read_only=True)
    try:
        return _read_part(db, ids, version)
    finally:
        db.close()


def _jobs(articles: int) -> int:
    """Worker processes for a library this big: none below 2 x PARALLEL_FROM articles (starting
    them costs more than they save), then one per PARALLEL_FROM, at most one per core (<= 4)."""
    jobs = min(articles // PARALLEL_FROM, default_jobs())
    return jobs if jobs >= 2 else 0


@contextmanager
def _workers(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``jobs`` worker processes, or ``None``; started with "spawn", as the importer's
    are, never "fork" (the window's threads must not be copied into a child)."""
    if not jobs:
        yield None
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        yield pool


def _read_all(
    library: Library,
    store: TraceStore,
    ids: list[int],
    pool: ProcessPoolExecutor | None,
    jobs: int,
    progress: Progress | None,
    cancelled: Cancelled,
) -> Iterator[_Part | None]:
    """Every present article's statements, in article order, in groups; ``None`` once cancelled.
    With workers, each reads (JSON, normalising, hashing) with its own read-only connection: the
    parts are all the main process receives."""
    version = library.analysis_version()
    groups = [ids[i : i + 500] for i in range(0, len(ids), 500)]
    done = 0
    if pool is None:
        for group in groups:
            if cancelled():
                yield None
                return
            yield _read_part(store.db, group, version)
            done += len(group)
            if progress is not None:
                progress(done, len(ids))
        return
    path = str(library.path)
    # a few groups ahead of the one taken, not all: a part done and not yet taken is held here,
    # and a future keeps its part while referenced (all of them held at once were a build's peak
    # memory, 1.3 GB at 212,000 articles)
    ahead = 2 * max(1, jobs)
    pending: deque[tuple[list[int], Future[_Part]]] = deque()
    todo = iter(groups)
    while True:
        for group in islice(todo, ahead - len(pending)):
            pending.append((group, pool.submit(_read_in_worker, path, group, version)))
        if not pending:
            return
        group, future = pending.popleft()
        if cancelled():
            for _, f in pending:
                f.cancel()
            yield None
            return
        part = future.result()
        del future
        yield part
        del part
        done += len(group)
        if progress is not None:
            progress(done, len(ids))


# -- the passes -----------------------------------------------------------------------------------
def build(
    library: Library, progress: Progress | None = None, cancelled: Cancelled = lambda: False
) -> TraceReport:
    """Read every present article's statements and cluster them all; replaces the store."""
    _writable(library)
    began = time.perf_counter()
    clock = _Clock()
    store = TraceStore(library)
    changes, version = library.changes(), library.analysis_version()
    total = library.count()
    norms: dict[str, int] = {}
    nodes: list[_Node] = []
    articles: list[tuple[int, str, Cast]] = []
    casts: dict[int, Cast] = {}
    pairs: dict[int, array[int]] = {}
    ids = store.present_ids()
    jobs = _jobs(len(ids))
    with _workers(jobs) as pool:
        for part in _read_all(library, store, ids, pool, jobs, progress, cancelled):
            if part is None:
                return _cancelled(began)
            for article_id, state, cast in part.articles:
                articles.append((article_id, state, cast))
                casts[article_id] = cast
            for article_id, start, end, kind, speaker, norm in part.statements:
                wording = norms.setdefault(norm, len(norms) + 1)
                # one string per speaker and kind, not one per statement as unpickled
                who = intern(speaker) if speaker is not None else None
                nodes.append(_Node((article_id, start, end, intern(kind)), who, wording))
            for norm, keys in part.pairs.items():
                pairs.setdefault(norms[norm], keys)
    clock.lap("read")
    text_of = {i: norm for norm, i in norms.items()}
    del norms
    counts = Counter(chain.from_iterable(map(set, pairs.values())))
    common = {pair: count for pair, count in counts.items() if count > 1}
    del counts
    ranked = T.rankings(common)
    clock.lap("counts")
    prints = {i: T.prints(T.rank(keys, ranked)) for i, keys in pairs.items()}
    del pairs, ranked
    clock.lap("prints")
    if cancelled():
        return _cancelled(began)
    common_names = common_people(casts.values(), len(casts))
    try:
        context = Articles(casts, common_names)
        clusters = cluster(nodes, text_of, prints, context, cancelled, clock)
    except TraceCancelled:
        return _cancelled(began)
    clock.lap("links")
    with library.transaction(), store.bulk():
        store.clear()
        store.add_wordings(
            (i, norm, pack(prints.get(i, T.NO_PRINTS).all)) for i, norm in text_of.items()
        )
        store.add_statements(
            StatementRow(*n.key, n.speaker, n.wording, cid)
            for n, cid in zip(nodes, clusters, strict=True)
        )
        store.set_articles(articles)
        store.set_common_pairs(common)
        store.set_common_people(common_names)
        store.set_meta({"version": TRACE_VERSION, "built": len(nodes), "added": 0})
        store.set_current_at(changes, version)
    clock.lap("write")
    if progress is not None:
        progress(total, total)
    return _report(store, len(articles), began, rebuilt=True, phases=clock.laps)


def update(
    library: Library,
    article_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled = lambda: False,
) -> TraceReport:
    """Bring the store up to date for ``article_ids`` (added, changed, deleted or gone missing),
    or for every article whose content or analysis changed when ``None``. Re-clusters only what
    they touch; a first run, a new matcher or a much grown corpus rebuilds everything."""
    _writable(library)
    began = time.perf_counter()
    store = TraceStore(library)
    if store.version() != TRACE_VERSION:
        return build(library, progress, cancelled)
    # what this update reads is the library as of now: current at this count, when it does all
    changes, version = library.changes(), library.analysis_version()
    built, added = store.statements_since_build()
    current = store.article_states()
    traced = store.traced_states()
    if article_ids is None:
        changed = {i for i, state in current.items() if traced.get(i) != state}
        changed |= traced.keys() - current.keys()
    else:
        changed = set(article_ids)
    if not changed:
        if article_ids is None:
            with library.transaction():
                store.set_current_at(changes, version)
        return _report(store, 0, began)

    # 1. what leaves: the changed articles' old statements; what comes: their new ones
    old = store.statements_of_articles(changed)
    fresh: list[tuple[int, _Extracted]] = []
    articles: list[tuple[int, str, Cast]] = []
    read = 0
    for article in store.read_articles(sorted(changed & current.keys())):
        found, names = extract(article)
        articles.append((article.id, article.state, names))
        fresh.extend((article.id, e) for e in found)
        read += 1
        if progress is not None and read % 200 == 0:
            progress(read, len(changed))
    if added + len(fresh) > REBUILD_SHARE * max(built, 1) and len(fresh) > 1000:
        return build(library, progress, cancelled)
    if cancelled():
        return _cancelled(began)

    # 2. new wordings get their prints under the pair counts frozen at the last build
    ranked = T.rankings(store.common_pairs())
    cache = T.WordHashes()

    def prints_of(norm: str) -> T.Prints:
        return T.prints(T.rank(T.pair_keys(norm.split(" "), cache), ranked))

    known = store.wording_ids(e.norm for _, e in fresh)
    next_id = store.next_wording_id()
    new_wordings: dict[str, tuple[int, T.Prints]] = {}
    for _, e in fresh:
        if e.norm not in known and e.norm not in new_wordings:
            new_wordings[e.norm] = (next_id, prints_of(e.norm))
            next_id += 1
    wording_of = dict(known) | {norm: w for norm, (w, _) in new_wordings.items()}
    fresh_norms = {w: norm for norm, (w, _) in new_wordings.items()}

    # 3. the existing wordings the new ones may match: any stored wording sharing a key with one
    # (a superset of what a build would pair), checked word for word
    probe: dict[int, list[str]] = defaultdict(list)  # key -> the new wordings that have it
    for norm, (_, p) in new_wordings.items():
        for key in p.all:
            probe[key].append(norm)
    candidates: dict[int, set[str]] = {}  # stored wording -> the new ones it shares a key with
    if probe:
        keys = set(probe)
        for wording, stored_keys in store.all_fingerprints():
            if not keys.isdisjoint(stored_keys):
                shared = keys.intersection(stored_keys)
                candidates[wording] = set(chain.from_iterable(probe[k] for k in shared))
    touched_wordings = set(known.values()) | {s.wording for s in old}
    for w, (norm, _) in store.wordings(candidates).items():
        if any(T.match(norm, other) is not None for other in candidates[w]):
            touched_wordings.add(w)
    if cancelled():
        return _cancelled(began)

    # 4. the region to re-cluster: every cluster the change touches, whole, and the new statements
    gone = {s.key for s in old}
    clusters = {s.cluster for s in old}
    clusters |= {s.cluster for s in store.statements_of_wordings(touched_wordings)}
    region = [s for s in store.statements_of_clusters(clusters) if s.key not in gone]
    new_rows = [
        StatementRow(aid, e.start, e.end, e.kind, e.speaker, wording_of[e.norm], 0)
        for aid, e in fresh
    ]
    casts = store.casts(s.article_id for s in region) | {a: cast for a, _, cast in articles}
    nodes = [_Node(s.key, s.speaker, s.wording) for s in [*region, *new_rows]]
    region_wordings = {n.wording for n in nodes}
    stored = store.wordings(region_wordings - set(fresh_norms))
    text_of = {w: norm for w, (norm, _) in stored.items()} | fresh_norms
    prints = {w: prints_of(norm) for w, norm in text_of.items()}
    context = Articles(casts, store.common_people())
    try:
        assigned = cluster(nodes, text_of, prints, context, cancelled)
    except TraceCancelled:
        return _cancelled(began)

    # 5. write it in one transaction
    with library.transaction():
        used = store.forget_articles(changed)
        store.add_wordings((w, norm, pack(p.all)) for norm, (w, p) in new_wordings.items())
        store.add_statements(
            StatementRow(*r.key, r.speaker, r.wording, assigned[len(region) + n])
            for n, r in enumerate(new_rows)
        )
        store.drop_unused_wordings(used)
        store.set_clusters(
            (assigned[n], s.key) for n, s in enumerate(region) if assigned[n] != s.cluster
        )
        store.set_articles(articles)
        store.set_meta({"added": added + len(new_rows)})
        if article_ids is None:
            store.set_current_at(changes, version)
    if progress is not None:
        progress(len(changed), len(changed))
    return _report(store, read, began)


def _cancelled(began: float) -> TraceReport:
    return TraceReport(0, 0, 0, 0, 0, time.perf_counter() - began, cancelled=True)


def _report(
    store: TraceStore,
    read: int,
    began: float,
    rebuilt: bool = False,
    phases: tuple[tuple[str, float], ...] = (),
) -> TraceReport:
    statements, clusters, cross, largest = store.counts()
    return TraceReport(
        statements,
        clusters,
        cross,
        largest,
        read,
        time.perf_counter() - began,
        rebuilt=rebuilt,
        phases=phases,
    )


class _Clock:
    """Seconds per phase, for the report (where the time of a build goes)."""

    def __init__(self) -> None:
        self.laps: tuple[tuple[str, float], ...] = ()
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps += ((name, round(now - self._last, 3)),)
        self._last = now
