"""The process the crash test kills: it writes annotations and imports and indexes articles
without pause, and records each annotation id only after the store's write has returned."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader.annotations import AnnotationStore
from reader.importer import import_paths
from reader.library import Library
from reader.search import SearchIndex

TEXT = "The minister said “we will cut taxes by 3% next year” 🎉 to loud applause on Tuesday."


def run(root: Path) -> None:
    articles = root / "articles"
    articles.mkdir(exist_ok=True)
    acknowledged = open(root / "acknowledged.log", "a", encoding="utf-8")  # noqa: SIM115
    library = Library(root / "library.sqlite3")
    index = SearchIndex(root / "index")
    store = AnnotationStore(root / "annotations.sqlite3")
    n = len(list(articles.iterdir()))
    while True:
        for _ in range(5):
            ann = store.create(1, "urn:uuid:crash", TEXT, 4, 17, note=f"note {os.getpid()}")
            acknowledged.write(f"{ann.id}\t{ann.note}\n")
            acknowledged.flush()
            os.fsync(acknowledged.fileno())
        n += 1
        (articles / f"{n:05}.txt").write_text(
            f"Story {n}\n\nThe council met on day {n} and voted to approve item {n} after a long"
            " debate, officials said.\n",
            encoding="utf-8",
        )
        import_paths(library, [articles])
        index.sync(library)


if __name__ == "__main__":
    run(Path(sys.argv[1]))
