"""Article ▸ Review Cleaning: every block of the article as imported, checked when it is part of
the article. Unchecking a block sends it out as page furniture, checking a removed one brings it
back; the choice is the reader's and holds whenever the file is imported again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ingest import YOUR_CHOICE, BlockDecision
from reader.model import Article
from reader.ui.messages import Messages
from reader.ui.reading_panel import ReadingPanel
from reader.ui.workers import JobRunner
from reader.workspace import Workspace

KeyRole = Qt.ItemDataRole.UserRole + 1


class CleaningDialog(QDialog):
    def __init__(self, title: str, blocks: list[BlockDecision], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Review Cleaning")
        self.blocks = blocks
        self._reset: set[str] = set()
        removed = sum(len(b.text.split()) for b in blocks if not b.kept)
        intro = QLabel(
            f"<b>{_html(title)}</b><br>Checked blocks are the article; unchecked ones were left"
            f" out as page furniture ({removed:,} words). Check or uncheck to decide yourself —"
            " your choice holds whenever the file is imported again.",
            wordWrap=True,
        )
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName("Blocks of the article")
        for block in blocks:
            item = QListWidgetItem(_label(block))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if block.kept else Qt.CheckState.Unchecked)
            item.setData(KeyRole, block.key)
            item.setToolTip(f"<p>{_html(block.text)}</p>")
            if not block.kept:
                item.setForeground(QBrush(self.palette().placeholderText().color()))
            self.list.addItem(item)
        self.reset_button = QPushButton("Let the Cleaner Decide Again")
        self.reset_button.setToolTip("Forget your choices on this article's blocks")
        self.reset_button.setEnabled(any(b.chosen for b in blocks))
        self.reset_button.clicked.connect(self._forget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        self.resize(720, 560)

    def _forget(self) -> None:
        self._reset = {b.key for b in self.blocks if b.chosen}
        self.accept()

    def changes(self) -> dict[str, bool | None]:
        """What the reader decided: block key → keep (or ``None``: the rules decide again)."""
        if self._reset:
            return dict.fromkeys(self._reset)
        out: dict[str, bool | None] = {}
        for n, block in enumerate(self.blocks):
            item = self.list.item(n)
            keep = item.checkState() == Qt.CheckState.Checked
            if keep != block.kept:
                out[block.key] = keep
        return out


def _label(block: BlockDecision) -> str:
    text = " ".join(block.text.split())
    if len(text) > 400:
        text = text[:399] + "…"
    if block.chosen:
        return f"{text}\n— {YOUR_CHOICE}"
    return text if block.kept else f"{text}\n— left out: {block.why or 'page furniture'}"


def _html(text: str) -> str:
    import html

    return html.escape(text)


class CleaningController(QObject):
    """Library ▸ Review Cleaning: the dialog for the open article, and the reader's changes
    applied in the background (cleaned again, analysed, re-indexed, annotations placed)."""

    def __init__(
        self,
        workspace: Workspace,
        runner: JobRunner,
        messages: Messages,
        reading: ReadingPanel,
        done: Callable[[Article], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.runner, self.messages = workspace, runner, messages
        self.reading, self.done, self.window = reading, done, window
        self.dialog: CleaningDialog | None = None

    def review(self) -> None:
        article = self.reading.view.article
        if article is None:
            self.messages.info("Open an article first.")
            return
        dialog = CleaningDialog(
            article.display_title, self.workspace.block_decisions(article), self.window
        )
        self.dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changes = dialog.changes()
        if not changes:
            return
        ws = self.workspace
        self.messages.info("Cleaning the article again…")

        def finished(updated: Article) -> None:
            self.messages.info("The article was cleaned as you chose.")
            self.done(updated)

        self.runner.start(
            lambda _ctx: ws.choose_blocks(article, changes), finished, self.messages.fail
        )
