"""The process the crash test kills: it edits an article, imports it (its annotations are
re-anchored), writes annotations on it and indexes, without pause; each annotation id is
recorded only after the store's write has returned. Two run at once on the same library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader.analysis import analyze
from reader.annotations import AnnotationStore, new_annotation
from reader.importer import import_paths
from reader.library import Library
from reader.paths import LibraryPaths
from reader.search import SearchIndex
from reader.workspace import Workspace

WORDS = "minister said"
BODY = "The minister said “we will cut taxes by 3% next year” 🎉 to loud applause on Tuesday."


def _edit(path: Path, n: int) -> None:
    """A new paragraph before the annotated words: their offsets move at every import."""
    paragraphs = [f"Update {n} from process {os.getpid()}: the council met again."] * (n % 4)
    path.write_text("Tax plan\n\n" + "\n\n".join([*paragraphs, BODY]) + "\n", encoding="utf-8")


def run(root: Path) -> None:
    articles = root / "articles"
    articles.mkdir(exist_ok=True)
    edited = articles / "edited.txt"
    acknowledged = open(root / "acknowledged.log", "a", encoding="utf-8")  # noqa: SIM115
    library = Library(root / "library.sqlite3")
    index = SearchIndex(root / "index")
    db = root / "annotations.sqlite3"
    store = AnnotationStore(db)
    follow = Workspace(LibraryPaths(root, root))  # its own library connection, same files
    n = len(list(articles.iterdir()))
    analyze("The minister said.")  # word lists loaded: what follows is the work itself
    (root / f"working-{os.getpid()}").touch()  # the parent kills it from now on
    while True:
        article = next(
            (library.get(r["id"]) for r in library.browse() if r["path"].endswith("edited.txt")),
            None,
        )
        if article is not None:
            for _ in range(3):
                start = article.text.index(WORDS)
                ann = new_annotation(
                    article.id,
                    article.uri,
                    article.text,
                    start,
                    start + len(WORDS),
                    article_hash=article.content_hash,
                    note=f"note {os.getpid()}",
                )
                store.put(ann)
                acknowledged.write(f"{ann.id}\t{ann.note}\n")
                acknowledged.flush()
                os.fsync(acknowledged.fileno())
        n += 1
        _edit(edited, n)
        (articles / f"{os.getpid()}-{n:05}.txt").write_text(
            f"Story {n}\n\nThe council met on day {n} and voted to approve item {n} after a long"
            " debate, officials said.\n",
            encoding="utf-8",
        )
        import_paths(library, [articles])
        follow.follow_library()  # the re-anchoring a kill may interrupt
        index.sync(library)


if __name__ == "__main__":
    run(Path(sys.argv[1]))
