"""Registering the app with the desktop (freedesktop.org): its entry in the applications menu,
its icon and its AppStream description, in the user's own data folders.

A system or pipx install puts the same files under ``share/`` (pyproject's data-files); a wheel
installed in a virtual environment cannot, so ``corpus-reader install-desktop-entry`` does it,
pointing the entry at the command that was run.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from reader.paths import RESOURCES_DIR

DESKTOP_FILE = "corpus-reader.desktop"
ICON_FILE = "corpus-reader.svg"
METAINFO_FILE = "corpus-reader.metainfo.xml"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def install(command: str | None = None, home: Path | None = None) -> list[Path]:
    """Write the entry, icon and description under ``home`` (``$XDG_DATA_HOME``); the entry
    runs ``command`` (by default the ``corpus-reader`` beside this Python). Returns the files."""
    home = home or data_home()
    exe = command or _command()
    entry = (RESOURCES_DIR / DESKTOP_FILE).read_text(encoding="utf-8")
    entry = entry.replace("Exec=corpus-reader %F", f"Exec={_quote(exe)} %F")
    targets = {
        home / "applications" / DESKTOP_FILE: entry,
        home / "metainfo" / METAINFO_FILE: (RESOURCES_DIR / METAINFO_FILE).read_text("utf-8"),
    }
    written = []
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE
    icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(RESOURCES_DIR / ICON_FILE, icon)
    written.append(icon)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    home = home or data_home()
    removed = []
    for path in (
        home / "applications" / DESKTOP_FILE,
        home / "metainfo" / METAINFO_FILE,
        home / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE,
    ):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def _command() -> str:
    """The ``corpus-reader`` script of this installation (or ``python -m reader``)."""
    here = Path(sys.executable).parent
    for name in ("corpus-reader", "corpus-reader.exe"):
        if (here / name).exists():
            return str(here / name)
    return f"{sys.executable} -m reader"


def _quote(command: str) -> str:
    """A command for a desktop entry's Exec key (a path with spaces is quoted)."""
    if " -m " in command or " " not in command:
        return command
    return '"' + command.replace("\\", "\\\\").replace('"', '\\"') + '"'
