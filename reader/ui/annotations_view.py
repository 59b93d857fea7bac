"""Library ▸ All Annotations: every annotation in the library, filterable by tag, verdict,
status, colour, actor and text, with counts; orphaned and approximate ones flagged for review.
Double-clicking one opens its article at it."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.annotations import STATUSES, Annotation, AnnotationStore, Filters, verdict_scale
from reader.ui.layer_words import NOTE_COLOURS
from reader.ui.legend import swatch
from reader.wording import count
from reader.workspace import Workspace

IdRole = Qt.ItemDataRole.UserRole + 1


def _combo(first: str, values: list[str]) -> QComboBox:
    box = QComboBox()
    box.addItem(first, None)
    for v in values:
        box.addItem(v, v)
    return box


class AnnotationsView(QDialog):
    openRequested = Signal(int, int, int)  # article id, start, end
    exportRequested = Signal(tuple)  # the ids of the annotations listed

    def __init__(self, store: AnnotationStore, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("All Annotations")
        self.store, self.workspace = store, workspace
        self.library = workspace.library()
        self.text = QLineEdit(placeholderText="words in the quote or the note")
        self.actor = QLineEdit(placeholderText="actor, e.g. Wang Yi")
        self.tag = _combo("any tag", [])
        self.verdict = _combo("any verdict", [v.label for v in verdict_scale().verdicts])
        self.status = _combo("any status", list(STATUSES))
        self.colour = _combo("any colour", list(NOTE_COLOURS))
        self.review = QCheckBox("Only those to review (not found, or placed approximately)")
        for w in (self.tag, self.verdict, self.status, self.colour):
            w.currentIndexChanged.connect(self.refresh)
        for e in (self.text, self.actor):
            e.textChanged.connect(self.refresh)
        self.review.toggled.connect(self.refresh)
        grid = QGridLayout()
        grid.addWidget(self.text, 0, 0, 1, 2)
        grid.addWidget(self.actor, 0, 2, 1, 2)
        grid.addWidget(self.tag, 1, 0)
        grid.addWidget(self.verdict, 1, 1)
        grid.addWidget(self.status, 1, 2)
        grid.addWidget(self.colour, 1, 3)
        grid.addWidget(self.review, 2, 0, 1, 4)
        self.counts = QLabel()
        self.export_button = QPushButton("Export These…")
        self.export_button.clicked.connect(
            lambda: self.exportRequested.emit(tuple(a.id for a in self.shown))
        )
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["", "Article", "Words", "Note", "Tags", "Verdict", "Status"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((80, 180, 200, 200, 100, 90, 90)):
            self.tree.setColumnWidth(col, width)
        self.tree.itemDoubleClicked.connect(self._open)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(self.counts, 1)
        row.addWidget(self.export_button)
        lay.addLayout(row)
        lay.addWidget(self.tree, 1)
        self.resize(1000, 600)
        self.shown: list[Annotation] = []
        self._ids: dict[str, int] = {}
        self._fill_tags()
        self.refresh()

    def _fill_tags(self) -> None:
        tags = Counter(t for a in self.store.iter_all() for t in a.tags)
        for tag, n in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0].casefold())):
            self.tag.addItem(f"{tag} ({n})", tag)

    def _about_actor(self, ann: Annotation, name: str) -> bool:
        wanted = name.casefold()
        if ann.claimant and wanted in ann.claimant.casefold():
            return True
        if wanted in ann.quote.exact.casefold():
            return True
        article_id = self._ids.get(ann.article_uri)
        article = self.library.get(article_id) if article_id is not None else None
        if article is None:
            return False
        return any(
            wanted in m.name.casefold() and m.start < ann.end and ann.start < m.end
            for m in self.workspace.layers(article).actors
        )

    def refresh(self) -> None:
        filters = Filters(
            tag=self.tag.currentData(),
            verdict=self.verdict.currentData(),
            status=self.status.currentData(),
            colour=self.colour.currentData(),
            text=self.text.text().strip() or None,
            anchor_states=("orphaned", "fuzzy") if self.review.isChecked() else (),
        )
        found = self.store.find(filters)
        # each annotation's article by its URI, where the library has it now
        self._ids = self.library.ids_of({a.article_uri for a in found})
        actor = self.actor.text().strip()
        if actor:
            found = [a for a in found if self._about_actor(a, actor)]
        self.shown = found
        titles = {
            i: (m["title"] or m["path"])
            for i, m in self.library.summaries(sorted(set(self._ids.values()))).items()
        }
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        for a in found:
            flag = {"orphaned": "⚠ not found", "fuzzy": f"≈ {a.anchor_score:.2f}"}.get(
                a.anchor_state, ""
            )
            item = QTreeWidgetItem(
                [
                    flag,
                    titles.get(self._ids.get(a.article_uri, -1), "(article not in the library)"),
                    " ".join(a.quote.exact.split())[:120],
                    " ".join(a.note.split())[:120],
                    ", ".join(a.tags),
                    a.verdict or "",
                    a.status or "",
                ]
            )
            item.setIcon(0, swatch(QColor(NOTE_COLOURS.get(a.colour or "yellow", "#fff176"))))
            item.setData(0, IdRole, a.id)
            item.setToolTip(2, a.quote.exact)
            item.setToolTip(3, a.note)
            self.tree.addTopLevelItem(item)
        self.tree.setSortingEnabled(True)
        claims = sum(1 for a in found if a.claim)
        review = sum(1 for a in found if a.anchor_state in ("orphaned", "fuzzy"))
        verdicts = Counter(a.verdict for a in found if a.verdict)
        parts = [count(len(found), "annotation"), count(claims, "claim")]
        if verdicts:
            parts.append(", ".join(f"{v}: {n}" for v, n in verdicts.most_common()))
        if review:
            parts.append(f"⚠ {review} to review")
        self.counts.setText(" · ".join(parts))
        self.export_button.setEnabled(bool(found))

    def _open(self, item: QTreeWidgetItem, _col: int) -> None:
        ann = next((a for a in self.shown if a.id == item.data(0, IdRole)), None)
        article_id = self._ids.get(ann.article_uri) if ann is not None else None
        if ann is not None and article_id is not None:
            self.openRequested.emit(article_id, ann.start, ann.end)
