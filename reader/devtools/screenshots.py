"""The README's screenshots, made from the running window: the sample corpus in a throw-away
library, a search, an article open with its layers, a side tab, at two sizes, light and dark.

    xvfb-run -a -s "-screen 0 1600x1000x24" python -m reader.devtools.screenshots [--out DIR]

(Under Xvfb the system's fonts are used; the offscreen platform has none of its own.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from reader.paths import BUNDLED_CORPUS_DIR, PROJECT_ROOT
from reader.ui.app import create_window

SIZES = ((1024, 700), (1440, 900))
THEMES = ("light", "dark")
QUERY = "sovereignty"
ARTICLE = "Xi backs Russian"


def _wait(signal: object, ms: int = 60_000) -> None:
    loop = QEventLoop()
    signal.connect(lambda *_: loop.quit())  # type: ignore[attr-defined]
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        window = create_window(str(Path(tmp) / "library"))
        window.show()
        window.start(first_run_corpus=BUNDLED_CORPUS_DIR)
        _wait(window.imports.importFinished)
        _settle(800)
        for theme in THEMES:
            window.set_theme(theme, save=False)
            for width, height in SIZES:
                window.resize(width, height)
                window.search.edit.setText(QUERY)
                window.search.run()
                _wait(window.search.searchFinished)
                for row, hit in enumerate(window.search.model.hits):
                    if ARTICLE in hit.title:
                        window.search.view.setCurrentIndex(window.search.model.index(row))
                        break
                window.side.setCurrentWidget(window.side.quotes)
                _settle()
                path = out / f"window-{width}x{height}-{theme}.png"
                window.grab().save(str(path))
                made.append(path)
        window.close()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.devtools.screenshots")
    parser.add_argument("--out", default=str(PROJECT_ROOT / "resources" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for path in shoot(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
