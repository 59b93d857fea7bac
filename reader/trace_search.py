"""``same:`` in the search box: the articles that carry a statement — ``same:3f9a0c2e71b4`` (a
cluster's id, as the Trace pane shows it) or ``same:"a just and lasting peace"`` (its words) —
alone or with other words. Each result opens at the statement in that article, earliest first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from reader import trace
from reader.library import Library
from reader.model import SearchHit, SearchResult, display_title

_SAME = re.compile(r'(?<![\w"])same:(?:"([^"]*)"|(\S+))', re.I)
_ID = re.compile(r"^[0-9a-f]{12}$")


def split_same(query: str) -> tuple[list[str], str]:
    """The ``same:`` statements asked for, and the rest of the query."""
    found = [m.group(1) if m.group(1) is not None else m.group(2) for m in _SAME.finditer(query)]
    return [f for f in found if f.strip()], " ".join(_SAME.sub(" ", query).split())


def clusters_for(library: Library, spec: str) -> list[trace.Cluster]:
    """The statement(s) ``spec`` names: a cluster id, or words (the best match for them)."""
    if _ID.match(spec.strip().lower()):
        found = trace.get(library, spec.strip().lower())
        return [found] if found is not None else []
    matches = trace.find(library, spec)
    return matches[:1]


def search(
    library: Library,
    query: str,
    rest_search: Callable[[str], SearchResult],
    limit: int | None = 50,
) -> SearchResult | None:
    """Results for a query with ``same:``, or ``None`` when it has none. ``rest_search`` runs
    the rest of the query (all its hits, in rank order) when there is one."""
    specs, rest = split_same(query)
    if not specs:
        return None
    spans: dict[int, tuple[int, int, str]] = {}
    first = True
    for spec in specs:
        here: dict[int, tuple[int, int, str]] = {}
        for cluster in clusters_for(library, spec):
            for member in cluster.members:
                here.setdefault(member.article_id, (member.start, member.end, member.text))
        spans = here if first else {k: v for k, v in spans.items() if k in here}
        first = False
    if not spans:
        return SearchResult(
            query=query,
            hits=[],
            total=0,
            terms=[],
            message=(
                f"No statement matches {', '.join(specs)}: same: takes a statement's words,"
                " or its id from the Trace tab."
            ),
        )
    order = list(spans)  # members come earliest first
    terms: list[str] = []
    if rest:
        text = rest_search(rest)
        terms = text.terms
        ranked = [h.article_id for h in text.hits if h.article_id in spans]
        order = list(dict.fromkeys(ranked))
    meta = library.summaries(order)
    hits = []
    for article_id in order[: limit or None]:
        m = meta.get(article_id)
        if m is None:
            continue
        start, end, words = spans[article_id]
        hits.append(
            SearchHit(
                article_id=article_id,
                title=display_title(m["title"], m["path"]),
                source=m["source"],
                date=m["date"],
                score=1.0,
                snippet=f"<b>{html.escape(' '.join(words.split())[:200])}</b>",
                quote_start=start,
                quote_end=end,
            )
        )
    return SearchResult(query=query, hits=hits, total=len(order), terms=terms)
