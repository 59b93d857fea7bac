"""Opening SQLite files: the one place that builds their URIs and says what a failure means.

A library folder may be called ``news#2``, ``what?`` or ``50%`` — characters a SQLite URI gives
a meaning to — so paths are percent-encoded here and nowhere else (an unescaped ``#`` made SQLite
open a stray empty file outside the folder). And a failure is not always damage: a full disk, a
read-only folder or another process's lock must never be taken for a corrupt file, which the app
sets aside; so every failure is classified before anyone acts on it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

# SQLite's primary result codes (the low byte of the extended code Python reports)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR = 3, 5, 6, 8, 10
_CORRUPT, _FULL, _CANTOPEN, _NOTADB = 11, 13, 14, 26


class Problem(StrEnum):
    """Why a SQLite file could not be used: only ``DAMAGED`` means its content is bad."""

    DAMAGED = "damaged"
    FULL = "full"
    READ_ONLY = "read-only"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"


def file_uri(path: str | Path, **params: str) -> str:
    """``path`` as a ``file:`` URI SQLite reads back exactly (``#``, ``?``, ``%`` encoded)."""
    uri = Path(path).absolute().as_uri()
    return f"{uri}?{urlencode(params)}" if params else uri


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    immutable: bool = False,
    timeout: float = 10.0,
    **kwargs: Any,
) -> sqlite3.Connection:
    """A connection to ``path``. ``read_only`` never writes (nor creates the file); ``immutable``
    also needs no ``-shm`` file, for a full disk or a read-only folder — it reads the main file
    only, so it is the last resort, never used for writing."""
    params = {}
    if read_only or immutable:
        params["mode"] = "ro"
    if immutable:
        params["immutable"] = "1"
    return sqlite3.connect(file_uri(path, **params), uri=True, timeout=timeout, **kwargs)


def problem_of(exc: BaseException) -> Problem:
    """What kind of failure ``exc`` is (a ``sqlite3.Error`` or an ``OSError``)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        if primary in (_CORRUPT, _NOTADB):
            return Problem.DAMAGED
        if primary == _FULL:
            return Problem.FULL
        if primary in (_READONLY, _PERM):
            return Problem.READ_ONLY
        if primary in (_BUSY, _LOCKED):
            return Problem.LOCKED
        if primary in (_IOERR, _CANTOPEN):
            return Problem.UNAVAILABLE
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
            return Problem.FULL
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return Problem.READ_ONLY
        return Problem.UNAVAILABLE
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return Problem.DAMAGED
    if "disk is full" in text:
        return Problem.FULL
    if "readonly" in text or "read-only" in text:
        return Problem.READ_ONLY
    if "locked" in text or "busy" in text:
        return Problem.LOCKED
    return Problem.UNAVAILABLE


_ADVICE = {
    Problem.DAMAGED: "the file is damaged",
    Problem.FULL: "the disk is full — free some space and try again",
    Problem.READ_ONLY: "the file or its folder cannot be written (read-only)",
    Problem.LOCKED: "another process is using it — try again in a moment",
    Problem.UNAVAILABLE: "it cannot be read or written now",
}


def explain(exc: BaseException, path: str | Path | None = None) -> str:
    """A plain-language reason for a failure, with what to do about it. Given the file's
    ``path``, a vague "unable to open" is told more exactly from its disk (full, read-only)."""
    problem = problem_of(exc)
    if path is not None and problem is Problem.UNAVAILABLE:
        problem = disk_problem(Path(path)) or problem
    return f"{_ADVICE[problem]} ({exc})"


def disk_problem(path: Path) -> Problem | None:
    """Whether the disk holding ``path`` is read-only or full (SQLite says only "unable to
    open database file" when it cannot make its ``-shm`` file)."""
    try:
        info = os.statvfs(path.parent if not path.is_dir() else path)
    except (OSError, AttributeError):  # no statvfs on Windows
        return None
    if info.f_flag & getattr(os, "ST_RDONLY", 1):
        return Problem.READ_ONLY
    if info.f_bavail * info.f_frsize < 64 * 1024:
        return Problem.FULL
    return None


def set_aside(path: Path) -> Path:
    """Move a damaged database (and its WAL files) to a dated name beside it; nothing is
    deleted, and the name says what it is."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    os.replace(path, aside)
    return aside
