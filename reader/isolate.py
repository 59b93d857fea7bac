"""Long jobs in a child process, with progress and cancel, for callers that must stay responsive.

A thread is not enough for the window's import and indexing: sharing the window's GIL (Whoosh's
commit runs long C calls that keep it) and both cores, it kept the event loop waiting up to 400 ms.
A child process has its own GIL, and runs at a lower priority. The job is a module-level
function taking ``progress`` and ``cancelled`` keywords; its progress events (any picklable
arguments) and its result (or its error) are sent back through a pipe.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Any

Progress = Callable[..., None]


class IsolatedError(RuntimeError):
    """The job failed in its process; ``trace`` is its traceback, for the log."""

    def __init__(self, message: str, trace: str = "") -> None:
        super().__init__(message)
        self.trace = trace


def _child(
    conn: Connection, cancel: Any, func: Callable[..., Any], args: tuple[Any, ...], nice: int
) -> None:
    if nice and hasattr(os, "nice"):
        # background work yields the CPU to the window (its workers inherit this)
        with contextlib.suppress(OSError):
            os.nice(nice)

    def progress(*event: Any) -> None:
        conn.send(("progress", *event))

    try:
        result = func(*args, progress=progress, cancelled=cancel.is_set)
    except BaseException as exc:  # told to the parent, which raises it there
        conn.send(("error", str(exc) or type(exc).__name__, traceback.format_exc()))
    else:
        conn.send(("done", result))
    finally:
        conn.close()


def run_isolated(
    func: Callable[..., Any],
    args: tuple[Any, ...],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    nice: int = 10,
) -> Any:
    """``func(*args, progress=..., cancelled=...)`` in a spawned process; blocks until it ends.

    Cancelling is passed on and the job ends as it would in-process (keeping what it finished).
    The process runs at a lower priority (``nice``), so that on a machine with few cores the
    window still gets the CPU the moment it needs it.
    """
    ctx = get_context("spawn")
    cancel = ctx.Event()
    here, there = ctx.Pipe(duplex=False)
    # not a daemon: the job may start worker processes of its own (analysis, Whoosh)
    proc = ctx.Process(target=_child, args=(there, cancel, func, args, nice))
    proc.start()
    there.close()
    outcome: tuple[Any, ...] | None = None
    try:
        while outcome is None:
            if cancelled():
                cancel.set()
            if here.poll(0.05):
                try:
                    message = here.recv()
                except EOFError:
                    break  # the process ended without a word: it crashed
                if message[0] == "progress":
                    if progress is not None:
                        progress(*message[1:])
                else:
                    outcome = message
            elif not proc.is_alive() and not here.poll():
                break
    finally:
        proc.join(timeout=30)
        if proc.is_alive():
            proc.kill()
            proc.join()
        here.close()
    if outcome is None:
        raise IsolatedError(f"the background process stopped unexpectedly (exit {proc.exitcode})")
    if outcome[0] == "error":
        raise IsolatedError(outcome[1], outcome[2])
    return outcome[1]
