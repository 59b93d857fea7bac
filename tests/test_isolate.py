"""Jobs in a child process: results, progress, cancel, errors and crashes come back to the caller."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable

import pytest

from reader.isolate import IsolatedError, run_isolated


def count_to(
    n: int, *, progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]
) -> int:
    done = 0
    for i in range(1, n + 1):
        if cancelled():
            break
        progress(i, n, f"step {i}")
        done = i
        time.sleep(0.01)
    return done


def fail(*, progress: object, cancelled: object) -> None:
    raise ValueError("the disk is full")


def die(*, progress: object, cancelled: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def squares_in_workers(n: int, *, progress: object, cancelled: object) -> list[int]:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        return list(pool.map(abs, range(-n, 0)))


def test_the_child_may_start_workers_of_its_own() -> None:
    assert run_isolated(squares_in_workers, (3,)) == [3, 2, 1]


def test_result_and_progress_come_back() -> None:
    seen: list[tuple[int, int, str]] = []
    assert run_isolated(count_to, (5,), lambda *a: seen.append(a)) == 5
    assert seen == [(i, 5, f"step {i}") for i in range(1, 6)]


def test_cancel_reaches_the_child_and_it_ends_as_it_would_in_process() -> None:
    seen: list[int] = []
    done = run_isolated(count_to, (10_000,), lambda d, t, s: seen.append(d), lambda: len(seen) >= 3)
    assert 3 <= done < 10_000


def test_an_error_is_raised_here_with_its_traceback() -> None:
    with pytest.raises(IsolatedError, match="the disk is full") as info:
        run_isolated(fail, ())
    assert "ValueError" in info.value.trace


def test_a_crashed_child_is_an_error_not_a_hang() -> None:
    with pytest.raises(IsolatedError, match="stopped unexpectedly"):
        run_isolated(die, ())
