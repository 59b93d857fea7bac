"""Cards for the side pane: a heading (who), the words wrapped in full, and a line of detail —
what the Quotes, Claims and Notes tabs show, as Zotero's annotation sidebar or Hypothesis do,
instead of one-line table rows that cut a quotation to a few words."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

_Index = QModelIndex | QPersistentModelIndex
CardRole = Qt.ItemDataRole.UserRole + 20

#: Body text beyond this many lines is cut with an ellipsis (the tooltip has it whole).
BODY_LINES = 8


@dataclass(frozen=True)
class Card:
    key: Any  # what the card stands for (a span, an annotation id), given back on activation
    heading: str
    body: str
    meta: str = ""
    colour: str | None = None  # a bar down the left edge (the highlight's colour)
    muted: bool = False  # the heading is a placeholder ("speaker not found")
    tooltip: str = ""
    #: the body as safe HTML (a wording's changes marked up), instead of ``body`` as text
    body_html: str | None = None
    #: a warning over the heading (the same words given to someone else)
    flagged: bool = False


def rich_tooltip(text: str) -> str:
    """A tooltip that wraps (rich text is wrapped by Qt; plain text runs off the screen)."""
    return f"<qt><p style='white-space:pre-wrap'>{html.escape(text)}</p></qt>"


class CardModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []

    def set_cards(self, cards: list[Card]) -> None:
        self.beginResetModel()
        self.cards = list(cards)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == CardRole:
            return card
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.heading}: {card.body}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich_tooltip(card.tooltip or card.body)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{card.heading}. {card.body}. {card.meta}"
        return None


class CardDelegate(QStyledItemDelegate):
    PAD = 8
    BAR = 4

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        heading = QFont(option.font)
        heading.setWeight(QFont.Weight.DemiBold)
        meta = QFont(option.font)
        meta.setPointSizeF(option.font.pointSizeF() * 0.88)
        return heading, QFont(option.font), meta

    def _body(self, card: Card, font: QFont, width: int, colour: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(font)
        doc.setTextWidth(max(40, width))
        inner = card.body_html if card.body_html is not None else html.escape(card.body)
        doc.setHtml(f"<div style='color:{colour}'>{inner}</div>")
        return doc

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        full = view.viewport().width() if isinstance(view, QAbstractItemView) else 0
        return max(80, (full or option.rect.width() or 280) - 2 * self.PAD - self.BAR - 4)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        card: Card | None = index.data(CardRole)
        if card is None:
            return QSize(200, 20)
        heading, body, meta = self._fonts(option)
        width = self._width(option)
        lines = QFontMetrics(body).lineSpacing() * BODY_LINES
        height = min(int(self._body(card, body, width, "#000").size().height()) + 1, lines)
        height += QFontMetrics(heading).height() + 2 * self.PAD + 4
        if card.meta:
            height += QFontMetrics(meta).height() + 2
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        card: Card | None = index.data(CardRole)
        if card is None:
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        pal = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = pal.color(role)
        muted = text if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        heading_font, body_font, meta_font = self._fonts(option)
        rect: QRect = option.rect.adjusted(self.PAD + self.BAR, self.PAD, -self.PAD, -self.PAD)
        if card.colour:
            painter.fillRect(
                QRect(
                    option.rect.left() + 2,
                    option.rect.top() + 4,
                    self.BAR,
                    option.rect.height() - 8,
                ),
                QColor(card.colour),
            )
        fm = QFontMetrics(heading_font)
        painter.setFont(heading_font)
        painter.setPen(
            QColor("#b35900") if card.flagged and not selected else muted if card.muted else text
        )
        painter.drawText(
            rect.left(),
            rect.top() + fm.ascent(),
            fm.elidedText(card.heading, Qt.TextElideMode.ElideRight, rect.width()),
        )
        y = rect.top() + fm.height() + 2
        doc = self._body(card, body_font, rect.width(), text.name())
        lines = QFontMetrics(body_font).lineSpacing() * BODY_LINES
        shown = min(int(doc.size().height()) + 1, lines)
        painter.save()
        painter.translate(rect.left(), y)
        painter.setClipRect(QRect(0, 0, rect.width(), shown))
        doc.drawContents(painter)
        painter.restore()
        y += shown
        if card.meta:
            mfm = QFontMetrics(meta_font)
            painter.setFont(meta_font)
            painter.setPen(muted)
            painter.drawText(
                rect.left(),
                y + 2 + mfm.ascent(),
                mfm.elidedText(card.meta, Qt.TextElideMode.ElideRight, rect.width()),
            )
        painter.restore()
        painter.save()
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class CardList(QListView):
    """A list of :class:`Card`; a click or Enter gives back the card's key."""

    cardActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = CardModel()
        self.setModel(self.cards)
        self.setItemDelegate(CardDelegate(self))
        self.setUniformItemSizes(False)
        # cards are measured 40 at a time between events: an article with 1,500 quotations
        # shows its first cards at once instead of measuring every card first (0.7 s)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(40)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.clicked.connect(lambda index: self.cardActivated.emit(self.card(index.row()).key))
        self.activated.connect(lambda index: self.cardActivated.emit(self.card(index.row()).key))

    def set_cards(self, cards: list[Card]) -> None:
        self.cards.set_cards(cards)

    def card(self, row: int) -> Card:
        return self.cards.cards[row]

    def count(self) -> int:
        return len(self.cards.cards)

    def visible(self) -> list[Card]:
        return [c for n, c in enumerate(self.cards.cards) if not self.isRowHidden(n)]

    def filter(self, keep: Callable[[Card], bool]) -> None:
        for n, card in enumerate(self.cards.cards):
            self.setRowHidden(n, not keep(card))

    def current(self) -> Card | None:
        row = self.currentIndex().row()
        return self.card(row) if 0 <= row < self.count() else None

    def row_rect(self, row: int) -> QRect:
        return self.visualRect(self.cards.index(row))

    def resizeEvent(self, event: Any) -> None:  # wrapped heights change with the width
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()
