"""The full-text index: this package is the only code that knows Whoosh.

The index is a cache of the library. It stores no article text (snippets are cut from the
library's copy), only each document's id and version, so it is rebuilt from the library whenever
it is missing, damaged or out of date.

The index holds the articles' text (title, body, source, byline), written as soon as an
import has read and cleaned the files. What the analysis finds is answered by the library's
tables, so an analysis never re-indexes an article: who an article names (``actor:``), who said
what (``speaker:``, each quotation's words read when the query asks for some) and the facet
counts. So is ``date:`` (a range of the library's dates: in the index it cost a fifth of the
indexing time, eight numeric terms per article). Only the best hits are scored; how many
matched is counted up to a bound and estimated beyond it (``total_is_estimate``).
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import heapq
import math
import os
import pickle
import re
import shutil
import struct
import threading
import time
import warnings
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein
from whoosh import analysis, collectors, columns, fields, highlight, index, qparser
from whoosh import query as wq
from whoosh.lang import porter
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.util.filelock import FileLock
from whoosh.util.times import long_to_datetime

from reader.library import Library, name_words
from reader.model import FacetCounts, SearchHit, SearchResult, Snippet
from reader.search.matching import (
    _RANKED_BY_BEST,
    Bm25,
    _AdjacentPhrase,
    _ArticleIds,
    _Articles,
)

_WEIGHTING = Bm25()
#: Bump when the schema or analysis changes: an index of another version is rebuilt.
INDEX_VERSION = 7
#: The most edits a fuzzy term ("sanction~2") may allow.
MAX_FUZZY_DISTANCE = 2
SEARCH_FIELDS = ("title", "body", "source", "byline", "date", "actor", "speaker")
DEFAULT_FIELDS = ("title", "body")
#: Matches counted one by one per sixteenth of the index before the rest is estimated, for a
#: query with too many matches to count while scoring (1,600 in all: "said", in 17,000 of
#: 21,000 articles, is estimated within 1 % — counting all of it took 100 ms).
COUNT_QUOTA = 100
#: Articles whose actors and sources are counted for the facets, at most (a sample spread
#: evenly over the index when more match; the counts are then scaled and marked estimated).
FACET_QUOTA = 60
#: Matches (as Whoosh estimates them, from the terms' document counts) up to which a search
#: scores and counts every match in one walk: about 7 µs each here.
COUNT_WHILE_SCORING = 6000
WINDOWS = 16

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class QueryError(ValueError):
    """A query that cannot be run; the message tells the user how to fix it."""


#: What reading a damaged index raises (a segment's bytes no longer decompress or unpack).
_DAMAGE = (zlib.error, struct.error, EOFError, OSError, pickle.UnpicklingError, UnicodeDecodeError)


def _failure(ix: index.Index, q: wq.Query | None, exc: Exception) -> Exception:
    """What a failed search means. Reading damaged bytes is damage: the index is rebuilt.
    Whoosh also fails inside its query code on inputs its parser accepts ('date:""'): that is
    the query's fault only when the index reads back whole — a plain search works and the
    postings of every term the query names can be read — and the user is told what to fix."""
    damaged = IndexUnavailable(f"The search index could not be read: {exc}")
    if isinstance(exc, _DAMAGE):
        return damaged
    try:
        with ix.searcher() as s:
            s.search(wq.Every(), limit=1)
            reader = s.reader()
            for leaf in q.leaves() if q is not None else ():
                try:
                    terms = list(leaf.existing_terms(reader, expand=True))
                except Exception:  # the query's own fault (a term Whoosh cannot expand)
                    continue
                for fieldname, text in terms[:1000]:
                    reader.postings(fieldname, text).all_ids()
    except Exception:
        return damaged
    return QueryError(f"Could not run this query ({exc}). {_SYNTAX_HELP}")


class IndexUnavailable(RuntimeError):
    """The index cannot be read; rebuild it with :meth:`SearchIndex.sync`."""


class IndexBusy(RuntimeError):
    """Another process is updating the index and did not finish in time; nothing was changed."""


#: How long an update waits for another process's update of the same index to end.
SYNC_WAIT = 600.0


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt: bool = False
    cancelled: bool = False
    message: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


def _analyzer() -> Any:
    # No stop list: "US", "who" and "it" are words news readers search for, and phrases stay exact.
    return _StemTokens()


class _StemTokens(analysis.Tokenizer):
    """Whoosh's ``StemmingAnalyzer(stoplist=None, minsize=1)`` in one pass — its regex
    tokenizer, lower case and Porter stemmer — giving the same tokens at half the cost (the
    filter chain is four Python generators per word); the index's words are made here."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        t = analysis.Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = value
            t.text = _stem(value.lower())
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        pos = start_pos
        for m in _TOKEN.finditer(value):
            word = m.group()
            t.text = _stem(word.lower())
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = word
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar, t.endchar = start_char + m.start(), start_char + m.end()
            yield t


def _schema() -> fields.Schema:
    """The articles' text; actor and speaker are here only for the parser (never indexed)."""
    stem = _analyzer()
    plain = analysis.StandardAnalyzer(stoplist=None, minsize=1)
    return fields.Schema(
        doc_id=fields.ID(stored=True, unique=True),  # "a:ID"
        article_id=fields.COLUMN(columns.NumericColumn("q", default=0)),
        key=fields.COLUMN(columns.VarBytesColumn()),  # "ID=VERSION": what is indexed
        title=fields.TEXT(analyzer=stem, field_boost=2.0),
        body=fields.TEXT(analyzer=stem),
        source=fields.TEXT(analyzer=plain),
        byline=fields.TEXT(analyzer=plain),
        # never indexed: date:, actor: and speaker: are answered by the library (its dates,
        # who names whom, who said what); here so that the parser reads them as an index would
        date=fields.DATETIME(),
        actor=fields.TEXT(analyzer=plain),
        speaker=fields.TEXT(analyzer=plain),
    )


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10])
    except ValueError:
        return None


def _balanced(text: str) -> str:
    """ "(china AND russia" → "(china AND russia)": a closing parenthesis too many is dropped,
    one missing is added at the end (what a reader who forgot it meant)."""
    out, depth = [], 0
    for ch in text:
        if ch == ")" and depth == 0:
            continue
        depth += (ch == "(") - (ch == ")")
        out.append(ch)
    return "".join(out) + ")" * depth


def _without_dangling(text: str) -> str:
    """An AND / OR with nothing on one side, a NOT with nothing after it, left out (they
    were searched as the words "and", "or", "not", which every article has)."""
    for _ in range(4):
        text = re.sub(r"(^|\()\s*(?:AND|OR)\b\s*", r"\1", text)
        text = re.sub(r"\s*\b(?:AND|OR|NOT)\s*(\)|$)", r"\1", text)
        text = re.sub(r"\b(AND|OR|NOT)\s+(?:AND|OR)\b", r"\1", text)
    return text.strip()


_DANGLING_RE = re.compile(
    r"^\s*(AND|OR)\b|\b(AND|OR|NOT)\s*\)|\(\s*(AND|OR)\b|\b(AND|OR|NOT)\s*$|\b(AND|OR|NOT)\s+(AND|OR)\b"
)
_EMPTY_FIELD_RE = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\s|$)")
_FIELD_RE = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")


class SearchIndex:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._ix: index.Index | None = None
        self._searcher: Any = None  # kept between searches while the index is unchanged
        self.schema = _schema()
        self._progress: tuple[tuple[int, int], tuple[int, int]] | None = None

    # -- opening --------------------------------------------------------------------------------
    def _version_file(self) -> Path:
        return self.directory / "corpus-reader-index-version"

    def _state_file(self) -> Path:
        return self.directory / "corpus-reader-library-state"

    def _made_from(self, state: str) -> bool:
        """Whether the last committed sync recorded exactly this library state."""
        return _read(self._state_file()) == state

    def _remember_state(self, state: str | None) -> None:
        """Record which library state the index matches (atomically), or forget it."""
        target = self._state_file()
        if state is None:
            target.unlink(missing_ok=True)
            return
        tmp = target.with_suffix(".tmp")
        tmp.write_text(state)
        os.replace(tmp, target)

    def _open(self) -> index.Index | None:
        """The index if it can be used as it is, else ``None`` (missing, old or damaged)."""
        if self._ix is not None:
            return self._ix
        try:
            if self._version_file().read_text().strip() != str(INDEX_VERSION):
                return None
        except (OSError, UnicodeDecodeError):
            # none yet (an import is writing it): nothing was opened, so nothing to collect —
            # a full collection per search here held the interpreter from the window's thread
            return None
        ix = None
        with warnings.catch_warnings():
            # Whoosh leaves a damaged file open when it fails; it is closed here, quietly.
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                ix = index.open_dir(str(self.directory))
                with ix.searcher() as s:
                    s.doc_count()
            except Exception:  # any failure makes the cache unusable; the library rebuilds it
                ix = None
                gc.collect()
        if ix is None:
            return None
        self._ix = ix
        return ix

    def _create(self) -> index.Index:
        self.close()
        if self.directory.is_symlink() or (self.directory.exists() and not self.directory.is_dir()):
            self.directory.unlink()  # our cache's place, taken by a stray file
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.directory), self.schema)
        self._version_file().write_text(str(INDEX_VERSION))
        self._ix = ix
        return ix

    def close(self) -> None:
        self._drop_searcher()
        if self._ix is not None:
            self._ix.close()
            self._ix = None

    def _drop_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    @contextmanager
    def _reading(self, ix: index.Index) -> Iterator[Any]:
        """A searcher on the latest version of ``ix``: the last one while the index has not
        changed (opening one reads every segment's files), a new one when it has."""
        s = self._searcher
        try:
            # (Whoosh cannot refresh a searcher of an empty index: its reader has no segments)
            if s is not None and s.reader().segments() is None:
                s.close()
                s = None
            s = ix.searcher(weighting=_WEIGHTING) if s is None else s.refresh()
        except Exception:
            self._searcher = None
            raise
        self._searcher = s
        try:
            yield s
        except BaseException:
            self._drop_searcher()  # it may be what failed: the next search opens another
            raise

    @property
    def usable(self) -> bool:
        return self._open() is not None

    # -- keeping up to date -----------------------------------------------------------------------
    @contextmanager
    def _updating(self, wait: float, cancelled: Cancelled) -> Iterator[None]:
        """Hold the index for one update across processes: two imports at once would each read
        what is indexed, then both add the same articles. The lock file sits beside the index
        (which a rebuild deletes)."""
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.directory.parent / f".{self.directory.name}.update-lock"))
        deadline = time.monotonic() + wait
        while not lock.acquire(blocking=False):
            if cancelled():
                raise IndexBusy("Cancelled while another process was updating the index.")
            if time.monotonic() > deadline:
                raise IndexBusy(
                    "Another process is updating the search index; it was left to finish."
                    " Run `corpus-reader index` (or restart the window) afterwards."
                )
            time.sleep(0.2)
        try:
            yield
        finally:
            lock.release()

    def sync(
        self,
        library: Library,
        progress: Progress | None = None,
        cancelled: Cancelled = lambda: False,
        rebuild: bool = False,
        wait: float = SYNC_WAIT,
    ) -> SyncReport:
        """Bring the index in line with the library: add, update and remove what changed. One
        process at a time; what is indexed is read only once this one holds the index."""
        wanted = library.text_keys()
        if not rebuild and self._open() is not None and self._made_from(_fingerprint(wanted)):
            return SyncReport()  # the index was made from exactly this library: nothing to do
        with self._updating(wait, cancelled):
            self.close()  # another process may have changed it while we waited
            return self._sync(library, progress, cancelled, rebuild)

    def _sync(
        self,
        library: Library,
        progress: Progress | None,
        cancelled: Cancelled,
        rebuild: bool,
    ) -> SyncReport:
        report = SyncReport()
        existed = self._version_file().exists()
        ix = None if rebuild else self._open()
        if ix is None:
            ix = self._create()
            report.rebuilt = True
            if rebuild:
                report.message = "Search index rebuilt from the library."
            elif existed:
                report.message = (
                    "The search index was damaged or outdated; rebuilt from the library."
                )
        wanted = library.text_keys()
        state = _fingerprint(wanted)
        if not self._made_from(state):
            self._sync_text(ix, library, wanted, state, progress, cancelled, report)
        return report

    def _sync_text(
        self,
        ix: index.Index,
        library: Library,
        wanted: dict[int, str],
        state: str,
        progress: Progress | None,
        cancelled: Cancelled,
        report: SyncReport,
    ) -> None:
        indexed = _indexed(ix)
        stale, todo = _changes(indexed, wanted)
        if not stale and not todo:
            self._remember_state(state)
            return
        self._remember_state(None)  # until the writer has committed
        if cancelled():
            report.cancelled = True
            return
        writer = _writer(ix, len(todo))
        try:
            for article_id in stale:
                writer.delete_by_term("doc_id", f"a:{article_id}")
                report.removed += 1
            for n, row in enumerate(library.iter_text_for_index(todo), 1):
                if cancelled():
                    writer.cancel()
                    report.cancelled = True
                    report.added = report.updated = report.removed = 0
                    return
                doc: dict[str, Any] = {
                    "doc_id": f"a:{row['id']}",
                    "article_id": row["id"],
                    "key": _key(row["id"], row["version"]),
                    "title": row["title"] or "",
                    "body": row["text"],
                    "source": row["source"] or "",
                    "byline": row["byline"] or "",
                }
                if row["id"] in indexed:
                    writer.update_document(**doc)
                    report.updated += 1
                else:
                    writer.add_document(**doc)
                    report.added += 1
                if progress is not None and (n % 200 == 0 or n == len(todo)):
                    progress(n, len(todo), row["title"] or "")
            writer.commit()
            self._remember_state(state)
        except BaseException:
            writer.cancel()
            raise

    def pending(self, library: Library) -> int:
        """How many articles a sync would write or remove: 0 when the index is current, every
        article when it is missing or damaged (the quotations of analysed articles apart)."""
        ix = self._open()
        wanted = library.text_keys()
        if ix is None:
            return len(wanted)
        if self._made_from(_fingerprint(wanted)):
            return 0
        stale, todo = _changes(_indexed(ix), wanted)
        return len(stale) + len(todo)

    # -- querying ---------------------------------------------------------------------------------
    def _parser(self) -> qparser.QueryParser:
        parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), self.schema, group=qparser.AndGroup)
        parser.add_plugin(qparser.FuzzyTermPlugin())
        parser.add_plugin(qparser.GtLtPlugin())
        parser.add_plugin(DateParserPlugin(free=False))
        return parser

    def parse(self, text: str) -> tuple[wq.Query, str | None]:
        """Parse ``text``; raise :class:`QueryError` with advice when nothing searchable is left."""
        text = text.strip()
        if not text:
            raise QueryError("Type words to search for.")
        hints: list[str] = []
        unknown = sorted({f for f in _FIELD_RE.findall(text) if f.lower() not in SEARCH_FIELDS})
        if unknown:
            hints.append(
                f"Unknown field {', '.join(repr(u) for u in unknown)} — searched as words. "
                f"Fields: {', '.join(SEARCH_FIELDS)}."
            )
        if text.count('"') % 2:
            hints.append('Unclosed quote — add the closing " to search a phrase.')
        if text.count("(") != text.count(")"):
            hints.append("Unbalanced parentheses — searched as if closed.")
            text = _balanced(text)
        if _DANGLING_RE.search(text):
            hints.append(
                "AND / OR need a word on each side and NOT a word after it; a lone one is left out."
            )
            text = _without_dangling(text)
        empty = sorted(set(_EMPTY_FIELD_RE.findall(text)))
        if empty:
            hints.append(f"{', '.join(e + ':' for e in empty)} needs a value, e.g. title:ukraine.")
        try:
            q = self._parser().parse(text)
        except Exception as exc:  # the parser's own errors are internal; advise instead
            raise QueryError(f"Could not read the query: {exc}. {_SYNTAX_HELP}") from exc
        for leaf in q.leaves():
            if isinstance(leaf, wq.FuzzyTerm):
                # "0~/2": a kept prefix longer than the word crashes Whoosh's automaton; the
                # intent is the whole word. A distance over 2 matches nearly everything slowly.
                leaf.prefixlength = min(leaf.prefixlength, len(leaf.text))
                if leaf.maxdist > MAX_FUZZY_DISTANCE:
                    leaf.maxdist = MAX_FUZZY_DISTANCE
                    hints.append(f"Fuzzy terms allow at most {MAX_FUZZY_DISTANCE} edits.")
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            reason = " ".join(hints) if hints else "Nothing left to search for."
            if re.search(r"\bdate:", text):
                reason = "Could not read the date: use date:2023, date:2023-10-28 or date:[2022 to 2023]."
            raise QueryError(f"{reason} {_SYNTAX_HELP}")
        return q, " ".join(hints) or None

    def _prepare(
        self, text: str, library: Library
    ) -> tuple[index.Index, wq.Query, wq.Query, str | None]:
        """The index, the query as parsed and as run (its actor: parts answered by the
        library), and the parser's advice."""
        ix = self._open()
        if ix is None:
            raise IndexUnavailable("The search index is missing or damaged.")
        parsed, hint = self.parse(text)
        return ix, parsed, _resolve(parsed, library), hint

    def search(
        self,
        text: str,
        library: Library,
        limit: int | None = 50,
        with_snippets: bool = True,
        snippets: int | None = None,
        with_facets: bool = True,
    ) -> SearchResult:
        """The best ``limit`` hits (only they are scored); the first ``snippets`` of them (all
        when ``None``) with their snippets, the rest marked ``snippet_pending`` for
        :meth:`snippets` to fill later. ``total`` is exact unless ``total_is_estimate``."""
        ix, parsed, q, hint = self._prepare(text, library)
        quotes = _SPEAKER_RE.search(text) is not None
        # only what reads the index is judged here (damage, or a query Whoosh cannot run);
        # a failure in our own code below is a bug and surfaces as one
        try:
            with self._reading(ix) as s:
                terms = self._terms(parsed, s)
                found: list[tuple[int, float, int | None, int | None, str | None]]
                if quotes:
                    said = _Quotations(s, q, library)
                    found = list(said.best(limit))
                    total, estimated = len(said.found), False
                    facets = (
                        FacetCounts(library.facet_counts(said.articles()), sample=len(said.found))
                        if with_facets
                        else FacetCounts()
                    )
                else:
                    counted: int | None = None
                    if limit is not None and _count_while_scoring(s, q):
                        # few enough matches to score them all: counted on the way, not
                        # walked again for the count
                        collector = _Counting(limit)
                        s.search_with_collector(q, collector)
                        results = collector.results()
                        counted = collector.total
                        key = self._matches_key(text, s, q, library)
                        with _MATCHED_LOCK:
                            _MATCHED[0] = (key, collector.matched)
                    else:
                        results = s.search(q, limit=limit)
                    if limit is None or results.scored_length() < limit:
                        total, estimated = results.scored_length(), False
                    elif counted is not None:
                        total, estimated = counted, False
                    else:
                        _found, total, estimated = _sample(s, q, COUNT_QUOTA)
                        total = max(total, results.scored_length())
                    aids = _ArticleIds(s)
                    found = [
                        (aids[r.docnum], float(r.score or 0.0), None, None, None) for r in results
                    ]
                    facets = self._facet_counts(s, q, library) if with_facets else FacetCounts()
        except Exception as exc:
            raise _failure(ix, q, exc) from exc
        info = library.summaries([f[0] for f in found])
        hits = []
        for aid, score, start, end, speaker in found:
            meta = info.get(aid)
            if meta is None:
                continue  # removed from the library since the last sync
            hits.append(
                SearchHit.of(
                    aid,
                    meta,
                    score,
                    Snippet(),
                    speaker=speaker if quotes else None,
                    quote_start=start if quotes else None,
                    quote_end=end if quotes else None,
                    snippet_pending=with_snippets,
                )
            )
        if with_snippets:
            # cut around the query's words in the library's text: the same for this page as
            # for the pages the window asks for later (snippets())
            first = len(hits) if snippets is None else min(snippets, len(hits))
            hits[:first] = self.snippets(library, hits[:first], terms)
        return SearchResult(
            query=text,
            hits=hits,
            total=total,
            terms=terms,
            message=hint,
            facets=facets,
            total_is_estimate=estimated,
            partial=self._partial(text, library),
        )

    def facets(self, text: str, library: Library) -> FacetCounts:
        """Actor and source counts for a query: apart from :meth:`search`, so the window can
        show the results first and the counts a moment later. Counted in the library over the
        matching articles, or over an even sample of them when many match (then scaled, and
        ``estimated``)."""
        ix, _parsed, q, _hint = self._prepare(text, library)
        try:
            with self._reading(ix) as s:
                if _SPEAKER_RE.search(text):
                    said = _Quotations(s, q, library)
                    return FacetCounts(
                        library.facet_counts(said.articles()), sample=len(said.found)
                    )
                return self._facet_counts(s, q, library, self._matches_of(text, s, q, library))
        except Exception as exc:
            raise _failure(ix, q, exc) from exc

    def _matches_key(self, text: str, s: Any, q: wq.Query, library: Library) -> tuple[Any, ...]:
        """What the matches of a query depend on: its words and the index's generation (the
        same for every thread's searcher, so the window's facet job, on another thread, finds
        what its search job walked); and the library, when it answers part of the query
        (``actor:``, ``date:``: then only on this connection, whose changes it can tell)."""
        key: tuple[Any, ...] = (str(self.directory), text, s.reader().generation())
        if any(getattr(leaf, "fieldname", None) in ("actor", "date") for leaf in q.leaves()):
            key += (id(library), library.change_stamp())
        return key

    def _matches_of(self, text: str, s: Any, q: wq.Query, library: Library) -> list[int] | None:
        """The last search's matches, when it was this query on this index and library."""
        key = self._matches_key(text, s, q, library)
        with _MATCHED_LOCK:
            last = _MATCHED[0]
        return last[1] if last is not None and last[0] == key else None

    def _facet_counts(
        self, s: Any, q: wq.Query, library: Library, matched: list[int] | None = None
    ) -> FacetCounts:
        if matched is not None:  # the search just walked them all: no second walk
            cap = FACET_QUOTA * WINDOWS
            if len(matched) <= cap:
                docnums, total, estimated = matched, len(matched), False
            else:  # an even sample of them, as many as _sample would take
                step = -(-len(matched) // cap) if cap else len(matched) + 1
                docnums, total, estimated = matched[::step] if cap else [], len(matched), True
        else:
            docnums, total, estimated = _sample(s, q, FACET_QUOTA)
        aids = _ArticleIds(s)
        articles = {aids[d] for d in docnums}
        counts = library.facet_counts(articles)
        if not estimated:
            return FacetCounts(counts, sample=len(articles))
        scale = total / max(1, len(docnums))
        return FacetCounts(
            {k: [(name, max(1, round(n * scale))) for name, n in v] for k, v in counts.items()},
            estimated=True,
            sample=len(articles),
        )

    def _partial(self, text: str, library: Library) -> str | None:
        """What an actor: or speaker: search says while the analysis is not done."""
        if not _ANALYSED_RE.search(text):
            return None
        done, total = self._analysis_progress(library)
        if done >= total:
            return None
        return (
            f"Actors and quotes are found in {done:,} of {total:,} articles so far (the rest"
            " are being analysed): these results cover those."
        )

    def _analysis_progress(self, library: Library) -> tuple[int, int]:
        """The library's analysis progress, counted again only when the library has changed."""
        stamp = library.change_stamp()
        if self._progress is None or self._progress[0] != stamp:
            self._progress = (stamp, library.analysis_progress())
        return self._progress[1]

    def snippets(
        self, library: Library, hits: list[SearchHit], terms: list[str]
    ) -> list[SearchHit]:
        """``hits`` with their snippets, cut around ``terms`` (a result's terms) in their text."""
        texts = library.texts([h.article_id for h in hits])
        words = frozenset(w for t in terms for w in t.split())
        near = _near_words(words)
        out = []
        for hit in hits:
            body = texts.get(hit.article_id, "")
            if hit.quote_start is not None and hit.quote_end is not None:
                body = body[hit.quote_start : hit.quote_end]
            snippet = _snippet(body, words, near) if words and near is not None else Snippet()
            out.append(replace(hit, snippet=snippet or Snippet(_lead(body)), snippet_pending=False))
        return out

    @staticmethod
    def _terms(q: wq.Query, searcher: Any) -> list[str]:
        """Indexed words the query looks for (wildcards and fuzzy terms expanded, NOTs left out)."""
        reader = searcher.reader()
        words: set[str] = set()
        for leaf in _positive_leaves(q):
            if isinstance(leaf, wq.Phrase):
                if leaf.fieldname in ("body", "title"):
                    words.add(" ".join(leaf.words))  # a phrase is highlighted only as a whole
                continue
            try:
                pairs = list(leaf.expanded_terms(reader))
            except Exception:
                pairs = list(leaf.terms()) if leaf.has_terms() else []
            for fieldname, value in pairs[:500]:
                if fieldname in ("body", "title"):
                    words.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
        return sorted(words)


_SPEAKER_RE = re.compile(r"(?<![\w\"])speaker:", re.I)
_ANALYSED_RE = re.compile(r"(?<![\w\"])(speaker|actor):", re.I)
_ANALYZER = _analyzer()


#: Around each hit word, the text a snippet may show (a fragment holds at most 220
#: characters of words, 60 of them before its first hit word and up to 120 after its last).
_SNIPPET_BEFORE = 90
_SNIPPET_REACH = 300
#: Places in an article (runs of hits with their surroundings) where snippets are looked for:
#: a word on every line of a long article need not be read to its end for two fragments.
_SNIPPET_WINDOWS = 6


def _near_words(terms: Iterable[str]) -> re.Pattern[str] | None:
    """Where words that may stem to ``terms`` begin: a Porter stem less its last letter
    begins the word it came from ("happi" ← "happily", "trade" ← "trading")."""
    prefixes = sorted({t[: max(1, len(t) - 1)] for t in terms if t}, key=len, reverse=True)
    if not prefixes:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, prefixes)) + ")", re.IGNORECASE)


_TOKEN = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's RegexTokenizer's default pattern
_WORD_CHAR = re.compile(r"\w")
_stem = lru_cache(maxsize=200_000)(porter.stem)
#: Whoosh's highlighter reads no further into a text than this.
_CHARLIMIT = highlight.DEFAULT_CHARLIMIT


def _inside_token(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside one of the analyser's tokens ("s" in "U.S")."""
    if pos <= 0:
        return False
    before = text[pos - 1]
    if _WORD_CHAR.match(before):
        return True
    return before == "." and pos >= 2 and _WORD_CHAR.match(text[pos - 2]) is not None


def _candidates(
    text: str, near: re.Pattern[str], end: int | None = None
) -> Iterator[tuple[int, int, str]]:
    """Tokens that may stem to a searched word (start, end, stem), found without reading
    the others."""
    end = len(text) if end is None else end
    for m in near.finditer(text, 0, end):
        pos = m.start()
        if _inside_token(text, pos):
            continue
        token = _TOKEN.match(text, pos)
        if token is not None:
            yield pos, token.end(), _stem(token.group().lower())


def _hit_tokens(
    text: str, words: frozenset[str], near: re.Pattern[str]
) -> Iterator[tuple[int, int, str, bool]]:
    """The analyser's tokens (start, end, stem, whether it is a hit) within a fragment's
    reach of a hit: all the highlighter needs."""
    limit = min(len(text), _CHARLIMIT)
    windows: list[list[int]] = []
    hits: dict[int, str] = {}  # where each hit starts: its stem (the others need none)
    for start, end, stem in _candidates(text, near, limit):
        if stem not in words or end > limit:
            continue
        hits[start] = stem
        low, high = max(0, start - _SNIPPET_BEFORE), min(limit, end + _SNIPPET_REACH)
        if windows and low <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], high)
        elif len(windows) == _SNIPPET_WINDOWS:
            break  # the best two fragments are looked for among the first few places
        else:
            windows.append([low, high])
    size = len(text)
    for low, high in windows:
        for m in _TOKEN.finditer(text, low, high):
            start, end = m.span()
            # a token cut by the window's edges is not one of the analyser's
            if start == low and _inside_token(text, low):
                continue
            if end == high and high < size and _WORD_CHAR.match(text, high):
                continue
            hit = hits.get(start)
            yield start, end, hit or "", hit is not None


_Fragment = tuple[int, int, list[tuple[int, int, str]]]  # start, end, hits


def _fragments(
    tokens: Iterable[tuple[int, int, str, bool]], maxchars: int = 220, surround: int = 60
) -> Iterator[_Fragment]:
    """Whoosh's ContextFragmenter (the same fragments), over plain tuples."""
    first: int | None = None
    firsts: deque[int] = deque()
    countdown = -1
    hits: list[tuple[int, int, str]] = []
    endchar = 0
    length = 0
    for start, end, stem, matched in tokens:
        endchar = end
        size = end - start
        if countdown < 0 and not matched:
            firsts.append(start)
            while firsts and end - firsts[0] > surround:
                firsts.popleft()
        elif length + size > maxchars:
            countdown = 0
        elif matched:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = start
                    countdown += surround
            hits.append((start, end, stem))
        if countdown >= 0:
            length += size
            countdown -= size
            if countdown <= 0:
                yield (first if first is not None else 0), end, hits
                hits, firsts, first, length = [], deque(), None, 0
    if hits:
        yield (first if first is not None else 0), endchar, hits


def _snippet(text: str, words: frozenset[str], near: re.Pattern[str]) -> Snippet:
    """The two best fragments of ``text`` around ``words`` (as Whoosh's highlighter scores
    them: hits times distinct words), in text order, joined by an ellipsis, white space
    squeezed, with where each hit word stands."""
    scored = [
        ((len(hits) * (len({h[2] for h in hits}) * 100 or 1), start), (start, end, hits))
        for start, end, hits in _fragments(_hit_tokens(text, words, near))
    ]
    best = [f for key, f in heapq.nlargest(2, scored, key=lambda x: x[0]) if key[0] >= 1]
    best.sort(key=lambda f: f[0])
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for start, end, hits in best:
        marks, last = [], start
        for hit_start, hit_end, _word in hits:
            if hit_start >= last:  # overlapping hits are marked once
                marks.append((hit_start - start, hit_end - start))
                last = hit_end
        part, moved = _squeeze(text[start:end], marks)
        if parts:
            at += len(_ELLIPSIS)
        spans.extend((at + a, at + b) for a, b in moved)
        parts.append(part)
        at += len(part)
    return Snippet(_ELLIPSIS.join(parts), tuple(spans))


_ELLIPSIS = " … "


_SPACES = re.compile(r"\s+")


def _squeeze(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each run of white space one space and none at either end, and ``spans``
    moved with it (hit words hold no white space: a span starts on a character that is not
    white space and ends after one)."""
    ends: list[int] = []  # where each run of white space ends
    removed: list[int] = []  # characters gone up to the end of each run
    gone = 0
    for m in _SPACES.finditer(text):
        start, end = m.span()
        gone += end - start if start == 0 or end == len(text) else end - start - 1
        ends.append(end)
        removed.append(gone)

    def moved(pos: int) -> int:  # where the character at ``pos`` (not white space) goes
        k = bisect.bisect_right(ends, pos)
        return pos - (removed[k - 1] if k else 0)

    squeezed = _SPACES.sub(" ", text).strip()
    return squeezed, [(moved(a), moved(b - 1) + 1) if b > a else (moved(a),) * 2 for a, b in spans]


def _writer(ix: index.Index, count: int) -> Any:
    """A writer for ``count`` documents: many are shared with a second process (two segments).
    Segments are written as separate files, not one compound file: a reader of a compound
    file copies each of its parts into memory (the index's size, per searcher), a reader of
    separate files reads them through the page cache."""
    if count > 2000:
        return ix.writer(procs=2, multisegment=True, limitmb=128, compound=False)
    return ix.writer(timeout=30.0, compound=False)


# -- from Whoosh's documents to the library's articles, and back ------------------------------------


def _resolve(q: wq.Query, library: Library) -> wq.Query:
    """``q`` with each actor: and date: term replaced by the articles the library finds, and
    each prefix or wildcard ranked by its best word (:class:`_BestTermMixin`), each phrase of
    adjacent words matched by comparing positions (:class:`_AdjacentPhrase`)."""
    if q.is_leaf():
        best = _RANKED_BY_BEST.get(type(q))
        if best is not None:
            return best(q.fieldname, q.text, boost=q.boost)
        if getattr(q, "fieldname", None) == "date":
            low, high = _day_range(q)
            return _Articles("date", str(q), dict.fromkeys(library.articles_dated(low, high), 1.0))
        if getattr(q, "fieldname", None) == "actor":
            weights = {
                aid: 1.0 + math.log(n)
                for aid, n in library.articles_naming(_names(q, library)).items()
            }
            return _Articles("actor", str(q), weights)
        if type(q) is wq.Phrase:
            return _AdjacentPhrase(
                q.fieldname, q.words, slop=q.slop, boost=q.boost, char_ranges=q.char_ranges
            )
        return q
    return q.apply(lambda child: _resolve(child, library))


def _day_range(leaf: wq.Query) -> tuple[str | None, str | None]:
    """The first and last day (ISO) a date: query asks for; ``None``: unbounded."""

    def day(value: Any) -> str | None:
        if value is None:
            return None
        when = value if isinstance(value, datetime) else long_to_datetime(value)
        return str(when.date().isoformat())

    if isinstance(leaf, wq.DateRange):
        return day(leaf.startdate), day(leaf.enddate)
    if isinstance(leaf, wq.NumericRange):
        return day(leaf.start), day(leaf.end)
    if isinstance(leaf, wq.Term) and isinstance(leaf.text, datetime):
        return day(leaf.text), day(leaf.text)
    if isinstance(leaf, wq.Every):
        return None, None
    raise QueryError(f"Could not run this query (date: {leaf}). {_SYNTAX_HELP}")


def _names(leaf: wq.Query, library: Library) -> dict[int, str]:
    """The names (actors, speakers) matching ``leaf``: a term, phrase, prefix, wildcard, fuzzy
    term or range over the words of the names, as an index of them would answer."""
    actors: dict[int, str]
    if isinstance(leaf, wq.Phrase):
        words = [str(w) for w in leaf.words]
        actors = library.actors_by_word(word=words[0]) if words else {}
        actors = {i: n for i, n in actors.items() if _has_run(name_words(n), words)}
    elif isinstance(leaf, wq.FuzzyTerm):
        text = str(leaf.text)
        near = [
            w
            for w in library.actor_words(text[: leaf.prefixlength])
            if Levenshtein.distance(w, text, score_cutoff=leaf.maxdist) <= leaf.maxdist
        ]
        actors = {}
        for w in near[:200]:
            actors |= library.actors_by_word(word=w)
    elif isinstance(leaf, wq.Prefix):
        actors = library.actors_by_word(prefix=str(leaf.text))
    elif isinstance(leaf, wq.Wildcard):
        pattern = re.sub(r"([\[\]])", r"[\1]", str(leaf.text))
        actors = library.actors_by_word(glob=pattern)
    elif isinstance(leaf, wq.TermRange):
        actors = library.actors_by_word(
            low=str(leaf.start) if leaf.start else None, high=str(leaf.end) if leaf.end else None
        )
    elif isinstance(leaf, wq.Term):
        actors = library.actors_by_word(word=str(leaf.text))
    elif isinstance(leaf, wq.Every):
        actors = library.actors_by_word()
    else:
        actors = {}
    return actors


class _Quotations:
    """What a speaker: query finds, answered by the library: the quotations of the speakers
    its speaker: terms name whose own words match its words (body and bare words: in the
    quotation; title: never), the query's other fields (source:, date:, actor:) asked of each
    quotation's article. Each scores 1 and the number of its words the query looks for."""

    def __init__(self, searcher: Any, q: wq.Query, library: Library) -> None:
        self._searcher = searcher
        self._speakers: dict[int, set[tuple[int, int, int]]] = {}
        self._articles: dict[int, set[int]] = {}
        candidates: dict[tuple[int, int, int], str] = {}
        positive = {id(leaf) for leaf in _positive_leaves(q)}
        for leaf in q.leaves():
            if getattr(leaf, "fieldname", None) != "speaker":
                continue
            keys = set()
            for aid, start, end, speaker in library.quotes_by(_names(leaf, library)):
                keys.add((aid, start, end))
                if id(leaf) in positive:
                    candidates[(aid, start, end)] = speaker
            self._speakers[id(leaf)] = keys
        required = _required_words(q)
        if required and candidates:  # only quotations in articles that hold every such word
            allowed: set[int] | None = None
            aids = _ArticleIds(searcher)
            for word in required:
                found = {aids[d] for d in wq.Term("body", word).docs(searcher)}
                allowed = found if allowed is None else allowed & found
            candidates = {k: v for k, v in candidates.items() if k[0] in (allowed or set())}
        reads_words = any(
            getattr(leaf, "fieldname", None) in ("body", "title") for leaf in q.leaves()
        )
        texts = library.texts({k[0] for k in candidates}) if reads_words else {}
        self.found: list[tuple[float, tuple[int, int, int], str]] = []
        for key, speaker in candidates.items():
            words: list[str] = []
            if reads_words:
                quote = texts.get(key[0], "")[key[1] : key[2]]
                words = [t.text for t in _ANALYZER(quote)]
            ok, score = self._match(q, key, words)
            if ok:
                self.found.append((1.0 + score, key, speaker))
        self.found.sort(key=lambda f: (-f[0], f[1]))

    def best(self, limit: int | None) -> list[tuple[int, float, int, int, str]]:
        chosen = self.found if limit is None else self.found[:limit]
        return [(k[0], score, k[1], k[2], who) for score, k, who in chosen]

    def articles(self) -> set[int]:
        return {k[0] for _score, k, _who in self.found}

    def _match(self, q: wq.Query, key: tuple[int, int, int], words: list[str]) -> tuple[bool, int]:
        if isinstance(q, wq.Not):
            return (not self._match(q.query, key, words)[0], 0)
        if isinstance(q, wq.AndNot):
            ok, score = self._match(q.a, key, words)
            return (ok and not self._match(q.b, key, words)[0], score)
        if isinstance(q, wq.AndMaybe):
            ok, score = self._match(q.a, key, words)
            extra = self._match(q.b, key, words)
            return ok, score + (extra[1] if extra[0] else 0)
        if isinstance(q, wq.Or | wq.DisjunctionMax):
            results = [self._match(c, key, words) for c in q.children()]
            return any(ok for ok, _ in results), sum(n for ok, n in results if ok)
        if not q.is_leaf():  # And, Require, Ordered…: every part
            results = [self._match(c, key, words) for c in q.children()]
            return all(ok for ok, _ in results), sum(n for _, n in results)
        field = getattr(q, "fieldname", None)
        if field == "speaker":
            return key in self._speakers.get(id(q), set()), 0
        if field == "body":
            n = _words_match(q, words)
            return n > 0, n
        if field == "title" or field is None:
            return isinstance(q, wq.Every), 0
        if isinstance(q, _Articles):
            return key[0] in q.weights, 0
        return key[0] in self._articles_of(q), 0

    def _articles_of(self, leaf: wq.Query) -> set[int]:
        """The articles a query on another field (source:, date:, byline:) finds."""
        found = self._articles.get(id(leaf))
        if found is None:
            aids = _ArticleIds(self._searcher)
            found = self._articles[id(leaf)] = {aids[d] for d in leaf.docs(self._searcher)}
        return found


def _required_words(q: wq.Query) -> list[str]:
    """Words (as indexed) every match must hold in its text: the query's terms and phrases
    that stand alone or in its top-level AND."""
    parts = list(q.children()) if isinstance(q, wq.And) else [q]
    words: list[str] = []
    for part in parts:
        if isinstance(part, wq.Or) and all(
            isinstance(c, wq.Term) and not isinstance(c, wq.FuzzyTerm) for c in part.children()
        ):
            texts = {c.text for c in part.children() if c.fieldname in ("title", "body")}
            if len(texts) == 1 and len(list(part.children())) <= 2:
                words.append(str(texts.pop()))
        elif isinstance(part, wq.Phrase) and part.fieldname == "body":
            words += [str(w) for w in part.words]
        elif type(part) is wq.Term and part.fieldname == "body":
            words.append(str(part.text))
    return words


def _words_match(leaf: wq.Query, words: list[str]) -> int:
    """How many of a quotation's ``words`` (as indexed) a body query leaf matches."""
    if isinstance(leaf, wq.Phrase):
        run = [str(w) for w in leaf.words]
        n = len(run)
        return sum(1 for i in range(len(words) - n + 1) if words[i : i + n] == run)
    if isinstance(leaf, wq.FuzzyTerm):
        text = str(leaf.text)
        head = text[: leaf.prefixlength]
        return sum(
            1 for w in words if w.startswith(head) and Levenshtein.distance(w, text) <= leaf.maxdist
        )
    if isinstance(leaf, wq.Prefix):
        return sum(1 for w in words if w.startswith(str(leaf.text)))
    if isinstance(leaf, wq.Wildcard):
        return sum(1 for w in words if fnmatchcase(w, str(leaf.text)))
    if isinstance(leaf, wq.TermRange):
        low, high = str(leaf.start or ""), str(leaf.end or "\U0010ffff")
        return sum(1 for w in words if low <= w <= high)
    if isinstance(leaf, wq.Term):
        return words.count(str(leaf.text))
    if isinstance(leaf, wq.Every):
        return 1
    return 0


def _has_run(words: list[str], run: list[str]) -> bool:
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


#: The last search's matches, all of them, when it counted them while scoring: the window asks
#: for the facets of the same query next (see :meth:`SearchIndex.facets`).
_MATCHED: list[tuple[tuple[Any, ...], list[int]] | None] = [None]
_MATCHED_LOCK = threading.Lock()


class _Counting(collectors.TopCollector):
    """Whoosh's top-N collector that scores every match (no skipping by best possible score)
    and keeps them all: the count is exact, and the facets that follow need no second walk."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False, replace=0)
        self.matched: list[int] = []

    def _collect(self, global_docnum: int, score: float) -> Any:
        self.matched.append(global_docnum)
        return super()._collect(global_docnum, score)


def _count_while_scoring(searcher: Any, q: wq.Query) -> bool:
    """Whether to score every match of ``q`` and count them on the way, rather than let
    Whoosh skip the matches that cannot reach the top (then it does not count them) and count
    a sample apart. Walking the matches twice costs more than scoring them all, up to a few
    thousand matches ("said", in 17,000 of 21,000 articles, is the other way round)."""
    return bool(q.estimate_size(searcher.reader()) <= COUNT_WHILE_SCORING)


def _sample(searcher: Any, q: wq.Query, quota: int) -> tuple[list[int], int, bool]:
    """Matching documents, at most ``quota`` from each sixteenth of the index (so a sample
    of many is spread over all of it), how many match, and whether that is an estimate: exact
    when no sixteenth held more than ``quota``, else estimated from how far into each one the
    quota reached."""
    everything = searcher.doc_count_all()
    step = max(1, -(-everything // WINDOWS))
    found: list[int] = []
    estimate = 0.0
    exact = True
    context = searcher.boolean_context()
    for sub, offset in searcher.leaf_searchers():
        size = sub.doc_count_all()
        try:
            m = q.matcher(sub, context)
        except Exception as exc:
            if type(exc).__name__ == "TermNotFound":
                continue
            raise
        low = 0
        while low < size and m.is_active():
            high = min(size, ((offset + low) // step + 1) * step - offset)
            if m.id() < low:
                m.skip_to(low)
                if not m.is_active():
                    break
            count = 0
            while m.is_active() and m.id() < high and count < quota:
                found.append(offset + m.id())
                count += 1
                m.next()
            if count >= quota and m.is_active() and m.id() < high:
                reached = m.id() - low
                estimate += count * (high - low) / max(1, reached)
                exact = False
            else:
                estimate += count
            low = high
    return found, round(estimate), not exact


def _indexed(ix: index.Index) -> dict[int, str]:
    """Each indexed article's id and version key (the articles' documents in the text index,
    the marks in the quotations' index), read from the index's ``key`` column ("ID=KEY")."""
    out: dict[int, str] = {}
    with ix.searcher() as s:
        for sub, _offset in s.leaf_searchers():
            reader = sub.reader()
            if not reader.has_column("key"):
                continue
            deleted = reader.segment().deleted_docs() if reader.has_deletions() else ()
            keys = list(reader.column_reader("key"))
            for d in deleted:
                keys[d] = b""
            for key in keys:
                if key:
                    aid, _, version = key.decode().partition("=")
                    out[int(aid)] = version
    return out


def _key(article_id: int, version: str) -> bytes:
    return f"{article_id}={version}".encode()


def _changes(indexed: dict[int, str], wanted: dict[int, str]) -> tuple[list[int], list[int]]:
    """Articles to remove from the index, and articles to (re)index, by their version keys."""
    stale = [i for i in indexed if i not in wanted]
    todo = [i for i, v in wanted.items() if indexed.get(i) != v]
    return stale, todo


def _fingerprint(versions: dict[int, str]) -> str:
    """One digest of every article's id and version key: equal digests, equal libraries."""
    digest = hashlib.sha256()
    for article_id in sorted(versions):
        digest.update(f"{article_id}={versions[article_id]}\n".encode())
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _positive_leaves(q: wq.Query) -> Any:
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf():
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


def browse(library: Library, limit: int | None = None) -> SearchResult:
    """All articles in import order, with their opening lines: what an empty search shows."""
    rows = library.browse(limit)
    hits = [
        SearchHit.of(r["id"], r, 0.0, Snippet(_lead(" ".join(r["lead"].split())))) for r in rows
    ]
    return SearchResult(query="", hits=hits, total=library.count(), terms=[])


def find_terms(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the indexed ``terms`` occur in ``text``, as code-point spans.

    A term with spaces is a phrase (its words as indexed, in order) and matches only as a whole.
    Only the words that may stem to a term are read (:func:`_candidates`), so a long article
    costs little more than a short one.
    """
    words: set[str] = set()
    phrases: list[list[str]] = []
    for term in terms:
        parts = term.split()
        if len(parts) > 1:
            phrases.append(parts)
        elif parts:
            words.add(parts[0])
    near = _near_words(words | {p[0] for p in phrases})
    if not text or near is None:
        return []
    spans: list[tuple[int, int]] = []
    firsts = {p[0] for p in phrases}
    for start, end, stem in _candidates(text, near):
        if stem in words:
            spans.append((start, end))
        if stem in firsts:
            for phrase in phrases:
                if phrase[0] != stem:
                    continue
                rest = phrase[1:]
                following = []
                for m in _TOKEN.finditer(text, end):
                    following.append(m)
                    if len(following) == len(rest):
                        break
                if len(following) == len(rest) and all(
                    _stem(m.group().lower()) == w for m, w in zip(following, rest, strict=True)
                ):
                    spans.append((start, following[-1].end()))
    return sorted(set(spans))


def _lead(text: str, length: int = 200) -> str:
    if len(text) <= length:
        return text
    cut = text.rfind(" ", 0, length)
    return text[: cut if cut > 0 else length] + "…"


_SYNTAX_HELP = (
    'Syntax: words (all must match), "exact phrase", OR, NOT, title:word, source:reuters, '
    "date:2023, sanction* (wildcard), sanction~ (fuzzy)."
)
