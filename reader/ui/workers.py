"""Background jobs: core functions run on the thread pool, results posted back to the GUI thread.

A job is a plain callable ``fn(ctx)``; ``ctx`` gives it a progress callback, a cancel check and
per-thread stores (SQLite connections and Whoosh searchers belong to the thread that opened them).
Widgets are only touched in the slots connected to a job's signals, on the GUI thread.
"""

from __future__ import annotations

import sqlite3
import threading
import traceback
from collections.abc import Callable
from itertools import islice
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader import jobs
from reader.ingest import iter_files
from reader.isolate import run_isolated
from reader.library import Library, damaged_library_advice
from reader.paths import LibraryPaths
from reader.search import SearchIndex, SyncReport
from reader.sqlite_files import Problem, explain, problem_of

#: Imports and index updates smaller than this run on the job's thread; bigger ones in a process
#: of their own (Whoosh's commit holds the GIL long enough to freeze the window otherwise).
ISOLATE_FROM = 300


_local = threading.local()
#: Whoosh allows one writer at a time: every job that updates the index takes this first.
INDEX_WRITE_LOCK = threading.Lock()


def thread_stores(where: LibraryPaths) -> tuple[Library, SearchIndex]:
    """This thread's library connection and index, opened once per pool thread."""
    cached = getattr(_local, "stores", None)
    if cached is None or cached[0] != where:
        if cached is not None:
            cached[1].close()
            cached[2].close()
        cached = (where, Library(where.library_db), SearchIndex(where.index_dir))
        _local.stores = cached
    return cached[1], cached[2]


class JobSignals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str, str)  # message for the user, traceback for the log


class JobContext:
    def __init__(self, signals: JobSignals, cancel: threading.Event, where: LibraryPaths) -> None:
        self._signals = signals
        self._cancel = cancel
        self.where = where

    def progress(self, done: int, total: int, label: str) -> None:
        self._signals.progress.emit(done, total, label)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def stores(self) -> tuple[Library, SearchIndex]:
        return thread_stores(self.where)

    def index_busy(self) -> bool:
        """Whether another job is writing the index now."""
        return INDEX_WRITE_LOCK.locked()

    def sync_index(self, rebuild: bool = False, report_progress: bool = True) -> SyncReport:
        """Bring the index up to date, one writer at a time; a big update in its own process."""
        library, index = self.stores()
        progress = self.progress if report_progress else None
        with INDEX_WRITE_LOCK:
            if rebuild or index.pending(library) >= ISOLATE_FROM:
                index.close()  # reopened on the next search, to see what the process wrote
                report: SyncReport = run_isolated(
                    jobs.sync_index,
                    (self.where.library_db, self.where.index_dir, rebuild),
                    progress,
                    self.cancelled,
                )
                return report
            return jobs.sync_with(library, index, progress, self.cancelled)

    def import_and_index(self, paths: list[str]) -> tuple[Any, SyncReport]:
        """Import then index; many files in a process of their own (it may be 21,000)."""
        _library, index = self.stores()
        args = (self.where.library_db, self.where.index_dir, self.where.annotations_db, paths)
        with INDEX_WRITE_LOCK:
            index.close()  # reopened on the next search, to see what the import wrote
            # counting stops at the threshold: the import walks the folders itself
            if sum(1 for _ in islice(iter_files(paths), ISOLATE_FROM)) < ISOLATE_FROM:
                return jobs.import_and_index(
                    *args, progress=self.progress, cancelled=self.cancelled
                )
            result: tuple[Any, SyncReport] = run_isolated(
                jobs.import_and_index, args, self.progress, self.cancelled
            )
        return result


class Job(QRunnable):
    def __init__(
        self, fn: Callable[[JobContext], Any], where: LibraryPaths, parent: QObject
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.where = where
        self.cancel_event = threading.Event()
        # Parented to a long-lived object so the signals outlive this runnable's C++ side.
        self.signals = JobSignals(parent)
        self.done = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = self.fn(JobContext(self.signals, self.cancel_event, self.where))
        except sqlite3.Error as exc:  # said plainly: damage, a full disk, a read-only folder
            message = (
                damaged_library_advice(self.where.library_db)
                if problem_of(exc) is Problem.DAMAGED
                else f"The library could not be used: {explain(exc)}"
            )
            self.signals.failed.emit(message, traceback.format_exc())
        except Exception as exc:  # reported to the user; the window goes on
            self.signals.failed.emit(str(exc) or type(exc).__name__, traceback.format_exc())
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()


class JobRunner(QObject):
    """Starts jobs on a private pool and can cancel and wait for all of them (at quit, in tests)."""

    def __init__(self, where: LibraryPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.where = where
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self._jobs: list[Job] = []

    def start(
        self,
        fn: Callable[[JobContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Job:
        job = Job(fn, self.where, self)
        if on_done is not None:
            job.signals.finished.connect(on_done)
        if on_error is not None:
            job.signals.failed.connect(on_error)
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        job.signals.finished.connect(job.signals.deleteLater)
        job.signals.failed.connect(job.signals.deleteLater)
        self._jobs = [j for j in self._jobs if not j.done.is_set()]
        self._jobs.append(job)
        self.pool.start(job)
        return job

    def busy(self) -> bool:
        return any(not j.done.is_set() for j in self._jobs)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        for job in self._jobs:
            job.cancel()
        self.pool.waitForDone(timeout_ms)
        self._jobs.clear()
