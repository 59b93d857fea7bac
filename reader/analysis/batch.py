"""Analysing many texts at once, on every core.

The analysers are pure Python and hold the GIL, so threads do not help; worker processes do.
Workers are started with "spawn" (never "fork": the window's threads must not be copied into a
child) and load the gazetteer once each, so small batches stay in-process where start-up would
cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from reader.analysis import analyze
from reader.model import Span

#: Below this many texts one process is faster than starting workers.
PARALLEL_FROM = 400
CHUNK = 32


def _spans(text: str, user_gazetteer: Path | None = None) -> list[Span]:
    return analyze(text, user_gazetteer).spans()


def default_jobs() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def analyze_many(
    items: Iterable[tuple[int, str]],
    jobs: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    user_gazetteer: Path | None = None,
) -> Iterator[tuple[int, list[Span]]]:
    """``(key, spans)`` for each ``(key, text)``, in order; stops early when ``cancelled()``."""
    todo = list(items)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(todo) < PARALLEL_FROM:
        for key, text in todo:
            if cancelled():
                return
            yield key, _spans(text, user_gazetteer)
        return
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        for start in range(0, len(todo), CHUNK * jobs * 4):
            if cancelled():
                pool.shutdown(cancel_futures=True)
                return
            part = todo[start : start + CHUNK * jobs * 4]
            work = partial(_spans, user_gazetteer=user_gazetteer)
            results = pool.map(work, [t for _, t in part], chunksize=CHUNK)
            yield from zip((k for k, _ in part), results, strict=True)
