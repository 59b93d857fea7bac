"""Where the reader was, and which libraries they use: the window reopens on the last search, the
last article and the place in it; File ▸ Open Library and Open Recent switch libraries (the
app starts again on the other one — one window per library, each its own process)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, QProcess, QSettings, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from reader.model import SearchResult
from reader.paths import APP_NAME, LibraryPaths
from reader.ui.messages import Messages
from reader.ui.reading_panel import ReadingPanel
from reader.ui.search_panel import SearchPanel

RECENT = "libraries/recent"
KEEP_RECENT = 8


def app_settings() -> QSettings:
    """Settings of the app, not of one library (the list of recent libraries)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def library_command(root: Path) -> tuple[str, list[str]]:
    """How to start the app on another library (a stand-alone build is its own executable)."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--library", str(root)]
    return sys.executable, ["-m", "reader", "--library", str(root)]


class Session(QObject):
    def __init__(
        self,
        window: QMainWindow,
        where: LibraryPaths,
        settings: QSettings,
        search: SearchPanel,
        reading: ReadingPanel,
        messages: Messages,
        open_article: Callable[[int], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.where = where
        self.settings = settings
        self.search = search
        self.reading = reading
        self.messages = messages
        self.open_article = open_article
        #: starts a program (a seam for tests: the real one leaves this process running)
        self.launcher: Callable[[str, list[str]], object] = QProcess.startDetached
        self._remember_library()

    # -- libraries -------------------------------------------------------------------------------
    def recent(self) -> list[Path]:
        values = app_settings().value(RECENT, [])
        items = [values] if isinstance(values, str) else values if isinstance(values, list) else []
        return [Path(v) for v in items if isinstance(v, str) and v]

    def _remember_library(self) -> None:
        here = self.where.root.resolve()
        others = [p for p in self.recent() if p.resolve() != here]
        app_settings().setValue(RECENT, [str(p) for p in [here, *others][:KEEP_RECENT]])

    def fill_recent(self, menu: QMenu) -> None:
        """The Open Recent menu, filled each time it opens (another window may have changed it)."""
        menu.clear()
        here = self.where.root.resolve()
        for path in self.recent():
            act = menu.addAction(str(path))
            act.setEnabled(path.resolve() != here and path.is_dir())
            act.triggered.connect(lambda _c=False, p=path: self.open_library(p))
        if menu.isEmpty():
            menu.addAction("(none yet)").setEnabled(False)

    def choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Open a library (a folder)", str(self.where.root.parent)
        )
        if folder:
            self.open_library(Path(folder))

    def open_library(self, root: Path) -> None:
        """Start the app on another library and close this window."""
        if root.resolve() == self.where.root.resolve():
            return
        program, args = library_command(root)
        self.launcher(program, args)
        self.messages.info(f"Opening the library {root}…")
        QTimer.singleShot(0, self.window.close)

    # -- resuming where the reader was ----------------------------------------------------------
    def save(self) -> None:
        view = self.reading.view
        article = view.article
        self.settings.setValue("session/query", self.search.query)
        self.settings.setValue("session/article", article.uri if article else "")
        offset = view.offset_at(QPoint(8, 8)) if article is not None else None
        self.settings.setValue("session/offset", offset if offset is not None else 0)

    def restore(self) -> bool:
        """Search again for the last query; when it is shown, open the last article at the
        place it was read. Whether there was anything to restore."""
        query = str(self.settings.value("session/query", "") or "")
        uri = str(self.settings.value("session/article", "") or "")
        if not query and not uri:
            return False
        offset = int(str(self.settings.value("session/offset", 0) or 0))

        def shown(result: object) -> None:
            self.search.searchFinished.disconnect(shown)
            if uri and isinstance(result, SearchResult):
                ids = self.search.workspace.library().ids_of([uri])
                if uri in ids:
                    self.open_article(ids[uri])
                    self.search.mark_open(ids[uri])
                    self._scroll_to(offset)

        self.search.searchFinished.connect(shown)
        self.search.set_query(query)
        return True

    def _scroll_to(self, offset: int) -> None:
        view = self.reading.view
        if view.article is None or not 0 < offset <= len(view.article.text):
            return
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.doc_position(offset))
        bar = view.verticalScrollBar()
        bar.setValue(bar.value() + view.cursorRect(cursor).top() - 8)
