"""Where an annotation's text is now: the W3C selectors and re-anchoring after the text changed.

An annotation remembers its stretch twice, as Hypothesis does: by position (start, end) and by
quote (the exact words with ~32 characters of context either side). When the article's text
changes — an edited file re-imported, better cleaning — it is found again by, in order: the old
position if the quote is still there; the exact quote elsewhere (the occurrence whose context and
place fit best); an approximate match of the quote, scored on the quote, its context and its
nearness to the old place. What cannot be found well enough is *orphaned*: kept, listed, never
deleted. Offsets are code points.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

CONTEXT = 32
#: Below this combined score a fuzzy match is not trusted: the annotation is orphaned instead.
FUZZY_THRESHOLD = 0.72

EXACT, MOVED, FUZZY, ORPHANED = "exact", "moved", "fuzzy", "orphaned"


@dataclass(frozen=True)
class TextQuote:
    """The W3C TextQuoteSelector: the exact words and their context."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    state: str  # exact / moved / fuzzy / orphaned
    score: float  # 1.0 for exact and moved; the match quality for fuzzy; 0.0 when orphaned


def quote_of(text: str, start: int, end: int, context: int = CONTEXT) -> TextQuote:
    """The quote selector of ``text[start:end]``."""
    start, end = max(0, start), min(len(text), end)
    return TextQuote(
        text[start:end], text[max(0, start - context) : start], text[end : end + context]
    )


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _sides(text: str, start: int, end: int, quote: TextQuote) -> tuple[float, float]:
    """How well the words before and after ``start``–``end`` match the quote's context."""
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return _similarity(before, quote.prefix), _similarity(after, quote.suffix)


def _context_fit(text: str, start: int, end: int, quote: TextQuote) -> float:
    return sum(_sides(text, start, end, quote)) / 2


#: One side of the context must still read like this (an edit usually touches one side only).
SIDE_MATCH = 0.75


def _in_context(text: str, start: int, end: int, quote: TextQuote) -> bool:
    """Whether the words at ``start`` are the annotated ones and not the same words in another
    sentence: a side of their context still matches (or there was no context to compare)."""
    if not quote.prefix and not quote.suffix:
        return True
    return max(_sides(text, start, end, quote)) >= SIDE_MATCH


def _nearness(start: int, old_start: int, length: int) -> float:
    return 1.0 / (1.0 + abs(start - old_start) / max(length, 1))


def anchor(text: str, quote: TextQuote, start: int, end: int) -> Anchor:
    """Find ``quote`` in ``text``, which may have changed since it was at ``start``–``end``."""
    exact = quote.exact
    if not exact:
        return Anchor(start, start, ORPHANED, 0.0)
    in_place = start >= 0 and end <= len(text) and text[start:end] == exact
    if in_place and _in_context(text, start, end, quote):
        return Anchor(start, end, EXACT, 1.0)
    # the exact words elsewhere: the occurrence whose context fits best, then the nearest
    found: list[int] = []
    at = text.find(exact)
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    if found:
        best = max(
            found,
            key=lambda s: (
                _context_fit(text, s, s + len(exact), quote),
                _nearness(s, start, len(text)),
            ),
        )
        if _in_context(text, best, best + len(exact), quote):
            return Anchor(best, best + len(exact), MOVED, 1.0)
        # the words are there, but nowhere in their sentence: an approximate anchor to review
        # (the same words in another sentence are not the annotation), or none
        score = round(
            0.6
            + 0.3 * _context_fit(text, best, best + len(exact), quote)
            + 0.1 * _nearness(best, start, len(text)),
            3,
        )
        if score >= FUZZY_THRESHOLD:
            return Anchor(best, best + len(exact), FUZZY, min(score, 0.99))
        return Anchor(start, start, ORPHANED, 0.0)
    return _fuzzy(text, quote, start)


def _fuzzy(text: str, quote: TextQuote, old_start: int) -> Anchor:
    """The best approximate occurrence of the quote, if it is good enough."""
    exact = quote.exact
    candidates: list[tuple[int, int, float]] = []
    # the words themselves, however they were edited, searched near the old place first and
    # then over the whole text
    span = max(len(exact) * 4, 2000)
    windows = [(max(0, old_start - span), min(len(text), old_start + len(exact) + span))]
    if windows[0] != (0, len(text)):
        windows.append((0, len(text)))
    for lo, hi in windows:
        found = fuzz.partial_ratio_alignment(exact, text[lo:hi], score_cutoff=50)
        if found is not None:
            candidates.append((lo + found.dest_start, lo + found.dest_end, found.score / 100.0))
    # the context, for a quote rewritten beyond recognition but still between its neighbours
    if quote.prefix and quote.suffix:
        p = text.find(quote.prefix)
        if p >= 0:
            s = p + len(quote.prefix)
            e = text.find(quote.suffix, s)
            if e >= 0 and e - s <= len(exact) * 3 + 20:
                candidates.append((s, e, _similarity(text[s:e], exact)))
    best: Anchor | None = None
    for s, e, quote_score in candidates:
        if e <= s:
            continue
        score = (
            0.6 * quote_score
            + 0.3 * _context_fit(text, s, e, quote)
            + 0.1 * _nearness(s, old_start, len(text))
        )
        if best is None or score > best.score:
            best = Anchor(s, e, FUZZY, round(score, 3))
    if best is None or best.score < FUZZY_THRESHOLD:
        return Anchor(old_start, old_start, ORPHANED, 0.0)
    return best
