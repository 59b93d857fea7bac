"""The use cases the window and the command line share — each policy written once.

Open a library; import (read → clean → store → re-anchor annotations → index the text, so it
is searchable; then analyse, which actor: and speaker: searches use as it goes); search
(rebuilding an unreadable index); open an article with its layers; annotate; export; back up.
Long work reports :class:`Progress` events to a plain callback and stops when ``cancelled()``
says so; the window runs these calls on its worker threads, the CLI in its one thread.

The stores only store and the index only indexes: analysis is run here (and in the import's
workers), never by them. SQLite connections and Whoosh searchers belong to the thread that
opened them, so each thread gets its own (:meth:`Workspace.library`, :meth:`Workspace.index`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Any

from reader import backup, curation, trace
from reader.analysis import analyze
from reader.analysis.batch import ChildAnalyser, analyze_many
from reader.annotation_search import search as annotation_search
from reader.annotations import (
    AnnotationStore,
    AnnotationStoreError,
    Filters,
    ReconcileReport,
    reconcile,
)
from reader.cleaning_choices import ChoiceStore
from reader.collection_search import search as collection_search
from reader.corrections import Corrections, WhoFix
from reader.export import check, collect, render, write_atomic
from reader.importer import content_digest, import_paths
from reader.ingest import (
    CLEANER_VERSION,
    BlockDecision,
    clean_document,
    decisions,
    iter_files,
)
from reader.isolate import run_isolated
from reader.json_files import JsonFileError
from reader.library import Library
from reader.model import (
    Article,
    FacetCounts,
    ImportReport,
    Layers,
    SearchHit,
    SearchResult,
    Span,
)
from reader.paths import LibraryPaths
from reader.saved import SavedStore, split_in
from reader.search import IndexBusy, IndexUnavailable, SearchIndex, SyncReport, browse
from reader.timeline import Timeline, timeline
from reader.trace_search import search as same_search
from reader.trace_search import split_outlets, split_same

#: Imports and index updates of at least this many files run in a process of their own when
#: the caller must stay responsive (the window): Whoosh's commit holds the GIL for long.
ISOLATE_FROM = 300


class Stage(StrEnum):
    IMPORTING = "importing"
    ANALYSING = "analysing"
    INDEXING = "indexing"


@dataclass(frozen=True)
class Progress:
    """How far a long job is: ``done`` of ``total`` in a ``stage``; ``item`` names the file
    being imported (empty in the other stages)."""

    stage: Stage
    done: int
    total: int
    item: str = ""


ProgressFn = Callable[[Progress], None]
Cancelled = Callable[[], bool]


def _never() -> bool:
    return False


def _quiet(_event: Progress) -> None:
    pass


@dataclass(frozen=True)
class ImportResult:
    report: ImportReport
    sync: SyncReport
    followed: ReconcileReport
    import_seconds: float  # reading, cleaning and storing
    index_seconds: float  # indexing the text (then it is searchable)
    #: from the start until every imported article could be found by a search
    searchable_seconds: float = 0.0
    #: analysing (actors, quotes, claims) after that, statement clusters included
    analysis_seconds: float = 0.0
    analysed: int = 0
    #: of which bringing the statement clusters up to date (the Trace tab, same: searches)
    trace_seconds: float = 0.0


@dataclass(frozen=True)
class RemoveResult:
    """Articles taken out of the library, and how many annotations on them were kept (listed
    as on an article not in the library until deleted on purpose, or the file added again)."""

    removed: int
    annotations_kept: int
    annotations_moved: int = 0


@dataclass(frozen=True)
class ExportResult:
    count: int
    content: str
    path: Path | None
    #: what the user should know before handing the export over (ClaimReview: no organisation…)
    warnings: list[str] = field(default_factory=list)


#: From this many articles the statement clusters are brought up to date in a child process.
TRACE_ISOLATE_FROM = 50_000
#: Articles whose layers a workspace keeps in memory (see :meth:`Workspace.layers`).
RECENT_LAYERS = 4


class Workspace:
    """One library (its articles, index and annotations) and what can be done with it."""

    def __init__(self, where: LibraryPaths) -> None:
        self.where = where
        self._local = threading.local()
        self._opened: list[tuple[int, Library, SearchIndex]] = []
        self._guard = threading.Lock()
        #: one index writer at a time in this process (Whoosh's lock spans processes)
        self.index_lock = threading.Lock()
        #: where an article opened before it was analysed is analysed (the window sets one, so
        #: that the analysers' first load is not its process's); here when ``None``
        self.analyser: ChildAnalyser | None = None
        self._recent_layers: dict[tuple[int, str, int, int], Layers] = {}

    # -- stores, one set per thread ---------------------------------------------------------------
    def _stores(self) -> tuple[Library, SearchIndex]:
        stores: tuple[Library, SearchIndex] | None = getattr(self._local, "stores", None)
        if stores is None:
            stores = (Library(self.where.library_db), SearchIndex(self.where.index_dir))
            self._local.stores = stores
            me = threading.get_ident()
            with self._guard:
                # stores this thread opened before and can no longer reach: its thread-local
                # data is dropped between a pool's jobs (Qt calls Python in a new thread state
                # each time), or it is a new thread with an old thread's id; either way they
                # are closed here, not left open (an index keeps its searcher's files open)
                stale = [entry for entry in self._opened if entry[0] == me]
                self._opened = [entry for entry in self._opened if entry[0] != me]
                self._opened.append((me, *stores))
            for _owner, library, index in stale:
                index.close()
                library.close()
        return stores

    def library(self) -> Library:
        """This thread's connection to the library (opened on first use)."""
        return self._stores()[0]

    def index(self) -> SearchIndex:
        """This thread's handle on the search index."""
        return self._stores()[1]

    def close(self) -> None:
        """Close the stores (when the window or command ends, its jobs finished). A connection
        can only be closed by its own thread: other threads' are let go, and closed as they
        are collected."""
        me = threading.get_ident()
        with self._guard:
            opened, self._opened = self._opened, []
        for owner, library, index in opened:
            index.close()
            if owner == me:
                library.close()
        self._local = threading.local()
        if self.analyser is not None:
            self.analyser.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- analysis: run here, stored by the library ------------------------------------------------
    def layers(self, article: Article) -> Layers:
        """The article's actors, quotes and claims: cached, or analysed now and cached. The
        last few articles' are kept in memory too: reading a long article's back from the
        library took 300 ms of Python beside the window (a 1 MB article's 18,000 spans)."""
        found = self.remembered_layers(article)
        if found is not None:
            return found
        layers = Layers.from_spans(self.spans(article))
        key = self._layers_key(article)
        with self._guard:
            self._recent_layers[key] = layers
            while len(self._recent_layers) > RECENT_LAYERS:
                del self._recent_layers[next(iter(self._recent_layers))]
        return layers

    def remembered_layers(self, article: Article) -> Layers | None:
        """The article's layers if they are in memory and still what the library holds (no
        analysis, text or presence written since: the library's change count says)."""
        key = self._layers_key(article)
        with self._guard:
            found = self._recent_layers.pop(key, None)
            if found is not None:
                self._recent_layers[key] = found  # the most recent last
            return found

    def forget_layers(self) -> None:
        """Drop the layers kept in memory (the benchmark times an article's first open)."""
        with self._guard:
            self._recent_layers.clear()

    def _layers_key(self, article: Article) -> tuple[int, str, int, int]:
        library = self.library()
        return (article.id, article.content_hash, library.changes(), library.analysis_version())

    def spans(self, article: Article) -> list[Span]:
        library = self.library()
        cached = library.cached_spans(article.id)
        if cached is not None:
            return cached
        gazetteer = library.user_gazetteer()
        if self.analyser is not None:  # the window's: in a process of its own
            spans = self.analyser.spans(article.text, gazetteer)
        else:
            spans = analyze(article.text, gazetteer).spans()
        spans = self.corrections.apply(article.uri, article.text, spans)
        if not library.read_only:
            library.store_analyses([(article.id, spans)], library.analysis_version())
        return spans

    @property
    def corrections(self) -> Corrections:
        """The reader's corrections of the analysis (beside the library, never in its cache)."""
        return Corrections(self.where.root)

    def analyse(
        self,
        ids: Iterable[int],
        progress: ProgressFn = _quiet,
        cancelled: Cancelled = _never,
        jobs: int | None = None,
    ) -> int:
        """Analyse those of ``ids`` with no current analysis, on every core, caching the
        results as they come (actor: and speaker: searches use them at once); how many were
        analysed. Cancelling keeps what is done."""
        library = self.library()
        version = library.analysis_version()
        pending = library.unanalysed(ids)
        done = 0

        def texts() -> Iterator[tuple[int, str]]:
            for start in range(0, len(pending), 500):
                yield from library.texts(pending[start : start + 500]).items()

        corrections = self.corrections
        corrected = corrections.all_articles()
        everywhere = corrections.has_actor_rules()  # the reader's types and merges
        uris = (
            {i: m["uri"] for i, m in library.summaries(pending).items()}
            if corrected or everywhere
            else {}
        )
        batch: list[tuple[int, list[Span]]] = []
        for article_id, spans in analyze_many(texts(), jobs, cancelled, library.user_gazetteer()):
            uri = uris.get(article_id)
            if uri is not None and (everywhere or uri in corrected):  # the reader's word wins
                text = library.texts([article_id]).get(article_id, "")
                spans = corrections.apply(uri, text, spans)
            batch.append((article_id, spans))
            done += 1
            if len(batch) >= 200 or done == len(pending):
                library.store_analyses(batch, version)
                batch = []
                progress(Progress(Stage.ANALYSING, done, len(pending)))
        if batch:
            library.store_analyses(batch, version)
        return done

    # -- importing ----------------------------------------------------------------------------------
    def import_paths(
        self,
        paths: list[str],
        progress: ProgressFn = _quiet,
        cancelled: Cancelled = _never,
        isolate: bool = False,
    ) -> ImportResult:
        """Import files and folders, re-anchor the annotations of what changed, and index.
        With ``isolate``, a big import runs in a process of its own (the window's case)."""
        if isolate and _at_least(paths, ISOLATE_FROM):
            with self.index_lock:
                self.index().close()  # reopened on the next search, to see what was written
                result: ImportResult = run_isolated(
                    _import_in_child, (self.where, paths), progress, cancelled
                )
                return result
        with self.index_lock:
            return self._import(paths, progress, cancelled)

    def _import(self, paths: list[str], progress: ProgressFn, cancelled: Cancelled) -> ImportResult:
        """Searchable first, analysed next: the files are read, cleaned and stored, their text
        indexed (from then on a search finds them), then analysed (actor: and speaker:
        searches find what is done as it is stored)."""
        library = self.library()
        started = time.perf_counter()
        report = import_paths(
            library,
            paths,
            lambda done, total, item: progress(Progress(Stage.IMPORTING, done, total, item)),
            cancelled,
            analyse=False,
            choices=ChoiceStore(self.where.choices_file).all(),
            skip=self._skip_hidden(),
        )
        imported = time.perf_counter()
        followed = self.follow_library()
        # indexed even after a cancel: what was imported is kept and should be searchable
        sync = self._index_text(progress)
        searchable = time.perf_counter()
        analysed, traced = 0, 0.0
        if not report.cancelled:
            analysed, traced = self._analyse_and_trace(progress, cancelled)
        return ImportResult(
            report,
            sync,
            followed,
            imported - started,
            searchable - imported,
            searchable_seconds=searchable - started,
            analysis_seconds=time.perf_counter() - searchable,
            analysed=analysed,
            trace_seconds=traced,
        )

    def _index_text(self, progress: ProgressFn) -> SyncReport:
        return self.index().sync(
            self.library(),
            lambda done, total, _title: progress(Progress(Stage.INDEXING, done, total)),
        )

    def _analyse_and_trace(self, progress: ProgressFn, cancelled: Cancelled) -> tuple[int, float]:
        """Analyse what has no current analysis (the index needs nothing of it), then bring
        the statement clusters (same: searches, the Trace tab) up to date; how many were
        analysed, and the seconds the clusters took."""
        library = self.library()
        done = self.analyse(library.unanalysed_ids(), progress, cancelled)
        traced = 0.0
        if not cancelled():
            began = time.perf_counter()
            self.trace_update()
            traced = time.perf_counter() - began
        return done, traced

    # -- statements across the library (issue 17) ------------------------------------------------
    def trace_update(
        self, article_ids: list[int] | None = None, isolate: bool = True
    ) -> trace.TraceReport | None:
        """Bring the statement clusters in line with the analyses stored (only what changed, or
        ``article_ids``: a corrected speaker leaves an article's text and analyser version as
        they were, so nothing else tells it changed); ``None`` when nothing changed, or when
        they cannot be written now (a read-only library: queries still work)."""
        library = self.library()
        if library.read_only:
            return None
        try:
            if article_ids is not None:
                return trace.update(library, article_ids)
            if not trace.stale(library):
                return None
            if isolate and library.count() >= TRACE_ISOLATE_FROM:
                # a build over a big library peaks at hundreds of MB (838 at 212,000 articles)
                # on top of what the import left in this process: in a process of its own
                found: trace.TraceReport | None = run_isolated(
                    _trace_in_child, (self.where,), nice=0
                )
                return found
            return trace.update(library)
        except trace.TraceError:
            return None

    def cluster_at(self, article_id: int, start: int, end: int) -> trace.Cluster | None:
        """The statement at this span, with every article that carries it."""
        return trace.cluster_of(self.library(), article_id, start, end)

    def repeated_in(self, article_id: int) -> list[trace.Cluster]:
        """This article's statements that other articles carry too (for badges)."""
        return trace.clusters_for_article(self.library(), article_id)

    def trace_text(self, text: str) -> list[trace.Cluster]:
        return trace.find(self.library(), text)

    def trace_speaker(
        self, name: str, outlet: str | None = None, words: str | None = None
    ) -> list[trace.Cluster]:
        return trace.by_speaker(self.library(), name, outlet, words)

    # -- the index ----------------------------------------------------------------------------------
    def index_busy(self) -> bool:
        """Whether another job of this process is writing the index now."""
        return self.index_lock.locked()

    def pending(self) -> int:
        """How many articles an index update would write or remove."""
        return self.index().pending(self.library())

    def sync_index(
        self,
        rebuild: bool = False,
        progress: ProgressFn = _quiet,
        cancelled: Cancelled = _never,
        isolate: bool = False,
    ) -> SyncReport:
        """Bring the index up to date (the text), then analyse what is not analysed; from
        scratch with ``rebuild``. With ``isolate``, a big update runs in a process of its
        own."""
        with self.index_lock:
            if isolate and (rebuild or self.pending() >= ISOLATE_FROM):
                self.index().close()
                report: SyncReport = run_isolated(
                    _sync_in_child, (self.where, rebuild), progress, cancelled
                )
                return report
            return self._sync(rebuild, progress, cancelled)

    def _sync(self, rebuild: bool, progress: ProgressFn, cancelled: Cancelled) -> SyncReport:
        library, index = self.library(), self.index()
        report = index.sync(
            library,
            lambda done, total, _title: progress(Progress(Stage.INDEXING, done, total)),
            cancelled,
            rebuild=rebuild,
        )
        if not report.cancelled:
            self._analyse_and_trace(progress, cancelled)
        return report

    # -- searching ----------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        limit: int | None = 50,
        snippets: int | None = None,
        with_facets: bool = True,
        sort: str = "relevance",
    ) -> SearchResult:
        """Results for ``query`` (every article for an empty one), the best first, or by date
        (``sort``: "newest" or "oldest"; undated articles last). An unreadable index is
        rebuilt and the search run again; while another job is building it, :class:`IndexBusy`.
        A query that cannot be run raises :class:`~reader.search.QueryError` with advice."""
        if sort in ("newest", "oldest"):
            return self._by_date(query, sort == "newest", limit, snippets, with_facets)
        library, index = self.library(), self.index()
        if not query.strip():
            return browse(library)

        def run(text: str = query, many: bool = False) -> SearchResult:
            # the rest of an in:, same: or outlets: query: every hit, ranked, no snippets
            most, cut = (None, 0) if many else (limit, snippets)
            inside = collection_search(
                library,
                self.saved,
                text,
                lambda rest: run(rest, True),
                self.snippets,
                most,
                cut,
            )
            if inside is not None:  # in:"…" — a collection's articles
                return inside
            traced = same_search(library, text, lambda rest: run(rest, True), most)
            if traced is not None:  # same:… or outlets:N — the articles that carry a statement
                return traced
            return annotation_search(
                index,
                library,
                self.where.annotations_db,
                text,
                limit=most,
                snippets=cut,
                with_facets=with_facets and not many,
            )

        try:
            return run()
        except IndexUnavailable:
            if self.index_busy():
                raise IndexBusy("The search index is being built; results follow.") from None
            self.sync_index(rebuild=True)
            return run()

    def files(self, ids: Iterable[int]) -> dict[int, str]:
        """Where each article's file is (as imported): lists tell same-titled articles apart."""
        return {aid: m["path"] for aid, m in self.library().summaries(ids).items()}

    def _by_date(
        self, query: str, newest: bool, limit: int | None, snippets: int | None, facets: bool
    ) -> SearchResult:
        """Every match, ordered by date: the newest (or oldest) of all, not of the best few."""
        every = self.search(query, limit=None, snippets=0, with_facets=facets)
        dated = sorted((h for h in every.hits if h.date), key=lambda h: h.date or "")
        if newest:
            dated.reverse()
        hits = [*dated, *(h for h in every.hits if not h.date)][: limit or None]
        first = len(hits) if snippets is None else min(snippets, len(hits))
        pending = [n for n in range(first) if hits[n].snippet_pending]
        made = self.snippets([hits[n] for n in pending], every.terms)
        for n, hit in zip(pending, made, strict=True):
            hits[n] = hit
        return replace(every, hits=hits, total_is_estimate=False, total=len(every.hits))

    def timeline(self, query: str) -> Timeline:
        """The matching articles per year or month (every article for an empty query)."""
        found = self.search(query, limit=None, snippets=0, with_facets=False)
        return timeline((h.date, 1) for h in found.hits)

    def mentions_over_time(self, name: str) -> Timeline:
        """How often the library mentions an actor, per year or month."""
        library = self.library()
        mentions = library.actor_mentions(name)
        dates = {aid: m["date"] for aid, m in library.summaries(mentions).items()}
        return timeline(((dates.get(a), n) for a, n in mentions.items()), what="mentions")

    @property
    def saved(self) -> SavedStore:
        """Saved searches and collections (user data, beside the annotations)."""
        return SavedStore(self.where.root)

    def facets(self, query: str) -> FacetCounts:
        """Actor and source counts for ``query`` (a dict; ``estimated`` when sampled)."""
        library = self.library()
        if split_in(query)[0] or split_same(query)[0] or split_outlets(query)[0] is not None:
            # answered outside the index: counted over every article the search lists
            found = self.search(query, limit=None, snippets=0, with_facets=False)
            ids = [h.article_id for h in found.hits]
            return FacetCounts(library.facet_counts(ids), sample=len(ids))
        return self.index().facets(query, library)

    def snippets(self, hits: list[SearchHit], terms: list[str]) -> list[SearchHit]:
        return self.index().snippets(self.library(), hits, terms)

    # -- the reader's corrections of the analysis --------------------------------------------------
    def correct_type(
        self, name: str, type_: str, progress: ProgressFn = _quiet, cancelled: Cancelled = _never
    ) -> int:
        """``name`` is a ``type_`` everywhere: written to the user's gazetteer, and every article
        analysed again with it (its cached analysis was made without). How many were."""
        self.corrections.set_type(name, type_)
        return self._reanalyse(progress, cancelled)

    def merge_actors(
        self,
        alias: str,
        into: str,
        type_: str,
        progress: ProgressFn = _quiet,
        cancelled: Cancelled = _never,
    ) -> int:
        """``alias`` and ``into`` are one actor (``into``) everywhere; every article analysed again."""
        self.corrections.merge(alias, into, type_)
        return self._reanalyse(progress, cancelled)

    def _reanalyse(self, progress: ProgressFn, cancelled: Cancelled) -> int:
        library = self.library()
        done = self.analyse(library.unanalysed_ids(), progress, cancelled)
        self.sync_index(progress=progress, cancelled=cancelled)
        self.trace_update()
        return done

    def correct_who(
        self, article: Article, kind: str, start: int, end: int, who: str | None
    ) -> list[Span]:
        """Set a quotation's speaker (``kind`` "quote") or a claim's claimant ("claim"), or
        ``None`` when the text does not say: kept for the article, over every later analysis of
        it, and laid over its analysis now (searches by speaker see it at once)."""
        self.corrections.set_who(
            WhoFix(article.uri, kind, article.text[start:end], start, who.strip() if who else None)
        )
        library = self.library()
        spans = self.corrections.apply(article.uri, article.text, self.spans(article))
        library.store_analyses([(article.id, spans)], library.analysis_version())
        self.sync_index()
        self.trace_update([article.id])
        return spans

    # -- how an article was cleaned ------------------------------------------------------------
    def block_decisions(self, article: Article) -> list[BlockDecision]:
        """Each block of the article as imported, and whether it is in the article (and why
        not): what the reader reviews to change the cleaning."""
        choices = ChoiceStore(self.where.choices_file).for_article(article.uri)
        return decisions(article.original, article.format, choices)

    def choose_blocks(self, article: Article, keep: dict[str, bool | None]) -> Article:
        """The reader's decisions on blocks (by key: keep as article text, leave out as page
        furniture, or ``None`` to let the rules decide): recorded, so that every later import
        of the file applies them, and the article cleaned again now — analysed anew, its
        annotations placed in the new text, the index brought up to date."""
        texts = {d.key: d.text for d in self.block_decisions(article)}
        store = ChoiceStore(self.where.choices_file)
        store.decide(article.uri, {k: (v, texts.get(k, "")) for k, v in keep.items()})
        choices = store.for_article(article.uri)
        doc = clean_document(article.original, article.encoding, article.format, choices)
        library = self.library()
        file_digest = article.content_hash.split("+")[0]
        library.update_text(article.id, doc, content_digest(file_digest, choices), CLEANER_VERSION)
        updated = library.get(article.id)
        assert updated is not None
        self.spans(updated)
        self.follow_library()
        self.sync_index()
        return updated

    # -- annotations ----------------------------------------------------------------------------
    def open_annotations(self) -> backup.OpenedStore:
        """The annotations, checked first: a damaged file is set aside (never written to), an
        intact one backed up daily; one that cannot be written now opens read-only."""
        return backup.open_checked(self.where.annotations_db)

    def follow_library(self) -> ReconcileReport:
        """Bring the annotations in line with the library (:func:`~reader.annotations.
        reconcile`): found by their articles' URIs, placed in changed texts. A store that cannot
        be written now is left as it is; the next call does what is not done."""
        db = self.where.annotations_db
        if not db.exists():
            return ReconcileReport()
        try:
            with AnnotationStore(db) as store:
                if store.read_only:
                    return ReconcileReport(error=store.read_only_reason)
                return reconcile(store, self.library())
        except AnnotationStoreError as exc:
            return ReconcileReport(error=str(exc))

    # -- keeping the library tidy (reader.curation) -------------------------------------------
    @property
    def hidden(self) -> curation.HiddenStore:
        return curation.HiddenStore(self.where.root)

    def _skip_hidden(self) -> Callable[[str], str | None] | None:
        """What an import passes over; a damaged list of hidden articles never stops an import
        (Library ▸ Hidden Articles says what is wrong with it)."""
        try:
            return curation.skip_hidden(self.hidden)
        except JsonFileError:
            return None

    def annotation_counts(self) -> dict[str, int]:
        """How many annotations each article (by URI) has."""
        db = self.where.annotations_db
        if not db.exists():
            return {}
        with AnnotationStore(db) as store:
            return {link.article_uri: link.count for link in store.links()}

    def folders(self) -> list[curation.Folder]:
        return curation.folders(self.library())

    def remove_articles(self, ids: Iterable[int], progress: ProgressFn = _quiet) -> RemoveResult:
        """Take articles out of the library (the files stay where they are); the index and the
        statement clusters follow, the annotations are kept."""
        wanted = set(ids)
        with self.index_lock:
            library = self.library()
            uris = {uri for aid, uri, _path, _gone in library.locations() if aid in wanted}
            counts = self.annotation_counts()
            removed = library.remove_many(wanted)
            self._after_removal(progress)
        return RemoveResult(removed, sum(counts.get(u, 0) for u in uris))

    def _after_removal(self, progress: ProgressFn) -> None:
        self.follow_library()  # their annotations: no article now, kept as they are
        self._index_text(progress)
        self.trace_update()

    def find_duplicates(
        self, progress: ProgressFn = _quiet, cancelled: Cancelled = _never
    ) -> list[curation.DuplicateGroup]:
        return curation.find_duplicates(
            self.library(),
            self.annotation_counts(),
            self.hidden.not_duplicates(),
            lambda done, total: progress(Progress(Stage.ANALYSING, done, total)),
            cancelled,
        )

    def hide_duplicates(
        self, keep: int, others: Iterable[int], merge: bool, progress: ProgressFn = _quiet
    ) -> RemoveResult:
        """Hide ``others`` (duplicates of ``keep``): out of the library and passed over by
        imports. With ``merge``, their annotations move to ``keep`` (placed in its text)."""
        wanted = set(others) - {keep}
        with self.index_lock:
            library = self.library()
            kept = library.get(keep)
            if kept is None:
                raise ValueError(f"article {keep} is not in the library")
            where = {aid: (uri, path) for aid, uri, path, _gone in library.locations()}
            titles = library.summaries(wanted)
            hide = [
                (where[a][0], where[a][1], titles[a]["title"] or Path(where[a][1]).name)
                for a in sorted(wanted)
                if a in where and a in titles
            ]
            counts = self.annotation_counts()
            moved = 0
            if merge and counts:
                with AnnotationStore(self.where.annotations_db) as store:
                    for uri, _path, _title in hide:
                        if counts.get(uri):
                            store.relink(uri, kept.id, kept.content_hash, new_uri=kept.uri)
                            moved += counts[uri]
                    store.reanchor(kept.uri, kept.text)
            self.hidden.hide(hide, kept.uri if merge else None)
            removed = library.remove_many(wanted)
            self._after_removal(progress)
        kept_on_hidden = 0 if merge else sum(counts.get(uri, 0) for uri, _p, _t in hide)
        return RemoveResult(removed, kept_on_hidden, moved)

    def show_again(
        self, uris: Iterable[str], progress: ProgressFn = _quiet, cancelled: Cancelled = _never
    ) -> tuple[list[curation.HiddenArticle], ImportResult | None]:
        """Hidden articles back in the library: forgotten as hidden, their files imported again
        (their annotations find them by URI). The ones shown, and the import (``None`` when no
        file is there any more)."""
        shown = self.hidden.show_again(uris)
        there = [h.path for h in shown if Path(h.path).is_file()]
        return shown, (self.import_paths(there, progress, cancelled) if there else None)

    def not_duplicates(self, ids: Iterable[int]) -> None:
        """The reader says these articles are not duplicates: never proposed together again."""
        meta = self.library().summaries(ids)
        self.hidden.dismiss(m["uri"] for m in meta.values())

    def export(
        self,
        fmt: str,
        filters: Filters | None = None,
        options: dict[str, str] | None = None,
        target: Path | None = None,
        with_library: bool = True,
    ) -> ExportResult:
        """Render the annotations matching ``filters`` (and write them to ``target``,
        atomically); exporting never changes them. Without the library (a damaged one), each
        annotation stands with the words it keeps."""
        db = self.where.annotations_db
        items = []
        if db.exists():
            with AnnotationStore(db) as store:
                items = collect(store, self.library() if with_library else None, filters)
        content = render(fmt, items, **(options or {}))
        if target is not None:
            write_atomic(target, content)
        return ExportResult(len(items), content, target, check(fmt, items, **(options or {})))


def _at_least(paths: list[str], n: int) -> bool:
    """Whether ``paths`` hold at least ``n`` files to import (counting stops there)."""
    return sum(1 for _ in islice(iter_files(paths), n)) >= n


def _import_in_child(
    where: LibraryPaths, paths: list[str], *, progress: Any, cancelled: Cancelled
) -> ImportResult:
    with Workspace(where) as ws:
        return ws._import(paths, progress, cancelled)


def _trace_in_child(
    where: LibraryPaths, *, progress: Any, cancelled: Cancelled
) -> trace.TraceReport | None:
    with Workspace(where) as ws:
        return ws.trace_update(isolate=False)


def _sync_in_child(
    where: LibraryPaths, rebuild: bool, *, progress: Any, cancelled: Cancelled
) -> SyncReport:
    with Workspace(where) as ws:
        return ws._sync(rebuild, progress, cancelled)
