"""Shared fixtures: every test gets its own library folder; nothing touches the user's real data."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reader import paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv(paths.ENV_LIBRARY, raising=False)


@pytest.fixture
def where(tmp_path: Path) -> paths.LibraryPaths:
    return paths.resolve(tmp_path / "library").ensure()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui/" in item.nodeid or "tests\\ui\\" in item.nodeid:
            item.add_marker(pytest.mark.gui)


def seed(name_prefix: str) -> str:
    """The text of the seed article whose file name starts with ``name_prefix``."""
    (path,) = SEEDS.glob(f"{name_prefix}*.txt")
    return path.read_text(encoding="utf-8")


def write_stories(folder: Path, count: int, story: Callable[[int], str]) -> Path:
    """``count`` small articles ``000.txt``, ``001.txt``… in a new ``folder``, the n-th with the
    text ``story(n)``: a corpus of a chosen size for import and paging tests."""
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(story(n), encoding="utf-8")
    return folder
