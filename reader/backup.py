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


def check(store: Path) -> str | None:
    """Why ``store`` cannot be trusted, or ``None`` when SQLite finds it intact (or it is absent)."""
    if not store.exists():
        return None
    try:
        db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=10.0)
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return f"it is not a readable SQLite database ({exc})"
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    problems = [r[0] for r in rows if r[0] != "ok"]
    return "; ".join(problems[:3]) if problems else None


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
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
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
    problem = check(store)
    if problem is not None:
        raise BackupError(f"the annotations were not backed up: {problem}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy(store, target)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"the annotations could not be backed up to {folder}: {exc}") from exc
    for old in list_backups(store)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def _copy(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's online backup), written beside the target and renamed."""
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10.0)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)


def set_aside(store: Path) -> Path:
    """Move a damaged store (and its WAL files) to a dated name beside it; nothing is deleted."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = store.with_name(f"{store.name}.damaged-{stamp}")
    for suffix in ("-wal", "-shm"):
        side = store.with_name(store.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    os.replace(store, aside)
    return aside


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
    problem = check(db)
    if problem is not None:
        try:
            aside = set_aside(db)
        except OSError as exc:
            return OpenedStore(None, f"the annotations file is damaged ({problem}) and {exc}")
        return OpenedStore(None, f"the annotations file was damaged ({problem})", (problem, aside))
    try:
        daily_backup(db)
    except BackupError as exc:
        log.warning("%s", exc)  # the store itself is fine; told in the log, not a dialog
    try:
        return OpenedStore(AnnotationStore(db), None)
    except AnnotationStoreError as exc:  # the file is left as it is; nothing is overwritten
        return OpenedStore(None, str(exc))
