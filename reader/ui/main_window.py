"""The main window: search and results on the left, the article in the centre and details right."""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QMouseEvent,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader import backup, jobs
from reader.annotation_search import search as annotation_search
from reader.annotation_search import split_query
from reader.annotations import (
    Annotation,
    AnnotationStore,
    AnnotationStoreError,
    ReconcileReport,
    new_annotation,
    with_body,
)
from reader.export import collect, render, write_atomic
from reader.library import Library
from reader.model import Article, ImportEntry, ImportReport, SearchHit, SearchResult
from reader.paths import LibraryPaths
from reader.search import (
    ANALYSING,
    INDEXING,
    IndexUnavailable,
    QueryError,
    SearchIndex,
    SyncReport,
    browse,
)
from reader.ui import theme
from reader.ui.analysis_panes import ActorsPane, ClaimsPane, Legend, QuotesPane, swatch
from reader.ui.annotations_view import AnnotationsView
from reader.ui.article_view import LAYERS, NOTE_COLOURS, ArticleView
from reader.ui.export_dialog import FORMATS as EXPORT_FORMATS
from reader.ui.export_dialog import ExportDialog
from reader.ui.facets import FacetsPane
from reader.ui.notes import (
    AnnotationDialog,
    CreateCommand,
    DeleteCommand,
    EditCommand,
    NotesPane,
)
from reader.ui.results import PAGE, HitRole, ResultDelegate, ResultsModel
from reader.ui.workers import Job, JobContext, JobRunner

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
SYNTAX_HELP = """
<h3>Search syntax</h3>
<table cellspacing=6>
<tr><td><code>china russia</code></td>
<td>articles with both words (and their forms: <i>sanction</i> finds <i>sanctions</i>)</td></tr>
<tr><td><code>"wrong side of history"</code></td><td>an exact phrase</td></tr>
<tr><td><code>xi OR putin</code>, <code>xi NOT putin</code></td><td>either word; exclude a word</td></tr>
<tr><td><code>(china OR beijing) AND sanctions</code></td><td>grouping</td></tr>
<tr><td><code>title:ukraine</code>, <code>source:reuters</code>, <code>byline:moloney</code></td>
<td>search one field</td></tr>
<tr><td><code>actor:"Wang Yi"</code></td><td>articles that mention an actor (any name it goes by)</td></tr>
<tr><td><code>speaker:"Wang Yi" sovereignty</code></td>
<td>quotations by a speaker; each result opens the article at the quote</td></tr>
<tr><td><code>verdict:false</code>, <code>tag:sanctions</code>, <code>note:kremlin</code>,
<code>status:"to check"</code></td><td>articles with your annotations that match</td></tr>
<tr><td><code>date:2023</code>, <code>date:2023-10-28</code>, <code>date:[2022 to 2023]</code></td>
<td>by date (where the article gives one)</td></tr>
<tr><td><code>sanct*</code>, <code>wom?n</code></td><td>wildcards</td></tr>
<tr><td><code>kremlim~</code>, <code>kremlim~2</code></td><td>fuzzy: up to 1 (or 2) letters different</td></tr>
</table>
<p>An empty search lists every article. F3 / Shift+F3 move between hits in the article.</p>
"""


class MainWindow(QMainWindow):
    #: Emitted when a search has been shown (tests and the benchmark wait on it).
    searchFinished = Signal(object)
    facetsFinished = Signal(object)
    #: Emitted when an import (and the index update after it) has finished.
    importFinished = Signal(object)

    def __init__(self, where: LibraryPaths, settings: QSettings) -> None:
        super().__init__()
        self.where = where
        self.settings = settings
        self.library = Library(where.library_db)
        self.runner = JobRunner(where, self)
        self.colours = theme.colours(False)
        self._search_generation = 0
        self._result: SearchResult | None = None
        self._import_job: Job | None = None
        self._pending_imports: list[list[str]] = []
        self._import_started = 0.0
        self._last_refused: list[ImportEntry] = []
        self._open_id: int | None = None

        self.setWindowTitle("Corpus Reader")
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.store: AnnotationStore | None = None
        self.store_error: str | None = None
        self.damaged: tuple[str, Path] | None = None  # what was wrong, where the file was put
        self._open_store()
        self._build_widgets()
        self._build_actions()
        self._restore_settings()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(self._on_query_edited)

    # -- construction ---------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_edit = QLineEdit(placeholderText="Search the corpus  (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self._open_first_result)
        self.search_edit.setAccessibleName("Search")
        self.count_label = QLabel()
        self.message_label = QLabel(wordWrap=True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.hide()
        self.results_model = ResultsModel()
        self.results_model.fetcher = self._fetch_snippets
        self.results_view = QListView()
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(ResultDelegate(self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.open_hit(cur.data(HitRole)) if cur.isValid() else None
        )
        self.results_view.activated.connect(self._focus_article)
        self.empty_label = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setEnabled(False)
        self.empty_label.hide()

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(8, 8, 4, 4)
        lay.addWidget(self.search_edit)
        lay.addWidget(self.message_label)
        lay.addWidget(self.count_label)
        lay.addWidget(self.results_view, 1)
        lay.addWidget(self.empty_label, 1)
        self.facets = FacetsPane()
        self.facets.facetChosen.connect(self.add_facet)
        lay.addWidget(self.facets)

        self.article_view = ArticleView()
        self.article_view.hitChanged.connect(self._on_hit_changed)
        self.hit_prev = _tool_button("▲", "Previous hit (Shift+F3)")
        self.hit_next = _tool_button("▼", "Next hit (F3)")
        self.hit_label = QLabel()
        self.hit_label.setMinimumWidth(64)
        self.original_button = _tool_button(
            "Original", "Show the text as imported, before cleaning (Ctrl+U)"
        )
        self.original_button.setCheckable(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 0)
        bar.addWidget(self.hit_prev)
        bar.addWidget(self.hit_next)
        bar.addWidget(self.hit_label)
        bar.addStretch(1)
        bar.addWidget(self.original_button)
        # the legend of the article's layers, as a strip under it: each entry toggles its layer
        self.legend = Legend()
        self.legend.toggled.connect(self.set_layer)
        legend_bar = QHBoxLayout()
        legend_bar.setContentsMargins(8, 0, 8, 2)
        shown = QLabel("Show:")
        shown.setEnabled(False)
        legend_bar.addWidget(shown)
        legend_bar.addWidget(self.legend, 1)
        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addLayout(bar)
        cl.addWidget(self.article_view, 1)
        cl.addLayout(legend_bar)

        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        tab_bar = self.side_tabs.tabBar()
        tab_bar.setUsesScrollButtons(False)  # five tabs share the pane; long names are shortened
        tab_bar.setElideMode(Qt.TextElideMode.ElideRight)
        tab_bar.setExpanding(False)
        self.quotes_pane = QuotesPane()
        self.claims_pane = ClaimsPane()
        self.actors_pane = ActorsPane()
        self.details = _DetailsPane()
        for pane in (self.quotes_pane, self.claims_pane, self.actors_pane):
            pane.spanActivated.connect(self.article_view.flash)
        self.actors_pane.actorActivated.connect(self.show_actor)
        self.side_tabs.addTab(self.quotes_pane, "Quotes")
        self.side_tabs.addTab(self.claims_pane, "Claims")
        self.side_tabs.addTab(self.actors_pane, "Actors")
        self.notes_pane = NotesPane()
        self.notes_pane.noteActivated.connect(self.edit_annotation)
        self.notes_pane.noteSelected.connect(self.article_view.flash)
        self.notes_pane.deleteRequested.connect(self.delete_annotation)
        self.side_tabs.addTab(self.notes_pane, "Notes")
        self.claims_pane.trackRequested.connect(self.track_claim)
        self.article_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.article_view.customContextMenuRequested.connect(self._article_menu)
        self.article_view.viewport().installEventFilter(self)
        self.side_tabs.addTab(self.details, "Details")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([330, 700, 330])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        sb = self.statusBar()
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = _tool_button("Cancel", "Stop the import; what is done is kept")
        self.cancel_button.setAutoRaise(False)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.errors_button = QToolButton(autoRaise=True)
        self.errors_button.hide()
        self.errors_button.clicked.connect(self.show_import_errors)
        sb.addWidget(self.status_label, 1)
        sb.addPermanentWidget(self.errors_button)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)

    def _action(
        self, text: str, slot: Any, shortcut: Any = None, checkable: bool = False
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            act.setShortcuts([QKeySequence(k) for k in keys])
        act.setCheckable(checkable)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        m = self.menuBar()
        file_menu = m.addMenu("&File")
        self.act_add_files = self._action(
            "&Add Files…", self.choose_files, QKeySequence.StandardKey.Open
        )
        self.act_add_folder = self._action("Add &Folder…", self.choose_folder, "Ctrl+Shift+O")
        file_menu.addAction(self.act_add_files)
        file_menu.addAction(self.act_add_folder)
        file_menu.addSeparator()
        self.act_export = self._action(
            "&Export Annotations…", lambda: self.export_annotations(), "Ctrl+E"
        )
        self.act_export.setEnabled(self.store is not None)
        file_menu.addAction(self.act_export)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))

        edit = m.addMenu("&Edit")
        self.act_find = self._action("&Search", self.focus_search, QKeySequence.StandardKey.Find)
        edit.addAction(self.act_find)
        self.act_next_hit = self._action(
            "&Next Hit", self.article_view.next_hit, QKeySequence.StandardKey.FindNext
        )
        self.act_prev_hit = self._action(
            "&Previous Hit", self.article_view.previous_hit, QKeySequence.StandardKey.FindPrevious
        )
        edit.addAction(self.act_next_hit)
        edit.addAction(self.act_prev_hit)
        edit.addSeparator()
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z")]
        )
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        edit.addAction(self.act_undo)
        edit.addAction(self.act_redo)

        annotate = self.menuBar().addMenu("&Annotate")
        self.act_highlight = self._action(
            "&Highlight Selection", lambda: self.annotate_selection("yellow"), "Ctrl+Shift+H"
        )
        self.act_note = self._action(
            "Add &Note…", lambda: self.annotate_selection("yellow", edit=True), "Ctrl+Alt+N"
        )
        self.act_claim = self._action(
            "Track as &Claim…",
            lambda: self.annotate_selection("orange", edit=True, claim=True),
            "Ctrl+Alt+C",
        )
        for act in (self.act_highlight, self.act_note, self.act_claim):
            annotate.addAction(act)
            act.setEnabled(self.store is not None)
        self.hit_next.clicked.connect(self.article_view.next_hit)
        self.hit_prev.clicked.connect(self.article_view.previous_hit)

        view = m.addMenu("&View")
        self.act_original = self._action(
            "Show &Original Text", lambda _c=False: None, "Ctrl+U", True
        )
        self.act_original.toggled.connect(self.set_show_original)
        self.original_button.toggled.connect(self.act_original.setChecked)
        self.act_original.toggled.connect(self.original_button.setChecked)
        view.addAction(self.act_original)
        view.addSeparator()
        self.act_next_article = self._action(
            "Next Article", lambda: self._step_article(1), "Alt+Down"
        )
        self.act_prev_article = self._action(
            "Previous Article", lambda: self._step_article(-1), "Alt+Up"
        )
        view.addAction(self.act_next_article)
        view.addAction(self.act_prev_article)
        view.addSeparator()
        view.addAction(
            self._action(
                "&Larger Text",
                lambda: self.set_font_px(self.article_view.font_px + 1),
                [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
            )
        )
        view.addAction(
            self._action(
                "&Smaller Text",
                lambda: self.set_font_px(self.article_view.font_px - 1),
                QKeySequence.StandardKey.ZoomOut,
            )
        )
        view.addAction(self._action("&Reset Text Size", lambda: self.set_font_px(17), "Ctrl+0"))
        view.addSeparator()
        theme_menu = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
            act = QAction(label, self, checkable=True)
            act.triggered.connect(lambda _c=False, n=name: self.set_theme(n))
            self.theme_group.addAction(act)
            theme_menu.addAction(act)
            self.theme_actions[name] = act

        lib = m.addMenu("&Library")
        self.act_rebuild = self._action("&Rebuild Search Index", self.rebuild_index)
        lib.addAction(self.act_rebuild)
        self.act_errors = self._action("Show Import &Problems…", self.show_import_errors)
        lib.addAction(self.act_errors)
        lib.addAction(self._action("Open Library &Folder", self._open_library_folder))
        lib.addSeparator()
        self.act_all_notes = self._action(
            "All &Annotations…", self.show_all_annotations, "Ctrl+Shift+A"
        )
        self.act_all_notes.setEnabled(self.store is not None)
        lib.addAction(self.act_all_notes)

        help_menu = m.addMenu("&Help")
        help_menu.addAction(
            self._action(
                "&Search Syntax", self.show_syntax_help, QKeySequence.StandardKey.HelpContents
            )
        )
        help_menu.addAction(self._action("&About Corpus Reader", self._about))

    # -- settings -------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1360, int(screen.width() * 0.92)), min(860, int(screen.height() * 0.9)))
        state = s.value("window/splitter")
        # Applied once the window has its size, or the layout redistributes the panes.
        self._splitter_state = state if isinstance(state, QByteArray) else None
        self.article_view.font_px = int(str(s.value("view/font_px", 17)))
        self.set_theme(str(s.value("view/theme", "system")), save=False)
        self.act_original.setChecked(s.value("view/original", "false") in (True, "true"))
        hidden = str(s.value("view/hidden_layers", "") or "")
        for layer in filter(None, hidden.split(",")):
            if layer in LAYERS:
                self.article_view.set_layer(layer, False)
        self.legend.set_state(self.article_view.layers)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("view/font_px", self.article_view.font_px)
        s.setValue("view/original", self.act_original.isChecked())
        s.sync()

    def set_theme(self, name: str, save: bool = True) -> None:
        name = name if name in theme.THEMES else "system"
        self.theme_actions[name].setChecked(True)
        self.colours = theme.apply(name)
        self.article_view.set_colours(self.colours)
        self.legend.set_colours(self.colours)
        self.actors_pane.colours = self.colours
        if save:
            self.settings.setValue("view/theme", name)

    def set_font_px(self, px: int) -> None:
        self.article_view.set_font_px(px)
        self.settings.setValue("view/font_px", self.article_view.font_px)
        self.show_status(f"Text size {self.article_view.font_px} px")

    # -- start-up ---------------------------------------------------------------------------
    def _open_store(self) -> None:
        """The annotations, checked first (:func:`reader.backup.open_checked`); a damaged file
        was set aside and :meth:`offer_restore` asks what to do."""
        opened = backup.open_checked(self.where.annotations_db)
        self.store, self.store_error, self.damaged = opened.store, opened.error, opened.damaged

    def offer_restore(self) -> None:
        """Tell the user their annotations file was damaged and offer the newest backup."""
        if self.damaged is None:
            return
        problem, aside = self.damaged
        backups = backup.list_backups(self.where.annotations_db)
        text = (
            f"The annotations file was damaged ({problem}).\n\nIt has been kept unchanged as "
            f"{aside.name}, in {aside.parent}."
        )
        if backups:
            b = backups[0]
            count = (
                "unreadable"
                if b.annotations is None
                else f"{b.annotations} annotation{'' if b.annotations == 1 else 's'}"
            )
            answer = QMessageBox.question(
                self,
                "Annotations damaged",
                f"{text}\n\nRestore the backup of {b.day:%d %B %Y} ({count})?\n"
                "“No” starts with no annotations; the damaged file stays where it is.",
            )
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    backup.restore(b.path, self.where.annotations_db)
                except backup.BackupError as exc:
                    QMessageBox.warning(self, "Annotations", str(exc))
        else:
            QMessageBox.warning(
                self, "Annotations damaged", f"{text}\n\nThere is no backup to restore."
            )
        self.damaged = None
        self._open_store()
        self._notes_changed()
        if self.store is not None:
            self.show_status("Annotations ready.")

    def start(self, first_run_corpus: Path | None = None) -> None:
        """Bring the index up to date, and on an empty library import the bundled corpus."""
        if self.damaged is not None:
            QTimer.singleShot(0, self.offer_restore)
        elif self.store is not None and self.store.read_only:
            self.show_status(
                f"Annotations can be read but not saved now: {self.store.read_only_reason}"
            )
        if self.store is not None and not self.store.read_only:
            self.follow_library()
        if self.library.count() == 0 and first_run_corpus is not None and first_run_corpus.is_dir():
            self.show_status("First run: importing the sample corpus…")
            self.add_paths([str(first_run_corpus)])
        else:
            self.runner.start(_sync_job, self._on_sync_done, self._on_job_error)
            self.run_search()

    def follow_library(self) -> None:
        """Bring the annotations in line with the library in the background: found again by
        their articles' URIs, placed in changed texts (finishing what a crash interrupted)."""
        db = self.where.annotations_db

        def job(ctx: JobContext) -> ReconcileReport:
            library, _index = ctx.stores()
            return jobs.follow_library(db, library)

        def done(report: ReconcileReport) -> None:
            if report.changed:
                self._notes_changed()
            if report.error:
                log.warning("annotations not brought up to date: %s", report.error)

        self.runner.start(job, done, self._on_job_error)

    # -- searching ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_query_edited(self, _text: str) -> None:
        # a result still on its way is for words the user has already changed: drop it
        self._search_generation += 1
        self._search_timer.start()

    def run_search(self) -> None:
        self._search_timer.stop()
        self._search_generation += 1
        generation = self._search_generation
        query = self.search_edit.text().strip()

        annotations_db = self.where.annotations_db

        def job(ctx: JobContext) -> tuple[str, Any]:
            library, index = ctx.stores()
            if not query:
                return "ok", browse(library)
            try:
                return "ok", find(index, library)
            except QueryError as exc:
                return "query-error", str(exc)
            except IndexUnavailable:
                if ctx.index_busy():  # being built by an import: it searches again when done
                    return "query-error", "The search index is being built; results follow."
                ctx.sync_index(rebuild=True, report_progress=False)
                return "ok", find(index, library)

        def find(index: SearchIndex, library: Library) -> SearchResult:
            # the list first; its facet counts follow in a job of their own (_fetch_facets)
            return annotation_search(
                index, library, annotations_db, query, limit=200, snippets=PAGE, with_facets=False
            )

        self.runner.start(
            job, lambda res: self._on_search_done(generation, query, res), self._on_job_error
        )

    def _fetch_facets(self, generation: int, query: str) -> None:
        def job(ctx: JobContext) -> dict[str, list[tuple[str, int]]]:
            _library, index = ctx.stores()
            try:
                return index.facets(query)
            except (QueryError, IndexUnavailable):
                return {}

        def done(facets: dict[str, list[tuple[str, int]]]) -> None:
            if generation == self._search_generation:  # still the query on screen
                self.facets.show(facets)
                self.facetsFinished.emit(facets)

        self.runner.start(job, done, self._on_job_error)

    def _fetch_snippets(
        self, hits: list[SearchHit], done: Callable[[list[SearchHit]], None]
    ) -> None:
        terms = self._result.terms if self._result else []

        def job(ctx: JobContext) -> list[SearchHit]:
            library, index = ctx.stores()
            return index.snippets(library, hits, terms)

        self.runner.start(job, done, self._on_job_error)

    def _on_search_done(self, generation: int, query: str, res: tuple[str, Any]) -> None:
        if generation != self._search_generation:
            return  # the user has typed on since; a newer search is coming
        kind, value = res
        if kind == "query-error":
            self.message_label.setText(value)
            self.message_label.setStyleSheet("color: #c0392b")
            self.message_label.show()
            self.searchFinished.emit(None)
            return
        result: SearchResult = value
        self._result = result
        if result.message:
            self.message_label.setText(result.message)
            self.message_label.setStyleSheet("color: palette(placeholder-text)")
            self.message_label.show()
        else:
            self.message_label.hide()
        keep = self._open_id
        self.results_model.set_hits(result.hits)
        if query and split_query(query)[0] is None:
            self._fetch_facets(generation, query)  # the counts follow; the old stay till then
        else:
            self.facets.show(result.facets if query else {})
        if query:
            shown = f" (showing {len(result.hits)})" if result.total > len(result.hits) else ""
            self.count_label.setText(
                f"{result.total:,} result{'s' if result.total != 1 else ''}{shown}"
            )
        else:
            self.count_label.setText(
                f"{result.total:,} article{'s' if result.total != 1 else ''} in the library"
            )
        empty = not result.hits
        self.results_view.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if empty and query:
            self.empty_label.setText(
                f"No results for {query}.\n\nTry fewer words, a wildcard (sanct*), a fuzzy term "
                "(kremlim~) or OR between alternatives. Help ▸ Search Syntax lists the rest."
            )
        elif empty:
            self.empty_label.setText(
                "The library is empty.\n\nAdd files or a folder (Ctrl+O), or drop them here."
            )
        self.article_view.set_terms(result.terms)
        # Keep the open article selected if it is among the results.
        for row, hit in enumerate(result.hits[: self.results_model.shown]):
            if hit.article_id == keep:
                self.results_view.selectionModel().blockSignals(True)
                self.results_view.setCurrentIndex(self.results_model.index(row))
                self.results_view.selectionModel().blockSignals(False)
                break
        else:
            # The open article is not among the results: show the best one instead.
            if result.hits:
                self.results_view.setCurrentIndex(self.results_model.index(0))
        self.searchFinished.emit(result)

    def _open_first_result(self) -> None:
        self.run_search()
        if self.results_model.rowCount():
            self.results_view.setCurrentIndex(self.results_model.index(0))
            self.results_view.setFocus()

    def _focus_article(self) -> None:
        self.article_view.setFocus()

    def _step_article(self, delta: int) -> None:
        rows = self.results_model.rowCount()
        if not rows:
            return
        row = self.results_view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(rows - 1, row + delta))
        self.results_view.setCurrentIndex(self.results_model.index(row))

    # -- reading --------------------------------------------------------------------------------
    def open_hit(self, hit: SearchHit | None) -> None:
        """Open a result; a quote found by a speaker: search opens at the quote."""
        if hit is None:
            return
        if hit.article_id != self._open_id:
            self.open_article(hit.article_id)
        if hit.quote_start is not None and hit.quote_end is not None:
            self.article_view.flash(hit.quote_start, hit.quote_end)

    def open_article(self, article_id: int | None) -> None:
        if article_id is None:
            return
        article = self.library.get(int(article_id))
        self._open_id = article.id if article else None
        terms = self._result.terms if self._result else []
        spans = self.library.spans(article.id, article.text) if article else []
        self.article_view.set_article(article, terms, spans)
        text = article.text if article else ""
        self.quotes_pane.show_spans(text, spans)
        self.claims_pane.show_spans(text, spans)
        self.actors_pane.show_spans(text, spans)
        self.details.show_article(article)
        self._notes_changed()
        self.setWindowTitle(
            f"{article.display_title} — Corpus Reader" if article else "Corpus Reader"
        )

    def set_layer(self, layer: str, on: bool) -> None:
        self.article_view.set_layer(layer, on)
        self.legend.set_state(self.article_view.layers)
        hidden = [x for x in LAYERS if x not in self.article_view.layers]
        self.settings.setValue("view/hidden_layers", ",".join(hidden))

    def show_actor(self, name: str) -> None:
        """List the articles that mention an actor (the Actors tab's click)."""
        self.search_edit.setText(f'actor:"{name}"')
        self.run_search()

    def add_facet(self, field: str, value: str) -> None:
        """Narrow the current search to one actor or source (a facet's click)."""
        term = f'{field}:"{value}"'
        query = self.search_edit.text().strip()
        if term not in query:
            self.search_edit.setText(f"{query} {term}".strip())
        self.run_search()

    def set_show_original(self, on: bool) -> None:
        self.article_view.set_show_original(bool(on))
        self.settings.setValue("view/original", bool(on))

    def _on_hit_changed(self, current: int, total: int) -> None:
        has = total > 0
        self.hit_prev.setEnabled(has)
        self.hit_next.setEnabled(has)
        if self.article_view.article is None or not self.article_view.terms:
            self.hit_label.setText("")
        elif has:
            self.hit_label.setText(f"{current + 1} of {total}")
        else:
            self.hit_label.setText("No hits here")

    # -- importing ------------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Add articles",
            str(Path.home()),
            "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)",
        )
        if files:
            self.add_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Add a folder of articles", str(Path.home())
        )
        if folder:
            self.add_paths([folder])

    def add_paths(self, paths: list[str]) -> None:
        if self._import_job is not None:
            self._pending_imports.append(paths)
            self.show_status("Import queued: it starts when the current one ends.")
            return
        self._import_started = time.monotonic()
        self.progress.setRange(0, 0)
        self.progress.setFormat("Scanning…")
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.show_status("Importing…")

        def job(ctx: JobContext) -> tuple[ImportReport, SyncReport]:
            return ctx.import_and_index(paths)

        self._import_job = self.runner.start(
            job, self._on_import_done, self._on_import_error, self._on_import_progress
        )

    def cancel_import(self) -> None:
        if self._import_job is not None:
            self._import_job.cancel()
            self._pending_imports.clear()
            self.cancel_button.setEnabled(False)
            self.show_status("Cancelling — finishing the current file…")

    def _on_import_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label == ANALYSING:
            self.progress.setFormat("Analysing %v / %m")
            self.show_status("Finding actors, quotes and claims…")
            return
        if label == INDEXING:
            self.progress.setFormat("Indexing %v / %m")
            self.show_status("Updating the search index…")
            return
        elapsed = max(time.monotonic() - self._import_started, 1e-6)
        rate = done / elapsed
        eta = (total - done) / rate if rate > 0 else 0
        self.progress.setFormat("%v / %m files")
        self.show_status(
            f"Importing {Path(label).name} — {rate:,.0f} files/s, about {eta:,.0f} s left"
        )

    def _on_import_done(self, res: tuple[ImportReport, SyncReport]) -> None:
        report, sync = res
        self._import_job = None
        self.progress.hide()
        self.cancel_button.hide()
        prefix = "Import cancelled: " if report.cancelled else "Imported: "
        self.show_status(prefix + report.summary() + (f". {sync.message}" if sync.message else ""))
        self._last_refused = report.refused
        if report.refused:
            n = len(report.refused)
            self.errors_button.setText(f"⚠ {n} file{'s' if n != 1 else ''} not imported")
            self.errors_button.show()
        else:
            self.errors_button.hide()
        self.run_search()
        self.importFinished.emit(report)
        if self._pending_imports:
            self.add_paths(self._pending_imports.pop(0))

    def _on_import_error(self, message: str, trace: str) -> None:
        self._import_job = None
        self.progress.hide()
        self.cancel_button.hide()
        self._on_job_error(message, trace)
        self.importFinished.emit(None)

    def show_import_errors(self) -> None:
        if not self._last_refused:
            QMessageBox.information(self, "Import problems", "The last import had no problems.")
            return
        rows = "".join(
            f"<tr><td>{html.escape(e.path)}</td><td>{html.escape(e.reason or '')}</td></tr>"
            for e in self._last_refused
        )
        box = QMessageBox(self)
        box.setWindowTitle("Files not imported")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(f"{len(self._last_refused)} file(s) were not imported. Everything else was.")
        box.setInformativeText(
            f"<table cellspacing=4><tr><th align=left>File</th><th align=left>Why</th></tr>{rows}</table>"
        )
        box.open()

    # -- index ----------------------------------------------------------------------------------
    def rebuild_index(self) -> None:
        self.show_status("Rebuilding the search index…")
        self.progress.setRange(0, 0)
        self.progress.setFormat("Indexing…")
        self.progress.show()

        def job(ctx: JobContext) -> SyncReport:
            return ctx.sync_index(rebuild=True)

        self.runner.start(job, self._on_sync_done, self._on_job_error, self._on_import_progress)

    def _on_sync_done(self, report: SyncReport) -> None:
        self.progress.hide()
        if report.message:
            self.show_status(report.message)
        if report.changed:
            self.run_search()

    def _on_job_error(self, message: str, trace: str) -> None:
        log.error("background job failed: %s\n%s", message, trace)
        self.show_status(f"Error: {message}")
        QMessageBox.warning(self, "Corpus Reader", f"Something went wrong:\n\n{message}")

    # -- misc -----------------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def show_syntax_help(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle("Search syntax")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(SYNTAX_HELP)
        box.open()

    def _about(self) -> None:
        from reader import __version__

        QMessageBox.about(
            self,
            "About Corpus Reader",
            f"<b>Corpus Reader</b> {__version__}<br>Read, search and annotate news offline.<br>"
            f"Library: {html.escape(str(self.where.root))}",
        )

    def _open_library_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.where.root)))

    # -- drag and drop --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.add_paths(files)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._splitter_state is not None:
            self.splitter.restoreState(self._splitter_state)
            self._splitter_state = None

    # -- annotations -----------------------------------------------------------------------------
    def _notes_changed(self) -> None:
        """Show the open article's annotations as they are in the store now."""
        article = self.article_view.article
        notes = (
            self.store.for_article(article.uri, article.text)
            if self.store is not None and article is not None
            else []
        )
        self.article_view.set_notes(notes)
        self.notes_pane.show_notes(article.text if article else "", notes)
        self.side_tabs.setTabText(
            self.side_tabs.indexOf(self.notes_pane), f"Notes ({len(notes)})" if notes else "Notes"
        )

    def show_all_annotations(self) -> None:
        """The library-wide annotations view (non-modal: read on while it is open)."""
        if not self._can_annotate():
            return
        assert self.store is not None
        view = AnnotationsView(self.store, self.library, self)
        view.openRequested.connect(self.open_annotation)
        view.exportRequested.connect(lambda ids: self.export_annotations(ids))
        self.undo_stack.indexChanged.connect(lambda _i: self._refresh_all_annotations(view))
        self.all_annotations = view
        view.show()

    def _refresh_all_annotations(self, view: AnnotationsView) -> None:
        if self.store is not None and view.isVisible():
            view.refresh()

    def open_annotation(self, article_id: int, start: int, end: int) -> None:
        """Open an article at one of its annotations."""
        if self._open_id != article_id:
            self.open_article(article_id)
        if end > start:
            self.article_view.flash(start, end)
        self.side_tabs.setCurrentWidget(self.notes_pane)

    def export_annotations(self, ids: tuple[str, ...] = ()) -> None:
        """Export annotations in a background job; the store is only read."""
        if not self._can_annotate():
            return
        article = self.article_view.article
        dialog = ExportDialog(self.settings, article.uri if article else None, self, ids=ids)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fmt, filters, options = dialog.chosen()
        name = {"md": "annotations.md", "html": "annotations.html", "csv": "annotations.csv"}.get(
            fmt, f"annotations-{fmt}.jsonld"
        )
        start_dir = str(self.settings.value("export/dir", str(Path.home())))
        target, _ = QFileDialog.getSaveFileName(
            self, "Export annotations", str(Path(start_dir) / name), EXPORT_FORMATS[fmt][1]
        )
        if not target:
            return
        self.settings.setValue("export/dir", str(Path(target).parent))
        where = self.where

        def job(ctx: JobContext) -> tuple[int, str]:
            library, _index = ctx.stores()
            with AnnotationStore(where.annotations_db) as store:
                items = collect(store, library, filters)
            write_atomic(Path(target), render(fmt, items, **options))
            return len(items), target

        def done(result: tuple[int, str]) -> None:
            count, path = result
            self.show_status(f"Exported {count} annotation(s) to {path}")

        self.show_status("Exporting…")
        self.runner.start(job, done, self._on_job_error)

    def _can_annotate(self) -> bool:
        if self.store is None:
            QMessageBox.warning(
                self,
                "Corpus Reader",
                "Annotations cannot be saved: " + (self.store_error or "no annotation store"),
            )
            return False
        return True

    def annotate_selection(
        self,
        colour: str,
        edit: bool = False,
        claim: bool = False,
        claimant: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        """Highlight the selected words (or ``span``); with ``edit``, open the note dialog."""
        article = self.article_view.article
        where = span or self.article_view.selected_range()
        if article is None or where is None:
            self.show_status("Select some words in the article first.")
            return
        if not self._can_annotate():
            return
        assert self.store is not None
        start, end = where
        ann = new_annotation(
            article.id,
            article.uri,
            article.text,
            start,
            end,
            article_hash=article.content_hash,
            colour=colour,
            claim=claim,
            claimant=claimant,
            status="to check" if claim else None,
        )
        if edit:
            dialog = AnnotationDialog(ann, article.text[start:end], self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            edited = self._with_bodies(ann, dialog)
            if edited is None:
                return
            ann = edited
        self._push(CreateCommand(self.store, self._notes_changed, ann))
        self.show_status("Annotation saved.")

    def _with_bodies(self, ann: Annotation, dialog: AnnotationDialog) -> Annotation | None:
        try:
            return with_body(ann, **dialog.bodies())
        except (ValueError, TypeError) as exc:
            QMessageBox.warning(self, "Corpus Reader", f"Not saved: {exc}")
            return None

    def edit_annotation(self, annotation_id: str) -> None:
        if self.store is None:
            return
        ann = self.store.get(annotation_id)
        if ann is None:
            return
        dialog = AnnotationDialog(ann, ann.quote.exact, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = self._with_bodies(ann, dialog)
        if new is not None and new != ann:
            self._push(EditCommand(self.store, self._notes_changed, ann, new))

    def delete_annotation(self, annotation_id: str) -> None:
        if self.store is None:
            return
        ann = self.store.get(annotation_id)
        if ann is not None:
            self._push(DeleteCommand(self.store, self._notes_changed, ann))
            self.show_status("Annotation deleted (Ctrl+Z to undo).")

    def track_claim(self, start: int, end: int, claimant: str) -> None:
        """Promote a claim the analysis found to a tracked claim, keeping its claimant."""
        self.annotate_selection("orange", claim=True, claimant=claimant or None, span=(start, end))

    def _push(self, command: QUndoCommand) -> None:
        try:
            self.undo_stack.push(command)  # runs redo(): the store write
        except AnnotationStoreError as exc:
            QMessageBox.warning(self, "Corpus Reader", f"Not saved: {exc}")
            self._notes_changed()

    def _article_menu(self, pos: QPoint) -> None:
        view = self.article_view
        standard = view.createStandardContextMenu(pos)
        menu = QMenu(view)
        offset = view.offset_at(pos)
        here = view.notes_at(offset) if offset is not None else []
        if view.selected_range() is not None:
            colours = menu.addMenu("Highlight")
            for name, hexa in NOTE_COLOURS.items():
                act = colours.addAction(swatch(QColor(hexa)), name.capitalize())
                act.triggered.connect(lambda _c=False, n=name: self.annotate_selection(n))
            menu.addAction(self.act_note)
            menu.addAction(self.act_claim)
            menu.addSeparator()
        for note in here:
            label = note.quote.exact[:30] + ("…" if len(note.quote.exact) > 30 else "")
            edit = menu.addAction(f"Edit Annotation “{label}”…")
            edit.triggered.connect(lambda _c=False, i=note.id: self.edit_annotation(i))
            delete = menu.addAction(f"Delete Annotation “{label}”")
            delete.triggered.connect(lambda _c=False, i=note.id: self.delete_annotation(i))
            menu.addSeparator()
        menu.addActions(standard.actions())
        menu.exec(view.viewport().mapToGlobal(pos))
        standard.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click (not a drag) on one of the user's highlights opens it for editing."""
        if (
            watched is self.article_view.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.article_view.selected_range() is None
        ):
            offset = self.article_view.offset_at(event.position().toPoint())
            here = self.article_view.notes_at(offset) if offset is not None else []
            if here:
                QTimer.singleShot(0, lambda i=here[0].id: self.edit_annotation(i))
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.runner.shutdown()
        if self.store is not None:
            store, self.store = self.store, None  # nothing may use it once closed
            store.close()
        self.library.close()
        super().closeEvent(event)


def _short_path(path: str) -> str:
    """The path relative to the working folder, or with the home folder as ~, for display."""
    p = Path(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + p.resolve().relative_to(base).as_posix()
        except ValueError:
            continue
    return path


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button


def _sync_job(ctx: JobContext) -> SyncReport:
    return ctx.sync_index()


class _DetailsPane(QWidget):
    """Where the open article came from and what the importer made of it."""

    FIELDS = (
        "Title",
        "Source",
        "Byline",
        "Date",
        "File",
        "Format",
        "Encoding",
        "Words",
        "Identifier",
    )

    def __init__(self) -> None:
        super().__init__()
        self.form = QFormLayout(self)
        self.form.setContentsMargins(10, 10, 10, 10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for name in self.FIELDS:
            label = QLabel(wordWrap=True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)
            # long unbreakable values (paths, URNs) must not widen the side pane
            label.setMinimumWidth(60)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.values[name] = label
            self.form.addRow(name, label)
        self.show_article(None)

    def show_article(self, article: Article | None) -> None:
        if article is None:
            for label in self.values.values():
                label.setText("—")
            return
        words = len(article.text.split())
        original = len(article.original.split())
        dropped = max(0, original - words)
        values = {
            "Title": article.title or "(not found)",
            "Source": article.source or "(not found)",
            "Byline": article.byline or "(not found)",
            "Date": article.date or "(not found)",
            "File": _short_path(article.path)
            + (
                f" — deleted (found missing {article.missing_since[:10]}); kept with its"
                " annotations, not searched"
                if article.missing_since
                else ""
            ),
            "Format": article.format,
            "Encoding": article.encoding,
            "Words": f"{words:,} ({dropped:,} words of page furniture removed)"
            if dropped
            else f"{words:,}",
            "Identifier": article.uri,
        }
        for name, value in values.items():
            self.values[name].setText(value)
        self.values["File"].setToolTip(article.path)
