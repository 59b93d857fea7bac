"""The package as users install it: a wheel built from the checkout, installed into a fresh
virtual environment (dependencies from the package index, as pip resolves them) and run from
another folder — the command line on the bundled corpus, and the window, offscreen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from reader.paths import BUNDLED_CORPUS_DIR
    from reader.ui.app import create_window

    app = QApplication(sys.argv[:1])
    window = create_window(sys.argv[1])
    window.show()
    loop = QEventLoop()
    window.imports.importFinished.connect(lambda _r: QTimer.singleShot(500, loop.quit))
    QTimer.singleShot(60_000, loop.quit)
    window.start(first_run_corpus=BUNDLED_CORPUS_DIR)
    loop.exec()
    image = window.grab()
    print(window.search.model.rowCount(), image.width() > 0, window.reading.view.article is not None)
    window.close()
    """
)


@pytest.mark.slow
def test_the_wheel_installs_and_runs_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("corpus_reader-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"  # not the checkout: nothing may come from it
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CORPUS_READER_LIBRARY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    lib = tmp_path / "lib"

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(bindir / "corpus-reader"), "--library", str(lib), *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, (args, done.stderr[-2000:])
        return done.stdout

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import reader, reader.paths as p; print(reader.__file__);"
            " print(p.BUNDLED_CORPUS_DIR); print(p.RESOURCES_DIR)",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(str(venv) in line and str(ROOT) not in line for line in where), where
    corpus = where[1]
    assert run("--version").strip().startswith("corpus-reader ")
    assert "5 added" in run("add", corpus)
    hits = json.loads(run("search", "sovereignty", "--json"))
    assert hits and all("sovereignty" in h["snippet"].lower() for h in hits)
    shown = json.loads(run("show", str(hits[0]["id"]), "--json"))
    assert shown["text"] and any(s["kind"] == "quote" for s in shown["spans"])
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "“We will win,” Prime Minister Tony Blair said in London."})
        + "\n",
        encoding="utf-8",
    )
    subprocess.run(
        [str(bindir / "corpus-reader"), "analyze", "--input", str(src), "--output", str(out)],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["quotes"] and "Tony Blair" in record["quotes"][0]["speaker"]
    # the analysers' own data came too: the tagger's weights and the places (without them the
    # analysis quietly differs from a checkout's)
    data = subprocess.run(
        [
            str(python),
            "-c",
            "from importlib import resources; from reader.analysis import ner;"
            " d = resources.files('reader.analysis') / 'data';"
            " print(ner.load_model() is not None, (d / 'cities.json').is_file())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert data.stdout.split() == ["True", "True"], data.stderr[-2000:]
    # the installed window starts, shows a search and draws the timeline (pyqtgraph came too)
    assert "window started, timeline drawn" in run("--smoke-test")
    window = subprocess.run(
        [str(python), "-c", WINDOW, str(tmp_path / "window-lib")],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert window.returncode == 0, window.stderr[-3000:]
    assert window.stdout.split()[-3:] == ["5", "True", "True"], window.stdout
    # the desktop entry, icon and description are in the wheel's data (share/…)
    share = venv / "share"
    assert (share / "applications" / "corpus-reader.desktop").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "corpus-reader.svg").is_file()
    assert (share / "metainfo" / "corpus-reader.metainfo.xml").is_file()
