"""Durability under SIGKILL: two processes at once edit an article, import it (re-anchoring its
annotations), write annotations on it and index, and are killed at random moments. After each
round every annotation whose write had returned is there, intact and — once the next start has
finished any interrupted re-anchoring — on its words; both SQLite files pass
``PRAGMA integrity_check``; and the index works (each article once) or is rebuilt by itself.

CI runs 8 rounds (16 kills); the full run is ``CRASH_ROUNDS=100 pytest -m slow tests/test_crash.py``.
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
from reader.paths import LibraryPaths
from reader.search import SearchIndex
from reader.workspace import Workspace

ROUNDS = int(os.environ.get("CRASH_ROUNDS", "8"))


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
    reanchored = 0
    for kill in range(ROUNDS):
        # two writers at once on one library, each killed at its own moment
        children = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.crash_child", str(root)], cwd=project, env=env
            )
            for _ in range(2)
        ]
        # once both are at work (start-up takes 1–10 s on a loaded machine), anywhere in it
        for child in children:
            marker = root / f"working-{child.pid}"
            deadline = time.monotonic() + 120
            while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert marker.exists(), f"round {kill}: a child did not get to work"
        moments = sorted(rng.uniform(0.0, 2.5) for _ in children)
        started = time.monotonic()
        for child, moment in zip(children, moments, strict=True):
            time.sleep(max(0.0, moment - (time.monotonic() - started)))
            child.send_signal(signal.SIGKILL)
        for child in children:
            child.wait()
            assert child.returncode == -signal.SIGKILL, f"a child ended on its own ({kill})"

        log = root / "acknowledged.log"
        acknowledged = (
            [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines() if line]
            if log.exists()
            else []
        )
        assert _integrity(root / "annotations.sqlite3") == "ok"
        if not (root / "library.sqlite3").exists():
            continue
        assert _integrity(root / "library.sqlite3") == "ok"
        with Library(root / "library.sqlite3") as lib:
            # what the next start does: finish any re-anchoring a kill interrupted
            with Workspace(LibraryPaths(root, root)) as ws:
                report = ws.follow_library()
            assert report.error is None
            reanchored += report.reanchored
            texts = {a.uri: a.text for a in (lib.get(r["id"]) for r in lib.browse()) if a}
            with AnnotationStore(root / "annotations.sqlite3") as store:
                for ident, note in acknowledged:
                    got = store.get(ident)
                    assert got is not None, f"kill {kill}: acknowledged annotation {ident} lost"
                    assert got.note == note and got.quote.exact == "minister said"
                    text = texts[got.article_uri]
                    assert got.anchor_state in ("exact", "moved"), (kill, got)
                    assert text[got.start : got.end] == "minister said", (kill, got)
            index = SearchIndex(root / "index")
            sync = index.sync(lib)  # usable as it is, or rebuilt from the library
            rebuilt += sync.rebuilt
            if lib.count():
                result = index.search("debate", lib, limit=None, with_snippets=False)
                ids = [h.article_id for h in result.hits]
                assert len(ids) == len(set(ids)) == lib.count() - 1  # each once; not edited.txt
            index.close()
    with Library(root / "library.sqlite3") as lib:
        articles = lib.count()
    print(
        f"{ROUNDS} rounds of two writers killed: {len(acknowledged)} acknowledged annotations all"
        f" present, intact and on their words, {articles} articles imported,"
        f" {reanchored} re-anchors finished after a kill, index rebuilt after {rebuilt} rounds"
    )
    assert len(acknowledged) > ROUNDS and articles > 0  # the children did real work between kills
