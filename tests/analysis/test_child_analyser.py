"""The window's analyser: an article analysed in a worker process of its own gives what the
analysers give here, and a worker that dies is replaced by this process, losing nothing."""

from __future__ import annotations

import os
import signal

from reader.analysis import analyze
from reader.analysis.batch import ChildAnalyser

TEXT = (
    "Russian President Vladimir Putin met China’s top diplomat Wang Yi in Moscow 🤝. "
    "“We are ready to work together,” Mr Putin said, according to the Kremlin."
)


def test_a_child_analyses_as_this_process_does_and_a_dead_one_is_replaced() -> None:
    analyser = ChildAnalyser()
    try:
        here = analyze(TEXT).spans()
        assert analyser.spans(TEXT) == here
        pool = analyser._pool
        assert pool is not None
        for pid in list(pool._processes):  # the worker dies (a crash, kill -9)
            os.kill(pid, signal.SIGKILL)
        assert analyser.spans(TEXT) == here  # in this process, this once
        assert analyser.spans(TEXT) == here  # and a new worker after that
    finally:
        analyser.close()
    assert analyser._pool is None
