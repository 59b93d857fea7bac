"""The result list: a model over search hits and a delegate that draws title, meta and snippet."""

from __future__ import annotations

import html
import os
from collections import Counter, OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.model import SearchHit

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2
MetaRole = Qt.ItemDataRole.UserRole + 3
HitRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


#: Snippets are made for this many rows at a time: what the list shows before it scrolls.
PAGE = 20

SnippetFetcher = Callable[[list[SearchHit], Callable[[list[SearchHit]], None]], None]
#: asks for the hits after the first ``n`` (a search run again with a larger limit)
MoreFetcher = Callable[[int, Callable[[list[SearchHit], dict[int, str]], None]], None]


def _folder(path: str) -> str:
    """The folder a file is in, as a list shows it: ``archive/`` for ``…/archive/a.txt``."""
    parent = os.path.basename(os.path.dirname(path))
    return f"{parent}/" if parent else path


class ResultsModel(QAbstractListModel):
    """The hits of a search. Rows appear as their snippets are ready: the first page comes with
    the search, later pages are made in the background when the list scrolls to its end
    (``fetchMore``), so thousands of hits cost no more than the rows a reader looks at. A
    search brings its best hits; when the list reaches their end and more matched, the next
    ones are asked for (``more``), so every match can be reached by scrolling."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []
        self.shown = 0
        self.total = 0  # how many matched (the hits may be fewer: the best first)
        #: each hit's file (as imported), and how many hits share each title: two articles
        #: with one title are told apart by their folder
        self.files: dict[int, str] = {}
        self._titles: Counter[str] = Counter()
        self.fetcher: SnippetFetcher | None = None
        self.more: MoreFetcher | None = None
        self._fetching = False
        self._generation = 0

    def set_hits(
        self,
        hits: list[SearchHit],
        total: int | None = None,
        files: dict[int, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._generation += 1
        self._fetching = False
        self.hits = list(hits)
        self.files = dict(files or {})
        self._titles = Counter(h.title for h in self.hits)
        self.total = len(self.hits) if total is None else max(total, len(self.hits))
        self.shown = next((n for n, h in enumerate(self.hits) if h.snippet_pending), len(self.hits))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.shown

    def canFetchMore(self, parent: _Index) -> bool:
        if parent.isValid() or self._fetching or self.fetcher is None:
            return False
        return self.shown < len(self.hits) or (
            self.more is not None and len(self.hits) < self.total
        )

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent) or self.fetcher is None:
            return
        self._fetching = True
        generation = self._generation
        if self.shown >= len(self.hits) and self.more is not None:
            self.more(len(self.hits), lambda extra, files: self._add_hits(generation, extra, files))
            return
        start = self.shown
        page = self.hits[start : start + PAGE]
        self.fetcher(page, lambda done: self._add_page(generation, start, done))

    def _add_page(self, generation: int, start: int, page: list[SearchHit]) -> None:
        if generation != self._generation or start != self.shown:
            return  # a newer search has replaced these hits
        self._fetching = False
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self.hits[start : start + len(page)] = page
        self.shown = start + len(page)
        self.endInsertRows()

    def _add_hits(
        self, generation: int, extra: list[SearchHit], files: dict[int, str] | None = None
    ) -> None:
        """The hits after those held (the search run again for more), then their first page."""
        if generation != self._generation:
            return
        self._fetching = False
        held = {(h.article_id, h.quote_start) for h in self.hits}
        new = [h for h in extra if (h.article_id, h.quote_start) not in held]
        if not new:  # fewer matched than counted (an estimate, or the library changed)
            self.total = len(self.hits)
            return
        self.hits.extend(new)
        self.files.update(files or {})
        self._titles.update(h.title for h in new)
        self.fetchMore(QModelIndex())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == ArticleIdRole:
            return hit.article_id
        if role == SnippetRole:
            snippet = hit.snippet.marked("<b>", "</b>", html.escape)
            if hit.speaker is not None:  # a quote found by speaker: search
                who = html.escape(hit.speaker or "speaker not found")
                return f"<i>{who}:</i> “{snippet}”"
            return snippet
        if role == HitRole:
            return hit
        if role == MetaRole:
            where = self.files.get(hit.article_id)
            folder = _folder(where) if where and self._titles[hit.title] > 1 else None
            return "  ·  ".join(x for x in (hit.source, hit.date, folder) if x)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = self.files.get(hit.article_id)
            return f"{hit.title}\n{where}" if where else hit.title
        return None


class ResultDelegate(QStyledItemDelegate):
    """Title in bold, source and date muted, then up to three lines of snippet with hits in bold."""

    PAD = 8
    SNIPPET_LINES = 3
    #: Snippets laid out and kept for the next paints (see _snippet_document).
    KEPT = 256

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kept: OrderedDict[tuple[str, str, int, str], QTextDocument] = OrderedDict()

    def _snippet_document(self, html: str, font: QFont, width: int, colour: str) -> QTextDocument:
        """A snippet's document, laid out once: the list repaints its rows on every change of
        the current row, of the hover, of the busy state, and each paint made and laid out a
        document per row — a fifth of the window thread's time while searching as one types."""
        key = (html, font.key(), width, colour)
        doc = self._kept.get(key)
        if doc is not None:
            self._kept.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(font)
        doc.setTextWidth(width)
        doc.setHtml(f"<div style='color:{colour}'>{html}</div>")
        self._kept[key] = doc
        while len(self._kept) > self.KEPT:
            self._kept.popitem(last=False)
        return doc

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        meta = QFont(option.font)
        meta.setPointSizeF(option.font.pointSizeF() * 0.88)
        return title, meta, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title, meta, body = self._fonts(option)
        height = (
            QFontMetrics(title).height()
            + QFontMetrics(meta).height()
            + QFontMetrics(body).lineSpacing() * self.SNIPPET_LINES
            + 2 * self.PAD
            + 4
        )
        return QSize(option.rect.width() or 300, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        pal = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        title_font, meta_font, body_font = self._fonts(option)
        rect: QRect = option.rect.adjusted(self.PAD + 2, self.PAD, -self.PAD, -self.PAD)

        painter.setFont(title_font)
        painter.setPen(pal.color(text_role))
        fm = QFontMetrics(title_font)
        title = fm.elidedText(
            index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect.left(), rect.top() + fm.ascent(), title)
        y = rect.top() + fm.height()

        meta = index.data(MetaRole) or ""
        painter.setFont(meta_font)
        mfm = QFontMetrics(meta_font)
        muted = pal.color(text_role) if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        painter.drawText(
            rect.left(),
            y + mfm.ascent(),
            mfm.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width()),
        )
        y += mfm.height() + 2

        doc = self._snippet_document(
            index.data(SnippetRole) or "", body_font, rect.width(), pal.color(text_role).name()
        )
        lines = QFontMetrics(body_font).lineSpacing() * self.SNIPPET_LINES
        painter.translate(rect.left(), y)
        painter.setClipRect(QRect(0, 0, rect.width(), lines))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, pal.color(text_role))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        # a hairline between results
        painter.save()
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()
