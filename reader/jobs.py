"""The window's long jobs as plain functions of file paths, so they can run in a child process
(:mod:`reader.isolate`) with their own stores: import then index, and index alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.annotations import AnnotationStore, AnnotationStoreError, ReconcileReport, reconcile
from reader.importer import import_paths
from reader.library import Library
from reader.model import ImportReport
from reader.search import ANALYSING, INDEXING, SearchIndex, SyncReport

Progress = Callable[[int, int, str], None]


def _never() -> bool:
    return False


def _staged(progress: Progress | None) -> Progress | None:
    """Index progress labelled by stage (analysing, then indexing), not by article title."""
    if progress is None:
        return None
    return lambda d, t, label: progress(d, t, ANALYSING if label == ANALYSING else INDEXING)


def import_and_index(
    library_db: Path,
    index_dir: Path,
    annotations_db: Path,
    paths: list[str],
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = _never,
) -> tuple[ImportReport, SyncReport]:
    with Library(library_db) as library:
        report = import_paths(library, paths, progress, cancelled)
        # annotations follow their articles: found again after a move, placed in new text
        follow_library(annotations_db, library)
        # indexed even after a cancel: what was imported is kept and should be searchable
        index = SearchIndex(index_dir)
        try:
            sync = index.sync(library, _staged(progress))
        finally:
            index.close()
    return report, sync


def follow_library(annotations_db: Path, library: Library) -> ReconcileReport:
    """Bring the annotations in line with the library (:func:`reader.annotations.reconcile`).
    Without an annotation store there is nothing to follow (none is created). A store that
    cannot be written now (locked, full disk) is left as it is: what is not done is recorded as
    not done, and the next import or start does it."""
    if not annotations_db.exists():
        return ReconcileReport()
    try:
        with AnnotationStore(annotations_db) as store:
            if store.read_only:
                return ReconcileReport(error=store.read_only_reason)
            return reconcile(store, library)
    except AnnotationStoreError as exc:
        return ReconcileReport(error=str(exc))


def sync_with(
    library: Library,
    index: SearchIndex,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = _never,
    rebuild: bool = False,
) -> SyncReport:
    """An index update on stores the caller already has open (small updates, in-thread)."""
    return index.sync(library, _staged(progress), cancelled, rebuild=rebuild)


def sync_index(
    library_db: Path,
    index_dir: Path,
    rebuild: bool = False,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = _never,
) -> SyncReport:
    with Library(library_db) as library:
        index = SearchIndex(index_dir)
        try:
            return sync_with(library, index, progress, cancelled, rebuild)
        finally:
            index.close()
