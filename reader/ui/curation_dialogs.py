"""The dialogs of Library ▸ Remove Folder, Find Duplicates and Hidden Articles."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.curation import DuplicateGroup, Folder, HiddenArticle
from reader.wording import count

KEEP_ROLE = Qt.ItemDataRole.UserRole + 1


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
