"""Keeping the annotation store safe: integrity checks, daily backups, setting a damaged file aside.

Annotations are the one thing in a library that cannot be rebuilt, so a damaged store is never
opened for writing or overwritten: it is moved aside under a dated name and the user restores a
backup (or starts afresh) knowingly. Backups are SQLite online-backup copies, consistent even
while the window writes, one per day, the newest :data:`KEEP` kept (as Zotero keeps its own).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from reader.annotations import AnnotationStore, AnnotationStoreError
from reader.sqlite_files import Problem, connect, explain, problem_of, set_aside

KEEP = 7
log = logging.getLogger(__name__)
_NAME = re.compile(r"^annotations-(\d{4}-\d{2}-\d{2})\.sqlite3$")


class BackupError(RuntimeError):
    """A backup could not be made or restored; the message says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    day: date
    annotations: int | None  # None when the copy cannot be read


def backups_dir(store: Path) -> Path:
    return store.parent / "backups"


@dataclass(frozen=True)
class Health:
    """What a check of the annotations found. Only ``damaged`` is bad content; ``unavailable``
    (a full disk, a read-only folder, a lock) says nothing about the file and never leads to
    setting it aside."""

    state: str  # "missing", "intact", "damaged" or "unavailable"
    reason: str | None = None
    annotations: int | None = None  # how many, when it could be counted


def health(store: Path) -> Health:
    """Check ``store`` with ``PRAGMA integrity_check``, reading only (and when the disk is full
    or the folder read-only, reading the main file alone)."""
    if not store.exists():
        return Health("missing")
    try:
        empty = store.stat().st_size == 0
        wal = store.with_name(store.name + "-wal")
        if empty and not (wal.exists() and wal.stat().st_size > 0):
            return Health("damaged", "the file is empty (0 bytes)")
    except OSError as exc:
        return Health("unavailable", f"it cannot be read ({exc.strerror or exc})")
    last: Exception | None = None
    for immutable in (False, True):
        try:
            db = connect(store, read_only=True, immutable=immutable)
            try:
                rows = db.execute("PRAGMA integrity_check").fetchall()
                problems = [r[0] for r in rows if r[0] != "ok"]
                if problems:
                    return Health("damaged", "; ".join(problems[:3]))
                has_table = db.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'annotations'"
                ).fetchone()
                count = (
                    int(db.execute("SELECT count(*) FROM annotations").fetchone()[0])
                    if has_table
                    else 0
                )
                return Health("intact", None, count)
            finally:
                db.close()
        except sqlite3.Error as exc:
            if problem_of(exc) is Problem.DAMAGED:
                return Health("damaged", f"it is not a readable SQLite database ({exc})")
            last = exc  # cannot open it this way (no -shm on a full disk): try the main file alone
        except OSError as exc:
            return Health("unavailable", f"it cannot be read ({exc.strerror or exc})")
    return Health("unavailable", explain(last, store) if last else None)


def check(store: Path) -> str | None:
    """Why ``store`` cannot be trusted, or ``None`` when it is intact, absent or cannot be
    checked now (see :func:`health`: a full disk is not damage)."""
    found = health(store)
    return found.reason if found.state == "damaged" else None


def list_backups(store: Path) -> list[Backup]:
    """The backups of ``store``, newest first."""
    folder = backups_dir(store)
    out = []
    for path in folder.glob("annotations-*.sqlite3") if folder.is_dir() else []:
        m = _NAME.match(path.name)
        if m:
            out.append(Backup(path, date.fromisoformat(m.group(1)), _count(path)))
    return sorted(out, key=lambda b: b.day, reverse=True)


def _count(path: Path) -> int | None:
    try:
        # immutable: a backup is never written, and reading it leaves no -shm file beside it
        db = connect(path, immutable=True)
        try:
            return int(db.execute("SELECT count(*) FROM annotations").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return None


def daily_backup(store: Path, today: date | None = None, keep: int = KEEP) -> Path | None:
    """Copy ``store`` to today's backup unless there is one; keep the newest ``keep``.

    Only an intact store is backed up, so a damaged file never pushes good backups out.
    Returns the new backup, or ``None`` when none was due."""
    if not store.exists():
        return None
    today = today or datetime.now(UTC).date()
    folder = backups_dir(store)
    target = folder / f"annotations-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    found = health(store)
    if found.state != "intact":
        raise BackupError(f"the annotations were not backed up: {found.reason}")
    if not found.annotations:
        return None  # nothing to keep: an empty copy must not push a real one out
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy(store, target)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"the annotations could not be backed up to {folder}: {exc}") from exc
    _prune(store, keep)
    return target


def _prune(store: Path, keep: int) -> None:
    """Keep the newest ``keep`` backups — and, beyond them, the newest one that holds the most
    annotations of all, so days of a nearly emptied store cannot push the last full copy out."""
    backups = list_backups(store)
    kept = backups[:keep]
    fullest = max(backups, key=lambda b: (b.annotations or 0, b.day), default=None)
    for old in backups[keep:]:
        if old is fullest and all((b.annotations or 0) < (old.annotations or 0) for b in kept):
            continue
        old.path.unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's online backup), written beside the target and renamed."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    src = connect(source, read_only=True)
    try:
        dst = connect(tmp)
        try:
            src.backup(dst)
            # a copy is one self-contained file: no WAL (and no -wal/-shm left beside it)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)


def restore(backup: Path, store: Path) -> Path | None:
    """Put ``backup`` in place of ``store``; the current store, if any, is set aside first (its
    new name is returned). The backup itself is kept."""
    problem = check(backup)
    if problem is not None:
        raise BackupError(f"{backup.name} cannot be restored: {problem}")
    aside = set_aside(store) if store.exists() else None
    try:
        _copy(backup, store)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"the backup could not be restored: {exc}") from exc
    return aside


@dataclass(frozen=True)
class OpenedStore:
    """What opening the annotations gave: the store, or why annotations cannot be saved; and,
    when the file was damaged, what was wrong and where it was put."""

    store: AnnotationStore | None
    error: str | None
    damaged: tuple[str, Path] | None = None


def open_checked(db: Path) -> OpenedStore:
    """Check the annotations before opening them: a damaged file is set aside (never written
    to) for the user to restore a backup knowingly; an intact one gets its daily backup."""
    found = health(db)
    if found.state == "damaged":
        problem = found.reason or "damaged"
        try:
            aside = set_aside(db)
        except OSError as exc:
            return OpenedStore(None, f"the annotations file is damaged ({problem}) and {exc}")
        return OpenedStore(None, f"the annotations file was damaged ({problem})", (problem, aside))
    if found.state == "intact":
        try:
            daily_backup(db)
        except BackupError as exc:
            log.warning("%s", exc)  # the store itself is fine; told in the log, not a dialog
    try:
        # a store that cannot be written now (full disk, read-only folder) opens read-only:
        # the annotations are shown and exported, and saving says why it cannot be done
        return OpenedStore(AnnotationStore(db), None)
    except AnnotationStoreError as exc:  # the file is left as it is; nothing is overwritten
        return OpenedStore(None, str(exc))
