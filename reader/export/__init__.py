"""Exports of annotations — Markdown, HTML, CSV, W3C Web Annotation JSON-LD, schema.org
ClaimReview — and the W3C import. Pure functions from annotations (and their articles) to text;
files are written atomically, and exporting never changes the store."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath

from reader import trace
from reader.annotations import Annotation, AnnotationStore, Filters, placed, text_digest
from reader.library import Library
from reader.model import display_title
from reader.trace import present

FORMATS = ("md", "html", "csv", "w3c", "claimreview")

#: Characters that reorder text around them: in a file name they can make a report lie about
#: what it shows (a name that reads "report.txt" but is "…txt.exe"), so exports drop them.
_BIDI = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def plain(text: str) -> str:
    """``text`` without bidirectional controls (see ``_BIDI``)."""
    return text.translate(_BIDI)


def safe_url(url: str) -> bool:
    """Whether ``url`` may be a link in a report: a web or mail address, nothing that runs."""
    scheme = url.strip().split(":", 1)[0].lower() if ":" in url else ""
    return scheme in ("http", "https", "mailto")


def web_address(url: str) -> bool:
    """Whether ``url`` is a web page's address (http or https, with a host)."""
    head = url.strip().lower()
    return head.startswith(("http://", "https://")) and len(head.split("//", 1)[1]) > 0


def today() -> str:
    """The date a report is made, in the user's time zone (YYYY-MM-DD)."""
    return datetime.now().astimezone().date().isoformat()


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    uri: str
    title: str
    source: str | None
    date: str | None
    path: str
    text: str

    def file_and_folder(self) -> tuple[str, str]:
        """The article's file name and the folder it was imported from, to show as text: a
        report may be read anywhere, where a link to the file would lead nowhere."""
        path = PurePath(self.path)
        folder = str(path.parent)
        return path.name or self.path, "" if folder == "." else folder


@dataclass(frozen=True)
class TrailPlace:
    """An article that carries a tracked claim's statement."""

    article_id: int
    uri: str
    path: str
    title: str
    outlet: str | None
    date: str | None
    speaker: str | None
    words: str  # as this article has them, changes against the reference marked [+…] [-…]
    #: the same in runs (op, words, was), for formats that mark changes their own way
    parts: tuple[tuple[str, str, str], ...]
    first: bool  # among the first appearance
    here: bool  # the annotated article itself


@dataclass(frozen=True)
class Trail:
    """A tracked claim's trail across the library: where it was first seen, every article
    that repeats it, how its words changed, who it is given to."""

    statement: str  # the cluster's id (same:ID finds it in the window)
    said: str  # "In 4 articles, 3 outlets. First on 2023-02-20."
    places: tuple[TrailPlace, ...]
    flag: str | None  # who gives the words to whom, when that differs

    @property
    def first(self) -> TrailPlace | None:
        return next((p for p in self.places if p.first), None)


@dataclass(frozen=True)
class Item:
    annotation: Annotation
    article: ArticleInfo | None  # None when the article is no longer in the library
    trail: Trail | None = None  # a tracked claim carried by other articles too

    def context(self, width: int = 80) -> tuple[str, str, str]:
        """(before, the annotated words, after) from the article as it is now, or from the
        quote the annotation keeps when its article is gone, it is orphaned, or it is not yet
        placed in the article's current text."""
        a = self.annotation
        if self.article is None or a.orphaned or a.anchored_to != text_digest(self.article.text):
            return a.quote.prefix, a.quote.exact, a.quote.suffix
        text = self.article.text
        return (
            text[max(0, a.start - width) : a.start],
            text[a.start : a.end],
            text[a.end : a.end + width],
        )


def collect(
    store: AnnotationStore, library: Library | None, filters: Filters | None = None
) -> list[Item]:
    """The annotations matching ``filters`` with their articles, in article and text order.
    Articles are found by their URI (never a row number); without a library (a damaged one)
    each annotation stands with the words it keeps."""
    anns = store.find(filters)
    articles: dict[str, ArticleInfo] = {}
    if library is not None:
        found = library.identities({a.article_uri for a in anns})
        meta = library.summaries([f.id for f in found.values()])
        for uri, ident in found.items():
            m = meta[ident.id]
            articles[uri] = ArticleInfo(
                ident.id,
                uri,
                plain(display_title(m["title"], m["path"])),
                plain(m["source"]) if m["source"] else None,
                m["date"],
                plain(m["path"]),
                ident.text,
            )
    items = []
    for a in anns:
        article = articles.get(a.article_uri)
        if article is not None and a.anchored_to != text_digest(article.text):
            # not yet placed in the article's current text (the next start does it and saves
            # it): placed here for the export, which never writes
            a = placed(a, article.text)
        path = None
        if a.claim and article is not None and library is not None and not a.orphaned:
            path = trail_of(library, article.id, a.start, a.end)
        items.append(Item(a, article, path))
    # grouped by article in library order; those not in the library last
    return sorted(
        items,
        key=lambda i: (
            i.article is None,
            i.article.id if i.article else 0,
            i.annotation.article_uri,
            i.annotation.start,
            i.annotation.end,
            i.annotation.created,
        ),
    )


def trail_of(library: Library, article_id: int, start: int, end: int) -> Trail | None:
    """The trail of the statement at (or most over) ``start:end`` of an article, when other
    articles carry it too; ``None`` otherwise, or when nothing is traced yet."""
    cluster = trace.cluster_of(library, article_id, start, end)
    if cluster is None or cluster.n_articles < 2:
        cluster = present.nearest(
            trace.clusters_for_article(library, article_id), article_id, start, end
        )
    if cluster is None or cluster.n_articles < 2:
        return None
    shown = present.places(cluster)
    meta = library.summaries({m.article_id for m in shown})
    first = present.first_articles(cluster)
    places = tuple(
        TrailPlace(
            m.article_id,
            meta[m.article_id]["uri"],
            plain(meta[m.article_id]["path"]),
            plain(m.title or display_title(None, meta[m.article_id]["path"])),
            plain(m.outlet) if m.outlet else None,
            m.date,
            m.speaker,
            plain(present.drift_text(cluster, m)),
            tuple((op, plain(w), plain(was)) for op, w, was in present.drift_parts(cluster, m)),
            m.article_id in first,
            m.article_id == article_id,
        )
        for m in shown
        if m.article_id in meta
    )
    flag = present.who_says(cluster.speaker_flag) if cluster.speaker_flag else None
    return Trail(cluster.id, present.first_said(cluster), places, flag)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename: a reader (or a
    crash) never sees half a file, and an existing file is replaced only when all is written."""
    path = Path(path)
    # the file gets the permissions it had, or a new file's usual ones (not mkstemp's 0600:
    # a colleague on a shared drive must be able to open a report)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(content)
            f.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def render(fmt: str, items: Iterable[Item], **options: str) -> str:
    """The export of ``items`` in ``fmt``. Options: ``title`` and ``author`` (the reviewer) of a
    Markdown or HTML report; ``org`` and ``base_url`` of ClaimReview."""
    from reader.export import claimreview, csv_export, html_export, markdown, w3c

    items = list(items)
    title, author = options.get("title", ""), options.get("author", "")
    if fmt == "md":
        return markdown.render(items, title=title, author=author)
    if fmt == "html":
        return html_export.render(items, title=title, author=author)
    if fmt == "csv":
        return csv_export.render(items)
    if fmt == "w3c":
        return w3c.render(items)
    if fmt == "claimreview":
        return claimreview.render(items, options.get("org", ""), options.get("base_url", ""))
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def check(fmt: str, items: Iterable[Item], **options: str) -> list[str]:
    """What the user should know before handing the export over, in plain words (empty when
    all is well): a ClaimReview without an organisation, web addresses or claimants."""
    from reader.export import claimreview

    if fmt == "claimreview":
        return claimreview.check(list(items), options.get("org", ""), options.get("base_url", ""))
    return []
