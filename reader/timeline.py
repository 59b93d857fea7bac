"""Counts over time for the timeline under the results: the matching articles (or an actor's
mentions) per year, or per month when they span less than three years. Undated articles are
counted apart, never placed at a guessed date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

#: Articles spread over fewer years than this are counted per month.
MONTHS_UNDER_YEARS = 3


@dataclass(frozen=True)
class Timeline:
    """``periods``: (``"2023"`` or ``"2023-03"``, count) from the first to the last, gaps
    included (a zero is information); ``undated``: what has no date."""

    periods: tuple[tuple[str, int], ...]
    unit: str  # "year" or "month"
    undated: int
    what: str = "articles"  # or "mentions"

    @property
    def dated(self) -> int:
        return sum(n for _p, n in self.periods)


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04}-{m:02}" <= last:
        out.append(f"{y:04}-{m:02}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(dated: Iterable[tuple[str | None, int]], what: str = "articles") -> Timeline:
    """Counts per period of ``(ISO date or None, weight)`` pairs (weight 1 for an article, the
    number of mentions for an actor's)."""
    days: Counter[str] = Counter()
    undated = 0
    for date, weight in dated:
        if date and len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit():
            days[date[:7]] += weight
        elif date and len(date) >= 4 and date[:4].isdigit():
            days[date[:4] + "-01"] += weight  # a year alone: counted in its first month
        else:
            undated += weight
    if not days:
        return Timeline((), "year", undated, what)
    first, last = min(days), max(days)
    if int(last[:4]) - int(first[:4]) + 1 >= MONTHS_UNDER_YEARS:
        years: Counter[str] = Counter()
        for month, n in days.items():
            years[month[:4]] += n
        span = [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
        return Timeline(tuple((y, years[y]) for y in span), "year", undated, what)
    return Timeline(tuple((m, days[m]) for m in _months(first, last)), "month", undated, what)
