"""Background jobs: workspace calls run on the thread pool, results posted back to the GUI thread.

A job is a plain callable ``fn(ctx)``; ``ctx`` gives it a progress callback and a cancel check to
pass to the workspace. Widgets are only touched in the slots connected to a job's signals, on the
GUI thread. (The workspace gives each pool thread its own SQLite connections and searcher.)
"""

from __future__ import annotations

import sqlite3
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.library import LibraryError, damaged_library_advice
from reader.sqlite_files import Problem, explain, problem_of
from reader.workspace import Progress


class JobSignals(QObject):
    progress = Signal(object)  # a reader.workspace.Progress
    finished = Signal(object)
    failed = Signal(str, str)  # message for the user, traceback for the log


#: Seconds between two progress reports a job posts to the window (a stage's first and last
#: are always posted).
PROGRESS_EVERY = 0.1


class JobContext:
    """What a job gets: where to report progress and how to know it was cancelled.

    Progress reaches the window ten times a second at most: an import reported every file
    and every article (some 40,000 reports for 21,000 files), and each one redrew the
    progress bar and the status line on the window's thread at once (a progress bar repaints
    when its value changes, not when the event loop next paints) — a tenth of that thread's
    time while importing, and stalls of 50-150 ms while the user typed a search."""

    def __init__(self, signals: JobSignals, cancel: threading.Event) -> None:
        self._signals = signals
        self._cancel = cancel
        self._posted: tuple[object, float] | None = None  # the last report's stage, and when

    def progress(self, event: Progress) -> None:
        now = time.monotonic()
        last = self._posted
        if (
            last is not None
            and last[0] is event.stage
            and now - last[1] < PROGRESS_EVERY
            and event.done < event.total
        ):
            return
        self._posted = (event.stage, now)
        self._signals.progress.emit(event)

    def cancelled(self) -> bool:
        return self._cancel.is_set()


def failure_message(exc: BaseException, library_db: Path) -> str:
    """What to tell the user about a job's failure: the environment's fault said plainly (a
    damaged, full or read-only library), anything else as it came."""
    if isinstance(exc, sqlite3.Error):
        if problem_of(exc) is Problem.DAMAGED:
            return damaged_library_advice(library_db)
        return f"The library could not be used: {explain(exc, library_db)}"
    if isinstance(exc, LibraryError):
        return str(exc)
    return str(exc) or type(exc).__name__


class Job(QRunnable):
    def __init__(self, fn: Callable[[JobContext], Any], library_db: Path, parent: QObject) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.library_db = library_db
        self.cancel_event = threading.Event()
        # Parented to a long-lived object so the signals outlive this runnable's C++ side.
        self.signals = JobSignals(parent)
        self.done = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            result = self.fn(JobContext(self.signals, self.cancel_event))
        except Exception as exc:  # reported to the user; the window goes on
            self.signals.failed.emit(failure_message(exc, self.library_db), traceback.format_exc())
        else:
            self.signals.finished.emit(result)
        finally:
            self.done.set()


class JobRunner(QObject):
    """Starts jobs on a private pool and can cancel and wait for all of them (at quit, in tests)."""

    def __init__(self, library_db: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library_db = library_db
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self._jobs: list[Job] = []

    def start(
        self,
        fn: Callable[[JobContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str, str], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> Job:
        job = Job(fn, self.library_db, self)
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
