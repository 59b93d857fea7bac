"""How the index's documents match a query and rank: Whoosh's matchers where they are fast and
right, ours where they are not (an article's documents, the better of two words, adjacent words,
BM25 over a segment's field lengths read once)."""

from __future__ import annotations

import bisect
import threading
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import (
    DisjunctionMaxMatcher,
    IntersectionMatcher,
    ListMatcher,
    NullMatcher,
    WrappingMatcher,
)
from whoosh.util.numeric import byte_to_length

_MAPS: dict[tuple[str, int, int], tuple[list[int], dict[int, list[int]]]] = {}
_MAPS_LOCK = threading.Lock()


def _segment_map(reader: Any) -> tuple[list[int], dict[int, list[int]]]:
    """One segment's article id per document (0 for a deleted one), and its documents per
    article id; kept while the segment is in use."""
    segment = reader.segment()
    if segment is None:  # an index with nothing in it yet: Whoosh's empty reader
        return [], {}
    key = (segment.segment_id(), reader.doc_count_all(), segment.deleted_count())
    with _MAPS_LOCK:
        cached = _MAPS.get(key)
    if cached is not None:
        return cached
    n = reader.doc_count_all()
    ids = list(reader.column_reader("article_id")) if reader.has_column("article_id") else [0] * n
    if segment.has_deletions():
        for d in segment.deleted_docs():
            ids[d] = 0
    by_article: dict[int, list[int]] = {}
    for d, aid in enumerate(ids):
        if aid:
            by_article.setdefault(aid, []).append(d)
    with _MAPS_LOCK:
        if len(_MAPS) > 64:
            _MAPS.clear()
        _MAPS[key] = (ids, by_article)
    return ids, by_article


class _ArticleIds:
    """Article id of a searcher's (global) document numbers."""

    def __init__(self, searcher: Any) -> None:
        self._offsets: list[int] = []
        self._ids: list[list[int]] = []
        for sub, offset in searcher.leaf_searchers():
            self._offsets.append(offset)
            self._ids.append(_segment_map(sub.reader())[0])

    def __getitem__(self, docnum: int) -> int:
        k = bisect.bisect_right(self._offsets, docnum) - 1
        return self._ids[k][docnum - self._offsets[k]]


class _Articles(wq.Query):
    """The documents of a set of articles, weighted: what the library answered for one
    ``actor:`` term (articles that name a matching actor, by how often)."""

    def __init__(self, fieldname: str, text: str, weights: dict[int, float]) -> None:
        self.fieldname = fieldname
        self.text = text
        self.weights = weights
        self.boost = 1.0

    def __unicode__(self) -> str:
        return f"{self.fieldname}:{self.text}"

    __str__ = __unicode__

    def __repr__(self) -> str:
        return f"_Articles({self.fieldname!r}, {self.text!r}, {len(self.weights)} articles)"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Articles)
            and (self.fieldname, self.text) == (other.fieldname, other.text)
            and self.weights == other.weights
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, self.text, len(self.weights)))

    def estimate_size(self, ixreader: Any) -> int:
        return int(ixreader.doc_count_all())

    def estimate_min_size(self, ixreader: Any) -> int:
        return 0

    def normalize(self) -> wq.Query:
        return self

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        _ids, by_article = _segment_map(searcher.reader())
        pairs = sorted((d, w) for aid, w in self.weights.items() for d in by_article.get(aid, ()))
        if not pairs:
            return NullMatcher()
        return _WeightedList([d for d, _ in pairs], [w for _, w in pairs])


class _WeightedList(ListMatcher):
    """Whoosh's list matcher with its largest weight kept: the stock one takes ``max()`` of
    every weight each time a union or an intersection asks for its quality, which made
    ``actor:Japan`` (26,610 articles at ten times the corpus) take a second."""

    def __init__(self, ids: list[int], weights: list[float], position: int = 0) -> None:
        super().__init__(ids, weights=weights, position=position)
        self._max_weight = max(weights) if weights else 0.0

    def block_max_weight(self) -> float:
        return self._max_weight

    def copy(self) -> _WeightedList:
        return _WeightedList(self._ids, self._weights, self._i)


class _BestOf(DisjunctionMaxMatcher):
    """Whoosh's matcher of the better of two, fixed: it scored an article with the better of
    both sides' current postings even when the other side stood on another article, and when
    pruning emptied one side it dropped the other too (and with it hits that belonged on top)."""

    def score(self) -> float:
        a, b = self.a, self.b
        if not a.is_active():
            return float(b.score())
        if not b.is_active() or a.id() < b.id():
            return float(a.score())
        if b.id() < a.id():
            return float(b.score())
        return float(max(a.score(), b.score()))

    def replace(self, minquality: float = 0) -> Any:
        kept = []
        for m in (self.a, self.b):
            if not m.is_active() or (minquality and m.max_quality() < minquality):
                continue  # a side that cannot reach the top on its own cannot with the other
            m = m.replace(minquality)
            if m.is_active():
                kept.append(m)
        if not kept:
            return NullMatcher()
        if len(kept) == 1:
            return kept[0]
        if kept[0] is self.a and kept[1] is self.b:
            return self
        return _BestOf(kept[0], kept[1])


def _best_of(matchers: list[Any]) -> Any:
    if len(matchers) == 1:
        return matchers[0]
    half = len(matchers) // 2
    return _BestOf(_best_of(matchers[:half]), _best_of(matchers[half:]))


class _BestTermMixin:
    """A prefix or wildcard scored by its best word in each article (BM25), not all its words
    at one constant score: Whoosh then skips the blocks of postings that cannot reach the top
    hits. ``econom*`` at ten times the corpus expands to 17 words whose postings were all read
    and summed to rank by how many of them an article holds; the top hits now need a fraction
    of them, and an article that is about the economy ranks first."""

    fieldname: str
    boost: float

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if context is None or context.weighting is None:  # matching, not ranking: every word
            return super().matcher(searcher, context)  # type: ignore[misc]
        reader = searcher.reader()
        words = [w for w in self._btexts(reader) if w]  # type: ignore[attr-defined]
        found = [wq.Term(self.fieldname, w, boost=self.boost) for w in words]
        active = [m for m in (t.matcher(searcher, context) for t in found) if m.is_active()]
        return _best_of(active) if active else NullMatcher()


class _BestPrefix(_BestTermMixin, wq.Prefix):
    pass


class _BestWildcard(_BestTermMixin, wq.Wildcard):
    pass


_RANKED_BY_BEST: dict[type, type[wq.Query]] = {wq.Prefix: _BestPrefix, wq.Wildcard: _BestWildcard}


# -- phrases ----------------------------------------------------------------------------------------
class _Adjacent(WrappingMatcher):
    """The documents of an intersection of words where the words stand next to each other, in
    order. Whoosh's phrase matcher builds span objects for every position of every word in
    every candidate (four fifths of a search for ``"interest rates"``); this compares the
    positions as sets. Scored like Whoosh's (the words' scores, summed), and it keeps the
    intersection's block qualities, so the top hits need not visit every candidate."""

    def __init__(self, child: Any, words: list[Any], boost: float = 1.0) -> None:
        super().__init__(child, boost=boost)
        self._words = words  # the intersection's leaves, in the phrase's order
        self._find()

    def _here(self) -> bool:
        starts = set(self._words[0].value_as("positions"))
        for i, m in enumerate(self._words[1:], 1):
            starts.intersection_update(p - i for p in m.value_as("positions"))
            if not starts:
                return False
        return True

    def _find(self) -> bool:
        """Move to the next candidate where the words are adjacent; whether a block changed."""
        moved = False
        child = self.child
        while child.is_active() and not self._here():
            moved = bool(child.next()) or moved
        return moved

    def next(self) -> bool:
        moved = bool(self.child.next())
        return self._find() or moved

    def skip_to(self, id: int) -> bool:
        moved = bool(self.child.skip_to(id))
        return self._find() or moved

    def skip_to_quality(self, minquality: float) -> int:
        skipped = int(self.child.skip_to_quality(minquality / self.boost))
        self._find()
        return skipped

    def all_ids(self) -> Any:
        while self.is_active():
            yield self.id()
            self.next()

    def replace(self, minquality: float = 0) -> Any:
        # the leaves are read for their positions: the intersection is never swapped for
        # another, only dropped when it cannot reach the top
        if not self.is_active() or (minquality and self.max_quality() < minquality):
            return NullMatcher()
        return self

    def copy(self) -> Any:
        # as Whoosh's own postings matchers, which cannot be copied either
        raise NotImplementedError("an adjacent-words matcher is not copied")

    def spans(self) -> Any:
        raise NotImplementedError("an adjacent-words matcher has no spans")


def _intersection(matchers: list[Any]) -> Any:
    tree = matchers[0]
    for m in matchers[1:]:
        tree = IntersectionMatcher(tree, m)
    return tree


class _AdjacentPhrase(wq.Phrase):
    """A phrase of adjacent words (no slop) matched by :class:`_Adjacent`; other phrases are
    Whoosh's."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self.slop != 1 or len(self.words) < 2:
            return super().matcher(searcher, context)
        if self.fieldname not in searcher.schema:
            return NullMatcher()
        field = searcher.schema[self.fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh says what is wrong
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return NullMatcher()
            if (self.fieldname, btext) not in reader:
                return NullMatcher()
            terms.append(wq.Term(self.fieldname, btext))
        leaves = [t.matcher(searcher, context) for t in terms]
        # the boost is the matcher's own: Whoosh's wrapper for one asks its child to reach a
        # boosted quality with unboosted scores, and would drop it
        return _Adjacent(_intersection(leaves), leaves, boost=self.boost)


# -- BM25 -------------------------------------------------------------------------------------------
#: A stored length byte's length (0: none stored, which BM25 reads as 1, as Whoosh's does).
_LENGTH_OF_BYTE = [1] + [byte_to_length(b) for b in range(1, 256)]
_LENGTHS: dict[tuple[str, str, int], bytes] = {}
_LENGTHS_LOCK = threading.Lock()


def _field_lengths(reader: Any, fieldname: str) -> bytes | None:
    """A segment's stored length byte of ``fieldname`` for each document, read in one piece
    (Whoosh reads it through five calls per scored document: a fifth of a search); ``None``
    when this reader does not keep them where we know to look."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    perdoc = getattr(reader, "_perdoc", None)
    if segment is None or perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    count = reader.doc_count_all()
    key = (segment.segment_id(), fieldname, count)
    with _LENGTHS_LOCK:
        found = _LENGTHS.get(key)
    if found is not None:
        return found
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        found = bytes(count)
    elif all(hasattr(column, a) for a in ("_dbfile", "_basepos", "_count", "_fixedlen")):
        if column._fixedlen != 1:
            return None
        stored = min(column._count, count)
        found = bytes(column._dbfile.get(column._basepos, stored)) + bytes(count - stored)
    else:
        return None
    with _LENGTHS_LOCK:
        if len(_LENGTHS) > 64:
            _LENGTHS.clear()
        _LENGTHS[key] = found
    return found


class _Bm25Scorer(scoring.BM25FScorer):
    """Whoosh's BM25F scorer with the segment's field lengths in hand (:func:`_field_lengths`):
    the same scores."""

    def __init__(
        self, searcher: Any, fieldname: str, text: bytes, B: float, K1: float, qf: int = 1
    ) -> None:
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self._lengths = _field_lengths(searcher.reader(), fieldname)

    def score(self, matcher: Any) -> float:
        lengths = self._lengths
        if lengths is None:
            return float(super().score(matcher))
        length = _LENGTH_OF_BYTE[lengths[matcher.id()]]
        return float(scoring.bm25(self.idf, matcher.weight(), length, self.avgfl, self.B, self.K1))


class Bm25(scoring.BM25F):
    """Whoosh's BM25F (same parameters, same scores), scoring with :class:`_Bm25Scorer`."""

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf)
        B = self._field_B.get(fieldname, self.B)
        return _Bm25Scorer(searcher, fieldname, text, B, self.K1, qf=qf)
