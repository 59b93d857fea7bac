"""The side pane's Quotes, Claims and Actors tabs, and the legend that toggles the layers.

They show the open article's analysis (its :class:`~reader.model.Layers`); clicking a row asks the
window to scroll to it (``spanActivated``) or, for an actor, to search the corpus for it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.model import ClaimSpan, Layers, LayerSpan
from reader.trace.text import normalise
from reader.ui.cards import Card, CardList
from reader.ui.layer_words import SPEAKER_FOUND, actor_layer, describe
from reader.ui.legend import swatch
from reader.ui.theme import Colours

SpanRole = Qt.ItemDataRole.UserRole + 1
ALL = "All speakers"
TYPE_NAMES = {
    "person": "person",
    "organisation": "organisation",
    "country": "country",
    "place": "place",
}


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


def _none_found(text: str, none: str, analysing: bool) -> str:
    """What an empty pane says: no article, an analysis still to come, or nothing found."""
    if not text:
        return "No article open."
    return "Analysing this article…" if analysing else none


class _EmptyNote(QLabel):
    def __init__(self) -> None:
        super().__init__(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.setEnabled(False)
        self.setMargin(12)


HOW = {k: f"speaker {v}" if v.startswith("from ") else v for k, v in SPEAKER_FOUND.items()}


class QuotesPane(QWidget):
    """Every direct quotation in the article, as a card with its speaker; filter by speaker.
    The speaker can be corrected from a card's context menu."""

    spanActivated = Signal(int, int)
    #: the reader sets who said it: kind ("quote"), start, end, the speaker shown now
    whoRequested = Signal(str, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.speaker_box = _combo()
        self.speaker_box.setAccessibleName("Filter quotes by speaker")
        self.speaker_box.currentTextChanged.connect(self._apply_filter)
        self.cards = CardList()
        self.cards.setAccessibleName("Quotations")
        self.cards.cardActivated.connect(lambda span: self.spanActivated.emit(*span))
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.who_action = QAction("Set Speaker…", self.cards)
        self.who_action.setToolTip("Say who said it (kept over later analyses)")
        self.who_action.triggered.connect(self._who)
        self.cards.addAction(self.who_action)
        self.empty = _EmptyNote()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.speaker_box)
        lay.addWidget(self.cards, 1)
        lay.addWidget(self.empty, 1)
        self.show("", Layers())

    def show(  # type: ignore[override]
        self,
        text: str,
        layers: Layers,
        repeated: dict[tuple[int, int], int] | None = None,
        analysing: bool = False,
    ) -> None:
        quotes = layers.quotes
        again = repeated or {}
        counts = Counter(q.speaker or "(unknown)" for q in quotes)
        self.cards.set_cards(
            [
                Card(
                    key=(q.start, q.end),
                    heading=q.speaker or "Speaker not found",
                    body=" ".join(text[q.start : q.end].split()),
                    meta=_meta(HOW.get(q.how, ""), again.get((q.start, q.end), 0)),
                    muted=not q.speaker,
                    tooltip=describe(q) + "\n\n" + " ".join(text[q.start : q.end].split()),
                )
                for q in quotes
            ]
        )
        self.speaker_box.blockSignals(True)
        self.speaker_box.clear()
        self.speaker_box.addItem(ALL)
        for who, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            self.speaker_box.addItem(f"{who} ({n})", who)
        self.speaker_box.blockSignals(False)
        self.cards.setVisible(bool(quotes))
        self.speaker_box.setVisible(bool(quotes))
        self.empty.setVisible(not quotes)
        self.empty.setText(_none_found(text, "No quotations in this article.", analysing))
        self._apply_filter("")

    def _who(self) -> None:
        card = self.cards.current()
        if card is not None:
            self.whoRequested.emit("quote", *card.key, "" if card.muted else card.heading)

    def _apply_filter(self, _label: str) -> None:
        who = self.speaker_box.currentData()
        if who is None:
            self.cards.filter(lambda _card: True)
        elif who == "(unknown)":
            self.cards.filter(lambda card: card.muted)
        else:
            self.cards.filter(lambda card: not card.muted and card.heading == who)


def _once_each(
    text: str, claims: list[ClaimSpan]
) -> tuple[list[ClaimSpan], Counter[tuple[int, int]]]:
    """Each claim once, where the article first makes it (a closing paragraph that repeats
    sentences word for word would list them twice), with how often it is made: the article's
    highlights still mark every place."""
    first: dict[tuple[str, str | None], ClaimSpan] = {}
    times: Counter[tuple[int, int]] = Counter()
    for c in claims:
        key = (normalise(text[c.start : c.end]), c.claimant)  # the Trace tab's key of a statement
        kept = first.setdefault(key, c)
        times[(kept.start, kept.end)] += 1
    return list(first.values()), times


def _meta(detail: str, elsewhere: int) -> str:
    """A card's line of detail, with how many other articles carry the statement."""
    badge = f"also in {elsewhere} other article{'s' if elsewhere != 1 else ''}" if elsewhere else ""
    return " · ".join(x for x in (badge, detail) if x)


SCORE_FILTERS = (
    ("All claims", 0.0),
    ("Claims scored 0.5 or more", 0.5),
    ("Claims scored 0.7 or more", 0.7),
)
DEFAULT_THRESHOLD = 0.5


class ClaimsPane(QWidget):
    """Check-worthy statements as cards with their claimant and score, the best first; by
    default those scored 0.5 or more. A claim becomes a tracked claim (an annotation, with the
    dialog to give it a verdict) from its context menu."""

    spanActivated = Signal(int, int)
    trackRequested = Signal(int, int, str)  # start, end, claimant
    #: the reader sets who claims it: kind ("claim"), start, end, the claimant shown now
    whoRequested = Signal(str, int, int, str)
    #: the score filter changed: the article's claim underlines follow it
    thresholdChanged = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.score_box = _combo()
        self.score_box.setAccessibleName("Filter claims by score")
        for label, value in SCORE_FILTERS:
            self.score_box.addItem(label, value)
        self.score_box.setCurrentIndex(self.score_box.findData(DEFAULT_THRESHOLD))
        self.score_box.setToolTip(
            "Which claims are listed here and underlined in the article: a politics article can"
            " have a claim-like sentence in every paragraph"
        )
        self.score_box.currentIndexChanged.connect(self._chosen)
        self.cards = CardList()
        self.cards.setAccessibleName("Claims")
        self.cards.cardActivated.connect(lambda key: self.spanActivated.emit(key[0], key[1]))
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.track_action = QAction("Track This Claim…", self.cards)
        self.track_action.setToolTip("Add it to your claims, with its claimant, to give a verdict")
        self.track_action.triggered.connect(self._track)
        self.cards.addAction(self.track_action)
        self.who_action = QAction("Set Claimant…", self.cards)
        self.who_action.setToolTip("Say who makes this claim (kept over later analyses)")
        self.who_action.triggered.connect(self._who)
        self.cards.addAction(self.who_action)
        self.empty = _EmptyNote()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.score_box)
        lay.addWidget(self.cards, 1)
        lay.addWidget(self.empty, 1)
        self.show("", Layers())

    @property
    def threshold(self) -> float:
        return float(self.score_box.currentData() or 0.0)

    def set_threshold(self, least: float) -> None:
        """Choose the filter nearest ``least`` (a remembered choice)."""
        values = [value for _label, value in SCORE_FILTERS]
        nearest = min(values, key=lambda v: abs(v - least))
        self.score_box.setCurrentIndex(self.score_box.findData(nearest))

    def show(  # type: ignore[override]
        self,
        text: str,
        layers: Layers,
        repeated: dict[tuple[int, int], int] | None = None,
        analysing: bool = False,
    ) -> None:
        self.text = text
        again = repeated or {}
        claims, times = _once_each(text, sorted(layers.claims, key=lambda c: (c.start, c.end)))
        claims.sort(key=lambda c: (-c.score, c.start))
        cards = []
        for c in claims:
            who = c.claimant or ("The article" if c.kind == "assertion" else "Claimant not found")
            reasons = ", ".join(c.reasons)
            n = times[(c.start, c.end)]
            here = f"{'twice' if n == 2 else f'{n} times'} in this article · " if n > 1 else ""
            cards.append(
                Card(
                    key=(c.start, c.end, c.claimant or "", c.score),
                    heading=who,
                    body=" ".join(text[c.start : c.end].split()),
                    meta=_meta(
                        here + f"score {c.score:.2f}" + (f" · {reasons}" if reasons else ""),
                        again.get((c.start, c.end), 0),
                    ),
                    muted=not c.claimant,
                    tooltip=describe(c) + "\n\n" + " ".join(text[c.start : c.end].split()),
                )
            )
        self.cards.set_cards(cards)
        self.cards.setVisible(bool(claims))
        self.score_box.setVisible(bool(claims))
        self.empty.setVisible(not claims)
        self.empty.setText(_none_found(text, "No claims found in this article.", analysing))
        self._apply_filter()

    def _who(self) -> None:
        card = self.cards.current()
        if card is not None:
            start, end, claimant, _score = card.key
            self.whoRequested.emit("claim", start, end, claimant)

    def _track(self) -> None:
        card = self.cards.current()
        if card is not None:
            start, end, claimant, _score = card.key
            self.trackRequested.emit(start, end, claimant)

    def _chosen(self, _index: int) -> None:
        self._apply_filter()
        self.thresholdChanged.emit(self.threshold)

    def _apply_filter(self, *_: Any) -> None:
        least = self.threshold
        self.cards.filter(lambda card: card.key[3] >= least)
        shown = len(self.cards.visible())
        total = self.cards.count()
        self.empty.setVisible((total > 0 and shown == 0) or total == 0)
        if total and not shown:
            self.empty.setText(f"No claim scores {least:.1f} or more here; choose All claims.")


class ActorsPane(QWidget):
    """The article's actors with type, mention count and aliases. Clicking one lists the
    articles that mention it; double-clicking jumps to its first mention here."""

    actorActivated = Signal(str)
    spanActivated = Signal(int, int)
    #: the reader corrects an actor's type (name, type) — everywhere, not only here
    typeCorrected = Signal(str, str)
    #: the reader says two actors are one (the other name, the actor it is, its type)
    mergeRequested = Signal(str, str, str)
    #: every quotation of this actor across the library (the Speaker view)
    speakerRequested = Signal(str)
    #: how often the library mentions this actor over time (the timeline)
    mentionsRequested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.tree = _tree(["Actor", "Type", "Count", "Written as"])
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.tree.setColumnWidth(0, 130)
        self.tree.setColumnWidth(1, 86)
        # "Count" and its sort arrow in full (42 px cut it to "Coun")
        self.tree.setColumnWidth(2, max(42, self.tree.header().sectionSizeHint(2)))
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

    def show(  # type: ignore[override]
        self, text: str, layers: Layers, analysing: bool = False
    ) -> None:
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        cast = layers.cast()  # each actor once, with the one type the core gives it
        first = {m.name: m for m in reversed(layers.actors)}
        for actor in cast:
            item = QTreeWidgetItem(
                [actor.name, TYPE_NAMES.get(actor.type, actor.type), "", ", ".join(actor.aliases)]
            )
            # a number, so Qt sorts the column as numbers itself (a Python comparison per
            # pair took 0.2 s for an article naming 1,500 actors)
            item.setData(2, Qt.ItemDataRole.DisplayRole, actor.mentions)
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
        self.empty.setText(_none_found(text, "No actors found in this article.", analysing))

    def _menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        name, current = item.text(0), item.text(1)
        menu = QMenu(self.tree)
        types = menu.addMenu("Correct Type (everywhere)")
        for kind in TYPE_NAMES:
            act = types.addAction(kind.capitalize())
            act.setCheckable(True)
            act.setChecked(kind == current)
            act.triggered.connect(lambda _c=False, k=kind: self.typeCorrected.emit(name, k))
        merge = menu.addMenu("Is the Same As")
        for other in _items(self.tree):
            if other is not item:
                act = merge.addAction(other.text(0))
                act.triggered.connect(
                    lambda _c=False, o=other: self.mergeRequested.emit(name, o.text(0), o.text(1))
                )
        merge.setEnabled(not merge.isEmpty())
        menu.addSeparator()
        quoted = menu.addAction("Quotations of This Speaker Across the Library…")
        quoted.triggered.connect(lambda: self.speakerRequested.emit(name))
        over_time = menu.addAction("Mentions Over Time")
        over_time.triggered.connect(lambda: self.mentionsRequested.emit(name))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _jump(self, item: QTreeWidgetItem, _col: int) -> None:
        start, end = item.data(0, SpanRole)
        self.spanActivated.emit(start, end)
