"""Running pure-Python work over many items on every core.

The analysers and the cleaner hold the GIL, so threads do not help; worker processes do.
Workers are started with "spawn" (never "fork": the window's threads must not be copied into a
child) and load the gazetteer once each, so small batches stay in-process where start-up would
cost more than it saves.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
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


def _serve(conn: Connection) -> None:
    """The child's loop: texts in, spans out, until the window says stop or goes away."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the window's process ended, however it ended
        if job is None:
            return
        text, user_gazetteer = job
        try:
            conn.send(("ok", _spans(text, user_gazetteer)))
        except Exception as exc:  # the window analyses it itself, to show the real error
            conn.send(("error", repr(exc)))


class ChildAnalyser:
    """Articles analysed one at a time in a child process kept while the window is open. The
    first analysis in a process loads the gazetteer and the tagger and compiles the patterns,
    about half a second in which the window's thread waited for the interpreter; in a process
    of its own that wait is not the window's. The child is a daemon that also stops when the
    pipe closes, so it never outlives the window; if it dies, this process analyses."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None

    def spans(self, text: str, user_gazetteer: Path | None = None) -> list[Span]:
        with self._lock:
            try:
                if self._conn is None or self._proc is None or not self._proc.is_alive():
                    self._start()
                assert self._conn is not None
                self._conn.send((text, user_gazetteer))
                kind, value = self._conn.recv()
            except Exception:  # it died, or could not start (a frozen or odd main module)
                self._stop()
                kind, value = "error", "the analysis process stopped"
        if kind == "ok":
            spans: list[Span] = value
            return spans
        return _spans(text, user_gazetteer)

    def _start(self) -> None:
        self._stop()
        ctx = get_context("spawn")
        here, there = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(there,), daemon=True)
        proc.start()
        there.close()
        self._proc, self._conn = proc, here

    def _stop(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        if proc is not None:
            proc.join(timeout=1)
            if proc.is_alive():
                proc.kill()
                proc.join()

    def close(self) -> None:
        """Stop the child (the window is closing; its jobs are done)."""
        with self._lock:
            self._stop()
