"""The window's side of ``corpus-reader bench``, run as a child process with its own QApplication.

``open``: opening articles the way a click on a result does (library, analysis cache, every pane,
layout and paint of the visible part). ``stall``: how long the event loop is kept from running
while the window imports a corpus and the user searches. ``cold``: the window started as the app
starts it, until it has painted once. Results are one JSON line on stdout.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from reader.devtools.bench import QUERIES, ms, percentile
from reader.ui.app import create_window

SAMPLE = 200
TICK_MS = 5


def _app() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def measure_open(library_dir: str, synthetic: str) -> dict[str, Any]:
    app = _app()
    window = create_window(library_dir)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    view = window.reading.view
    library = window.workspace.library()

    def open_once(article_id: int) -> float:
        # each open as an article's first: its layers not in the window's memory (kept there
        # for a reopen), and the previous open's layers no longer being read beside it (a
        # reader does not open the same article five times a second)
        window.workspace.forget_layers()
        while window.layers_pending:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        started = time.perf_counter()
        window.open_article(article_id)
        view.document().size()  # the whole layout, not only what is on screen
        view.viewport().repaint()
        return time.perf_counter() - started

    ids = sorted(library.summaries())
    sample = random.Random(1987).sample(ids, min(SAMPLE, len(ids)))
    open_once(sample[0])  # fonts and caches, as after the window's first article
    times = [open_once(i) for i in sample]

    # the 1 MB article: imported, then opened once with its analysis and five times from cache
    from reader.importer import import_paths

    report = import_paths(library, [synthetic])
    (big,) = report.changed_ids
    library.drop_analysis([big])
    article = library.get(big)
    assert article is not None
    started = time.perf_counter()
    window.workspace.layers(article)  # the first open: analysed (in the background), then drawn
    open_once(big)
    first = time.perf_counter() - started
    large = [open_once(big) for _ in range(5)]

    def highlighted_once(article_id: int) -> float:
        """Until its layers are drawn too: a long article's are read in the background."""
        started = time.perf_counter()
        open_once(article_id)
        while window.layers_pending:  # a long article's text first; its layers next
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        view.viewport().repaint()
        return time.perf_counter() - started

    highlighted = [highlighted_once(big) for _ in range(5)]
    chars = len(article.text)
    window.close()
    return {
        "articles": len(times),
        "p50_ms": ms(percentile(times, 50)),
        "p95_ms": ms(percentile(times, 95)),
        "max_ms": ms(max(times)),
        "large_chars": chars,
        "large_first_ms": ms(first),
        "large_p50_ms": ms(percentile(large, 50)),
        "large_p95_ms": ms(percentile(large, 95)),
        "large_highlighted_p50_ms": ms(percentile(highlighted, 50)),
        "large_highlighted_p95_ms": ms(percentile(highlighted, 95)),
    }


def measure_stall(library_dir: str, corpus: str) -> dict[str, Any]:
    """Import ``corpus`` through the window while typing a search every second; record every gap
    between 5 ms timer ticks beyond the 5 ms (a gap is time the event loop could not run)."""
    app = _app()
    window = create_window(library_dir)
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    stalls: list[float] = []
    worst: list[tuple[float, float]] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        stall = max(0.0, (now - last[0]) / 1e6 - TICK_MS)
        stalls.append(stall)
        if stall > 50:
            worst.append((round(stall, 1), round(time.perf_counter() - started, 2)))
        last[0] = now

    ticker = QTimer(interval=TICK_MS)
    ticker.timeout.connect(tick)
    searches = [0]
    queries = [q for _kind, q, _r in QUERIES]

    def type_query() -> None:
        window.search.edit.setText(queries[searches[0] % len(queries)])
        searches[0] += 1

    typist = QTimer(interval=1000)
    typist.timeout.connect(type_query)
    imported = [0.0]

    def import_done() -> None:
        imported[0] = time.perf_counter() - started
        # go on searching the whole library for a while: thousands of hits each
        QTimer.singleShot(5000, app.quit)

    window.imports.importFinished.connect(lambda _r: import_done())

    def give_up() -> None:  # an error dialog or a hang: no figure rather than no end
        print("error: the import did not finish within 30 minutes", file=sys.stderr, flush=True)
        os._exit(1)

    watchdog = QTimer(singleShot=True, interval=30 * 60 * 1000)
    watchdog.timeout.connect(give_up)
    watchdog.start()
    started = time.perf_counter()
    ticker.start()
    typist.start()
    window.imports.add([corpus])
    app.exec()
    ticker.stop()
    typist.stop()
    window.runner.shutdown()
    window.close()
    return {
        "seconds": round(imported[0], 1),
        "searches": searches[0],
        "ticks": len(stalls),
        "max_stall_ms": round(max(stalls, default=0.0), 1),
        "p99_stall_ms": round(percentile(stalls, 99), 1),
        "median_stall_ms": round(statistics.median(stalls) if stalls else 0.0, 2),
        "stalls_over_50ms": len(worst),
        # the longest ones, with when they happened (seconds after the import began)
        "worst": sorted(worst, reverse=True)[:10],
    }


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"painted {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def cold_start(library_dir: str) -> int:
    """The window as ``corpus-reader`` starts it; prints when it first paints, then quits."""
    app = _app()
    window = create_window(library_dir)
    first_paint = _FirstPaint(window)
    window.installEventFilter(first_paint)
    window.show()
    window.start()
    code = app.exec()
    window.close()
    return code


def _main(argv: Sequence[str]) -> int:
    what, *args = argv
    if what == "cold":
        return cold_start(*args)
    result = measure_open(*args) if what == "open" else measure_stall(*args)
    print(json.dumps(result), flush=True)
    # Leave without tearing Qt down: PySide6 can abort while finalising the objects this
    # measurement leaves behind, and the figure is already out.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
