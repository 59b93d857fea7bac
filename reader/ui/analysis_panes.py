"""The side pane's Quotes, Claims and Actors tabs, and the legend that toggles the layers.

They show the open article's analysis (its :class:`~reader.model.Layers`); clicking a row asks the
window to scroll to it (``spanActivated``) or, for an actor, to search the corpus for it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.model import Layers, LayerSpan
from reader.ui.article_view import LAYER_NAMES, LAYERS, actor_layer, describe
from reader.ui.theme import Colours

SpanRole = Qt.ItemDataRole.UserRole + 1
ALL = "All speakers"
TYPE_NAMES = {
    "person": "person",
    "organisation": "organisation",
    "country": "country",
    "place": "place",
}


class _SortItem(QTreeWidgetItem):
    """Sorts numbers as numbers (the score and mention columns)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        col = tree.sortColumn() if tree is not None else 0
        a, b = self.data(col, Qt.ItemDataRole.UserRole), other.data(col, Qt.ItemDataRole.UserRole)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a < b
        return self.text(col).casefold() < other.text(col).casefold()


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(False)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    return tree


def _combo() -> QComboBox:
    """A combo box that does not widen the pane to its longest entry."""
    box = QComboBox()
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    return box


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = (tree.topLevelItem(n) for n in range(tree.topLevelItemCount()))
    return [item for item in found if item is not None]


def _excerpt(text: str, span: LayerSpan, limit: int = 160) -> str:
    words = " ".join(text[span.start : span.end].split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


class _EmptyNote(QLabel):
    def __init__(self) -> None:
        super().__init__(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.setEnabled(False)
        self.setMargin(12)


class QuotesPane(QWidget):
    """Every direct quotation in the article with its speaker; filter by speaker."""

    spanActivated = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.speaker_box = _combo()
        self.speaker_box.setAccessibleName("Filter quotes by speaker")
        self.speaker_box.currentTextChanged.connect(self._apply_filter)
        self.tree = _tree(["Speaker", "Quote"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 130)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.empty = _EmptyNote()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.speaker_box)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.empty, 1)
        self.show("", Layers())

    def show(self, text: str, layers: Layers) -> None:  # type: ignore[override]
        self.tree.clear()
        quotes = layers.quotes
        counts = Counter(s.speaker or "(unknown)" for s in quotes)
        for sp in quotes:
            who = sp.speaker or "(unknown)"
            item = QTreeWidgetItem([who, _excerpt(text, sp)])
            item.setData(0, SpanRole, (sp.start, sp.end))
            item.setToolTip(0, describe(sp))
            item.setToolTip(1, " ".join(text[sp.start : sp.end].split()))
            if not sp.speaker:
                item.setForeground(0, self.palette().placeholderText())
            self.tree.addTopLevelItem(item)
        self.speaker_box.blockSignals(True)
        self.speaker_box.clear()
        self.speaker_box.addItem(ALL)
        for who, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            self.speaker_box.addItem(f"{who} ({n})", who)
        self.speaker_box.blockSignals(False)
        self.speaker_box.setVisible(bool(quotes))
        self.tree.setVisible(bool(quotes))
        self.empty.setVisible(not quotes)
        self.empty.setText("No direct quotations in this article." if text else "No article open.")

    def _apply_filter(self, _label: str) -> None:
        who = self.speaker_box.currentData()
        for item in _items(self.tree):
            item.setHidden(who is not None and item.text(0) != who)

    def _activate(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        start, end = item.data(0, SpanRole)
        self.spanActivated.emit(start, end)


SCORE_FILTERS = (("All claims", 0.0), ("Score ≥ 0.5", 0.5), ("Score ≥ 0.7", 0.7))


class ClaimsPane(QWidget):
    """Check-worthy statements with their claimant and score; sortable, filterable by score.
    A claim can be promoted to a tracked claim (an annotation) from its context menu."""

    spanActivated = Signal(int, int)
    trackRequested = Signal(int, int, str)  # start, end, claimant

    def __init__(self) -> None:
        super().__init__()
        self.score_box = _combo()
        self.score_box.setAccessibleName("Filter claims by score")
        for label, value in SCORE_FILTERS:
            self.score_box.addItem(label, value)
        self.score_box.currentIndexChanged.connect(self._apply_filter)
        self.tree = _tree(["Score", "Claimant", "Claim"])
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.tree.setColumnWidth(0, 54)
        self.tree.setColumnWidth(1, 120)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.track_action = QAction("Track This Claim", self.tree)
        self.track_action.setToolTip("Add it to your claims, with its claimant, to give a verdict")
        self.track_action.triggered.connect(self._track)
        self.tree.addAction(self.track_action)
        self.empty = _EmptyNote()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.score_box)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.empty, 1)
        self.show("", Layers())

    def show(self, text: str, layers: Layers) -> None:  # type: ignore[override]
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        claims = layers.claims
        for sp in claims:
            score = sp.score
            who = sp.claimant or ("(the article)" if sp.kind == "assertion" else "(unknown)")
            item = _SortItem([f"{score:.2f}", who, _excerpt(text, sp)])
            item.setData(0, Qt.ItemDataRole.UserRole, score)
            item.setData(0, SpanRole, (sp.start, sp.end))
            item.setData(1, SpanRole, sp.claimant or "")
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for col in range(3):
                item.setToolTip(col, describe(sp))
            self.tree.addTopLevelItem(item)
        self.tree.setSortingEnabled(True)
        self.tree.setVisible(bool(claims))
        self.score_box.setVisible(bool(claims))
        self.empty.setVisible(not claims)
        self.empty.setText("No claims found in this article." if text else "No article open.")
        self._apply_filter()

    def _track(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            start, end = item.data(0, SpanRole)
            self.trackRequested.emit(start, end, item.data(1, SpanRole) or "")

    def _apply_filter(self, *_: Any) -> None:
        least = float(self.score_box.currentData() or 0.0)
        for item in _items(self.tree):
            item.setHidden(float(item.data(0, Qt.ItemDataRole.UserRole)) < least)

    def _activate(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        start, end = item.data(0, SpanRole)
        self.spanActivated.emit(start, end)


class ActorsPane(QWidget):
    """The article's actors with type, mention count and aliases. Clicking one lists the
    articles that mention it; double-clicking jumps to its first mention here."""

    actorActivated = Signal(str)
    spanActivated = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.tree = _tree(["Actor", "Type", "Count", "Written as"])
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.tree.setColumnWidth(0, 112)
        self.tree.setColumnWidth(1, 90)
        self.tree.setColumnWidth(2, 42)
        self.tree.headerItem().setToolTip(2, "Mentions in this article")
        self.tree.itemClicked.connect(lambda item, _c: self.actorActivated.emit(item.text(0)))
        self.tree.itemDoubleClicked.connect(self._jump)
        self.hint = QLabel("Click an actor to list the articles that mention it.", wordWrap=True)
        self.hint.setEnabled(False)
        self.empty = _EmptyNote()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.hint)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.empty, 1)
        self.colours: Colours | None = None
        self.show("", Layers())

    def show(self, text: str, layers: Layers) -> None:  # type: ignore[override]
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        cast = layers.cast()  # each actor once, with the one type the core gives it
        first = {m.name: m for m in reversed(layers.actors)}
        for actor in cast:
            item = _SortItem(
                [
                    actor.name,
                    TYPE_NAMES.get(actor.type, actor.type),
                    str(actor.mentions),
                    ", ".join(actor.aliases),
                ]
            )
            item.setData(2, Qt.ItemDataRole.UserRole, actor.mentions)
            item.setData(0, SpanRole, actor.first)
            description = first[actor.name].description
            tip = f"{actor.name} — {actor.type}" + (f", {description}" if description else "")
            if actor.aliases:
                tip += f"\nAlso written: {', '.join(actor.aliases)}"
            item.setToolTip(0, tip)
            item.setToolTip(3, ", ".join(actor.aliases))
            if self.colours is not None:
                item.setIcon(
                    0, swatch(getattr(self.colours, actor_layer(actor.type), QColor("gray")))
                )
            self.tree.addTopLevelItem(item)
        mentions = bool(cast)
        self.tree.setSortingEnabled(True)
        self.tree.setVisible(bool(mentions))
        self.hint.setVisible(bool(mentions))
        self.empty.setVisible(not mentions)
        self.empty.setText("No actors found in this article." if text else "No article open.")

    def _jump(self, item: QTreeWidgetItem, _col: int) -> None:
        start, end = item.data(0, SpanRole)
        self.spanActivated.emit(start, end)


def swatch(colour: QColor, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(colour)
    return QIcon(pix)


class Legend(QToolBar):
    """One toggle per layer, each with its colour, above the article. A tool bar, so on a narrow
    window the toggles that do not fit move into its overflow menu instead of widening it."""

    toggled = Signal(str, bool)

    def __init__(self) -> None:
        super().__init__("Layers")
        self.setIconSize(QSize(12, 12))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setMovable(False)
        self.setFloatable(False)
        self.setStyleSheet("QToolBar { border: none; background: transparent; }")
        self.toggles: dict[str, QAction] = {}
        for layer in LAYERS:
            act = QAction(LAYER_NAMES[layer], self)
            act.setCheckable(True)
            act.setChecked(True)
            act.setToolTip(f"Show or hide {LAYER_NAMES[layer].lower()} in the article")
            act.toggled.connect(lambda on, name=layer: self.toggled.emit(name, on))
            self.toggles[layer] = act
            self.addAction(act)

    def set_colours(self, c: Colours) -> None:
        fills = {
            "person": c.person,
            "organisation": c.organisation,
            "place": c.place,
            "quotes": c.quote,
            "claims": c.claim,
            "notes": QColor("#fff176"),
            "hits": c.hit,
        }
        for layer, act in self.toggles.items():
            act.setIcon(swatch(fills[layer]))

    def set_state(self, shown: set[str]) -> None:
        for layer, act in self.toggles.items():
            act.blockSignals(True)
            act.setChecked(layer in shown)
            act.blockSignals(False)
