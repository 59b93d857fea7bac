"""Adding articles from the window: the file and folder dialogs, drops, the progress bar with
its rate and time left, Cancel, the list of files that could not be imported, and index
rebuilds. The work itself is the workspace's, on a worker thread (a big import in a process of
its own)."""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QToolButton, QWidget

from reader.model import ImportEntry
from reader.search import SyncReport
from reader.ui.messages import Messages
from reader.ui.reading_panel import tool_button
from reader.ui.workers import Job, JobContext, JobRunner
from reader.wording import count
from reader.workspace import ImportResult, Progress, Stage, Workspace


class ImportController(QObject):
    #: an import (and the index update after it) has finished: its ImportReport, or None
    importFinished = Signal(object)
    #: the library changed (an import or a rebuilt index): searches should run again
    libraryChanged = Signal()

    def __init__(
        self, workspace: Workspace, runner: JobRunner, messages: Messages, window: QWidget
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.runner = runner
        self.messages = messages
        self.window = window
        self.job: Job | None = None
        self.queued: list[list[str]] = []
        self.started = 0.0
        self._stage: Stage | None = None
        self._stage_started = 0.0
        self._rate: float | None = None
        self.refused: list[ImportEntry] = []
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = tool_button("Cancel", "Stop the import; what is done is kept")
        self.cancel_button.setAutoRaise(False)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.errors_button = QToolButton(autoRaise=True)
        self.errors_button.hide()
        self.errors_button.clicked.connect(self.show_problems)

    # -- starting -----------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window,
            "Add articles",
            str(Path.home()),
            "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)",
        )
        if files:
            self.add(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, "Add a folder of articles", str(Path.home())
        )
        if folder:
            self.add([folder])

    def add(self, paths: list[str]) -> None:
        if self.job is not None:
            self.queued.append(paths)
            self.messages.info("Import queued: it starts when the current one ends.")
            return
        self.started = time.monotonic()
        self._stage = None
        self.progress.setRange(0, 0)
        self.progress.setFormat("Scanning…")
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.messages.info("Importing…")
        ws = self.workspace

        def job(ctx: JobContext) -> ImportResult:
            return ws.import_paths(paths, ctx.progress, ctx.cancelled, isolate=True)

        self.job = self.runner.start(job, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.queued.clear()
            self.cancel_button.setEnabled(False)
            self.messages.info(
                "Cancelling — stopping after the files being read now; what is imported stays"
            )

    # -- while it runs ------------------------------------------------------------------------
    def show_progress(self, event: Progress) -> None:
        """Progress of another long job (a library analysed again), in the same bar."""
        self.progress.show()
        self._progress(event)
        if event.done >= event.total:
            self.progress.hide()

    def _progress(self, event: Progress) -> None:
        self.progress.setRange(0, max(event.total, 1))
        self.progress.setValue(event.done)
        self.progress.setFormat("%p%")
        if event.stage is not self._stage:  # each stage has its own pace
            self._stage, self._stage_started, self._rate = event.stage, time.monotonic(), None
        what = {
            Stage.IMPORTING: "Importing",
            Stage.ANALYSING: "Finding actors, quotes and claims in",
            Stage.INDEXING: "Indexing",
        }[event.stage]
        noun = "files" if event.stage is Stage.IMPORTING else "articles"
        line = f"{what} {event.done:,} of {event.total:,} {noun}"
        pace = self._pace(event)
        if pace:
            line += f" — {pace}"
        if event.stage is Stage.IMPORTING and event.item:
            line += f" ({Path(event.item).name})"
        self.messages.info(line)

    def _pace(self, event: Progress) -> str:
        """Rate and time left, once there is enough to judge by: a smoothed rate, shown after a
        few seconds and a few per cent (the first seconds, which load word lists and start
        workers, made the first estimates alarming)."""
        elapsed = time.monotonic() - self._stage_started
        if elapsed < 3 or event.done < max(5, event.total // 50):
            return ""
        rate = event.done / elapsed
        self._rate = rate if self._rate is None else 0.7 * self._rate + 0.3 * rate
        left = (event.total - event.done) / self._rate if self._rate > 0 else 0
        when = f"about {left:,.0f} s left" if left < 120 else f"about {left / 60:,.0f} min left"
        return f"{self._rate:,.0f} a second, {when}"

    def _done(self, result: ImportResult) -> None:
        report, sync = result.report, result.sync
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        prefix = "Import cancelled: " if report.cancelled else "Imported: "
        self.messages.info(
            prefix + report.summary() + (f". {sync.message}" if sync.message else "")
        )
        self.refused = report.refused
        if self.refused:
            n = len(self.refused)
            self.errors_button.setText(f"⚠ {n} file{'s' if n != 1 else ''} not imported")
            self.errors_button.show()
        else:
            self.errors_button.hide()
        self.libraryChanged.emit()
        self.importFinished.emit(report)
        if self.queued:
            self.add(self.queued.pop(0))

    def _failed(self, message: str, trace: str) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        self.messages.fail(message, trace)
        self.importFinished.emit(None)

    def show_problems(self) -> None:
        if not self.refused:
            QMessageBox.information(
                self.window, "Import problems", "The last import had no problems."
            )
            return
        rows = "".join(
            f"<tr><td>{html.escape(e.path)}</td><td>{html.escape(e.reason or '')}</td></tr>"
            for e in self.refused
        )
        box = QMessageBox(self.window)
        box.setWindowTitle("Files not imported")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(
            f"{count(len(self.refused), 'file')} could not be imported. Everything else was."
        )
        box.setInformativeText(
            "<table cellspacing=4><tr><th align=left>File</th><th align=left>Why</th></tr>"
            f"{rows}</table>"
        )
        box.open()

    # -- the index ----------------------------------------------------------------------------
    def update_index(self, rebuild: bool = False) -> None:
        """Bring the index up to date (from scratch with ``rebuild``), in the background."""
        if rebuild:
            self.messages.info("Rebuilding the search index…")
            self.progress.setRange(0, 0)
            self.progress.setFormat("Indexing…")
            self.progress.show()
        ws = self.workspace

        def job(ctx: JobContext) -> SyncReport:
            return ws.sync_index(rebuild, ctx.progress, ctx.cancelled, isolate=True)

        self.runner.start(job, self._synced, self.messages.fail, self._progress)

    def _synced(self, report: SyncReport) -> None:
        self.progress.hide()
        if report.message:
            self.messages.info(report.message)
        if report.changed:
            self.libraryChanged.emit()
