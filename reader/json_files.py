"""The reader's small JSON files (corrections, cleaning choices, collections, saved searches,
hidden articles): user data beside the annotations, so written whole or not at all, and never
silently replaced when they cannot be read."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


class JsonFileError(Exception):
    """A file of the reader's that exists but cannot be read as what it should be."""


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` atomically (a temporary file, synced, then renamed over)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json_object(path: Path, what: str) -> dict[str, Any]:
    """The object in ``path`` (``{}`` when there is no file). A file that cannot be read, or
    holds something else, raises :class:`JsonFileError` naming ``what`` it is: writing over it
    would lose the reader's work."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as exc:
        raise JsonFileError(f"your {what} ({path}) cannot be read ({exc}); fix or move it") from exc
    if not isinstance(data, dict):
        raise JsonFileError(f"your {what} ({path}) is not what it should be; fix or move it")
    return data
