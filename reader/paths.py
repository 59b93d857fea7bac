"""Where Corpus Reader keeps its files.

Everything goes through :func:`resolve` so that one override (``--library DIR`` or the
``CORPUS_READER_LIBRARY`` environment variable) moves every store at once: tests and users who keep
several libraries never touch the default locations by accident.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "corpus-reader"
ENV_LIBRARY = "CORPUS_READER_LIBRARY"

#: The project checkout, when running from one (``reader/`` sits directly below it); tools for
#: development look for the benchmark data beside it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _package_dir(name: str) -> Path:
    """A folder of package data. The top-level ``resources/`` and ``corpus/`` of the checkout
    are installed as ``reader._resources`` and ``reader._corpus`` (pyproject's package-dir), so
    the same code reads them from a checkout, an editable install or a wheel; a stand-alone
    build (PyInstaller) unpacks them beside its code under the same names."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen is not None:
        return Path(frozen).joinpath(*name.split("."))
    return Path(str(files(name)))


#: Data read at run time: gazetteer, lexicon, verdict scale, the desktop entry and icon.
RESOURCES_DIR = _package_dir("reader._resources")
#: The sample articles the window imports on first run.
BUNDLED_CORPUS_DIR = _package_dir("reader._corpus")


@dataclass(frozen=True)
class LibraryPaths:
    """The files of one library. ``root`` holds the user's data, ``cache`` what can be rebuilt."""

    root: Path
    cache: Path

    @property
    def library_db(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def annotations_db(self) -> Path:
        return self.root / "annotations.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.cache / "index"

    @property
    def choices_file(self) -> Path:
        """The reader's choices on how articles were cleaned (user data, like annotations)."""
        return self.root / "cleaning-choices.json"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.ini"

    def ensure(self) -> LibraryPaths:
        self.root.mkdir(parents=True, exist_ok=True)
        self.cache.mkdir(parents=True, exist_ok=True)
        return self


def resolve(library: str | os.PathLike[str] | None = None) -> LibraryPaths:
    """Locations for ``library`` (a folder), the environment override, or the platform defaults."""
    chosen = library if library is not None else os.environ.get(ENV_LIBRARY) or None
    if chosen is not None:
        root = Path(chosen).expanduser().resolve()
        return LibraryPaths(root=root, cache=root / "cache")
    return LibraryPaths(
        root=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )
