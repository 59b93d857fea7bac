"""Searching your annotations from the main search box: ``verdict:false``, ``tag:sanctions``,
``note:kremlin``, ``status:"in progress"``, ``colour:green`` — alone or with ordinary words.

Annotations are user data in their own store, not in the rebuildable index, so these fields are
answered from the store and combined with the index's answer for the rest of the query.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.annotations import AnnotationStore, Filters
from reader.library import Library
from reader.model import SearchHit, SearchResult, Snippet
from reader.search import SearchIndex

FIELDS = ("verdict", "tag", "note", "status", "colour")
_FIELD = re.compile(r'(?<![\w"])(verdict|tag|note|status|colour):(?:"([^"]*)"|(\S+))', re.I)


def split_query(query: str) -> tuple[Filters | None, str]:
    """The annotation filters in ``query``, and what is left for the full-text index."""
    found: dict[str, str] = {}
    for m in _FIELD.finditer(query):
        found[m.group(1).lower()] = m.group(2) if m.group(2) is not None else m.group(3)
    if not found:
        return None, query
    rest = " ".join(_FIELD.sub(" ", query).split())
    return (
        Filters(
            tag=found.get("tag"),
            verdict=found.get("verdict"),
            status=found.get("status"),
            colour=found.get("colour"),
            note=found.get("note"),
        ),
        rest,
    )


def search(
    index: SearchIndex,
    library: Library,
    annotations_db: Path,
    query: str,
    limit: int | None = 50,
    snippets: int | None = None,
    with_facets: bool = True,
) -> SearchResult:
    """Articles whose annotations match the query's annotation fields (and, when there are
    other words, whose text matches them too); each hit shows the annotated words."""
    filters, rest = split_query(query)
    if filters is None:
        return index.search(query, library, limit=limit, snippets=snippets, with_facets=with_facets)
    anns = []
    if annotations_db.exists():
        with AnnotationStore(annotations_db) as store:
            anns = store.find(filters)
    # articles by their URI, where the library has them now (never by a stored row number)
    ids = library.ids_of({a.article_uri for a in anns})
    first: dict[int, tuple[str, int, int]] = {}
    for a in anns:
        aid = ids.get(a.article_uri)
        if aid is not None:
            first.setdefault(aid, (a.quote.exact, a.start, a.end))
    terms: list[str] = []
    order = list(first)
    if rest:
        text_result = index.search(rest, library, limit=None, with_snippets=False)
        terms = text_result.terms
        matching = {h.article_id for h in text_result.hits}
        order = [i for i in order if i in matching]
    meta = library.summaries(order)
    hits = []
    for aid in order[: limit or None]:
        m = meta.get(aid)
        if m is None:
            continue
        exact, start, end = first[aid]
        words = " ".join(exact.split())
        hits.append(
            SearchHit.of(
                aid,
                m,
                1.0,
                Snippet.whole(words[:200]),
                # the window opens the article at the annotation
                quote_start=start,
                quote_end=end,
            )
        )
    return SearchResult(query=query, hits=hits, total=len(order), terms=terms)
