"""Run inside a private mount namespace (``unshare -rm``) on a small tmpfs: a library on a disk
that fills up, or turns read-only, exactly as a user's would. Prints one JSON object of what
happened; ``tests/test_disks.py`` asserts on it."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from reader import backup
from reader.annotations import AnnotationStore
from reader.cli import main
from reader.library import Library
from reader.paths import LibraryPaths

SEEDS = Path(__file__).resolve().parent.parent / "corpus"


def _run(*args: str) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except BaseException as exc:  # a traceback is what must never happen
            import traceback

            code = -1
            err.write("Traceback\n" + "".join(traceback.format_exception(exc)))
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


def _setup(mount: Path) -> tuple[Path, LibraryPaths]:
    lib = mount / "lib"
    corpus = mount / "corpus"
    shutil.copytree(SEEDS, corpus)
    assert _run("--library", str(lib), "add", "--quiet", str(corpus))["code"] == 0
    where = LibraryPaths(lib, lib / "cache")
    with Library(where.library_db) as library, AnnotationStore(where.annotations_db) as store:
        for row in library.browse()[:3]:
            art = library.get(row["id"])
            assert art is not None
            store.create(art.id, art.uri, art.text, 0, 10, note=f"note on {art.id}")
    return lib, where


def _fill(mount: Path) -> None:
    with open(mount / "filler", "wb", buffering=0) as f:
        for size in (65536, 512, 1):  # to the last byte
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                pass


def full(mount: Path) -> dict[str, object]:
    lib, where = _setup(mount)
    new = mount / "new"
    new.mkdir()
    (new / "late.txt").write_text("Late news\n\nThe council met again on Friday.\n")
    _fill(mount)
    found = backup.health(where.annotations_db)
    opened = backup.open_checked(where.annotations_db)
    result: dict[str, object] = {
        "health": found.state,
        "set_aside": opened.damaged is not None,
        "annotations_readable": opened.store.count() if opened.store else None,
        "read_only": opened.store.read_only if opened.store else None,
        "store_files": sorted(p.name for p in lib.glob("annotations.sqlite3*")),
    }
    if opened.store is not None:
        opened.store.close()
    result["add"] = _run("--library", str(lib), "add", str(new))
    # with the library already open elsewhere (its -shm exists), the write itself fails
    with Library(where.library_db):
        result["add_while_open"] = _run("--library", str(lib), "add", str(new))
    result["export"] = _run("--library", str(lib), "annotations", "export", "--format", "md")
    with AnnotationStore(where.annotations_db) as store:
        result["annotations_after"] = store.count()
    return result


def read_only(mount: Path) -> dict[str, object]:
    lib, where = _setup(mount)
    new = mount / "new"
    new.mkdir()
    (new / "late.txt").write_text("Late news\n\nThe council met again on Friday.\n")
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    found = backup.health(where.annotations_db)
    opened = backup.open_checked(where.annotations_db)
    result: dict[str, object] = {
        "health": found.state,
        "set_aside": opened.damaged is not None,
        "annotations_readable": opened.store.count() if opened.store else None,
    }
    if opened.store is not None:
        opened.store.close()
    result["list"] = _run("--library", str(lib), "list", "--json")
    result["search"] = _run("--library", str(lib), "search", "china")
    result["show"] = _run("--library", str(lib), "show", "1")
    result["export"] = _run("--library", str(lib), "annotations", "export", "--format", "csv")
    result["add"] = _run("--library", str(lib), "add", str(new))
    return result


if __name__ == "__main__":
    scenario, where_mounted = sys.argv[1], Path(sys.argv[2])
    print(json.dumps({"full": full, "read-only": read_only}[scenario](where_mounted)))
