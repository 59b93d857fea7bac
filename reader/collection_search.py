"""``in:"Ukraine desk"`` in the search box: the articles of a collection, alone (newest import
last, as an empty search lists the library) or with other words (in their rank order)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reader.library import Library
from reader.model import SearchHit, SearchResult
from reader.saved import SavedStore, split_in
from reader.search import QueryError, browse

Snippets = Callable[[list[SearchHit], list[str]], list[SearchHit]]


def search(
    library: Library,
    saved: SavedStore,
    query: str,
    rest_search: Callable[[str], SearchResult],
    snippets_for: Snippets,
    limit: int | None = 50,
    snippets: int | None = None,
) -> SearchResult | None:
    """Results for a query with ``in:``, or ``None`` when it has none (:class:`QueryError`
    when it names no collection there is). ``rest_search`` runs
    the rest of the query (every hit, in rank order, without snippets); the first ``snippets``
    hits shown get theirs from ``snippets_for`` (all when ``None``), the others are pending."""
    names, rest = split_in(query)
    if not names:
        return None
    wanted: set[int] | None = None
    for name in names:
        found = saved.collection(name)
        if found is None:  # a query naming nothing: refused, as a misspelt field would be
            known = ", ".join(f"“{c.name}”" for c in saved.collections()) or "none yet"
            raise QueryError(f"No collection is called “{name}” (collections: {known}).")
        ids = set(library.ids_of(found.uris).values())
        wanted = ids if wanted is None else wanted & ids
    assert wanted is not None
    if rest:
        base = rest_search(rest)
        hits = [replace(h, snippet_pending=True) for h in base.hits if h.article_id in wanted]
    else:
        base = browse(library)
        hits = [h for h in base.hits if h.article_id in wanted]
    shown = hits[: limit or None]
    if rest and shown:
        first = len(shown) if snippets is None else min(snippets, len(shown))
        shown[:first] = snippets_for(shown[:first], base.terms)
    message = base.message
    if not wanted:
        message = (
            "The collection is empty: Library ▸ Add to Collection puts the open article in it."
        )
    return SearchResult(query=query, hits=shown, total=len(hits), terms=base.terms, message=message)
