"""Import files into the library: walk, skip what is unchanged, clean (and analyse) the rest, store.

Takes a progress callback and a cancel check so the window can run it on a worker thread; a
cancelled import commits what it finished, so the library is always consistent. Reading,
cleaning and analysing run in worker processes for big imports (they are pure Python); only the
SQLite writes stay in this process, batched into one transaction per group.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz

from reader.analysis import analyze
from reader.analysis.batch import map_parallel
from reader.ingest import (
    CLEANER_VERSION,
    NOT_AN_ARTICLE,
    Choices,
    IngestError,
    format_of,
    iter_file_stats,
    load,
    read_bytes,
)
from reader.library import GoneFile, Library, article_uri
from reader.model import CleanedDocument, ImportEntry, ImportOutcome, ImportReport, Span

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

BATCH = 200


def _never() -> bool:
    return False


@dataclass
class _Prepared:
    """A file read, cleaned and analysed (in a worker), ready to be stored."""

    digest: str
    doc: CleanedDocument
    spans: list[Span] | None  # None: not analysed here (the workspace analyses afterwards)


def _prepare(
    path: Path,
    user_gazetteer: Path | None,
    analyse: bool = True,
    choices: Choices | None = None,
) -> _Prepared | str:
    """Everything an import does to one file that needs no database; a refusal as a message.
    ``choices``: the reader's own decisions on the file's blocks (kept over re-imports)."""
    try:
        data = read_bytes(path)
        digest = content_digest(hashlib.sha256(data).hexdigest(), choices)
        doc = load(data, format_of(path) or "text", choices)
    except IngestError as exc:
        return str(exc)
    spans = analyze(doc.text, user_gazetteer).spans() if analyse else None
    return _Prepared(digest, doc, spans)


def _prepare_item(
    item: tuple[Path, Choices | None], user_gazetteer: Path | None, analyse: bool
) -> _Prepared | str:
    return _prepare(item[0], user_gazetteer, analyse, item[1])


def content_digest(file_digest: str, choices: Choices | None) -> str:
    """An article's content identity: its file's bytes, and the reader's choices on its blocks
    (a changed choice is a changed article: cleaned, analysed and indexed anew)."""
    if not choices:
        return file_digest
    canonical = ",".join(f"{k}={int(v)}" for k, v in sorted(choices.items()))
    return f"{file_digest}+{hashlib.sha256(canonical.encode()).hexdigest()[:16]}"


#: Seconds between two progress reports of an import (and always its first and its last).
PROGRESS_EVERY = 0.05


def import_paths(
    library: Library,
    paths: Iterable[str | os.PathLike[str]],
    progress: Progress | None = None,
    cancelled: Cancelled = _never,
    jobs: int | None = None,
    analyse: bool = True,
    choices: Mapping[str, Choices] | None = None,
    skip: Callable[[str], str | None] | None = None,
) -> ImportReport:
    """Import every supported file under ``paths``. Errors are per file, never fatal.

    With ``analyse`` (the default) each new or changed file is analysed as it is read; without,
    it is only read, cleaned and stored, so that it can be indexed at once and analysed after
    (the workspace's "searchable first" import). ``choices``: the reader's decisions on the
    blocks of articles, by article URI. ``skip``: why a file (its absolute path) is passed
    over (one the reader hid), or ``None``."""
    report = ImportReport()
    found = list(iter_file_stats(paths))
    total = len(found)
    done = 0

    shown = 0.0

    def tick(path: Path | str, settled: bool = False) -> None:
        # a file settled without reading it (unchanged, passed over) is reported at most
        # twenty times a second: a re-scan settles 200,000 files in a few seconds, and a report
        # for each (a Progress, a signal to the window) was a fifth of it
        nonlocal done, shown
        done += 1
        if progress is None:
            return
        now = time.perf_counter()
        if settled and done not in (1, total) and now - shown < PROGRESS_EVERY:
            return
        shown = now
        progress(done, total, str(path))

    # 1. what is already known and unchanged is settled from the file's size and mtime alone
    known = library.file_states()
    real_dirs: dict[str, str] = {}
    todo: list[tuple[Path, str, os.stat_result]] = []  # new or changed files
    seen: set[str] = set()
    back: list[int] = []  # unchanged files that had gone missing and are there again
    for path, refusal, listed_abs, listed_st in found:
        if cancelled():
            report.cancelled = True
            return report
        if refusal is not None:
            # a README in a folder is passed over by design; anything else is a problem
            outcome = ImportOutcome.SKIPPED if refusal == NOT_AN_ARTICLE else ImportOutcome.REFUSED
            report.entries.append(ImportEntry(path, outcome, None, refusal))
            tick(path, settled=True)
            continue
        try:
            if listed_abs is not None and listed_st is not None:
                abs_path, st = listed_abs, listed_st
            else:
                abs_path, st = _real_path(path, real_dirs)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            reason = getattr(exc, "strerror", None) or str(exc)
            report.entries.append(
                ImportEntry(path, ImportOutcome.REFUSED, None, f"cannot read file: {reason}")
            )
            tick(path, settled=True)
            continue
        seen.add(abs_path)
        why = skip(abs_path) if skip is not None else None
        if why is not None:
            report.entries.append(ImportEntry(path, ImportOutcome.SKIPPED, None, why))
            tick(path, settled=True)
            continue
        state = known.get(abs_path)
        if (
            state is not None
            and state.size == st.st_size
            and state.mtime_ns == st.st_mtime_ns
            and state.cleaner_version == CLEANER_VERSION
        ):
            report.entries.append(ImportEntry(path, ImportOutcome.UNCHANGED, state.id))
            if state.missing:
                back.append(state.id)
            tick(path, settled=True)
            continue
        todo.append((Path(path), abs_path, st))

    # 2. the rest is read, cleaned and analysed (in parallel when there are many) and stored
    work = partial(_prepare_item, user_gazetteer=library.user_gazetteer(), analyse=analyse)
    uris = library.uris_by_path() if choices else {}
    items = [
        (p, choices.get(uris.get(a) or article_uri(a)) if choices else None) for p, a, _ in todo
    ]
    results = map_parallel(work, items, jobs, cancelled)
    version = library.analysis_version()
    moves = _Moves(library)
    for start in range(0, len(todo), BATCH):
        # a batch is read and analysed first, then stored in one short write transaction
        ready = []
        for file, abs_path, st in todo[start : start + BATCH]:
            prepared = next(results, None)
            if prepared is None:  # cancelled: what is stored so far is committed
                report.cancelled = True
                break
            ready.append((file, abs_path, st, prepared))
            tick(file)
        with library.transaction():
            for file, abs_path, st, prepared in ready:
                entry = _store(library, file, abs_path, st, prepared, version, moves)
                report.entries.append(entry)
        if report.cancelled:
            break

    # 3. files deleted from the folders scanned: their articles stay, marked missing
    with library.transaction():
        for article_id in back:
            library.found_again(article_id)
        if not report.cancelled:
            report.missing = _deleted(library, paths, seen | moves.claimed_paths)
            library.mark_missing(report.missing)
    return report


def _deleted(
    library: Library, paths: Iterable[str | os.PathLike[str]], seen: set[str]
) -> list[int]:
    """Articles imported from under the folders just scanned whose files are gone now."""
    gone: list[int] = []
    for root in paths:
        if not os.path.isdir(root):
            continue
        try:
            folder = str(Path(root).resolve(strict=True))
        except (OSError, RuntimeError):
            continue
        for abs_path, article_id in library.under(folder).items():
            if abs_path not in seen and not os.path.exists(abs_path):
                gone.append(article_id)
    return sorted(set(gone))


#: A file with the same name is the moved article's when its text is at least this similar.
SAME_TEXT = 90.0


class _Moves:
    """Articles whose files are gone, to recognise them under a new name or in a new folder:
    the same content anywhere, or the same file name with near-same text. Looked up only when
    an import meets a file it does not know (one stat per article, once)."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._gone: list[GoneFile] | None = None
        self.claimed_paths: set[str] = set()

    def find(self, name: str, digest: str, text: str) -> GoneFile | None:
        if self._gone is None:
            self._gone = self._library.gone_files()
        if not self._gone:
            return None
        # the file's bytes decide (an article the reader cleaned by hand has more in its hash)
        same = [g for g in self._gone if g.content_hash.split("+")[0] == digest.split("+")[0]]
        named = [g for g in self._gone if os.path.basename(g.abs_path) == name]
        found = next((g for g in same if g in named), same[0] if same else None)
        if found is None and named:
            texts = self._library.texts([g.id for g in named])
            scored = [(fuzz.ratio(texts.get(g.id, ""), text), g) for g in named]
            score, best = max(scored, key=lambda x: x[0])
            found = best if score >= SAME_TEXT else None
        if found is not None:
            self._gone.remove(found)
            self.claimed_paths.add(found.abs_path)
        return found


def _real_path(path: str, real_dirs: dict[str, str]) -> tuple[str, os.stat_result]:
    """``path`` resolved, with its status: one system call for a file that is no link, and
    each folder resolved once (a re-scan of 21,000 files is mostly this)."""
    name = path
    st = os.lstat(name)
    if stat.S_ISLNK(st.st_mode):
        return os.path.realpath(name, strict=True), os.stat(name)
    folder, base = os.path.split(name)
    parent = real_dirs.get(folder)
    if parent is None:
        parent = real_dirs[folder] = os.path.realpath(folder or ".", strict=True)
    return os.path.join(parent, base), st


def _store(
    library: Library,
    path: Path,
    abs_path: str,
    st: os.stat_result,
    prepared: _Prepared | str,
    analysis_version: int,
    moves: _Moves,
) -> ImportEntry:
    shown = str(path)
    if isinstance(prepared, str):
        return ImportEntry(shown, ImportOutcome.REFUSED, None, prepared)
    state = library.file_state(abs_path)
    moved = None
    if state is None:
        moved = moves.find(path.name, prepared.digest, prepared.doc.text)
        if moved is not None:
            library.relocate(moved.id, shown, abs_path, st.st_size, st.st_mtime_ns)
            state = library.file_state(abs_path)
    if (
        state is not None
        and state.content_hash == prepared.digest
        and state.cleaner_version == CLEANER_VERSION
    ):
        library.touch(state.id, st.st_size, st.st_mtime_ns)
        outcome = ImportOutcome.MOVED if moved is not None else ImportOutcome.UNCHANGED
        return ImportEntry(shown, outcome, state.id)
    outcome, article_id = library.store(
        path=shown,
        abs_path=abs_path,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
        content_hash=prepared.digest,
        doc=prepared.doc,
        cleaner_version=CLEANER_VERSION,
    )
    if prepared.spans is not None:
        library.store_analysis(article_id, prepared.spans, analysis_version)
    return ImportEntry(shown, ImportOutcome.MOVED if moved is not None else outcome, article_id)
