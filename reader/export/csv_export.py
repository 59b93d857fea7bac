"""One row per annotation with every field; opens in a spreadsheet without running formulas."""

from __future__ import annotations

import csv
import io
import json

from reader.export import Item

COLUMNS = (
    "id",
    "article_id",
    "article_uri",
    "article_title",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "colour",
    "note",
    "tags",
    "claim",
    "claimant",
    "verdict",
    "status",
    "sources",
    "reviewer",
    "created",
    "modified",
    "anchor_state",
    "anchor_score",
    "first_appearance",
    "repeated_in",
    "statement",
)


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @, or a tab/return first) is
    prefixed with an apostrophe, which spreadsheets show as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def render(items: list[Item]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for item in items:
        a = item.annotation
        row = [
            a.id,
            str(item.article.id) if item.article else "",
            a.article_uri,
            item.article.title if item.article else "",
            str(a.start),
            str(a.end),
            a.quote.exact,
            a.quote.prefix,
            a.quote.suffix,
            a.colour or "",
            a.note,
            "; ".join(a.tags),
            "yes" if a.claim else "",
            a.claimant or "",
            a.verdict or "",
            a.status or "",
            json.dumps([{"url": s.url, "title": s.title} for s in a.sources], ensure_ascii=False)
            if a.sources
            else "",
            a.reviewer or "",
            a.created,
            a.modified,
            a.anchor_state,
            f"{a.anchor_score:.3f}",
            *_trail(item),
        ]
        w.writerow([neutralise(v) for v in row])
    return buf.getvalue()


def _trail(item: Item) -> list[str]:
    """A tracked claim's trail in three cells: its first appearance (date, outlet, title),
    how many other articles repeat it, and its statement id (same:ID in the window)."""
    trail = item.trail
    if trail is None:
        return ["", "", ""]
    first = trail.first
    where = (
        " · ".join(x for x in (first.date, first.outlet, first.title) if x)
        if first is not None
        else "undated"
    )
    return [where, str(len(trail.places) - 1), trail.statement]
