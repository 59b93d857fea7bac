"""Which spans the article pane makes selections for: those touching the window around the
text on screen, long ones that start before it included."""

from __future__ import annotations

from reader.model import QuoteSpan
from reader.ui.span_window import (
    REACH,
    WINDOW_MARGIN,
    WINDOW_MIN,
    SortedSpans,
    indexes_in,
    window_around,
)


def test_the_window_is_the_screen_and_a_margin_at_least_its_minimum() -> None:
    assert window_around(0, 3000) == (0, WINDOW_MIN)
    top, bottom = 100_000, 120_000  # a tall screen: more than the minimum
    assert window_around(top, bottom) == (top - WINDOW_MARGIN, bottom + WINDOW_MARGIN)


def test_spans_touching_the_window_and_only_they() -> None:
    window = (50_000, 70_000)
    spans = [
        QuoteSpan(10, 20, None),  # far before
        QuoteSpan(50_000 - REACH + 10, 50_010, None),  # starts before, reaches in
        QuoteSpan(49_000, 49_990, None),  # ends before the window
        QuoteSpan(60_000, 60_100, None),  # inside
        QuoteSpan(69_990, 80_000, None),  # starts inside, runs out
        QuoteSpan(70_000, 70_500, None),  # starts where the window ends
    ]
    inside = SortedSpans("key", spans).touching(window)
    assert inside == [spans[1], spans[3], spans[4]]
    assert indexes_in([(s.start, s.end) for s in spans], window) == [1, 3, 4]
