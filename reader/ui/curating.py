"""Keeping the library tidy from the window (Library menu): remove the open article or a
folder's worth, find duplicates and merge or hide them, show hidden articles again. The work
runs off the GUI thread; the reader is told what happens to their annotations before anything
is removed."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from reader.curation import DuplicateGroup
from reader.ui.curation_dialogs import DuplicatesDialog, FolderDialog, HiddenDialog
from reader.ui.messages import Messages
from reader.ui.workers import JobContext, JobRunner
from reader.wording import count
from reader.workspace import Progress, RemoveResult, Workspace


def _kept_words(n: int) -> str:
    if not n:
        return ""
    return (
        f" Your {count(n, 'annotation')} on them stay, listed under All Annotations as on an"
        " article not in the library, until you delete them; adding the file again puts them"
        " back on its words."
    )


def _done_words(result: RemoveResult, what: str) -> str:
    text = f"{what} {count(result.removed, 'article')}."
    if result.annotations_moved:
        text += f" {count(result.annotations_moved, 'annotation')} moved to the kept article."
    if result.annotations_kept:
        text += f" {count(result.annotations_kept, 'annotation')} kept."
    return text


class CurationController(QObject):
    def __init__(
        self,
        workspace: Workspace,
        runner: JobRunner,
        messages: Messages,
        open_article: Callable[[int], None],
        current_article: Callable[[], int | None],
        refresh: Callable[[], None],
        progress: Callable[[Progress], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.runner, self.messages = workspace, runner, messages
        self.open_article, self.current_article = open_article, current_article
        self.refresh, self.progress, self.window = refresh, progress, window
        #: asks the reader to confirm (title, text) -> yes; a seam for tests
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.duplicates: DuplicatesDialog | None = None

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- removing ---------------------------------------------------------------------------------
    def remove_article(self) -> None:
        """Library ▸ Remove Article from Library (Delete in the result list)."""
        article_id = self.current_article()
        if article_id is None:
            self.messages.info("Open an article first: it is the one removed.")
            return
        article = self.workspace.library().get(article_id)
        if article is None:
            return
        notes = self.workspace.annotation_counts().get(article.uri, 0)
        text = (
            f"Remove “{article.display_title}” from the library? The file stays at"
            f" {article.path}." + _kept_words(notes)
        )
        if self.confirm("Remove Article", text):
            self._remove([article_id], "Removed")

    def remove_folder(self) -> None:
        """Library ▸ Remove Folder from Library: every article imported from a folder."""
        folders = self.workspace.folders()
        if not folders:
            self.messages.info("The library is empty.")
            return
        dialog = FolderDialog(folders, self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        self.remove_under(dialog.chosen)

    def remove_under(self, folder: str) -> None:
        from reader.curation import articles_under

        ids = articles_under(self.workspace.library(), folder)
        if not ids:
            return
        summaries = self.workspace.library().summaries(ids)
        counts = self.workspace.annotation_counts()
        notes = sum(counts.get(m["uri"], 0) for m in summaries.values())
        text = (
            f"Remove the {count(len(ids), 'article')} imported from {folder} from the library?"
            " The files stay where they are." + _kept_words(notes)
        )
        if self.confirm("Remove Folder", text):
            self._remove(ids, "Removed")

    def _remove(self, ids: list[int], what: str) -> None:
        ws = self.workspace
        self.messages.info(f"Removing {count(len(ids), 'article')}…")

        def job(ctx: JobContext) -> RemoveResult:
            return ws.remove_articles(ids, ctx.progress)

        def done(result: RemoveResult) -> None:
            self.messages.info(_done_words(result, what))
            self.refresh()

        self.runner.start(job, done, self.messages.fail, self.progress)

    # -- duplicates -------------------------------------------------------------------------------
    def find_duplicates(self) -> None:
        """Library ▸ Find Duplicates: compared in the background, with a cancel."""
        ws = self.workspace
        busy = QProgressDialog("Comparing the articles…", "Cancel", 0, 0, self.window)
        busy.setWindowTitle("Find Duplicates")
        busy.setMinimumDuration(300)

        def job(ctx: JobContext) -> list[DuplicateGroup]:
            return ws.find_duplicates(ctx.progress, ctx.cancelled)

        def step(event: Progress) -> None:
            busy.setMaximum(event.total)
            busy.setValue(event.done)
            busy.setLabelText(f"Comparing the articles… {event.done:,} of {event.total:,}")

        def done(groups: list[DuplicateGroup]) -> None:
            busy.reset()
            if running.cancel_event.is_set():
                self.messages.info("Finding duplicates was cancelled.")
                return
            self.show_duplicates(groups)

        running = self.runner.start(job, done, self.messages.fail, step)
        busy.canceled.connect(running.cancel)

    def show_duplicates(self, groups: list[DuplicateGroup]) -> DuplicatesDialog:
        dialog = DuplicatesDialog(groups, self.window)
        dialog.merge_button.clicked.connect(lambda: self._settle(dialog, merge=True))
        dialog.hide_button.clicked.connect(lambda: self._settle(dialog, merge=False))
        dialog.dismiss_button.clicked.connect(lambda: self._dismiss(dialog))
        dialog.open_button.clicked.connect(lambda: self._open_from(dialog))
        dialog.tree.itemDoubleClicked.connect(lambda *_: self._open_from(dialog))
        self.duplicates = dialog
        dialog.show()
        return dialog

    def _open_from(self, dialog: DuplicatesDialog) -> None:
        article_id = dialog.current_article()
        if article_id is not None:
            self.open_article(article_id)

    def _settle(self, dialog: DuplicatesDialog, merge: bool) -> None:
        n = dialog.current_group()
        keep = dialog.kept(n) if n is not None else None
        if n is None or keep is None:
            return
        group = dialog.groups[n]
        others = [a for a in group.articles if a.id != keep]
        kept = next(a for a in group.articles if a.id == keep)
        notes = sum(a.annotations for a in others)
        titles = "".join(f"<li>{html.escape(a.path)}</li>" for a in others)
        if merge:
            text = (
                f"Keep “{html.escape(kept.title)}” ({html.escape(kept.path)}) and hide:"
                f"<ul>{titles}</ul>"
                + (f"Their {count(notes, 'annotation')} move to the kept article." if notes else "")
                + " Importing their folder again will pass them over (Library ▸ Hidden"
                " Articles shows them again)."
            )
        else:
            text = (
                f"Hide these duplicates of “{html.escape(kept.title)}”?<ul>{titles}</ul>"
                + (f"Their {count(notes, 'annotation')} stay with them." if notes else "")
                + " Library ▸ Hidden Articles shows them again."
            )
        if not self.confirm("Merge Duplicates" if merge else "Hide Duplicates", text):
            return
        ws = self.workspace
        ids = [a.id for a in others]

        def job(ctx: JobContext) -> RemoveResult:
            return ws.hide_duplicates(keep, ids, merge, ctx.progress)

        def done(result: RemoveResult) -> None:
            self.messages.info(_done_words(result, "Hid"))
            dialog.show_groups([g for i, g in enumerate(dialog.groups) if i != n])
            self.refresh()

        self.runner.start(job, done, self.messages.fail, self.progress)

    def _dismiss(self, dialog: DuplicatesDialog) -> None:
        n = dialog.current_group()
        if n is None:
            return
        self.workspace.not_duplicates(a.id for a in dialog.groups[n].articles)
        dialog.show_groups([g for i, g in enumerate(dialog.groups) if i != n])

    # -- hidden -----------------------------------------------------------------------------------
    def hidden_articles(self) -> None:
        """Library ▸ Hidden Articles: bring hidden ones back."""
        dialog = HiddenDialog(self.workspace.hidden.hidden(), self.window)
        if not dialog.exec():
            return
        self.show_again(dialog.chosen())

    def show_again(self, uris: list[str]) -> None:
        if not uris:
            return
        ws = self.workspace

        def job(ctx: JobContext) -> int:
            shown, _result = ws.show_again(uris, ctx.progress, ctx.cancelled)
            return len(shown)

        def done(shown: int) -> None:
            self.messages.info(f"{count(shown, 'article')} back in the library.")
            self.refresh()

        self.runner.start(job, done, self.messages.fail, self.progress)
