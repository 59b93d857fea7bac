"""Start the window: application object, settings, theme, first-run import, orderly exit."""

from __future__ import annotations

import gc
import logging
import sys

from PySide6.QtCore import QLockFile, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import __version__, paths
from reader.library import LibraryError
from reader.sqlite_files import Problem, set_aside
from reader.ui.main_window import MainWindow


def make_settings(where: paths.LibraryPaths) -> QSettings:
    """Settings live beside the library, so another library (or a test) has its own."""
    return QSettings(str(where.settings_file), QSettings.Format.IniFormat)


#: Seconds a thread may hold Python's lock while another waits for it (Python's default: 0.005).
#: Every paint of the window calls into Python (the result rows, the style's metrics), and
#: each call waits for the lock while a search or an import runs Python on another thread: at
#: the default, a paint of twenty rows could wait twenty times 5 ms.
SWITCH_INTERVAL = 0.001


def create_window(library: str | None = None) -> MainWindow:
    sys.setswitchinterval(SWITCH_INTERVAL)
    where = paths.resolve(library).ensure()
    window = MainWindow(where, make_settings(where))
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(window.runner.shutdown)
    # what the window holds from now on (Qt's wrappers, the modules) is out of the garbage
    # collector's way: a full collection walked it all on the window's thread
    gc.freeze()
    return window


class InstanceLock:
    """One window per library: a second would fight the first over the index writer and show
    stale annotations. A lock left by a crashed window is stale and taken over."""

    def __init__(self, where: paths.LibraryPaths) -> None:
        self._lock = QLockFile(str(where.root / "corpus-reader.lock"))
        self._lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age

    def acquire(self) -> str | None:
        """``None`` when this is the only window on the library, else what to tell the user."""
        if self._lock.tryLock(0):
            return None
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            info = self._lock.getLockInfo()  # (pid, host, app) in PySide6
            who = f" (process {info[0]} on {info[1]})" if info and info[0] else ""
            return (
                f"Corpus Reader is already open with this library{who}. Switch to that window,"
                " or close it and start again."
            )
        return "The library's lock file cannot be written: check that its folder is writable."

    def release(self) -> None:
        self._lock.unlock()


def no_display() -> str | None:
    """Why the window cannot open here, or ``None``: on Linux and other X11/Wayland systems
    with no display, Qt aborts the process with advice about reinstalling (it would not help)."""
    import os

    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "No graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window"
        " cannot open. The command line works without one: corpus-reader --help. (Over SSH use"
        " ssh -X; for a headless test, QT_QPA_PLATFORM=offscreen.)"
    )


def run(library: str | None = None, smoke_test: bool = False) -> int:
    """The window on ``library``. With ``smoke_test`` (for packagers: does the build start?),
    it quits with 0 once the first search has been shown, or 3 after a minute without one."""
    why = no_display() if QApplication.instance() is None else None
    if why is not None:
        print(f"error: {why}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setApplicationName("Corpus Reader")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("corpus-reader")
    app.setDesktopFileName("corpus-reader")
    lock = InstanceLock(paths.resolve(library).ensure())
    busy = lock.acquire()
    if busy is not None:
        QMessageBox.critical(None, "Corpus Reader", busy)
        return 1
    try:
        window = create_window(library)
    except LibraryError as exc:
        if exc.problem is not Problem.DAMAGED:
            QMessageBox.critical(None, "Corpus Reader", str(exc))
            return 2
        answer = QMessageBox.question(
            None,
            "Library damaged",
            f"{exc}\n\nSet the damaged file aside now (it is kept, renamed) and start with an"
            " empty library?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 2
        set_aside(paths.resolve(library).library_db)
        window = create_window(library)
    app.aboutToQuit.connect(lock.release)
    window.show()
    if smoke_test:
        shown: list[object] = []
        problems: list[str] = []

        def first_search(result: object) -> None:
            shown.append(result)
            try:  # the timeline's chart library loads when first shown: is it in the build?
                window.search.timeline.plot  # noqa: B018
            except ImportError as exc:
                problems.append(f"the timeline cannot be drawn: {exc}")
            app.quit()

        window.search.searchFinished.connect(first_search)
        QTimer.singleShot(60_000, app.quit)
    window.start(first_run_corpus=paths.BUNDLED_CORPUS_DIR)
    code = app.exec()
    if smoke_test:
        said = "window started, timeline drawn" if shown else "no search shown"
        print(f"smoke test: {'; '.join(problems) or said}", flush=True)
        return 4 if problems else 0 if shown else 3
    return code
