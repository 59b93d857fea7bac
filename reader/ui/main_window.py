"""The main window: it puts the parts together and wires them — search and results on the left
(:mod:`~reader.ui.search_panel`), the article in the centre (:mod:`~reader.ui.reading_panel`),
its quotes, claims, actors, notes and details on the right (:mod:`~reader.ui.side_panel`), the
import and annotation controllers, the actions (:mod:`~reader.ui.actions`) and one channel for
messages (:mod:`~reader.ui.messages`). What happens is the workspace's; the window shows it."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
)

from reader.analysis.batch import ChildAnalyser
from reader.model import Article, Layers, SearchHit, SearchResult
from reader.paths import LibraryPaths
from reader.query_marks import actor_marks
from reader.ui import theme
from reader.ui.actions import Actions
from reader.ui.annotating import AnnotationController
from reader.ui.cleaning_dialog import CleaningController
from reader.ui.correcting import CorrectionController
from reader.ui.curating import CurationController
from reader.ui.help_text import show_about, show_syntax
from reader.ui.importing import ImportController
from reader.ui.layer_words import LAYERS
from reader.ui.messages import Messages
from reader.ui.panes import Panes
from reader.ui.printing import PrintController
from reader.ui.reading_panel import ReadingPanel
from reader.ui.saved_view import SavedController
from reader.ui.search_panel import SearchPanel
from reader.ui.session import Session
from reader.ui.side_panel import SidePanel
from reader.ui.timeline_view import TimelineController
from reader.ui.trace_views import TraceController
from reader.ui.window_settings import WindowSettings
from reader.ui.workers import JobContext, JobRunner
from reader.workspace import Workspace

log = logging.getLogger(__name__)


#: How long a passing note stays in the status bar (an error stays).
STATUS_MS = 20_000
#: Characters from which an article's text is shown before its layers are read (in the
#: background): the 17,000 spans of a 1 MB article took 0.3 s to read on the window's thread.
LONG_ARTICLE = 200_000


class MainWindow(WindowSettings, QMainWindow):
    def __init__(self, where: LibraryPaths, settings: QSettings) -> None:
        super().__init__()
        self.where = where
        self.settings = settings
        self.workspace = Workspace(where)
        self.workspace.library()  # a library that cannot be opened is said before the window
        self.workspace.analyser = ChildAnalyser()  # an article's first analysis: not here
        self.messages = Messages(self)
        self.runner = JobRunner(where.library_db, self)
        self.colours = theme.colours(False)
        self._layers = Layers()  # the open article's analysis, whole
        #: whether the open article's layers are still being read or analysed
        self.layers_pending = False
        self.setWindowTitle("Corpus Reader")
        self.setAcceptDrops(True)

        self.search = SearchPanel(self.workspace, self.runner, self.messages)
        self.reading = ReadingPanel()
        self.side = SidePanel()
        self.imports = ImportController(self.workspace, self.runner, self.messages, self)
        self.annotations = AnnotationController(
            self.workspace,
            self.runner,
            self.messages,
            settings,
            self.reading.view,
            self.side,
            self,
        )
        self.splitter = Panes(self.search, self.reading, self.side)
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.imports.errors_button)
        bar.addPermanentWidget(self.imports.progress)
        bar.addPermanentWidget(self.imports.cancel_button)

        self.commands = Actions(self)
        self.menus = self.commands.build_menus(self.menuBar())
        self.session = Session(
            self,
            where,
            settings,
            self.search,
            self.reading,
            self.messages,
            self.open_article,
        )
        self.printing = PrintController(
            self.workspace, self.reading, settings, self.messages, lambda: self.colours, self
        )
        self.tracing = TraceController(self.workspace, self.reading, self.side, self)
        self.cleaning = CleaningController(
            self.workspace, self.runner, self.messages, self.reading, self._after_cleaning, self
        )
        self.correcting = CorrectionController(
            self.workspace,
            self.runner,
            self.messages,
            self.reading,
            self.side,
            self._reopen,
            self.imports.show_progress,
            self,
        )
        self.curating = CurationController(
            self.workspace,
            self.runner,
            self.messages,
            self.open_article,
            lambda: self.search.open_id,
            self._after_removal,
            self.imports.show_progress,
            self,
        )
        self.timeline = TimelineController(
            self.workspace,
            self.runner,
            self.search.timeline,
            self.search.set_query,
            lambda: self.search.query,
        )
        self.saved = SavedController(
            self.workspace,
            self.runner,
            self.messages,
            self.search.saved,
            lambda: self.search.query,
            self.search.set_query,
            lambda: self.search.open_id,
            self,
        )
        recent = self.menus["file/recent"]
        recent.aboutToShow.connect(lambda: self.session.fill_recent(recent))
        self._wire()
        self._restore_settings()

    # -- wiring -----------------------------------------------------------------------------------
    def _wire(self) -> None:
        a, view = self.commands, self.reading.view
        self.messages.status.connect(self._status)
        self.messages.warning.connect(lambda title, text: QMessageBox.warning(self, title, text))
        self.messages.error.connect(self._failed)
        self.search.hitChosen.connect(self.open_hit)
        self.search.hitActivated.connect(lambda _hit: view.setFocus())
        self.search.searchFinished.connect(self._searched)
        self.imports.libraryChanged.connect(self.search.run)
        self.annotations.openRequested.connect(self.open_annotation)
        self.annotations.connect_actions(a)
        for pane in (self.side.quotes, self.side.claims, self.side.actors):
            pane.spanActivated.connect(view.flash)
        a.on("speaker_view", self.tracing.speaker_view)
        a["timeline"].toggled.connect(self.show_timeline)
        a.on("save_search", self.saved.save_search)
        a.on("add_to_collection", self.saved.add_article)
        a.on("add_results_to_collection", self.saved.add_results)
        a.on("remove_from_collection", self.saved.remove_article)
        self.imports.importFinished.connect(lambda *_: self.saved.refresh())
        self.search.searchFinished.connect(self.timeline.follow)
        self.side.actors.mentionsRequested.connect(self._mentions)
        for name in ("remove_article", "remove_folder", "find_duplicates", "hidden_articles"):
            a.on(name, getattr(self.curating, name))
        self.side.actors.actorActivated.connect(self.show_actor)
        self.side.claims.thresholdChanged.connect(self.set_claim_threshold)
        self.reading.legend.toggled.connect(self.set_layer)
        a.on("add_files", self.imports.choose_files)
        a.on("add_folder", self.imports.choose_folder)
        a.on("open_library", lambda: self.session.choose_library())
        a.on("quit", self.close)
        a.on("find", self.search.focus)
        a.on("next_hit", view.next_hit)
        a.on("previous_hit", view.previous_hit)
        a["original"].toggled.connect(self.set_show_original)
        self.reading.original_button.toggled.connect(a["original"].setChecked)
        a["original"].toggled.connect(self.reading.original_button.setChecked)
        a.on("next_article", lambda: self.search.step(1))
        a.on("previous_article", lambda: self.search.step(-1))
        a.on("larger_text", lambda: self.set_font_px(view.font_px + 1))
        a.on("smaller_text", lambda: self.set_font_px(view.font_px - 1))
        a.on("reset_text", lambda: self.set_font_px(17))
        for name in theme.THEMES:
            a.on(f"theme_{name}", lambda n=name: self.set_theme(n))
        a.on("rebuild_index", lambda: self.imports.update_index(rebuild=True))
        a.on("review_cleaning", self.cleaning.review)
        a.on("print_article", self.printing.print_article)
        a.on("article_pdf", self.printing.article_pdf)
        a.on("report_pdf", self.printing.report_pdf)
        self.side.details.reviewRequested.connect(self.cleaning.review)
        a.on("import_problems", self.imports.show_problems)
        a.on("open_folder", self._open_library_folder)
        a.on("syntax", lambda: show_syntax(self))
        a.on("about", lambda: show_about(self, self.where.root))

    def _status(self, text: str) -> None:
        """A passing note: gone after a while unless another replaced it (an import's summary
        stayed until the next message, long after it was news)."""
        self.status_label.setText(text)
        QTimer.singleShot(STATUS_MS, self, lambda: self._clear_status(text))

    def _clear_status(self, text: str) -> None:
        if self.status_label.text() == text:
            self.status_label.clear()

    def _failed(self, message: str, _trace: str) -> None:
        self.status_label.setText(f"Error: {message}")
        QMessageBox.warning(self, "Corpus Reader", f"Something went wrong:\n\n{message}")

    # -- start-up -------------------------------------------------------------------------------
    def start(self, first_run_corpus: Path | None = None) -> None:
        """Bring the index up to date, and on an empty library import the bundled corpus."""
        self.annotations.start()
        self.saved.refresh()
        library = self.workspace.library()
        if library.count() == 0 and first_run_corpus is not None and first_run_corpus.is_dir():
            self.messages.info("First run: importing the sample corpus…")
            self.imports.add([str(first_run_corpus)])
        else:
            self.imports.update_index()
            if not self.session.restore():  # the last search, article and place, or all
                self.search.run()

    # -- reading --------------------------------------------------------------------------------
    def _searched(self, result: SearchResult | None) -> None:
        if result is not None:
            marks = actor_marks(self.search.query, self._layers)
            self.reading.view.set_terms(result.terms, marks)

    def open_hit(self, hit: SearchHit | None) -> None:
        """Open a result; a quote found by a speaker: search, or an annotation, opens at it."""
        if hit is None:
            return
        if hit.article_id != self.search.open_id:
            self.open_article(hit.article_id)
        if hit.quote_start is not None and hit.quote_end is not None:
            self.reading.view.flash(hit.quote_start, hit.quote_end)

    def open_article(self, article_id: int | None) -> None:
        """Show an article at once, with its cached layers; an article never analysed is
        analysed in the background and its layers drawn when ready."""
        if article_id is None:
            return
        library = self.workspace.library()
        article = library.get(int(article_id))
        self.search.open_id = article.id if article else None
        self.layers_pending = False
        long = article is not None and len(article.text) > LONG_ARTICLE
        # a long article's cached layers take a while to read: its text is shown first (unless
        # they are still in memory from a moment ago)
        remembered = self.workspace.remembered_layers(article) if article and long else None
        if remembered is not None:
            self._show(article, remembered, analysing=False)
            return
        cached = library.cached_spans(article.id) if article and not long else []
        to_come = article is not None and (cached is None or long)
        self._show(article, Layers.from_spans(cached or []), analysing=to_come)
        if article is not None and to_come:
            ws = self.workspace

            def job(_ctx: JobContext) -> Layers:
                return ws.layers(article)

            def done(layers: Layers) -> None:
                if self.reading.view.article is article:  # still the one on screen
                    self.layers_pending = False
                    self._show_layers(article, layers)

            def failed(text: str, trace: str = "") -> None:
                self.messages.fail(text, trace)
                if self.reading.view.article is article:  # no layers are coming after all
                    self.layers_pending = False
                    self.side.show_article(article, self._layers, self.tracing.repeated(article))

            self.layers_pending = True
            self.runner.start(job, done, failed)

    def _show_layers(self, article: Article, layers: Layers) -> None:
        """The layers of the article on screen, come after its text: its highlights and panes."""
        self._layers = layers
        marks = actor_marks(self.search.query, layers)
        self.reading.view.set_analysis(self._underlined(layers), marks)
        self.side.show_article(article, layers, self.tracing.repeated(article))

    def _show(
        self,
        article: Article | None,
        layers: Layers,
        keep_place: bool = False,
        analysing: bool = False,
    ) -> None:
        view = self.reading.view
        place = view.verticalScrollBar().value()
        terms = self.search.result.terms if self.search.result else []
        self._layers = layers
        marks = actor_marks(self.search.query, layers)
        view.set_article(article, terms, self._underlined(layers), marks)
        if keep_place:
            view.verticalScrollBar().setValue(place)
        self.side.show_article(article, layers, self.tracing.repeated(article), analysing)
        self.annotations.refresh()
        self.setWindowTitle(
            f"{article.display_title} — Corpus Reader" if article else "Corpus Reader"
        )

    def _underlined(self, layers: Layers) -> Layers:
        """The layers the article shows: claims only from the Claims tab's score filter up."""
        least = self.side.claims.threshold
        return replace(layers, claims=tuple(c for c in layers.claims if c.score >= least))

    def set_claim_threshold(self, least: float) -> None:
        self.settings.setValue("view/claim_threshold", least)
        view = self.reading.view
        if view.article is not None:
            self._show(view.article, self._layers, keep_place=True)

    def show_timeline(self, on: bool) -> None:
        """View ▸ Show Timeline: under the results, following the search."""
        self.search.timeline.setVisible(bool(on))
        self.settings.setValue("view/timeline", bool(on))
        if on:
            self.timeline.follow()

    def _mentions(self, name: str) -> None:
        self.commands["timeline"].setChecked(True)
        self.timeline.mentions(name)

    def _after_removal(self) -> None:
        """After articles left the library: the open one closes if it was among them."""
        article = self.reading.view.article
        if article is not None and self.workspace.library().get(article.id) is None:
            self.search.open_id = None
            self._show(None, Layers())
        self.search.run()
        self.annotations.refresh()
        self.saved.refresh()

    def _after_cleaning(self, updated: Article) -> None:
        self.open_article(updated.id)
        self.search.run()

    def _reopen(self) -> None:
        """Show the open article again with its analysis as stored now (after a correction)."""
        article = self.reading.view.article
        if article is not None:
            fresh = self.workspace.library().get(article.id)
            if fresh is not None:
                self._show(fresh, self.workspace.layers(fresh), keep_place=True)
        self.search.run()

    def open_annotation(self, article_id: int, start: int, end: int) -> None:
        """Open an article at one of its annotations."""
        if self.search.open_id != article_id:
            self.open_article(article_id)
        if end > start:
            self.reading.view.flash(start, end)
        self.side.setCurrentWidget(self.side.notes)

    def set_layer(self, layer: str, on: bool) -> None:
        view = self.reading.view
        view.set_layer(layer, on)
        self.reading.legend.set_state(view.layers)
        hidden = [x for x in LAYERS if x not in view.layers]
        self.settings.setValue("view/hidden_layers", ",".join(hidden))

    def show_actor(self, name: str) -> None:
        """List the articles that mention an actor (the Actors tab's click)."""
        self.search.set_query(f'actor:"{name}"')

    def set_show_original(self, on: bool) -> None:
        self.reading.view.set_show_original(bool(on))
        self.settings.setValue("view/original", bool(on))

    # -- misc -----------------------------------------------------------------------------------
    def _open_library_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.where.root)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.imports.add(files)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.splitter.fit(event.size().width())
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.splitter.settle(self.width())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.save()
        self.save_settings()
        self.runner.shutdown()
        self.annotations.close()
        self.workspace.close()
        super().closeEvent(event)
