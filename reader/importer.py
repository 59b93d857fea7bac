"""Import files into the library: walk, skip what is unchanged, clean the rest, store in batches.

Takes a progress callback and a cancel check so the window can run it on a worker thread; a
cancelled import commits what it finished, so the library is always consistent.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.ingest import CLEANER_VERSION, IngestError, format_of, iter_files, load, read_bytes
from reader.library import Library
from reader.model import ImportEntry, ImportOutcome, ImportReport

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

BATCH = 200


def _never() -> bool:
    return False


def import_paths(
    library: Library,
    paths: Iterable[str | os.PathLike[str]],
    progress: Progress | None = None,
    cancelled: Cancelled = _never,
) -> ImportReport:
    """Import every supported file under ``paths``. Errors are per file, never fatal."""
    report = ImportReport()
    found = list(iter_files(paths))
    total = len(found)
    for start in range(0, total, BATCH):
        with library.transaction():
            for n, (path, refusal) in enumerate(found[start : start + BATCH], start + 1):
                if cancelled():
                    report.cancelled = True
                    break
                if refusal is not None:
                    report.entries.append(
                        ImportEntry(str(path), ImportOutcome.REFUSED, None, refusal)
                    )
                else:
                    report.entries.append(_import_one(library, path))
                if progress is not None:
                    progress(n, total, str(path))
        if report.cancelled:
            break
    return report


def _import_one(library: Library, path: Path) -> ImportEntry:
    shown = str(path)
    try:
        abs_path = str(path.resolve())
        st = path.stat()
    except OSError as exc:
        return ImportEntry(shown, ImportOutcome.REFUSED, None, f"cannot read file: {exc.strerror}")
    state = library.file_state(abs_path)
    if (
        state is not None
        and state.size == st.st_size
        and state.mtime_ns == st.st_mtime_ns
        and state.cleaner_version == CLEANER_VERSION
    ):
        return ImportEntry(shown, ImportOutcome.UNCHANGED, state.id)
    try:
        data = read_bytes(path)
    except IngestError as exc:
        return ImportEntry(shown, ImportOutcome.REFUSED, None, str(exc))
    digest = hashlib.sha256(data).hexdigest()
    if (
        state is not None
        and state.content_hash == digest
        and state.cleaner_version == CLEANER_VERSION
    ):
        library.touch(state.id, st.st_size, st.st_mtime_ns)
        return ImportEntry(shown, ImportOutcome.UNCHANGED, state.id)
    try:
        doc = load(data, format_of(path) or "text")
    except IngestError as exc:
        return ImportEntry(shown, ImportOutcome.REFUSED, None, str(exc))
    outcome, article_id = library.store(
        path=shown,
        abs_path=abs_path,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
        content_hash=digest,
        doc=doc,
        cleaner_version=CLEANER_VERSION,
    )
    return ImportEntry(shown, outcome, article_id)
