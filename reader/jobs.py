"""The window's long jobs as plain functions of file paths, so they can run in a child process
(:mod:`reader.isolate`) with their own stores: import then index, and index alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.annotations import follow_updates
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
        # annotations follow their words into the new text of a changed article
        follow_updates(annotations_db, library, report)
        # indexed even after a cancel: what was imported is kept and should be searchable
        index = SearchIndex(index_dir)
        try:
            sync = index.sync(library, _staged(progress))
        finally:
            index.close()
    return report, sync


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
