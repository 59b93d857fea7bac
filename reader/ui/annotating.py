"""The user's annotations in the window: opening (and protecting) the store, highlighting, notes
and tracked claims on a selection, editing and deleting with undo, the library-wide list, and
export. Each change is one store transaction and one undo step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from reader import backup
from reader.annotations import (
    Annotation,
    AnnotationStore,
    AnnotationStoreError,
    ReconcileReport,
    new_annotation,
    with_body,
)
from reader.ui.actions import Actions
from reader.ui.annotations_view import AnnotationsView
from reader.ui.article_view import ArticleView
from reader.ui.export_dialog import FORMATS as EXPORT_FORMATS
from reader.ui.export_dialog import ExportDialog
from reader.ui.layer_words import NOTE_COLOURS
from reader.ui.legend import swatch
from reader.ui.messages import Messages
from reader.ui.notes import AnnotationDialog, CreateCommand, DeleteCommand, EditCommand
from reader.ui.side_panel import SidePanel
from reader.ui.workers import JobContext, JobRunner
from reader.wording import count
from reader.workspace import ExportResult, Workspace


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection widened to whole words ("ut Beijing has refuse" → "But Beijing has
    refused"): a drag rarely starts or ends exactly at a word's edge."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


class AnnotationController(QObject):
    #: open an article at an annotation: article id, start, end
    openRequested = Signal(int, int, int)

    def __init__(
        self,
        workspace: Workspace,
        runner: JobRunner,
        messages: Messages,
        settings: QSettings,
        view: ArticleView,
        side: SidePanel,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.runner = runner
        self.messages = messages
        self.settings = settings
        self.view = view
        self.side = side
        self.window = window
        self.undo_stack = QUndoStack(self)
        self.store: AnnotationStore | None = None
        self.store_error: str | None = None
        self.damaged: tuple[str, Path] | None = None  # what was wrong, where the file was put
        self.all_view: AnnotationsView | None = None
        self.open_store()
        side.notes.noteActivated.connect(self.edit)
        side.notes.noteSelected.connect(view.flash)
        side.notes.deleteRequested.connect(self.delete)
        side.claims.trackRequested.connect(self.track_claim)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        view.viewport().installEventFilter(self)

    def connect_actions(self, actions: Actions) -> None:
        self.commands = actions
        actions.on("highlight", lambda: self.annotate("yellow"))
        actions.on("note", lambda: self.annotate("yellow", edit=True))
        actions.on("claim", lambda: self.annotate("orange", edit=True, claim=True))
        actions.on("export", self.export)
        actions.on("all_annotations", self.show_all)
        actions.on("undo", lambda: self._step(self.undo_stack.undo, "Undone"))
        actions.on("redo", lambda: self._step(self.undo_stack.redo, "Redone"))
        self.undo_stack.canUndoChanged.connect(actions["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(actions["redo"].setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda t: actions["undo"].setText(f"&Undo {t}".strip())
        )
        self.undo_stack.redoTextChanged.connect(
            lambda t: actions["redo"].setText(f"&Redo {t}".strip())
        )
        actions["undo"].setEnabled(False)
        actions["redo"].setEnabled(False)
        self._enable()

    def _step(self, step: Callable[[], None], done: str) -> None:
        """Undo or redo, and say so (the status bar must not go on saying "saved")."""
        text = (
            self.undo_stack.undoText() if done == "Undone" else self.undo_stack.redoText()
        ).lower()
        step()
        if text:
            self.messages.info(f"{done}: {text}.")

    def _enable(self) -> None:
        if not hasattr(self, "commands"):
            return
        for name in ("highlight", "note", "claim", "export", "all_annotations"):
            self.commands[name].setEnabled(self.store is not None)

    # -- the store ------------------------------------------------------------------------------
    def open_store(self) -> None:
        """The annotations, checked first; a damaged file was set aside and :meth:`offer_restore`
        asks what to do."""
        opened = self.workspace.open_annotations()
        self.store, self.store_error, self.damaged = opened.store, opened.error, opened.damaged
        self._enable()

    def close(self) -> None:
        if self.store is not None:
            store, self.store = self.store, None  # nothing may use it once closed
            store.close()

    def offer_restore(self) -> None:
        """Tell the user their annotations file was damaged and offer the newest backup."""
        if self.damaged is None:
            return
        problem, aside = self.damaged
        backups = backup.list_backups(self.workspace.where.annotations_db)
        text = (
            f"The annotations file was damaged ({problem}).\n\nIt has been kept unchanged as "
            f"{aside.name}, in {aside.parent}."
        )
        if backups:
            b = backups[0]
            held = "unreadable" if b.annotations is None else count(b.annotations, "annotation")
            answer = QMessageBox.question(
                self.window,
                "Annotations damaged",
                f"{text}\n\nRestore the backup of {b.day:%d %B %Y} ({held})?\n"
                "“No” starts with no annotations; the damaged file stays where it is.",
            )
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    backup.restore(b.path, self.workspace.where.annotations_db)
                except backup.BackupError as exc:
                    QMessageBox.warning(self.window, "Annotations", str(exc))
        else:
            QMessageBox.warning(
                self.window, "Annotations damaged", f"{text}\n\nThere is no backup to restore."
            )
        self.damaged = None
        self.open_store()
        self.refresh()
        if self.store is not None:
            self.messages.info("Annotations ready.")

    def start(self) -> None:
        """At start-up: the restore offer, or the annotations brought in line with the library."""
        if self.damaged is not None:
            QTimer.singleShot(0, self.offer_restore)
        elif self.store is not None and self.store.read_only:
            self.messages.info(
                f"Annotations can be read but not saved now: {self.store.read_only_reason}"
            )
        if self.store is not None and not self.store.read_only:
            self.follow_library()

    def follow_library(self) -> None:
        """Bring the annotations in line with the library in the background: found again by
        their articles' URIs, placed in changed texts (finishing what a crash interrupted)."""
        ws = self.workspace

        def done(report: ReconcileReport) -> None:
            if report.changed:
                self.refresh()

        self.runner.start(lambda _ctx: ws.follow_library(), done, self.messages.fail)

    def can_annotate(self) -> bool:
        if self.store is None:
            self.messages.warn(
                "Annotations cannot be saved: " + (self.store_error or "no annotation store")
            )
            return False
        return True

    # -- showing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the open article's annotations as they are in the store now."""
        article = self.view.article
        notes = (
            self.store.for_article(article.uri, article.text)
            if self.store is not None and article is not None
            else []
        )
        self.view.set_notes(notes)
        self.side.show_notes(article.text if article else "", notes)

    def show_all(self) -> None:
        """The library-wide annotations view (non-modal: read on while it is open)."""
        if not self.can_annotate():
            return
        assert self.store is not None
        view = AnnotationsView(self.store, self.workspace, self.window)
        view.openRequested.connect(self.openRequested)
        view.exportRequested.connect(lambda ids: self.export(ids))
        self.undo_stack.indexChanged.connect(
            lambda _i: view.refresh() if self.store is not None and view.isVisible() else None
        )
        self.all_view = view
        view.show()

    # -- changing ----------------------------------------------------------------------------------
    def annotate(
        self,
        colour: str,
        edit: bool = False,
        claim: bool = False,
        claimant: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        """Highlight the selected words (or ``span``); with ``edit``, open the note dialog."""
        article = self.view.article
        where = span or self.view.selected_range()
        if article is None or where is None:
            self.messages.info("Select some words in the article first.")
            return
        if not self.can_annotate():
            return
        assert self.store is not None
        start, end = snap_to_words(article.text, *where) if span is None else where
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
            dialog = AnnotationDialog(ann, article.text[start:end], self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            edited = self._with_bodies(ann, dialog)
            if edited is None:
                return
            ann = edited
        self._push(CreateCommand(self.store, self.refresh, ann))
        self.messages.info("Annotation saved.")

    def _with_bodies(self, ann: Annotation, dialog: AnnotationDialog) -> Annotation | None:
        try:
            return with_body(ann, **dialog.bodies())
        except (ValueError, TypeError) as exc:
            self.messages.warn(f"Not saved: {exc}")
            return None

    def edit(self, annotation_id: str) -> None:
        if self.store is None:
            return
        ann = self.store.get(annotation_id)
        if ann is None:
            return
        dialog = AnnotationDialog(ann, ann.quote.exact, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = self._with_bodies(ann, dialog)
        if new is not None and new != ann:
            self._push(EditCommand(self.store, self.refresh, ann, new))

    def delete(self, annotation_id: str) -> None:
        if self.store is None:
            return
        ann = self.store.get(annotation_id)
        if ann is not None:
            self._push(DeleteCommand(self.store, self.refresh, ann))
            self.messages.info("Annotation deleted (Ctrl+Z to undo).")

    def track_claim(self, start: int, end: int, claimant: str) -> None:
        """Promote a claim the analysis found to a tracked claim, keeping its claimant; the
        claim dialog opens, to give it a verdict, sources and a note."""
        self.annotate("orange", edit=True, claim=True, claimant=claimant or None, span=(start, end))

    def _push(self, command: QUndoCommand) -> None:
        try:
            self.undo_stack.push(command)  # runs redo(): the store write
        except AnnotationStoreError as exc:
            self.messages.warn(f"Not saved: {exc}")
            self.refresh()

    # -- export -----------------------------------------------------------------------------------
    def export(self, ids: tuple[str, ...] = ()) -> None:
        """Export annotations in a background job; the store is only read."""
        if not self.can_annotate():
            return
        article = self.view.article
        dialog = ExportDialog(self.settings, article.uri if article else None, self.window, ids=ids)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        fmt, filters, options = dialog.chosen()
        name = {"md": "annotations.md", "html": "annotations.html", "csv": "annotations.csv"}.get(
            fmt, f"annotations-{fmt}.jsonld"
        )
        start_dir = str(self.settings.value("export/dir", str(Path.home())))
        target, _ = QFileDialog.getSaveFileName(
            self.window, "Export annotations", str(Path(start_dir) / name), EXPORT_FORMATS[fmt][1]
        )
        if not target:
            return
        self.settings.setValue("export/dir", str(Path(target).parent))
        ws = self.workspace

        def job(_ctx: JobContext) -> ExportResult:
            return ws.export(fmt, filters, options, Path(target))

        def done(result: ExportResult) -> None:
            self.messages.info(f"Exported {count(result.count, 'annotation')} to {result.path}")
            if result.warnings:
                self.messages.warn("\n\n".join(result.warnings), "Exported, with warnings")

        self.messages.info("Exporting…")
        self.runner.start(job, done, self.messages.fail)

    # -- the article's context menu and clicks ----------------------------------------------------
    def _menu(self, pos: QPoint) -> None:
        view = self.view
        standard = view.createStandardContextMenu(pos)
        menu = QMenu(view)
        offset = view.offset_at(pos)
        here = view.notes_at(offset) if offset is not None else []
        if view.selected_range() is not None:
            colours = menu.addMenu("Highlight")
            for name, hexa in NOTE_COLOURS.items():
                act = colours.addAction(swatch(QColor(hexa)), name.capitalize())
                act.triggered.connect(lambda _c=False, n=name: self.annotate(n))
            menu.addAction(self.commands["note"])
            menu.addAction(self.commands["claim"])
            menu.addSeparator()
        for note in here:
            label = note.quote.exact[:30] + ("…" if len(note.quote.exact) > 30 else "")
            edit = menu.addAction(f"Edit Annotation “{label}”…")
            edit.triggered.connect(lambda _c=False, i=note.id: self.edit(i))
            delete = menu.addAction(f"Delete Annotation “{label}”")
            delete.triggered.connect(lambda _c=False, i=note.id: self.delete(i))
            menu.addSeparator()
        menu.addActions(standard.actions())
        menu.exec(view.viewport().mapToGlobal(pos))
        standard.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click (not a drag) on one of the user's highlights opens it for editing."""
        if (
            watched is self.view.viewport()
            and event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and self.view.selected_range() is None
        ):
            offset = self.view.offset_at(event.position().toPoint())
            here = self.view.notes_at(offset) if offset is not None else []
            if here:
                QTimer.singleShot(0, lambda i=here[0].id: self.edit(i))
        return super().eventFilter(watched, event)
