"""The window's analyser: an article analysed in a child process of its own gives what the
analysers give here, a child that dies is replaced, and the child never outlives the window's
process, however that ends (it held the bench's pipe open and hung it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

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
        assert analyser._proc is not None
        os.kill(analyser._proc.pid, signal.SIGKILL)  # the child dies (a crash, kill -9)
        assert analyser.spans(TEXT) == here  # in this process, this once
        assert analyser.spans(TEXT) == here  # and a new child after that
    finally:
        analyser.close()
    assert analyser._proc is None


def _gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("ending", ["sys.exit(0)", "os._exit(0)"])
def test_the_child_never_outlives_the_window(ending: str) -> None:
    script = (
        "import os, sys\n"
        "from reader.analysis.batch import ChildAnalyser\n"
        "a = ChildAnalyser()\n"
        f"a.spans({TEXT!r})\n"
        "print(a._proc.pid, flush=True)\n"
        f"{ending}\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    child = int(done.stdout.split()[-1])
    assert _gone(child), "the analysis child outlived its parent"


def test_a_child_that_cannot_start_leaves_the_analysis_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    analyser = ChildAnalyser()

    def refuse(self: ChildAnalyser) -> None:
        raise RuntimeError("An attempt has been made to start a new process before …")

    monkeypatch.setattr(ChildAnalyser, "_start", refuse)
    assert analyser.spans(TEXT) == analyze(TEXT).spans()
    analyser.close()
