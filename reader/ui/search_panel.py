"""The left of the window: the search box, its advice, the result list and the facet counts.

Searches run as the user types, off the GUI thread, through the workspace; a result that comes
back after the words changed is dropped (a generation count), and the list fills page by page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from reader.annotation_search import split_query
from reader.model import SearchHit, SearchResult
from reader.search import IndexBusy, QueryError
from reader.ui.facets import FacetsPane
from reader.ui.messages import Messages
from reader.ui.results import PAGE, HitRole, ResultDelegate, ResultsModel
from reader.ui.saved_view import SavedPane
from reader.ui.timeline_view import TimelinePane
from reader.ui.workers import JobContext, JobRunner
from reader.wording import count
from reader.workspace import Workspace

SEARCH_DELAY_MS = 250
SORTS = (("Best match", "relevance"), ("Newest first", "newest"), ("Oldest first", "oldest"))
#: A search brings this many of its best hits; scrolling past them asks for MORE at a time.
FIRST = 200
MORE = 500
#: A search still running after this long greys the list and says "Searching…".
BUSY_AFTER_MS = 150
#: The best hit opens this long after its list is shown (see SearchPanel._done).
OPEN_AFTER_MS = 15


@dataclass(frozen=True)
class _Refused:
    """A search that gave no result list: what to tell the user instead."""

    message: str


class SearchPanel(QWidget):
    #: a result was chosen (by moving through the list): open it
    hitChosen = Signal(object)
    #: Enter on a result: the reader wants the article
    hitActivated = Signal(object)
    #: a search has been shown (its SearchResult, or None when the query was refused)
    searchFinished = Signal(object)
    facetsFinished = Signal(object)

    def __init__(self, workspace: Workspace, runner: JobRunner, messages: Messages) -> None:
        super().__init__()
        self.workspace = workspace
        self.runner = runner
        self.messages = messages
        self.result: SearchResult | None = None
        self._generation = 0
        #: the open article, kept selected when it is among the results
        self.open_id: int | None = None

        self.edit = QLineEdit(placeholderText="Search the corpus  (Ctrl+F)")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Search")
        self.edit.returnPressed.connect(self.open_first)
        self.count_label = QLabel()
        self.sort_box = QComboBox()
        self.sort_box.setAccessibleName("Order of the results")
        for label, value in SORTS:
            self.sort_box.addItem(label, value)
        self.sort_box.setToolTip("The best matches first, or every match by date")
        self.sort_box.currentIndexChanged.connect(lambda _i: self.run())
        self.message_label = QLabel(wordWrap=True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.hide()
        self.model = ResultsModel()
        self.model.fetcher = self._fetch_snippets
        self.model.more = self._fetch_more
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.hitChosen.emit(cur.data(HitRole)) if cur.isValid() else None
        )
        self.view.activated.connect(lambda index: self.hitActivated.emit(index.data(HitRole)))
        self.empty_label = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setEnabled(False)
        self.empty_label.hide()
        self.facets = FacetsPane()
        self.facets.facetChosen.connect(self.add_facet)
        self.timeline = TimelinePane()
        self.timeline.hide()
        self.saved = SavedPane()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 4, 4)
        lay.addWidget(self.edit)
        lay.addWidget(self.saved)
        lay.addWidget(self.message_label)
        counts = QHBoxLayout()
        counts.addWidget(self.count_label, 1)
        counts.addWidget(self.sort_box)
        lay.addLayout(counts)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.empty_label, 1)
        lay.addWidget(self.timeline)
        lay.addWidget(self.facets)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run)
        self.edit.textChanged.connect(self._edited)
        # a search that takes a while greys the list and says so: the old list is not its answer
        self.busy = False
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self._clear)
        QShortcut(QKeySequence("Ctrl+Up"), self.edit, lambda: self._history(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.edit, lambda: self._history(1))
        self.history: list[str] = []
        self._history_at = 0
        self._browsing = False

    def _clear(self) -> None:
        """Esc: an empty search box lists every article again."""
        if self.edit.text():
            self.edit.clear()
            self.run()

    def _history(self, step: int) -> None:
        """Ctrl+Up / Ctrl+Down: back and forth through the searches run before."""
        if not self.history:
            return
        self._history_at = max(0, min(len(self.history), self._history_at + step))
        text = self.history[self._history_at] if self._history_at < len(self.history) else ""
        self.edit.blockSignals(True)
        self.edit.setText(text)
        self.edit.blockSignals(False)
        self._browsing = True  # this search is a step through history, not a new one
        self.run()

    def _remember(self, query: str) -> None:
        if self._browsing:
            self._browsing = False
            return
        if query and (not self.history or self.history[-1] != query):
            self.history.append(query)
            del self.history[:-100]
        self._history_at = len(self.history)

    def _show_busy(self) -> None:
        if self.busy:
            self.view.setEnabled(False)
            self.count_label.setText(f"Searching for {self.query}…" if self.query else "Listing…")

    def _set_busy(self, on: bool) -> None:
        self.busy = on
        if on:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.view.setEnabled(True)

    # -- running a search -----------------------------------------------------------------------
    @property
    def query(self) -> str:
        return self.edit.text().strip()

    @property
    def sort(self) -> str:
        return str(self.sort_box.currentData() or "relevance")

    def set_sort(self, value: str) -> None:
        index = self.sort_box.findData(value)
        if index >= 0:
            self.sort_box.setCurrentIndex(index)

    def set_query(self, text: str) -> None:
        self.edit.setText(text)
        self.run()

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def _edited(self, _text: str) -> None:
        # a result still on its way is for words the user has already changed: drop it
        self._generation += 1
        self._timer.start()

    def run(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, query, order = self._generation, self.query, self.sort
        ws = self.workspace
        self._set_busy(True)

        def job(_ctx: JobContext) -> tuple[SearchResult, dict[int, str]] | _Refused:
            try:
                # the list first; its facet counts follow in a job of their own
                res = ws.search(query, FIRST, PAGE, with_facets=False, sort=order)
                return res, ws.files(h.article_id for h in res.hits)
            except QueryError as exc:
                return _Refused(str(exc))
            except IndexBusy as exc:  # being built by an import: it searches again when done
                return _Refused(str(exc))

        self.runner.start(job, lambda res: self._done(generation, query, res), self.messages.fail)

    def _fetch_facets(self, generation: int, query: str) -> None:
        ws = self.workspace

        def job(_ctx: JobContext) -> dict[str, list[tuple[str, int]]]:
            try:
                return ws.facets(query)
            except (QueryError, IndexBusy):
                return {}

        def done(facets: dict[str, list[tuple[str, int]]]) -> None:
            if generation == self._generation:  # still the query on screen
                self.facets.show(facets)
                self.facetsFinished.emit(facets)

        self.runner.start(job, done, self.messages.fail)

    def _fetch_snippets(
        self, hits: list[SearchHit], done: Callable[[list[SearchHit]], None]
    ) -> None:
        terms = self.result.terms if self.result else []
        ws = self.workspace
        self.runner.start(lambda _ctx: ws.snippets(hits, terms), done, self.messages.fail)

    def _fetch_more(
        self, have: int, done: Callable[[list[SearchHit], dict[int, str]], None]
    ) -> None:
        """The hits after the first ``have`` of the search on screen (run again for more)."""
        generation, query, ws, order = self._generation, self.query, self.workspace, self.sort

        def job(_ctx: JobContext) -> tuple[list[SearchHit], dict[int, str]]:
            try:
                res = ws.search(query, have + MORE, 0, with_facets=False, sort=order)
            except (QueryError, IndexBusy):
                return [], {}
            extra = res.hits[have:]
            return extra, ws.files(h.article_id for h in extra)

        def landed(found: tuple[list[SearchHit], dict[int, str]]) -> None:
            if generation == self._generation:
                done(*found)

        self.runner.start(job, landed, self.messages.fail)

    def _done(
        self,
        generation: int,
        query: str,
        found: tuple[SearchResult, dict[int, str]] | _Refused,
    ) -> None:
        if generation != self._generation:
            return  # the user has typed on since; a newer search is coming
        self._set_busy(False)
        if isinstance(found, _Refused):
            # the query could not be run: say what to fix, and show no list as its answer
            self.message_label.setText(found.message)
            self.message_label.setStyleSheet("color: #c0392b")
            self.message_label.show()
            self.model.set_hits([])
            self.view.hide()
            self.empty_label.hide()
            self.facets.show({})
            self.count_label.setText("")
            self.searchFinished.emit(None)
            return
        res, files = found
        self._remember(query)
        self.result = res
        if res.message:
            self.message_label.setText(res.message)
            self.message_label.setStyleSheet("color: palette(placeholder-text)")
            self.message_label.show()
        else:
            self.message_label.hide()
        keep = self.open_id
        self.model.set_hits(res.hits, res.total, files)
        if query and split_query(query)[0] is None:
            self._fetch_facets(generation, query)  # the counts follow; the old stay till then
        else:
            self.facets.show(res.facets if query else {})
        if query:
            about = "about " if res.total_is_estimate else ""
            self.count_label.setText(f"{about}{count(res.total, 'result')}")
        else:
            self.count_label.setText(f"{count(res.total, 'article')} in the library")
        empty = not res.hits
        self.view.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if empty and query and res.message:
            self.empty_label.hide()  # the advice above says what to fix in the query
        elif empty and query:
            self.empty_label.setText(
                f"No results for {query}.\n\nTry fewer words, a wildcard (sanct*), a fuzzy term "
                "(kremlim~) or OR between alternatives. Help ▸ Search Syntax lists the rest."
            )
        elif empty:
            self.empty_label.setText(
                "The library is empty.\n\nAdd files or a folder (Ctrl+O), or drop them here."
            )
        # keep the open article selected if it is among the results, else show the best one:
        # a moment later, in a turn of the event loop of its own, so the list is painted and
        # the keyboard answered first (both at once held the window 100 ms while importing)
        kept = self.mark_open(keep) if keep is not None else None
        QTimer.singleShot(OPEN_AFTER_MS, self, lambda: self._open_best(generation, kept, res))

    def _open_best(self, generation: int, kept: SearchHit | None, res: SearchResult) -> None:
        if generation != self._generation:
            return  # another search has started since
        if kept is not None:
            if kept.quote_start is not None:  # a quote or an annotation: go to it
                self.hitChosen.emit(kept)
        elif res.hits and not self.view.currentIndex().isValid():  # unless one was chosen
            self.view.setCurrentIndex(self.model.index(0))
        self.searchFinished.emit(res)

    # -- moving through the results -------------------------------------------------------------
    def mark_open(self, article_id: int) -> SearchHit | None:
        """Make the row of the article on screen the current one, without opening it again (a
        new search keeps it; a resumed session opens its article itself); no row when it is not
        in the list. The hit marked, if any."""
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        found = None
        try:
            for row, hit in enumerate(self.model.hits[: self.model.shown]):
                if hit.article_id == article_id:
                    self.view.setCurrentIndex(self.model.index(row))
                    found = hit
                    break
            else:
                self.view.clearSelection()
                self.view.setCurrentIndex(QModelIndex())
        finally:
            selection.blockSignals(False)
        self.open_id = article_id
        self.view.viewport().update()
        return found

    def open_first(self) -> None:
        self.run()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))
            self.view.setFocus()

    def step(self, delta: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        row = self.view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(rows - 1, row + delta))
        self.view.setCurrentIndex(self.model.index(row))

    def add_facet(self, field: str, value: str) -> None:
        """Narrow the current search to one actor, source, year or reach (a facet's click)."""
        term = {"year": f"date:{value}", "outlets": f"outlets:{value}"}.get(
            field, f'{field}:"{value}"'
        )
        if term not in self.query:
            self.edit.setText(f"{self.query} {term}".strip())
        self.run()
