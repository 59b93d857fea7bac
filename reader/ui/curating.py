"""Keeping the library tidy from the window (Library menu): remove the open article or a
folder's worth, find duplicates and merge or hide them, show hidden articles again. The work
runs off the GUI thread; the reader is told what happens to their annotations before anything
is removed."""

from __future__ import annotations

import html
import os
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.curation import DuplicateGroup, Folder, HiddenArticle
from reader.ui.messages import Messages
from reader.ui.workers import JobContext, JobRunner
from reader.wording import count
from reader.workspace import Progress, RemoveResult, Workspace

KEEP_ROLE = Qt.ItemDataRole.UserRole + 1


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


class FolderDialog(QDialog):
    """Choose a folder the library's files came from."""

    def __init__(self, folders: list[Folder], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove Folder from Library")
        self.list = QListWidget()
        for f in folders:
            gone = f" ({f.missing} deleted)" if f.missing else ""
            item = QListWidgetItem(f"{f.path} — {count(f.articles, 'article')}{gone}")
            item.setData(Qt.ItemDataRole.UserRole, f.path)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Remove…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                "The articles imported from the folder (and its subfolders) leave the library;"
                " the files stay where they are.",
                wordWrap=True,
            )
        )
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        self.resize(640, 380)

    @property
    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


class DuplicatesDialog(QDialog):
    """Groups of articles with the same text or nearly; per group, the one to keep is ticked
    (the most annotated by default). Merge moves the others' annotations to it and hides them;
    Hide Others hides them with their annotations; Not Duplicates stops proposing the group."""

    def __init__(self, groups: list[DuplicateGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Duplicates")
        self.groups = groups
        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["Keep · title", "File", "Date", "Words", "Notes"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.summary = QLabel(wordWrap=True)
        self.merge_button = QPushButton("&Merge into the Ticked One")
        self.merge_button.setToolTip(
            "The others' annotations move to the ticked article; the others are hidden"
        )
        self.hide_button = QPushButton("&Hide the Others")
        self.hide_button.setToolTip("The others leave searches; their annotations stay on them")
        self.dismiss_button = QPushButton("&Not Duplicates")
        self.dismiss_button.setToolTip("Never propose these articles together again")
        self.open_button = QPushButton("&Open")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for b in (self.merge_button, self.hide_button, self.dismiss_button, self.open_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addLayout(row)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemChanged.connect(self._ticked)
        self.show_groups(groups)
        self.resize(900, 520)

    def show_groups(self, groups: list[DuplicateGroup]) -> None:
        self.groups = groups
        self.tree.blockSignals(True)
        self.tree.clear()
        for n, group in enumerate(groups):
            alike = (
                "the same text"
                if group.similarity >= 1.0
                else f"{round(group.similarity * 100)}% the same words"
            )
            head = QTreeWidgetItem([f"{count(len(group.articles), 'article')} · {alike}"])
            head.setData(0, Qt.ItemDataRole.UserRole, n)
            head.setFlags(head.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            keep = group.suggested.id
            for a in group.articles:
                item = QTreeWidgetItem(
                    [
                        a.title,
                        a.path,
                        a.date or "",
                        f"{a.words:,}",
                        str(a.annotations or ""),
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, n)
                item.setData(0, KEEP_ROLE, a.id)
                item.setCheckState(
                    0, Qt.CheckState.Checked if a.id == keep else Qt.CheckState.Unchecked
                )
                item.setToolTip(1, a.path)
                head.addChild(item)
            self.tree.addTopLevelItem(head)
            head.setExpanded(True)
        self.tree.blockSignals(False)
        for col in range(1, 5):
            self.tree.resizeColumnToContents(col)
        self.tree.setColumnWidth(0, 320)
        self.summary.setText(
            f"{count(len(groups), 'group')} of duplicates."
            if groups
            else "No duplicates: no two articles have the same or nearly the same text."
        )
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._enable()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        """One article per group is kept: ticking one unticks the others."""
        if column != 0 or item.checkState(0) != Qt.CheckState.Checked:
            return
        parent = item.parent()
        if parent is None:
            return
        self.tree.blockSignals(True)
        for i in range(parent.childCount()):
            other = parent.child(i)
            if other is not None and other is not item:
                other.setCheckState(0, Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self._enable()

    def current_group(self) -> int | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        value = item.data(0, Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def kept(self, n: int) -> int | None:
        head = self.tree.topLevelItem(n)
        if head is None:
            return None
        for i in range(head.childCount()):
            child = head.child(i)
            if child is not None and child.checkState(0) == Qt.CheckState.Checked:
                return int(child.data(0, KEEP_ROLE))
        return None

    def current_article(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, KEEP_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def _enable(self) -> None:
        n = self.current_group()
        has_keep = n is not None and self.kept(n) is not None
        self.merge_button.setEnabled(has_keep)
        self.hide_button.setEnabled(has_keep)
        self.dismiss_button.setEnabled(n is not None)
        self.open_button.setEnabled(self.current_article() is not None)


class HiddenDialog(QDialog):
    """The articles hidden as duplicates (or otherwise): show them again."""

    def __init__(self, hidden: list[HiddenArticle], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hidden Articles")
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for h in hidden:
            why = "merged into another" if h.kept else "hidden"
            gone = "" if os.path.exists(h.path) else " — the file is gone"
            item = QListWidgetItem(f"{h.title} — {h.path} ({why}, {h.since[:10]}){gone}")
            item.setData(Qt.ItemDataRole.UserRole, h.uri)
            self.list.addItem(item)
        note = QLabel(
            "Hidden articles are left out of the library and of later imports of their folder."
            if hidden
            else "No article is hidden.",
            wordWrap=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_button = buttons.addButton("&Show Again", QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_button.setEnabled(bool(hidden))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        if hidden:
            self.list.setCurrentRow(0)
        self.resize(720, 360)

    def chosen(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.list.selectedItems()]


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
