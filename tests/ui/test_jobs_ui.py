"""Background jobs report progress to the window at a pace its thread can paint."""

from __future__ import annotations

import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui import workers
from reader.ui.workers import JobContext, JobRunner
from reader.workspace import Progress, Stage


def test_progress_reaches_the_window_ten_times_a_second_with_each_stages_ends(
    qtbot: QtBot, tmp_path: Path
) -> None:
    runner = JobRunner(tmp_path / "library.sqlite3")
    seen: list[Progress] = []

    def job(ctx: JobContext) -> int:
        began = time.monotonic()
        for n in range(1, 20_001):  # 20,000 files reported one by one, as an import does
            ctx.progress(Progress(Stage.IMPORTING, n, 20_000, f"{n}.txt"))
            if n % 1000 == 0:
                time.sleep(0.02)
        for n in range(1, 501):
            ctx.progress(Progress(Stage.ANALYSING, n, 500))
        return round(time.monotonic() - began)

    started = runner.start(job, on_progress=seen.append)
    qtbot.waitUntil(started.done.is_set, timeout=30_000)
    qtbot.wait(50)  # the reports posted before the end
    importing = [e for e in seen if e.stage is Stage.IMPORTING]
    analysing = [e for e in seen if e.stage is Stage.ANALYSING]
    # each stage's first and last report, and a few between: not 20,500
    assert importing[0].done == 1 and importing[-1].done == 20_000
    assert analysing[0].done == 1 and analysing[-1].done == 500
    assert len(seen) < 100
    assert [e.done for e in importing] == sorted(e.done for e in importing)
    # a job that reports slowly has every report shown
    slow: list[Progress] = []

    def patient(ctx: JobContext) -> None:
        for n in range(1, 4):
            ctx.progress(Progress(Stage.INDEXING, n, 10))
            time.sleep(workers.PROGRESS_EVERY * 1.5)

    started = runner.start(patient, on_progress=slow.append)
    qtbot.waitUntil(started.done.is_set, timeout=30_000)
    qtbot.wait(50)
    assert [e.done for e in slow] == [1, 2, 3]
    runner.shutdown()
