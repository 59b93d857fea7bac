"""Statements in the search box. ``same:``: the articles that carry a statement —
``same:3f9a0c2e71b4`` (a cluster's id, as the Trace pane shows it) or ``same:"a just and
lasting peace"`` (its words). ``outlets:3``: the articles carrying a statement that three
outlets or more carry. Alone or with other words; each result opens at the statement in that
article (for same:, earliest first).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader import trace
from reader.library import Library
from reader.model import SearchHit, SearchResult, Snippet

_SAME = re.compile(r'(?<![\w"])same:(?:"([^"]*)"|(\S+))', re.I)
_OUTLETS = re.compile(r'(?<![\w"])outlets:(?:"\s*(\d+)\s*"|(\d+))(?![\w"])', re.I)
_ID = re.compile(r"^[0-9a-f]{12}$")


def split_same(query: str) -> tuple[list[str], str]:
    """The ``same:`` statements asked for, and the rest of the query."""
    found = [m.group(1) if m.group(1) is not None else m.group(2) for m in _SAME.finditer(query)]
    return [f for f in found if f.strip()], " ".join(_SAME.sub(" ", query).split())


def split_outlets(query: str) -> tuple[int | None, str]:
    """The least number of outlets an ``outlets:N`` asks for (the largest, if several), and
    the rest of the query."""
    found = [int(m.group(1) or m.group(2)) for m in _OUTLETS.finditer(query)]
    return (max(found) if found else None), " ".join(_OUTLETS.sub(" ", query).split())


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
    least, rest = split_outlets(rest)
    if not specs and least is None:
        return None
    asked: list[dict[int, tuple[int, int, str]]] = []
    for spec in specs:
        here: dict[int, tuple[int, int, str]] = {}
        for cluster in clusters_for(library, spec):
            for member in cluster.members:
                here.setdefault(member.article_id, (member.start, member.end, member.text))
        asked.append(here)
    if least is not None:
        wide = trace.quoted_in(library, max(2, least))
        texts = library.texts(wide) if wide else {}
        asked.append({a: (s, e, texts.get(a, "")[s:e]) for a, (_n, s, e) in wide.items()})
    spans = asked[0]
    for more in asked[1:]:
        spans = {k: v for k, v in spans.items() if k in more}
    if not spans:
        message = (
            f"No statement matches {', '.join(specs)}: same: takes a statement's words,"
            " or its id from the Trace tab."
            if specs
            else f"No article here carries a statement that {least} outlets or more carry."
        )
        return SearchResult(query=query, hits=[], total=0, terms=[], message=message)
    order = list(spans)  # same: members come earliest first
    if not specs and least is not None:  # the most widely carried first
        order.sort(key=lambda a: (-wide[a][0], a))
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
            SearchHit.of(
                article_id,
                m,
                1.0,
                Snippet.whole(" ".join(words.split())[:200]),
                quote_start=start,
                quote_end=end,
            )
        )
    return SearchResult(query=query, hits=hits, total=len(order), terms=terms)
