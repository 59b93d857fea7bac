"""The full-text index: the only module that knows Whoosh.

The index is a cache of the library. It stores no article text (snippets are cut from the
library's copy), only each document's id and version, so it is rebuilt from the library whenever
it is missing, damaged or out of date.
"""

from __future__ import annotations

import gc
import hashlib
import html
import os
import pickle
import re
import shutil
import struct
import time
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh import analysis, fields, highlight, index, qparser
from whoosh import query as wq
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.util.filelock import FileLock

from reader.library import Library
from reader.model import Layers, SearchHit, SearchResult, display_title

#: Bump when the schema or analysis changes: an index of another version is rebuilt.
INDEX_VERSION = 3
#: The most edits a fuzzy term ("sanction~2") may allow.
MAX_FUZZY_DISTANCE = 2
SEARCH_FIELDS = ("title", "body", "source", "byline", "date", "actor", "speaker")
DEFAULT_FIELDS = ("title", "body")

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


def _analyzer() -> analysis.Analyzer:
    # No stop list: "US", "who" and "it" are words news readers search for, and phrases stay exact.
    return analysis.StemmingAnalyzer(stoplist=None, minsize=1)


def _schema() -> fields.Schema:
    stem = _analyzer()
    return fields.Schema(
        doc_id=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True),
        article_id=fields.NUMERIC(stored=True, bits=64),
        version=fields.ID(stored=True),
        title=fields.TEXT(analyzer=stem, field_boost=2.0),
        body=fields.TEXT(analyzer=stem),
        source=fields.TEXT(analyzer=analysis.StandardAnalyzer(stoplist=None, minsize=1)),
        byline=fields.TEXT(analyzer=analysis.StandardAnalyzer(stoplist=None, minsize=1)),
        date=fields.DATETIME(),
        # the article's actors (canonical names) for actor:"Wang Yi" and the facet counts
        actor=fields.TEXT(analyzer=analysis.StandardAnalyzer(stoplist=None, minsize=1)),
        actors=fields.STORED(),  # the names, one by one, for the facet counts
        # quotes are documents of their own: who said it, and where in the article
        speaker=fields.TEXT(
            stored=True, analyzer=analysis.StandardAnalyzer(stoplist=None, minsize=1)
        ),
        owner=fields.ID(),
        source_name=fields.STORED(),
        start=fields.STORED(),
        end=fields.STORED(),
    )


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10])
    except ValueError:
        return None


class _SnippetFormatter(highlight.Formatter):
    """Escaped text with hit terms in ``<b>``; fragments joined by an ellipsis."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return "<b>" + html.escape(highlight.get_text(text, token, replace)) + "</b>"

    def format_fragment(self, fragment: Any, replace: bool = False) -> str:
        out: list[str] = []
        index_ = fragment.startchar
        text = fragment.text
        for t in fragment.matches:
            if t.startchar < index_:
                continue
            out.append(html.escape(text[index_ : t.startchar]))
            out.append(self.format_token(text, t, replace))
            index_ = t.endchar
        out.append(html.escape(text[index_ : fragment.endchar]))
        return " ".join("".join(out).split())


_DANGLING_RE = re.compile(r"^\s*(AND|OR)\b|\b(AND|OR|NOT)\s*$|\b(AND|OR|NOT)\s+(AND|OR)\b")
_EMPTY_FIELD_RE = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\s|$)")
_FIELD_RE = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")


class SearchIndex:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._ix: index.Index | None = None
        self.schema = _schema()

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
        ix = None
        with warnings.catch_warnings():
            # Whoosh leaves a damaged file open when it fails; it is closed here, quietly.
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                if self._version_file().read_text().strip() == str(INDEX_VERSION):
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
        if self._ix is not None:
            self._ix.close()
            self._ix = None
        if self.directory.is_symlink() or (self.directory.exists() and not self.directory.is_dir()):
            self.directory.unlink()  # our cache's place, taken by a stray file
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(self.directory), self.schema)
        self._version_file().write_text(str(INDEX_VERSION))
        self._ix = ix
        return ix

    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
            self._ix = None

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
        """Bring the index in line with the library: add, update and remove what changed.
        One process at a time; what is indexed is read only once this one holds the index."""
        wanted = library.hashes()
        if not rebuild and self._open() is not None and self._made_from(_fingerprint(wanted)):
            return SyncReport()  # the index was made from exactly this library: nothing to do
        with self._updating(wait, cancelled):
            if self._ix is not None:  # another process may have changed it while we waited
                self._ix.close()
                self._ix = None
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
        wanted = library.hashes()
        state = _fingerprint(wanted)
        if ix is not None and self._made_from(state):
            return report  # the index was made from exactly this library: nothing to read
        if ix is None:
            ix = self._create()
            report.rebuilt = True
            if rebuild:
                report.message = "Search index rebuilt from the library."
            elif existed:
                report.message = (
                    "The search index was damaged or outdated; rebuilt from the library."
                )
        indexed = _indexed(ix)
        stale, todo = _changes(indexed, wanted)
        if not stale and not todo:
            self._remember_state(state)
            return report
        self._remember_state(None)  # until the writer has committed
        if cancelled():
            report.cancelled = True
            return report
        big = len(todo) > 2000
        writer = (
            ix.writer(procs=2, multisegment=True, limitmb=256) if big else ix.writer(timeout=30.0)
        )
        try:
            for article_id in stale:
                writer.delete_by_term("owner", str(article_id))
                report.removed += 1
            for n, row in enumerate(library.iter_for_index(todo), 1):
                if cancelled():
                    writer.cancel()
                    report.cancelled = True
                    report.added = report.updated = report.removed = 0
                    return report
                # the actors and quotes the workspace's analysis cached (none yet: indexed
                # without them, and again once they are made — the version key says so)
                layers = Layers.from_spans(library.cached_spans(row["id"]) or [])
                actors = sorted({m.name for m in layers.actors})
                doc = {
                    "doc_id": f"a:{row['id']}",
                    "kind": "article",
                    "article_id": row["id"],
                    "owner": str(row["id"]),
                    "version": row["version"],
                    "title": row["title"] or "",
                    "body": row["text"],
                    "source": row["source"] or "",
                    "byline": row["byline"] or "",
                    "actor": " ; ".join(actors),
                    "actors": actors,
                    "source_name": row["source"] or "",
                }
                when = _parse_date(row["date"])
                if when is not None:
                    doc["date"] = when
                if row["id"] in indexed:
                    writer.delete_by_term("owner", str(row["id"]))
                    report.updated += 1
                else:
                    report.added += 1
                writer.add_document(**doc)
                for k, q in enumerate(layers.quotes):
                    quote = {
                        "doc_id": f"q:{row['id']}:{k}",
                        "kind": "quote",
                        "article_id": row["id"],
                        "owner": str(row["id"]),
                        "version": row["version"],
                        # the quotation alone: `speaker:X word` is about what X said
                        "body": row["text"][q.start : q.end],
                        "speaker": q.speaker or "",
                        "source": row["source"] or "",
                        "source_name": row["source"] or "",
                        "actors": actors,
                        "start": q.start,
                        "end": q.end,
                    }
                    if when is not None:
                        quote["date"] = when
                    writer.add_document(**quote)
                if progress is not None and (n % 50 == 0 or n == len(todo)):
                    progress(n, len(todo), row["title"] or "")
            writer.commit()
            self._remember_state(state)
        except BaseException:
            writer.cancel()
            raise
        return report

    def pending(self, library: Library) -> int:
        """How many articles a sync would write or remove: 0 when the index is current, every
        article when it is missing or damaged."""
        ix = self._open()
        wanted = library.hashes()
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
        if _DANGLING_RE.search(text):
            hints.append(
                "AND / OR need a word on each side and NOT a word after it; "
                "a lone one is searched as a word."
            )
        empty = sorted(set(_EMPTY_FIELD_RE.findall(text)))
        if empty:
            hints.append(f"{', '.join(e + ':' for e in empty)} needs a value, e.g. title:ukraine.")
        if text.count("(") != text.count(")"):
            hints.append("Unbalanced parentheses.")
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

    def search(
        self,
        text: str,
        library: Library,
        limit: int | None = 50,
        with_snippets: bool = True,
        snippets: int | None = None,
        with_facets: bool = True,
    ) -> SearchResult:
        """The best ``limit`` hits; the first ``snippets`` of them (all when ``None``) with
        their snippets, the rest marked ``snippet_pending`` for :meth:`snippets` to fill later."""
        ix = self._open()
        if ix is None:
            raise IndexUnavailable("The search index is missing or damaged.")
        q, hint = self.parse(text)
        quotes = _SPEAKER_RE.search(text) is not None
        kind = wq.Term("kind", "quote" if quotes else "article")
        # only what reads the index is judged here (damage, or a query Whoosh cannot run);
        # a failure in our own code below is a bug and surfaces as one
        try:
            with ix.searcher() as s:
                results = s.search(q, limit=limit, filter=kind)
                total = len(results)  # every match that passes the filter, not only those shown
                terms = self._terms(q, s)
                found = [
                    (
                        r["article_id"],
                        float(r.score or 0.0),
                        r.get("start"),
                        r.get("end"),
                        r.get("speaker"),
                    )
                    for r in results
                ]
                facets = _facets(s, q, kind) if with_facets else {}
        except Exception as exc:
            raise _failure(ix, q, exc) from exc
        info = library.summaries([f[0] for f in found])
        hits = []
        for aid, score, start, end, speaker in found:
            meta = info.get(aid)
            if meta is None:
                continue  # removed from the library since the last sync
            hits.append(
                SearchHit(
                    article_id=aid,
                    title=display_title(meta["title"], meta["path"]),
                    source=meta["source"],
                    date=meta["date"],
                    score=score,
                    snippet="",
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
            query=text, hits=hits, total=total, terms=terms, message=hint, facets=facets
        )

    def facets(self, text: str) -> dict[str, list[tuple[str, int]]]:
        """Actor and source counts for a query: apart from :meth:`search`, so the window can
        show the results first and the counts a moment later."""
        ix = self._open()
        if ix is None:
            raise IndexUnavailable("The search index is missing or damaged.")
        q, _hint = self.parse(text)
        kind = wq.Term("kind", "quote" if _SPEAKER_RE.search(text) else "article")
        try:
            with ix.searcher() as s:
                return _facets(s, q, kind)
        except Exception as exc:
            raise _failure(ix, q, exc) from exc

    def snippets(
        self, library: Library, hits: list[SearchHit], terms: list[str]
    ) -> list[SearchHit]:
        """``hits`` with their snippets, cut around ``terms`` (a result's terms) in their text."""
        texts = library.texts([h.article_id for h in hits])
        words = frozenset(w for t in terms for w in t.split())
        fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
        out = []
        for hit in hits:
            body = texts.get(hit.article_id, "")
            if hit.quote_start is not None and hit.quote_end is not None:
                body = body[hit.quote_start : hit.quote_end]
            snippet = (
                highlight.highlight(
                    body, words, _analyzer(), fragmenter, _SnippetFormatter(), top=2
                )
                if words
                else ""
            )
            out.append(
                replace(hit, snippet=snippet or html.escape(_lead(body)), snippet_pending=False)
            )
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
_FACET_DOCS = 2000  # facet counts cover the best matches; beyond that they would cost seconds


def _indexed(ix: index.Index) -> dict[int, str]:
    """Each indexed article's id and version key."""
    with ix.searcher() as s:
        return {
            f["article_id"]: f["version"]
            for f in s.all_stored_fields()
            if f.get("kind") == "article"
        }


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


def _facets(searcher: Any, q: wq.Query, kind: wq.Query) -> dict[str, list[tuple[str, int]]]:
    """Actor and source counts over the matching documents (one count per article)."""
    counts: dict[str, dict[str, int]] = {"actor": {}, "source": {}}
    seen: set[int] = set()
    for hit in searcher.search(q, limit=_FACET_DOCS, filter=kind):
        if hit["article_id"] in seen:
            continue
        seen.add(hit["article_id"])
        for actor in hit.get("actors") or []:
            counts["actor"][actor] = counts["actor"].get(actor, 0) + 1
        source = hit.get("source_name")
        if source:
            counts["source"][source] = counts["source"].get(source, 0) + 1
    return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))[:30] for k, v in counts.items()}


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
        SearchHit(
            article_id=r["id"],
            title=display_title(r["title"], r["path"]),
            source=r["source"],
            date=r["date"],
            score=0.0,
            snippet=html.escape(_lead(" ".join(r["lead"].split()))),
        )
        for r in rows
    ]
    return SearchResult(query="", hits=hits, total=library.count(), terms=[])


def find_terms(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the indexed ``terms`` occur in ``text``, as code-point spans.

    A term with spaces is a phrase (its words as indexed, in order) and matches only as a whole.
    """
    words: set[str] = set()
    phrases: list[list[str]] = []
    for term in terms:
        parts = term.split()
        if len(parts) > 1:
            phrases.append(parts)
        elif parts:
            words.add(parts[0])
    if not text or not (words or phrases):
        return []
    tokens = [(t.text, t.startchar, t.endchar) for t in _analyzer()(text, chars=True, mode="index")]
    spans = [(start, end) for word, start, end in tokens if word in words]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if all(tokens[i + k][0] == phrase[k] for k in range(n)):
                spans.append((tokens[i][1], tokens[i + n - 1][2]))
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
