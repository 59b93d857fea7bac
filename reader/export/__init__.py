"""Exports of annotations — Markdown, HTML, CSV, W3C Web Annotation JSON-LD, schema.org
ClaimReview — and the W3C import. Pure functions from annotations (and their articles) to text;
files are written atomically, and exporting never changes the store."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.annotations import Annotation, AnnotationStore, Filters
from reader.library import Library
from reader.model import display_title

FORMATS = ("md", "html", "csv", "w3c", "claimreview")


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    uri: str
    title: str
    source: str | None
    date: str | None
    path: str
    text: str


@dataclass(frozen=True)
class Item:
    annotation: Annotation
    article: ArticleInfo | None  # None when the article is no longer in the library

    def context(self, width: int = 80) -> tuple[str, str, str]:
        """(before, the annotated words, after) from the article as it is now, or from the
        quote the annotation keeps when its article is gone or it is orphaned."""
        a = self.annotation
        if self.article is None or a.orphaned:
            return a.quote.prefix, a.quote.exact, a.quote.suffix
        text = self.article.text
        return (
            text[max(0, a.start - width) : a.start],
            text[a.start : a.end],
            text[a.end : a.end + width],
        )


def collect(store: AnnotationStore, library: Library, filters: Filters | None = None) -> list[Item]:
    """The annotations matching ``filters`` with their articles, in article and text order."""
    anns = store.find(filters)
    ids = sorted({a.article_id for a in anns})
    meta = library.summaries(ids)
    texts = library.texts(ids)
    articles: dict[int, ArticleInfo] = {}
    for i in ids:
        m = meta.get(i)
        if m is None:
            continue
        articles[i] = ArticleInfo(
            i,
            m["uri"],
            display_title(m["title"], m["path"]),
            m["source"],
            m["date"],
            m["path"],
            texts.get(i, ""),
        )
    return [Item(a, articles.get(a.article_id)) for a in anns]


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename: a reader (or a
    crash) never sees half a file, and an existing file is replaced only when all is written."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(fmt: str, items: Iterable[Item], **options: str) -> str:
    from reader.export import claimreview, csv_export, html_export, markdown, w3c

    items = list(items)
    if fmt == "md":
        return markdown.render(items)
    if fmt == "html":
        return html_export.render(items)
    if fmt == "csv":
        return csv_export.render(items)
    if fmt == "w3c":
        return w3c.render(items)
    if fmt == "claimreview":
        return claimreview.render(items, options.get("org", ""), options.get("base_url", ""))
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
