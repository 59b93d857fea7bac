"""The stretch of an article that has selections: the text on screen and a margin around it.
A long article (a 1 MB one names 17,000 actors) then opens as fast as a short one, and every
repaint goes through hundreds of selections, not tens of thousands."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable

from reader.model import LayerSpan

#: Selections cover the text on screen and this many characters on each side (at least
#: ``WINDOW_MIN`` in all), so scrolling a screen or two needs no new ones.
WINDOW_MARGIN = 6000
WINDOW_MIN = 20000
#: A span starting this far before the window may still reach into it (quotes and claims
#: run long).
REACH = 5000

Window = tuple[int, int]


def window_around(top: int, bottom: int) -> Window:
    """The window for the text from ``top`` to ``bottom`` (code points) on screen."""
    start = max(0, top - WINDOW_MARGIN)
    return start, max(bottom + WINDOW_MARGIN, start + WINDOW_MIN)


def indexes_in(spans: list[tuple[int, int]], window: Window) -> list[int]:
    """Indexes of the (start-sorted) ``spans`` that touch ``window``."""
    start, end = window
    return [i for i, (s, e) in enumerate(spans) if e > start and s < end]


class SortedSpans:
    """Spans in text order, sorted once per document and set of layers (``key``), then
    searched by bisection for each window."""

    def __init__(self, key: Hashable, spans: list[LayerSpan]) -> None:
        self.key = key
        self.spans = spans
        self.starts = [sp.start for sp in spans]

    def touching(self, window: Window) -> list[LayerSpan]:
        start, end = window
        first = bisect_left(self.starts, start - REACH)
        last = bisect_left(self.starts, end)
        return [sp for sp in self.spans[first:last] if sp.end > start]
