"""A full disk and a read-only disk, for real: a small tmpfs in a private mount namespace
(``unshare -rm``, no root needed). Neither may be taken for damage, lose or hide an annotation,
or end in a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _scenario(name: str, tmp_path: Path, size: str = "6m") -> dict[str, object]:
    if shutil.which("unshare") is None:
        pytest.fail("these tests need util-linux's unshare (a private mount namespace)")
    mount = tmp_path / "disk"
    mount.mkdir()
    script = 'mount -t tmpfs -o size="$1" tmpfs "$2" && exec "$3" -m tests.disk_child "$4" "$2"'
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    run = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", size, str(mount), sys.executable, name],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def _clean(result: object) -> dict[str, object]:
    assert isinstance(result, dict)
    assert "Traceback" not in str(result["err"]), result["err"]
    return result


def test_a_full_disk_is_told_plainly_and_never_taken_for_damage(tmp_path: Path) -> None:
    r = _scenario("full", tmp_path)
    assert r["health"] != "damaged" and r["set_aside"] is False
    assert r["annotations_readable"] == 3  # shown, read-only, until space is freed
    assert "annotations.sqlite3" in r["store_files"]  # type: ignore[operator]
    for key in ("add", "add_while_open"):
        add = _clean(r[key])
        assert add["code"] == 2 and "full" in str(add["err"]), add
    export = _clean(r["export"])
    assert export["code"] == 0 and str(export["out"]).count("note on") == 3
    assert r["annotations_after"] == 3


def test_a_read_only_disk_can_still_be_read_searched_and_exported(tmp_path: Path) -> None:
    r = _scenario("read-only", tmp_path)
    assert r["health"] != "damaged" and r["set_aside"] is False
    assert r["annotations_readable"] == 3
    listed = _clean(r["list"])
    assert listed["code"] == 0 and len(json.loads(str(listed["out"]))) == 5
    search = _clean(r["search"])
    assert search["code"] == 0 and "results for china" in str(search["out"])
    assert _clean(r["show"])["code"] == 0
    export = _clean(r["export"])
    assert export["code"] == 0 and str(export["out"]).count("note on") == 3
    add = _clean(r["add"])
    assert add["code"] == 2 and "read-only" in str(add["err"])
