"""Running pure-Python work over many items on every core.

The analysers and the cleaner hold the GIL, so threads do not help; worker processes do.
Workers are started with "spawn" (never "fork": the window's threads must not be copied into a
child) and load the gazetteer once each, so small batches stay in-process where start-up would
cost more than it saves.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import TypeVar

from reader.analysis import analyze
from reader.model import Span

#: Below this many items one process is faster than starting workers.
PARALLEL_FROM = 400
CHUNK = 32

T = TypeVar("T")
R = TypeVar("R")


def _spans(text: str, user_gazetteer: Path | None = None) -> list[Span]:
    return analyze(text, user_gazetteer).spans()


def default_jobs() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def map_parallel(
    work: Callable[[T], R],
    items: Iterable[T],
    jobs: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[R]:
    """``work(item)`` for each item, in order, in worker processes when there are enough items;
    stops early when ``cancelled()`` (checked between small groups, so cancel is prompt).
    ``work`` must be a module-level function (or a ``partial`` of one) so workers can import it."""
    todo = list(items)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(todo) < PARALLEL_FROM:
        for item in todo:
            if cancelled():
                return
            yield work(item)
        return
    group = CHUNK * jobs * 2
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        pending = pool.map(work, todo[:group], chunksize=CHUNK)
        for start in range(0, len(todo), group):
            if cancelled():
                pool.shutdown(cancel_futures=True)
                return
            current = pending
            nxt = todo[start + group : start + 2 * group]
            if nxt:  # keep the workers busy while this group's results are consumed
                pending = pool.map(work, nxt, chunksize=CHUNK)
            yield from current


def analyze_many(
    items: Iterable[tuple[int, str]],
    jobs: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    user_gazetteer: Path | None = None,
) -> Iterator[tuple[int, list[Span]]]:
    """``(key, spans)`` for each ``(key, text)``, in order; stops early when ``cancelled()``."""
    todo = list(items)
    work = partial(_spans, user_gazetteer=user_gazetteer)
    results = map_parallel(work, [t for _, t in todo], jobs, cancelled)
    yield from zip((k for k, _ in todo), results, strict=False)


class ChildAnalyser:
    """Articles analysed one at a time in a worker process kept while the window is open. The
    first analysis in a process loads the gazetteer and the tagger and compiles the patterns,
    about half a second in which the window's thread waited for the interpreter; in a process
    of its own that wait is not the window's. Falls back to this process if the worker dies."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def spans(self, text: str, user_gazetteer: Path | None = None) -> list[Span]:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
            pool = self._pool
        try:
            return pool.submit(_spans, text, user_gazetteer).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            return _spans(text, user_gazetteer)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
