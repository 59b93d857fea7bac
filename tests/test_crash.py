"""Durability under SIGKILL: a process writing annotations and importing and indexing is killed at
random moments; after each kill every annotation whose write had returned is there and intact,
both SQLite files pass ``PRAGMA integrity_check``, and the index works or is rebuilt by itself.

CI runs a short variant; the full run is ``CRASH_KILLS=200 pytest -m slow tests/test_crash.py``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.annotations import AnnotationStore
from reader.library import Library
from reader.search import SearchIndex

KILLS = int(os.environ.get("CRASH_KILLS", "12"))


def _integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


@pytest.mark.slow
def test_nothing_acknowledged_is_lost_when_the_process_is_killed(tmp_path: Path) -> None:
    rng = random.Random(1987)
    root = tmp_path / "crash"
    root.mkdir()
    project = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(project))
    rebuilt = 0
    for kill in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_child", str(root)], cwd=project, env=env
        )
        time.sleep(rng.uniform(0.3, 2.5))  # start-up is ~0.3 s; then anywhere in the work
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL, f"the child ended on its own ({kill})"

        log = root / "acknowledged.log"
        acknowledged = (
            [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines() if line]
            if log.exists()
            else []
        )
        assert _integrity(root / "annotations.sqlite3") == "ok"
        with AnnotationStore(root / "annotations.sqlite3") as store:
            for ident, note in acknowledged:
                got = store.get(ident)
                assert got is not None, f"kill {kill}: acknowledged annotation {ident} lost"
                assert got.note == note and got.quote.exact == "minister said"
        if (root / "library.sqlite3").exists():
            assert _integrity(root / "library.sqlite3") == "ok"
            with Library(root / "library.sqlite3") as lib:
                index = SearchIndex(root / "index")
                report = index.sync(lib)  # usable as it is, or rebuilt from the library
                rebuilt += report.rebuilt
                if lib.count():
                    assert index.search("council", lib).total == lib.count()
                index.close()
    with Library(root / "library.sqlite3") as lib:
        articles = lib.count()
    print(
        f"{KILLS} kills: {len(acknowledged)} acknowledged annotations all present and intact,"
        f" {articles} articles imported, index rebuilt after {rebuilt} kills"
    )
    assert len(acknowledged) > KILLS and articles > 0  # the child did real work between kills
